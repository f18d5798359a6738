/**
 * ReplaceDistinctWithAggregate: DISTINCT is a grouping on every column.
 *
 *     Distinct x   =>   Aggregate [x's columns], [x's columns] x
 */
import { aggregate } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export const ReplaceDistinctWithAggregate: Rule = {
  name: "ReplaceDistinctWithAggregate",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Distinct") return undefined;
      const out = outputOf(p.child);
      return aggregate(out, out, p.child);
    }),
};
