/**
 * CombineFilters: two adjacent filters become one, dropping upper conjuncts the lower
 * filter already checks. The lower condition must be deterministic (merging would
 * otherwise change the rows it is evaluated on) and comes first in the conjunction.
 *
 *     Filter c1                  =>   Filter (c2 AND c1')
 *     +- Filter c2                    +- child
 *        +- child
 */
import { and, splitConjuncts } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { containsSemantic, deterministic } from "../util/expressions.ts";

export function combineFilters(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind !== "Filter" || p.child.kind !== "Filter") return undefined;
  const lower = p.child;
  if (!deterministic(lower.condition)) return undefined;
  const lowerConjuncts = splitConjuncts(lower.condition);
  const extra = splitConjuncts(p.condition).filter(
    (c) => !(deterministic(c) && containsSemantic(lowerConjuncts, c)),
  );
  if (extra.length === 0) return lower;
  const upper = extra.reduce((acc, e) => and(acc, e));
  return filter(and(lower.condition, upper), lower.child);
}

export const CombineFilters: Rule = {
  name: "CombineFilters",
  apply: (plan) => transformPlanUp(plan, combineFilters),
};
