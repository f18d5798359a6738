/**
 * EliminateOffsets: offsets that skip nothing or everything.
 *
 *     Offset 0 child                          =>  child
 *     Offset n child (child has <= n rows)    =>  LocalRelation <child's output>, no rows
 */
import { localRelation } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { intLiteral, maxRows } from "../util/max-rows.ts";

export const EliminateOffsets: Rule = {
  name: "EliminateOffsets",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Offset") return undefined;
      const n = intLiteral(p.offset);
      if (n === undefined) return undefined;
      if (n === 0) return p.child;
      const m = maxRows(p.child);
      return m !== undefined && m <= n ? localRelation(outputOf(p.child), []) : undefined;
    }),
};
