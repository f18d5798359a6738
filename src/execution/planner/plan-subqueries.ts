/**
 * Uncorrelated scalar subqueries: each `scalar-subquery#id` found in a physical plan's
 * expressions is planned on its own; the plan is wrapped in WithSubqueries so that
 * executePlan runs them first and substitutes their values (Spark's SubqueryExec and
 * ReuseSubquery, without reuse across queries).
 */
import type { Expression, ScalarSubquery } from "../../catalyst/expressions/expression.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { FlintError } from "../../errors/index.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { newNodeId } from "./node-ids.ts";

/** Every ScalarSubquery in a plain-data tree (plans and expressions alike), outermost first. */
export function collectScalarSubqueries(root: unknown): ScalarSubquery[] {
  const out: ScalarSubquery[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    const o = x as { kind?: unknown; plan?: unknown };
    if (o.kind === "LocalTableScan") return; // rows hold values, not expressions
    if (o.kind === "ScalarSubquery") {
      out.push(x as ScalarSubquery);
      return; // its own subqueries are handled when it is planned
    }
    if (o.kind === "Exists" || o.kind === "ListQuery" || o.kind === "InSubquery") {
      throw new FlintError("UNSUPPORTED_FEATURE", {
        feature: `${o.kind} subqueries left after optimization`,
      });
    }
    for (const v of Object.values(x)) visit(v);
  };
  visit(root);
  return out;
}

export function withSubqueries(
  plan: PhysicalPlan,
  planSub: (p: LogicalPlan) => PhysicalPlan,
): PhysicalPlan {
  const subs = collectScalarSubqueries(plan);
  if (subs.length === 0) return plan;
  const unique = new Map<number, ScalarSubquery>();
  for (const s of subs) {
    if (s.outerAttrs.length > 0) {
      throw new FlintError("UNSUPPORTED_FEATURE", {
        feature: "correlated scalar subqueries in execution",
      });
    }
    unique.set(s.exprId, s);
  }
  return Object.freeze({
    kind: "WithSubqueries",
    id: newNodeId(),
    codegenStageId: 0,
    subqueries: [...unique.values()].map((s) => ({ exprId: s.exprId, plan: planSub(s.plan) })),
    child: plan,
  });
}

/** `root` with every `scalar-subquery#id` replaced by a literal of its value. */
export function substituteSubqueries<T>(root: T, values: ReadonlyMap<number, Expression>): T {
  const visit = (x: unknown): unknown => {
    if (typeof x !== "object" || x === null) return x;
    if (Array.isArray(x)) {
      let changed = false;
      const next = x.map((y) => {
        const z = visit(y);
        if (z !== y) changed = true;
        return z;
      });
      return changed ? next : x;
    }
    if (x instanceof Uint8Array || x instanceof Set) return x;
    const o = x as Record<string, unknown>;
    if (o.kind === "ScalarSubquery") return values.get(o.exprId as number) ?? x;
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const z = visit(v);
      if (z !== v) changed = true;
      next[k] = z;
    }
    return changed ? Object.freeze(next) : x;
  };
  return visit(root) as T;
}
