/**
 * CollapseRepartition: of two adjacent repartitionings only the outer one decides the
 * final layout, so the inner one is wasted work.
 *
 *     repartition(n) (repartition(m) x)        =>  repartition(n) x
 *     repartition(cols) (repartition(m) x)     =>  repartition(cols) x
 *     coalesce(n) (repartition(m) x), n >= m   =>  repartition(m) x
 *         (coalescing to at least as many partitions changes nothing)
 *     coalesce(n) (repartition(m) x), n < m    =>  unchanged (the shuffle spreads the
 *         rows before coalescing narrows them)
 */
import type {
  LogicalPlan,
  Repartition,
  RepartitionByExpression,
} from "../../plans/logical-plan.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

function isRepartition(p: LogicalPlan): p is Repartition | RepartitionByExpression {
  return p.kind === "Repartition" || p.kind === "RepartitionByExpression";
}

export const CollapseRepartition: Rule = {
  name: "CollapseRepartition",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "RepartitionByExpression" && isRepartition(p.child)) {
        return Object.freeze({ ...p, child: p.child.child });
      }
      if (p.kind !== "Repartition" || !isRepartition(p.child)) return undefined;
      const c = p.child;
      if (!p.shuffle && (c.kind === "RepartitionByExpression" || c.shuffle)) {
        const innerN = c.numPartitions;
        return innerN !== null && p.numPartitions >= innerN ? c : undefined;
      }
      return Object.freeze({ ...p, child: c.child });
    }),
};
