/**
 * GlobalAggregates: a select list with aggregate functions and no GROUP BY is an
 * aggregation over the whole input.
 *
 *   Project [sum(a#1) AS sum(a)#3]     =>    Aggregate [sum(a#1) AS sum(a)#3]
 *   +- child                                 +- child
 */
import { aggregate } from "../plans/factories.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { containsAggregate } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

export const GlobalAggregates: AnalyzerRule = {
  name: "GlobalAggregates",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Project" && p.projectList.some(containsAggregate)
        ? aggregate([], p.projectList, p.child)
        : undefined,
    ),
};
