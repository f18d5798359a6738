/**
 * PruneFilters: filters whose outcome is known before running them.
 *
 *     Filter true       =>  child
 *     Filter false/null =>  LocalRelation <child's output>, no rows
 *     Filter (c1 AND c2) where the child's constraints already imply c1  =>  Filter c2
 */
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { filter, localRelation } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import { constraintsOf } from "../constraints.ts";
import type { Rule } from "../rule.ts";
import { containsSemantic, deterministic } from "../util/expressions.ts";

export const PruneFilters: Rule = {
  name: "PruneFilters",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Filter") return undefined;
      const c = p.condition;
      if (c.kind === "Literal") {
        if (c.value === true) return p.child;
        if (c.value === false || c.value === null) return localRelation(outputOf(p.child), []);
      }
      const conjuncts = splitConjuncts(c);
      const known = constraintsOf(p.child);
      const rest = conjuncts.filter((x) => !(deterministic(x) && containsSemantic(known, x)));
      if (rest.length === conjuncts.length) return undefined;
      if (rest.length === 0) return p.child;
      const cond = conjoin(rest);
      return cond ? filter(cond, p.child) : p.child;
    }),
};
