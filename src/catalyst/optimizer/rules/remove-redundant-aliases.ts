/**
 * RemoveRedundantAliases: an alias that gives an attribute its own name again only
 * renews its id; below the root it is replaced by the attribute and the nodes above are
 * rewritten to the attribute's id.
 *
 *     Project [a#1 AS a#7, b#2]     =>   Project [a#1, b#2]        (parents' a#7 -> a#1)
 *
 * Aliases that produce the plan's own output are kept (the result's ids are visible to
 * the caller), and so are aliases whose attribute the other side of a join (or another
 * union branch) also produces, which would create duplicate ids.
 */
import type { Expression, ExprId } from "../../expressions/expression.ts";
import { withName } from "../../expressions/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import {
  mapExpressions,
  planChildren,
  transformAllExpressionsUp,
  withNewPlanChildren,
} from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { outputIds } from "../util/expressions.ts";

function removeRedundantAlias(e: Expression, excluded: ReadonlySet<ExprId>): Expression {
  return transformUp(e, (x) => {
    if (x.kind !== "Alias" || x.child.kind !== "AttributeReference") return undefined;
    const attr = x.child;
    if (attr.name !== x.name || excluded.has(attr.exprId) || excluded.has(x.exprId)) {
      return undefined;
    }
    if (Object.keys(x.metadata).length > 0) return undefined;
    return attr;
  });
}

function rewrite(plan: LogicalPlan, excluded: ReadonlySet<ExprId>): LogicalPlan {
  const children = planChildren(plan);
  if (children.length === 0) return plan;
  let newChildren: LogicalPlan[];
  if (plan.kind === "Join") {
    const left = rewrite(plan.left, new Set([...excluded, ...outputIds(plan.right)]));
    const right = rewrite(plan.right, new Set([...excluded, ...outputIds(left)]));
    newChildren = [left, right];
  } else if (plan.kind === "Union") {
    newChildren = plan.children.map((c, i) =>
      rewrite(c, i === 0 ? new Set([...excluded, ...outputIds(c)]) : excluded),
    );
  } else {
    newChildren = children.map((c) => rewrite(c, excluded));
  }
  const mapping = new Map<ExprId, Expression>();
  children.forEach((old, i) => {
    const next = newChildren[i];
    if (!next || next === old) return;
    const a = outputOf(old);
    const b = outputOf(next);
    a.forEach((x, k) => {
      const y = b[k];
      if (y && y.exprId !== x.exprId) mapping.set(x.exprId, withName(y, x.name));
    });
  });
  let node = withNewPlanChildren(plan, newChildren);
  if (mapping.size > 0) {
    node = mapExpressions(node, (e) =>
      transformUp(e, (x) => {
        if (x.kind === "AttributeReference") return mapping.get(x.exprId);
        if (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") {
          // Outer references inside the subquery's plan follow the renamed attributes.
          const plan = transformAllExpressionsUp(x.plan, (y) => {
            if (y.kind !== "OuterReference") return undefined;
            const to = mapping.get(y.child.exprId);
            return to?.kind === "AttributeReference"
              ? Object.freeze({ ...y, child: to })
              : undefined;
          });
          return plan === x.plan ? undefined : Object.freeze({ ...x, plan });
        }
        return undefined;
      }),
    );
  }
  if (node.kind === "Project" || node.kind === "Aggregate" || node.kind === "Window") {
    node = mapExpressions(node, (e) => removeRedundantAlias(e, excluded));
  }
  return node;
}

export const RemoveRedundantAliases: Rule = {
  name: "RemoveRedundantAliases",
  apply: (plan) => rewrite(plan, outputIds(plan)),
};
