/**
 * OptimizeSubqueries: runs the whole optimizer over the plans held by subquery
 * expressions (scalar, EXISTS, IN). A sort at the top of such a plan is dropped first:
 * none of these expressions can observe the order of its rows.
 *
 * For EXISTS and IN, correlated predicates are pulled out before optimizing (Spark's
 * PullupCorrelatedPredicates runs before OptimizeSubqueries) and put back as one filter
 * at the top of the optimized plan, where the subquery rewrites turn them into join
 * conditions. So the inner optimization neither pushes nor infers from them.
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { OptimizerContext, Rule } from "../rule.ts";
import { decorrelate } from "../util/decorrelate.ts";

function removeTopLevelSort(p: LogicalPlan): LogicalPlan {
  if (p.kind === "Sort") return removeTopLevelSort(p.child);
  if (p.kind === "Project") {
    const c = removeTopLevelSort(p.child);
    return c === p.child ? p : Object.freeze({ ...p, child: c });
  }
  return p;
}

/** Turns the outer attributes of pulled-up predicates back into outer references. */
function reattachOuter(e: Expression, outerIds: ReadonlySet<number>): Expression {
  return transformUp(e, (x) =>
    x.kind === "AttributeReference" && outerIds.has(x.exprId)
      ? Object.freeze({ kind: "OuterReference", child: x })
      : undefined,
  );
}

function optimizeSubqueryPlan(
  plan: LogicalPlan,
  outerAttrs: readonly Expression[],
  ctx: OptimizerContext,
  optimizePlan: (p: LogicalPlan, ctx: OptimizerContext) => LogicalPlan,
): LogicalPlan {
  const base = removeTopLevelSort(plan);
  const d = decorrelate(base);
  if (!d || d.predicates.length === 0) return optimizePlan(base, ctx);
  const outerIds = new Set<number>();
  for (const a of outerAttrs) {
    transformUp(a, (x) => {
      if (x.kind === "AttributeReference") outerIds.add(x.exprId);
      return undefined;
    });
  }
  const optimized = optimizePlan(d.plan, ctx);
  const cond = conjoin(d.predicates.map((p) => reattachOuter(p, outerIds)));
  return cond ? filter(cond, optimized) : optimized;
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
        // A scalar subquery keeps its correlation while optimized: its rewrite needs the
        // aggregate on top to know the value for outer rows without a match (count = 0),
        // which pulling the predicates out first would let empty-relation pruning erase.
        const optimized =
          e.kind === "ScalarSubquery"
            ? optimizePlan(removeTopLevelSort(e.plan), ctx)
            : optimizeSubqueryPlan(e.plan, e.outerAttrs, ctx, optimizePlan);
        return optimized === e.plan ? undefined : Object.freeze({ ...e, plan: optimized });
      }),
  };
}
