/**
 * OptimizeOneRowPlan: over at most one row, ordering and grouping do nothing.
 *
 *     Sort (child of at most 1 row)   =>   child
 *
 * (Spark also turns grouped aggregates over one row into projections; that needs each
 * function's one-row value, which is left to the function library.)
 */
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { maxRows } from "../util/max-rows.ts";

export const OptimizeOneRowPlan: Rule = {
  name: "OptimizeOneRowPlan",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Sort") return undefined;
      const m = maxRows(p.child);
      return m !== undefined && m <= 1 ? p.child : undefined;
    }),
};
