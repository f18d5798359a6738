/**
 * The analyzer's side of type coercion: the ANSI type lattice comes from
 * `src/types/coercion.ts` (re-exported here), and this file adds what works on
 * expressions: the implicit cast node and the decimal type of an integral literal.
 */
import {
  type DataType,
  type DecimalType,
  decimalType,
  isIntegral,
  sameTypeIgnoringNullability,
} from "../../../types/data-types.ts";
import type { Cast, Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";

export {
  findTightestCommonType,
  findWiderCommonType,
  findWiderTypeForTwo,
  widerDecimalType,
} from "../../../types/coercion.ts";

/** An implicit (analyzer-inserted) cast, invisible in generated names. */
export function implicitCast(
  e: Expression,
  to: DataType,
  timeZoneId: string | null = null,
): Expression {
  if (sameTypeIgnoringNullability(dataTypeOf(e), to)) return e;
  const c: Cast = Object.freeze({
    kind: "Cast",
    child: e,
    dataType: to,
    evalMode: "ANSI",
    timeZoneId,
    implicit: true,
  });
  return c;
}

/** The decimal type of an integral literal (Spark's DecimalType.fromLiteral). */
export function decimalForLiteral(e: Expression): DecimalType | undefined {
  if (e.kind !== "Literal" || !isIntegral(e.dataType) || e.value === null) return undefined;
  const v = typeof e.value === "bigint" ? e.value : BigInt(e.value as number);
  const digits = (v < 0n ? -v : v).toString().length;
  return decimalType(Math.max(digits, 1), 0);
}
