/**
 * CTESubstitution: inlines `WITH` definitions. Each `UnresolvedRelation [name]` that
 * names a CTE in scope (an earlier definition of the same WITH, or an enclosing one)
 * becomes `SubqueryAlias name` over the definition's plan; the `WithCte` node goes away.
 * Repeated references get fresh attribute ids from DeduplicateRelations where they meet.
 *
 *   WithCTE [cte := Project ['a] ...]          Project [*]
 *   +- Project [*]                      =>     +- SubqueryAlias cte
 *      +- 'UnresolvedRelation [cte]               +- Project ['a] ...
 *
 * Runs once, before relations are looked up in the catalog, so CTE names shadow tables.
 */
import type { Expression } from "../expressions/expression.ts";
import { subqueryAlias } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { transformUp } from "../trees/expression-tree.ts";
import { collectPlans, mapExpressions, transformPlanDown } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import type { AnalyzerRule } from "./rule.ts";

type Scope = readonly { readonly name: string; readonly plan: LogicalPlan }[];

function substitute(
  plan: LogicalPlan,
  scope: Scope,
  eq: (a: string, b: string) => boolean,
): LogicalPlan {
  return transformPlanDown(plan, (p) => {
    if (p.kind === "WithCte" && !referencesDefinitions(p)) {
      let inner: Scope = scope;
      for (const d of p.ctes) {
        inner = [{ name: d.name, plan: substitute(d.plan, inner, eq) }, ...inner];
      }
      return substitute(p.child, inner, eq);
    }
    if (p.kind === "UnresolvedRelation" && p.nameParts.length === 1) {
      const n = p.nameParts[0] ?? "";
      const hit = scope.find((s) => eq(s.name, n));
      if (hit) return subqueryAlias([n], hit.plan);
    }
    return mapExpressions(p, (e) => substituteInSubqueries(e, scope, eq));
  });
}

/** A WithCte whose child already uses CteRelationRefs is resolved; leave it alone. */
function referencesDefinitions(p: Extract<LogicalPlan, { kind: "WithCte" }>): boolean {
  const ids = new Set(p.ctes.map((d) => d.id));
  return (
    collectPlans(p.child, (x) => (x.kind === "CteRelationRef" && ids.has(x.cteId) ? x : undefined))
      .length > 0
  );
}

function substituteInSubqueries(
  e: Expression,
  scope: Scope,
  eq: (a: string, b: string) => boolean,
): Expression {
  return transformUp(e, (x) => {
    if (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") {
      const plan = substitute(x.plan, scope, eq);
      return plan === x.plan ? undefined : Object.freeze({ ...x, plan });
    }
    return undefined;
  });
}

export const CteSubstitution: AnalyzerRule = {
  name: "CTESubstitution",
  apply: (plan, ctx) => substitute(plan, [], resolverFor(ctx.config)),
};
