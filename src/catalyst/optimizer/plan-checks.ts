/** Structural plan equality and the integrity checks the rule executor runs in tests. */
import type { ExprId } from "../expressions/expression.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { foreachExpr } from "../trees/expression-tree.ts";
import { foreachPlan, planChildren, planExpressions } from "../trees/plan-tree.ts";

/** Deep structural equality over the plain frozen objects plans and expressions are. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (typeof a !== "object") {
    return typeof a === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length)
      return false;
    return a.every((x, i) => x === b[i]);
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!Object.hasOwn(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}

export function plansEqual(a: LogicalPlan, b: LogicalPlan): boolean {
  return deepEqual(a, b);
}

const UNRESOLVED_PLANS = new Set([
  "UnresolvedRelation",
  "UnresolvedHint",
  "WithColumns",
  "WithColumnsRenamed",
  "DropColumns",
]);

/**
 * Why the plan is not a valid resolved plan, or undefined: an unresolved node or
 * expression, or an attribute that no child produces (the node's missing input).
 */
export function planIntegrityProblem(plan: LogicalPlan): string | undefined {
  let problem: string | undefined;
  foreachPlan(plan, (p) => {
    if (problem) return;
    if (UNRESOLVED_PLANS.has(p.kind)) {
      problem = `unresolved plan node ${p.kind}`;
      return;
    }
    const exprs = planExpressions(p);
    for (const e of exprs) {
      if (!isResolved(e)) {
        problem = `unresolved expression in ${p.kind}`;
        return;
      }
    }
    const children = planChildren(p);
    if (children.length === 0) return;
    const available = new Set<ExprId>();
    for (const c of children) for (const a of outputOf(c)) available.add(a.exprId);
    for (const e of exprs) {
      foreachExpr(e, (x) => {
        if (!problem && x.kind === "AttributeReference" && !available.has(x.exprId)) {
          problem = `${p.kind} refers to ${x.name}#${x.exprId}, which no child produces`;
        }
      });
    }
  });
  return problem;
}
