/**
 * Arithmetic operand coercion (Spark's DecimalPrecision, DivisionRule, IntegralDivision and
 * ImplicitTypeCasts under ANSI):
 *   int + double           -> cast(int as double) + double
 *   int + string           -> cast(int as bigint) + cast(string as bigint)
 *   int / int              -> cast(a as double) / cast(b as double)
 *   int div int            -> cast(a as bigint) div cast(b as bigint)
 *   bigint * 2.5BD         -> cast(a as decimal(20,0)) * 2.5 (integral literals: their digits)
 *   decimal + double       -> double + double
 */
import {
  type DataType,
  DoubleT,
  decimalForIntegral,
  isIntegral,
  isNumeric,
  LongT,
  sameTypeIgnoringNullability,
} from "../../../types/data-types.ts";
import type { BinaryArithmetic, Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { coercionRule } from "./coercion-rule.ts";
import { decimalForLiteral, findWiderTypeForTwo, implicitCast } from "./common-type.ts";

function rebuild(e: BinaryArithmetic, left: Expression, right: Expression): Expression | undefined {
  if (left === e.left && right === e.right) return undefined;
  return Object.freeze({ ...e, left, right });
}

function toDecimalOperand(x: Expression, t: DataType): Expression {
  if (!isIntegral(t)) return x;
  const d = decimalForLiteral(x) ?? decimalForIntegral(t);
  return d ? implicitCast(x, d) : x;
}

export function coerceArithmetic(e: Expression): Expression | undefined {
  if (e.kind === "UnaryMinus") {
    // Strings and NULL take NUMERIC's default type, double (`- NULL` is a double).
    const k = dataTypeOf(e.child).kind;
    return k === "string" || k === "null"
      ? Object.freeze({ ...e, child: implicitCast(e.child, DoubleT) })
      : undefined;
  }
  if (e.kind !== "BinaryArithmetic") return undefined;
  let l = dataTypeOf(e.left);
  let r = dataTypeOf(e.right);
  let left = e.left;
  let right = e.right;
  // Strings (and nulls) first take the other operand's family.
  if (l.kind === "string" || r.kind === "string" || l.kind === "null" || r.kind === "null") {
    if (!sameTypeIgnoringNullability(l, r)) {
      const w = findWiderTypeForTwo(l, r);
      if (w && (isNumeric(w) || w.kind === "null")) {
        left = implicitCast(left, w);
        right = implicitCast(right, w);
        l = w;
        r = w;
      }
    }
  }
  if (e.op === "div") {
    const toLong = (x: Expression, t: DataType) =>
      t.kind === "byte" || t.kind === "short" || t.kind === "integer" ? implicitCast(x, LongT) : x;
    return rebuild(e, toLong(left, l), toLong(right, r));
  }
  if (l.kind === "decimal" || r.kind === "decimal") {
    if (
      (l.kind === "decimal" && (r.kind === "float" || r.kind === "double")) ||
      (r.kind === "decimal" && (l.kind === "float" || l.kind === "double"))
    ) {
      return rebuild(e, implicitCast(left, DoubleT), implicitCast(right, DoubleT));
    }
    return rebuild(e, toDecimalOperand(left, l), toDecimalOperand(right, r));
  }
  if (e.op === "/" && isNumeric(l) && isNumeric(r)) {
    return rebuild(e, implicitCast(left, DoubleT), implicitCast(right, DoubleT));
  }
  if (!sameTypeIgnoringNullability(l, r)) {
    const w = findWiderTypeForTwo(l, r);
    if (w) return rebuild(e, implicitCast(left, w), implicitCast(right, w));
  }
  return rebuild(e, left, right);
}

export const ArithmeticCoercion = coercionRule("ArithmeticCoercion", coerceArithmetic);
