/**
 * ExposeUsingHidden: a qualified reference to the other side's key of a `JOIN ... USING`
 * (`select emp.salary from t join emp using (salary)`) resolves to that hidden column;
 * this rule adds it to the USING join's Project (marked for qualified access only, so
 * `*` above does not show it), through any Filter / Sort in between.
 */
import type { AttributeReference } from "../expressions/expression.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { foreachExpr } from "../trees/expression-tree.ts";
import { planChildren, planExpressions, transformPlanUp } from "../trees/plan-tree.ts";
import { inputOf, isPlanResolved } from "./plan-utils.ts";
import { QUALIFIED_ACCESS_ONLY } from "./resolve-references.ts";
import type { AnalyzerRule } from "./rule.ts";

function widen(p: LogicalPlan, missing: readonly AttributeReference[]): LogicalPlan | undefined {
  switch (p.kind) {
    case "Project": {
      const below = new Set(outputOf(p.child).map((a) => a.exprId));
      if (!missing.every((m) => below.has(m.exprId))) return undefined;
      const exposed = missing.map((m) =>
        Object.freeze({
          ...m,
          metadata: Object.freeze({ ...m.metadata, [QUALIFIED_ACCESS_ONLY]: true }),
        }),
      );
      return Object.freeze({ ...p, projectList: Object.freeze([...p.projectList, ...exposed]) });
    }
    case "Filter":
    case "Sort": {
      const child = widen(p.child, missing);
      return child ? Object.freeze({ ...p, child }) : undefined;
    }
    default:
      return undefined;
  }
}

export const ExposeUsingHidden: AnalyzerRule = {
  name: "ExposeUsingHidden",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      const kids = planChildren(p);
      const only = kids[0];
      if (kids.length !== 1 || !only || !isPlanResolved(only)) return undefined;
      const ids = new Set(inputOf(p).map((a) => a.exprId));
      const missing: AttributeReference[] = [];
      for (const e of planExpressions(p)) {
        foreachExpr(e, (x) => {
          if (
            x.kind === "AttributeReference" &&
            !ids.has(x.exprId) &&
            !missing.some((m) => m.exprId === x.exprId)
          ) {
            missing.push(x);
          }
        });
      }
      if (missing.length === 0) return undefined;
      const child = widen(only, missing);
      return child ? (Object.freeze({ ...p, child }) as LogicalPlan) : undefined;
    }),
};
