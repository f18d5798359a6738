/**
 * PushDownPredicates: CombineFilters, PushPredicateThroughNonJoin and
 * PushPredicateThroughJoin applied together in one top-down pass, so a filter travels as
 * far down as it can in one application (Spark's PushDownPredicates).
 */
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { combineFilters } from "./combine-filters.ts";
import { pushPredicateThroughJoin } from "./push-predicate-through-join.ts";
import { pushPredicateThroughNonJoin } from "./push-predicate-through-non-join.ts";

export function pushDownPredicate(p: LogicalPlan): LogicalPlan | undefined {
  return combineFilters(p) ?? pushPredicateThroughNonJoin(p) ?? pushPredicateThroughJoin(p);
}

export const PushDownPredicates: Rule = {
  name: "PushDownPredicates",
  apply: (plan) => transformPlanDown(plan, pushDownPredicate),
};
