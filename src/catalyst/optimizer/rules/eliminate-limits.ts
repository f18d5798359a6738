/**
 * EliminateLimits (with what Spark once called CombineLimits): limits that cannot cut
 * anything, and stacked limits.
 *
 *     GlobalLimit n / LocalLimit n over a child of at most n rows   =>  child
 *     GlobalLimit n (GlobalLimit m child)  =>  GlobalLimit min(n, m) child
 *     LocalLimit n (LocalLimit m child)    =>  LocalLimit min(n, m) child
 *     Limit n (Limit m child)              =>  Limit min(n, m) child
 */
import type { Expression } from "../../expressions/expression.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { intLiteral, maxRows } from "../util/max-rows.ts";

function smaller(a: Expression, b: Expression): Expression | undefined {
  const x = intLiteral(a);
  const y = intLiteral(b);
  if (x === undefined || y === undefined) return undefined;
  return x <= y ? a : b;
}

function canEliminate(limit: Expression, child: LogicalPlan): boolean {
  const n = intLiteral(limit);
  const m = maxRows(child);
  return n !== undefined && m !== undefined && m <= n;
}

export function eliminateLimit(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind === "GlobalLimit") {
    if (canEliminate(p.limit, p.child)) return p.child;
    const c = p.child;
    // Limit(n, Limit(m, x)) is GlobalLimit n (LocalLimit n (GlobalLimit m (LocalLimit m x))).
    if (
      c.kind === "LocalLimit" &&
      c.child.kind === "GlobalLimit" &&
      c.child.child.kind === "LocalLimit"
    ) {
      const lim = smaller(p.limit, c.child.limit);
      if (!lim) return undefined;
      const inner = c.child.child.child;
      return Object.freeze({
        ...p,
        limit: lim,
        child: Object.freeze({ ...c, limit: lim, child: inner }),
      });
    }
    if (c.kind === "GlobalLimit") {
      const lim = smaller(p.limit, c.limit);
      return lim ? Object.freeze({ ...p, limit: lim, child: c.child }) : undefined;
    }
    return undefined;
  }
  if (p.kind === "LocalLimit") {
    if (canEliminate(p.limit, p.child)) return p.child;
    const c = p.child;
    if (c.kind === "LocalLimit") {
      const lim = smaller(p.limit, c.limit);
      return lim ? Object.freeze({ ...p, limit: lim, child: c.child }) : undefined;
    }
  }
  return undefined;
}

export const EliminateLimits: Rule = {
  name: "EliminateLimits",
  apply: (plan) => transformPlanDown(plan, eliminateLimit),
};
