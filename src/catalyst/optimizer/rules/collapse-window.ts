/**
 * CollapseWindow: two adjacent windows over the same partitioning and ordering are
 * computed in one pass (one sort), when the outer one does not read the inner one's
 * results.
 *
 *     Window [w1], [p], [o]            =>   Window [w2, w1], [p], [o]
 *     +- Window [w2], [p], [o]              +- child
 *        +- child
 */
import type { Expression } from "../../expressions/expression.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { referencesOfAll, semanticEquals } from "../util/expressions.ts";

function sameList(a: readonly Expression[], b: readonly Expression[]): boolean {
  return a.length === b.length && a.every((x, i) => semanticEquals(x, b[i] as Expression));
}

export const CollapseWindow: Rule = {
  name: "CollapseWindow",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Window" || p.child.kind !== "Window") return undefined;
      const inner = p.child;
      if (!sameList(p.partitionSpec, inner.partitionSpec)) return undefined;
      if (!sameList(p.orderSpec, inner.orderSpec)) return undefined;
      const innerIds = new Set(inner.windowExpressions.map((w) => w.exprId));
      for (const id of referencesOfAll(p.windowExpressions)) if (innerIds.has(id)) return undefined;
      return Object.freeze({
        ...p,
        windowExpressions: [...inner.windowExpressions, ...p.windowExpressions],
        child: inner.child,
      });
    }),
};
