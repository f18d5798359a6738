/**
 * Comparison and boolean operand coercion under ANSI: both sides of `=`, `<`, ... take
 * their wider common type (`b = 1` with string b compares as bigint, `s = DATE'...'` as
 * date); AND/OR/NOT operands of another type are widened alike and strings become
 * boolean. Incompatible operands are left alone for CheckAnalysis to report.
 */
import { BooleanT, sameTypeIgnoringNullability } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { coercionRule } from "./coercion-rule.ts";
import { findWiderTypeForTwo, implicitCast } from "./common-type.ts";

function toBoolean(e: Expression): Expression {
  const t = dataTypeOf(e);
  return t.kind === "string" || t.kind === "null" ? implicitCast(e, BooleanT) : e;
}

export function coerceComparison(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "BinaryComparison":
    case "And":
    case "Or": {
      const l = dataTypeOf(e.left);
      const r = dataTypeOf(e.right);
      let left = e.left;
      let right = e.right;
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
