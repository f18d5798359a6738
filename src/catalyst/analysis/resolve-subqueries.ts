/**
 * ResolveSubqueries: analyzes the plans of scalar, EXISTS and IN subqueries with the
 * enclosing node's input as the outer scope. Names that resolve only in the outer query
 * become `outer(a#1)` references, and the subquery records them in `outerAttrs`.
 *
 *   Filter exists#5 []                                 Filter exists#5 [a#1]
 *   :  +- Filter ('y.a = 't.a)                 =>      :  +- Filter (a#9 = outer(a#1))
 */
import type { Expression } from "../expressions/expression.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { foreachExpr, transformUp } from "../trees/expression-tree.ts";
import {
  collectPlans,
  mapExpressions,
  planExpressions,
  transformPlanUp,
} from "../trees/plan-tree.ts";
import type { AnalyzerContext } from "./context.ts";
import { newInstance } from "./deduplicate-relations.ts";
import { childrenResolved, inputOf, isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

/** Set by analyzer.ts to break the import cycle (the subquery runs the whole analyzer). */
let analyzeSubquery: (plan: LogicalPlan, ctx: AnalyzerContext) => LogicalPlan = (p) => p;

export function setSubqueryAnalyzer(
  f: (plan: LogicalPlan, ctx: AnalyzerContext) => LogicalPlan,
): void {
  analyzeSubquery = f;
}

function outerReferences(plan: LogicalPlan): Expression[] {
  const out: Expression[] = [];
  const seen = new Set<number>();
  collectPlans(plan, (p) => {
    for (const e of planExpressions(p)) {
      foreachExpr(e, (x) => {
        if (x.kind === "OuterReference" && !seen.has(x.child.exprId)) {
          seen.add(x.child.exprId);
          out.push(x.child);
        }
      });
    }
    return undefined;
  });
  return out;
}

export const ResolveSubqueries: AnalyzerRule = {
  name: "ResolveSubqueries",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (!childrenResolved(p)) return undefined;
      const exprs = planExpressions(p);
      if (!exprs.some((e) => hasUnresolvedSubquery(e))) return undefined;
      const outer = [...inputOf(p), ...(ctx.outer ?? [])];
      const outerIds = new Set(outer.map((a) => a.exprId));
      const subCtx: AnalyzerContext = { ...ctx, outer };
      return mapExpressions(p, (e) =>
        transformUp(e, (x) => {
          if (x.kind !== "ScalarSubquery" && x.kind !== "Exists" && x.kind !== "ListQuery")
            return undefined;
          if (isPlanResolved(x.plan)) return undefined;
          let analyzed = analyzeSubquery(x.plan, subCtx);
          if (analyzed === x.plan) return undefined;
          // A subquery over the same relation as the outer query (`... exists (select 1
          // from t y where y.a = t.a)`) must not share attribute ids with it.
          if (isPlanResolved(analyzed) && sharesIds(analyzed, outerIds))
            analyzed = newInstance(analyzed);
          const numCols =
            x.kind === "ListQuery" && isPlanResolved(analyzed)
              ? { numCols: outputOf(analyzed).length }
              : {};
          return Object.freeze({
            ...x,
            ...numCols,
            plan: analyzed,
            outerAttrs: Object.freeze(outerReferences(analyzed)),
          });
        }),
      );
    }),
};

/** Whether the plan's own attributes (not its outer references) reuse any of `ids`. */
function sharesIds(plan: LogicalPlan, ids: ReadonlySet<number>): boolean {
  return (
    collectPlans(plan, (p) => (outputOf(p).some((a) => ids.has(a.exprId)) ? p : undefined)).length >
    0
  );
}

function hasUnresolvedSubquery(e: Expression): boolean {
  let found = false;
  foreachExpr(e, (x) => {
    if (
      (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") &&
      !isPlanResolved(x.plan)
    ) {
      found = true;
    }
  });
  return found;
}

/**
 * ResolveLateralJoin: the right side of a LATERAL join is analyzed as a subquery whose
 * outer scope is the left side's output, so it may read the left side's columns
 * (as OuterReferences, decorrelated by the optimizer's RewriteLateralJoin).
 */
export const ResolveLateralJoin: AnalyzerRule = {
  name: "ResolveLateralJoin",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Join" || p.lateral !== true) return undefined;
      if (!isPlanResolved(p.left) || isPlanResolved(p.right)) return undefined;
      const left = outputOf(p.left);
      const outer = [...left, ...(ctx.outer ?? [])];
      let right = analyzeSubquery(p.right, { ...ctx, outer });
      if (right === p.right) return undefined;
      if (isPlanResolved(right) && sharesIds(right, new Set(left.map((a) => a.exprId))))
        right = newInstance(right);
      return Object.freeze({ ...p, right });
    }),
};
