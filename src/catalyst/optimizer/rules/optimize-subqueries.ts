/**
 * OptimizeSubqueries: runs the whole optimizer over the plans held by subquery
 * expressions (scalar, EXISTS, IN). A sort at the top of such a plan is dropped first:
 * none of these expressions can observe the order of its rows.
 */
import type { Expression } from "../../expressions/expression.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { OptimizerContext, Rule } from "../rule.ts";

function removeTopLevelSort(p: LogicalPlan): LogicalPlan {
  if (p.kind === "Sort") return removeTopLevelSort(p.child);
  if (p.kind === "Project") {
    const c = removeTopLevelSort(p.child);
    return c === p.child ? p : Object.freeze({ ...p, child: c });
  }
  return p;
}

/** The rule, given the optimizer to run (passed in to keep the import graph acyclic). */
export function optimizeSubqueriesRule(
  optimizePlan: (p: LogicalPlan, ctx: OptimizerContext) => LogicalPlan,
): Rule {
  return {
    name: "OptimizeSubqueries",
    apply: (plan, ctx) =>
      transformAllExpressionsUp(plan, (e): Expression | undefined => {
        if (e.kind !== "ScalarSubquery" && e.kind !== "Exists" && e.kind !== "ListQuery") {
          return undefined;
        }
        const optimized = optimizePlan(removeTopLevelSort(e.plan), ctx);
        return optimized === e.plan ? undefined : Object.freeze({ ...e, plan: optimized });
      }),
  };
}
