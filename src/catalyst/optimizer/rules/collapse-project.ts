/**
 * CollapseProject: two adjacent projections become one by substituting the lower one's
 * expressions into the upper one (names and ids of the upper outputs are kept).
 *
 *     Project [(x#5 + 1) AS y#6]            =>   Project [((a#1 * 2) + 1) AS y#6]
 *     +- Project [(a#1 * 2) AS x#5]              +- child
 *        +- child
 *
 * Also a projection over an aggregate merges into the aggregate's output list. Not done
 * when the upper list refers to a non-deterministic lower expression (it would be
 * evaluated more than once, or differently), or refers more than once to a lower
 * expression that is not cheap (it would be computed twice).
 */
import type { Expression, ExprId } from "../../expressions/expression.ts";
import { alias } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { foreachExpr, transformUp } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { aliasMap, correlatedOn, hasAggregateOrWindow } from "../util/expressions.ts";

function isCheap(e: Expression): boolean {
  switch (e.kind) {
    case "AttributeReference":
    case "Literal":
    case "OuterReference":
      return true;
    case "Alias":
    case "GetStructField":
      return isCheap(e.child);
    default:
      return false;
  }
}

/** Whether `upper` can be rewritten over the lower list without changing results or cost. */
export function canCollapse(upper: readonly Expression[], lower: readonly Expression[]): boolean {
  const aliases = aliasMap(lower);
  const aliasIds = new Set(aliases.keys());
  // Inlining cannot reach outer references inside a correlated subquery's plan.
  if (upper.some((e) => correlatedOn(e, aliasIds))) return false;
  const uses = new Map<ExprId, number>();
  for (const e of upper) {
    foreachExpr(e, (x) => {
      if (x.kind === "AttributeReference" && aliases.has(x.exprId)) {
        uses.set(x.exprId, (uses.get(x.exprId) ?? 0) + 1);
      }
    });
  }
  for (const [id, n] of uses) {
    const def = aliases.get(id);
    if (!def) continue;
    if (!isDeterministic(def)) return false;
    if (n > 1 && !isCheap(def)) return false;
  }
  return true;
}

/** The upper list with lower aliases substituted, upper names and ids preserved. */
export function buildCleanedProjectList(
  upper: readonly Expression[],
  lower: readonly Expression[],
): Expression[] {
  const aliases = aliasMap(lower);
  const sub = (e: Expression) =>
    transformUp(e, (x) => (x.kind === "AttributeReference" ? aliases.get(x.exprId) : undefined));
  return upper.map((e) => {
    if (e.kind === "AttributeReference") {
      const def = aliases.get(e.exprId);
      return def ? alias(def, e.name, e.exprId, e.qualifier) : e;
    }
    if (e.kind === "Alias") {
      const c = sub(e.child);
      return c === e.child ? e : Object.freeze({ ...e, child: c });
    }
    return sub(e);
  });
}

export function collapseProject(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind !== "Project") return undefined;
  const c = p.child;
  if (c.kind === "Project" && canCollapse(p.projectList, c.projectList)) {
    return Object.freeze({
      ...c,
      projectList: buildCleanedProjectList(p.projectList, c.projectList),
    });
  }
  if (
    c.kind === "Aggregate" &&
    canCollapse(p.projectList, c.aggregateExpressions) &&
    !p.projectList.some(hasAggregateOrWindow)
  ) {
    return Object.freeze({
      ...c,
      aggregateExpressions: buildCleanedProjectList(p.projectList, c.aggregateExpressions),
    });
  }
  return undefined;
}

export const CollapseProject: Rule = {
  name: "CollapseProject",
  apply: (plan) => transformPlanUp(plan, collapseProject),
};
