/**
 * NullPropagation: expressions whose result is known from null inputs or nullability.
 *
 *     isnull(e) => false, isnotnull(e) => true            (e not nullable)
 *     null + a, a < null, -null, NOT null, cast(null) ... => null of the result type
 *     null <=> null => true       a <=> null => isnull(a)
 *     coalesce(null, a, null, b) => coalesce(a, b);  coalesce(a) => a
 *     null IN (...) => null       a IN () handled by OptimizeIn
 */
import type { Expression } from "../../expressions/expression.ts";
import { FALSE, isNull, literal, TRUE } from "../../expressions/factories.ts";
import { dataTypeOf, nullableOf } from "../../expressions/typing.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

const isNullLit = (e: Expression) => e.kind === "Literal" && e.value === null;

function nullOf(e: Expression): Expression {
  return literal(null, dataTypeOf(e));
}

export function propagateNulls(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "IsNull":
      return nullableOf(e.child) ? undefined : FALSE;
    case "IsNotNull":
      return nullableOf(e.child) ? undefined : TRUE;
    case "BinaryComparison":
      if (e.op === "<=>") {
        if (isNullLit(e.left) && isNullLit(e.right)) return TRUE;
        if (isNullLit(e.left)) return isNull(e.right);
        if (isNullLit(e.right)) return isNull(e.left);
        return undefined;
      }
      return isNullLit(e.left) || isNullLit(e.right) ? nullOf(e) : undefined;
    case "BinaryArithmetic":
    case "Like":
    case "RLike":
      return isNullLit(e.left) || isNullLit(e.right) ? nullOf(e) : undefined;
    case "UnaryMinus":
    case "Not":
    case "Cast":
    case "GetStructField":
      return isNullLit(e.child) ? nullOf(e) : undefined;
    case "GetArrayItem":
      return isNullLit(e.child) || isNullLit(e.ordinal) ? nullOf(e) : undefined;
    case "GetMapValue":
      return isNullLit(e.child) || isNullLit(e.key) ? nullOf(e) : undefined;
    case "In":
      return isNullLit(e.value) ? nullOf(e) : undefined;
    case "InSet":
      return isNullLit(e.child) ? nullOf(e) : undefined;
    case "Coalesce": {
      const kept = e.children.filter((c) => !isNullLit(c));
      // Children after the first non-nullable one are never reached.
      const firstNonNull = kept.findIndex((c) => !nullableOf(c));
      const used = firstNonNull >= 0 ? kept.slice(0, firstNonNull + 1) : kept;
      if (used.length === e.children.length) return undefined;
      if (used.length === 0) return nullOf(e);
      if (used.length === 1) return used[0];
      return Object.freeze({ ...e, children: used });
    }
    default:
      return undefined;
  }
}

export const NullPropagation: Rule = {
  name: "NullPropagation",
  apply: (plan) => transformAllExpressionsUp(plan, propagateNulls),
};
