/**
 * CombineUnions: nested unions of the same kind become one n-ary union.
 *
 *     Union (Union a, b), c   =>   Union a, b, c
 *
 * The output is the first child's either way, so ids above stay valid.
 */
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export const CombineUnions: Rule = {
  name: "CombineUnions",
  apply: (plan) =>
    transformPlanDown(plan, (p) => {
      if (p.kind !== "Union") return undefined;
      if (!p.children.some((c) => c.kind === "Union" && c.byName === p.byName)) return undefined;
      const flat: LogicalPlan[] = [];
      const visit = (c: LogicalPlan) => {
        if (
          c.kind === "Union" &&
          c.byName === p.byName &&
          c.allowMissingColumns === p.allowMissingColumns
        ) {
          for (const g of c.children) visit(g);
        } else flat.push(c);
      };
      for (const c of p.children) visit(c);
      return Object.freeze({ ...p, children: flat });
    }),
};
