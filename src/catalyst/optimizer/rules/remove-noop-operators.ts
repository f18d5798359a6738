/**
 * RemoveNoopOperators: operators that pass their child's rows through unchanged.
 *
 *     Project [a#1, b#2]         =>   child            (child's output is exactly [a#1, b#2])
 *     Window [] ...              =>   child            (no window expressions)
 */
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

/** Whether the project list is the child's output, the same attributes in the same order. */
export function isIdentityProject(projectList: readonly unknown[], child: LogicalPlan): boolean {
  const out = outputOf(child);
  if (out.length !== projectList.length) return false;
  return projectList.every((e, i) => {
    const a = out[i];
    const x = e as { kind: string; exprId?: number; name?: string };
    return (
      a !== undefined &&
      x.kind === "AttributeReference" &&
      x.exprId === a.exprId &&
      x.name === a.name
    );
  });
}

export const RemoveNoopOperators: Rule = {
  name: "RemoveNoopOperators",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Project" && isIdentityProject(p.projectList, p.child)) return p.child;
      if (p.kind === "Window" && p.windowExpressions.length === 0) return p.child;
      return undefined;
    }),
};
