/**
 * Comparison and boolean operand coercion under ANSI: both sides of `=`, `<`, ... take
 * their wider common type (`b = 1` with string b compares as bigint, `s = DATE'...'` as
 * date); AND/OR/NOT operands of another type are widened alike and strings become
 * boolean. Incompatible operands are left alone for CheckAnalysis to report.
 */
import {
  BooleanT,
  type DataType,
  decimalForIntegral,
  isIntegral,
  LongT,
  sameTypeIgnoringNullability,
} from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { literal } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { coercionRule } from "./coercion-rule.ts";
import { decimalForLiteral, findWiderTypeForTwo, implicitCast } from "./common-type.ts";

function toBoolean(e: Expression): Expression {
  const t = dataTypeOf(e);
  return t.kind === "string" || t.kind === "null" ? implicitCast(e, BooleanT) : e;
}

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

function decimalLiteral(e: Expression): { unscaled: bigint; scale: number } | undefined {
  if (e.kind !== "Literal" || e.dataType.kind !== "decimal" || typeof e.value !== "bigint")
    return undefined;
  return { unscaled: e.value, scale: e.dataType.scale };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * Spark's DecimalPrecision rewrite of an integral expression compared with a decimal
 * literal: the literal becomes a bigint bound (`10.5 > i` is `11 > i`, `i > 10.5` is
 * `i > 10`), or the comparison a constant when the literal is outside the bigint range.
 */
function integralVersusDecimalLiteral(
  e: Extract<Expression, { kind: "BinaryComparison" }>,
): Expression | undefined {
  if (e.op === "=" || e.op === "<=>") return undefined;
  const leftLit = decimalLiteral(e.left);
  const rightLit = decimalLiteral(e.right);
  const lit =
    rightLit && isIntegral(dataTypeOf(e.left))
      ? rightLit
      : leftLit && isIntegral(dataTypeOf(e.right))
        ? leftLit
        : undefined;
  if (!lit) return undefined;
  const litOnRight = lit === rightLit;
  const p = 10n ** BigInt(Math.max(0, lit.scale));
  const floor = floorDiv(lit.unscaled, p);
  const ceil = -floorDiv(-lit.unscaled, p);
  // Normalise to `i op v`.
  const op = litOnRight ? e.op : ({ ">": "<", ">=": "<=", "<": ">", "<=": ">=" } as const)[e.op];
  if (lit.unscaled < MIN_LONG * p) return literal(op === ">" || op === ">=", BooleanT);
  if (lit.unscaled > MAX_LONG * p) return literal(op === "<" || op === "<=", BooleanT);
  const l = literal(op === ">" || op === "<=" ? floor : ceil, LongT);
  return Object.freeze({ ...e, left: litOnRight ? e.left : l, right: litOnRight ? l : e.right });
}

function toDecimal(x: Expression, t: DataType): Expression {
  return implicitCast(x, decimalForLiteral(x) ?? (decimalForIntegral(t) as DataType));
}

export function coerceComparison(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "BinaryComparison":
    case "And":
    case "Or": {
      if (e.kind === "BinaryComparison") {
        const rewritten = integralVersusDecimalLiteral(e);
        if (rewritten) return rewritten;
      }
      const l = dataTypeOf(e.left);
      const r = dataTypeOf(e.right);
      let left = e.left;
      let right = e.right;
      if (e.kind === "BinaryComparison" && isIntegral(l) && r.kind === "decimal") {
        // First the integral side becomes a decimal of its own precision, then both widen
        // (Spark's DecimalPrecision: `cast(cast(a as decimal(10,0)) as decimal(11,1))`).
        return Object.freeze({ ...e, left: toDecimal(left, l) });
      }
      if (e.kind === "BinaryComparison" && l.kind === "decimal" && isIntegral(r)) {
        return Object.freeze({ ...e, right: toDecimal(right, r) });
      }
      if (!sameTypeIgnoringNullability(l, r)) {
        const w = findWiderTypeForTwo(l, r);
        if (w) {
          left = implicitCast(left, w);
          right = implicitCast(right, w);
        }
      }
      if (e.kind !== "BinaryComparison") {
        left = toBoolean(left);
        right = toBoolean(right);
      }
      return left === e.left && right === e.right
        ? undefined
        : Object.freeze({ ...e, left, right });
    }
    case "Not": {
      const c = toBoolean(e.child);
      return c === e.child ? undefined : Object.freeze({ ...e, child: c });
    }
    default:
      return undefined;
  }
}

export const ComparisonCoercion = coercionRule("ComparisonCoercion", coerceComparison);
