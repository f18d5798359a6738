/**
 * InlineCTE: common table expressions still held as `WithCte` definitions and
 * `CteRelationRef` references are inlined: each reference becomes the definition's plan,
 * renamed to the reference's column ids; the `WithCte` goes away once nothing refers to
 * its definitions. Recursive definitions stay as they are.
 *
 *     WithCte [#1 := Project [a#1] t]              Project [a#1 AS a#7]
 *     +- CteRelationRef #1 [a#7]           =>      +- Project [a#1] t
 */
import type { Expression } from "../../expressions/expression.ts";
import { alias } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import type { CteDef, LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import { collectPlans, mapExpressions, transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

function inline(plan: LogicalPlan, defs: ReadonlyMap<number, CteDef>): LogicalPlan {
  return transformPlanDown(plan, (p) => {
    if (p.kind === "CteRelationRef") {
      const def = defs.get(p.cteId);
      if (!def || def.recursive) return undefined;
      const body = inline(def.plan, defs);
      const out = outputOf(body);
      const list: Expression[] = p.output.map((a, i) => {
        const src = out[i];
        if (!src) throw new Error(`CTE ${def.name} has fewer columns than its reference`);
        return src.exprId === a.exprId ? src : alias(src, a.name, a.exprId, a.qualifier);
      });
      return project(list, body);
    }
    return mapExpressions(p, (e) =>
      transformUp(e, (x) => {
        if (x.kind !== "ScalarSubquery" && x.kind !== "Exists" && x.kind !== "ListQuery") {
          return undefined;
        }
        const sub = inline(x.plan, defs);
        return sub === x.plan ? undefined : Object.freeze({ ...x, plan: sub });
      }),
    );
  });
}

export const InlineCTE: Rule = {
  name: "InlineCTE",
  apply: (plan) =>
    transformPlanDown(plan, (p) => {
      if (p.kind !== "WithCte") return undefined;
      const defs = new Map(p.ctes.map((d) => [d.id, d]));
      const child = inline(p.child, defs);
      const stillUsed = p.ctes.filter(
        (d) =>
          collectPlans(child, (x) =>
            x.kind === "CteRelationRef" && x.cteId === d.id ? x : undefined,
          ).length > 0,
      );
      if (stillUsed.length === 0) return child;
      return child === p.child ? undefined : Object.freeze({ ...p, ctes: stillUsed, child });
    }),
};
