/**
 * SimplifyConditionals: IF and CASE WHEN with constant conditions or equal branches.
 *
 *     if(true, a, b) => a          if(false|null, a, b) => b       if(c, a, a) => a
 *     if(c, true, false) => c      (c not nullable)
 *     CASE WHEN false THEN x WHEN c THEN y END => CASE WHEN c THEN y END
 *     CASE WHEN true THEN x ... END => x
 *     CASE WHEN c THEN x WHEN true THEN y WHEN d THEN z END => CASE WHEN c THEN x ELSE y END
 *     CASE (no branches left) ELSE e END => e (or a typed null)
 */
import type { Expression } from "../../expressions/expression.ts";
import { literal } from "../../expressions/factories.ts";
import { dataTypeOf, isDeterministic, nullableOf } from "../../expressions/typing.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { semanticEquals } from "../util/expressions.ts";

const isTrue = (e: Expression) => e.kind === "Literal" && e.value === true;
const isFalseOrNull = (e: Expression) =>
  e.kind === "Literal" && (e.value === false || e.value === null);

export function simplifyConditional(e: Expression): Expression | undefined {
  if (e.kind === "If") {
    if (isTrue(e.predicate)) return e.trueValue;
    if (isFalseOrNull(e.predicate)) return e.falseValue;
    if (isDeterministic(e.predicate) && semanticEquals(e.trueValue, e.falseValue)) {
      return e.trueValue;
    }
    if (isTrue(e.trueValue) && e.falseValue.kind === "Literal" && e.falseValue.value === false) {
      if (!nullableOf(e.predicate) && isDeterministic(e.predicate)) return e.predicate;
    }
    return undefined;
  }
  if (e.kind !== "CaseWhen") return undefined;
  const kept = e.branches.filter(([w]) => !isFalseOrNull(w));
  let branches = kept;
  let elseValue = e.elseValue;
  const firstTrue = kept.findIndex(([w]) => isTrue(w));
  if (firstTrue === 0) return kept[0]?.[1];
  if (firstTrue > 0) {
    branches = kept.slice(0, firstTrue);
    elseValue = kept[firstTrue]?.[1] ?? null;
  }
  if (branches.length === 0) return elseValue ?? literal(null, dataTypeOf(e));
  if (branches.length === e.branches.length && elseValue === e.elseValue) return undefined;
  return Object.freeze({ ...e, branches, elseValue });
}

export const SimplifyConditionals: Rule = {
  name: "SimplifyConditionals",
  apply: (plan) => transformAllExpressionsUp(plan, simplifyConditional),
};
