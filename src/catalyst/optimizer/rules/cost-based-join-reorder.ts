/**
 * CostBasedJoinReorder: reorders a group of inner joins by dynamic programming over
 * estimated row counts and sizes (Spark's JoinReorderDP, after Selinger). Only with
 * `spark.sql.cbo.enabled` and `spark.sql.cbo.joinReorder.enabled`, for groups of 3 to
 * `spark.sql.cbo.joinReorder.dp.threshold` (12) relations whose row counts are known.
 *
 * Level 1 holds the single relations; level k every connected join of k relations built
 * from a plan of level i and one of level k - i (disjoint, linked by a join condition; no
 * cartesian products), keeping per relation set the cheapest plan. A plan's cost is the
 * sum over its intermediate joins of their estimated rows and bytes, and a plan is better
 * when `rows ratio * weight + size ratio * (1 - weight) < 1`
 * (`spark.sql.cbo.joinReorder.card.weight`, 0.7). The larger side goes left.
 *
 *     (A ⋈ B) ⋈ C, |A| = 1000, |B| = 100, |C| = 10   =>   (A ⋈ C) ⋈ B  when C ⋈ A is small
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { filter, join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { statsOf } from "../../plans/statistics.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import { confBoolean, confNumber, type OptimizerContext, type Rule } from "../rule.ts";
import { deterministic, isSubsetOf, outputIds, referencesOf } from "../util/expressions.ts";

interface JoinPlan {
  readonly items: ReadonlySet<number>;
  readonly plan: LogicalPlan;
  readonly conds: ReadonlySet<Expression>;
  /** Accumulated rows and bytes of the intermediate joins below (not the root). */
  readonly rows: number;
  readonly size: number;
}

/** Flattens a tree of inner joins with conditions (and filters over them) into items. */
function extractInnerJoins(p: LogicalPlan): { items: LogicalPlan[]; conds: Expression[] } {
  if (p.kind === "Join" && (p.joinType === "Inner" || p.joinType === "Cross")) {
    const l = extractInnerJoins(p.left);
    const r = extractInnerJoins(p.right);
    return {
      items: [...l.items, ...r.items],
      conds: [...l.conds, ...r.conds, ...(p.condition ? splitConjuncts(p.condition) : [])],
    };
  }
  if (p.kind === "Filter" && p.child.kind === "Join" && deterministic(p.condition)) {
    const c = extractInnerJoins(p.child);
    return { items: c.items, conds: [...c.conds, ...splitConjuncts(p.condition)] };
  }
  return { items: [p], conds: [] };
}

function rootCost(jp: JoinPlan, ctx: OptimizerContext): { rows: number; size: number } {
  if (jp.items.size <= 1) return { rows: 0, size: 0 };
  const s = statsOf(jp.plan, ctx);
  return { rows: s.rowCount ?? Number.MAX_SAFE_INTEGER, size: s.sizeInBytes };
}

function betterThan(a: JoinPlan, b: JoinPlan, weight: number): boolean {
  if (b.rows === 0 || b.size === 0) return false;
  const relRows = a.rows / b.rows;
  const relSize = a.size / b.size;
  return relRows * weight + relSize * (1 - weight) < 1;
}

function key(items: ReadonlySet<number>): string {
  return [...items].sort((x, y) => x - y).join(",");
}

function buildJoin(
  a: JoinPlan,
  b: JoinPlan,
  conditions: readonly Expression[],
  ctx: OptimizerContext,
): JoinPlan | undefined {
  for (const i of a.items) if (b.items.has(i)) return undefined;
  const ids = new Set([...outputIds(a.plan), ...outputIds(b.plan)]);
  const aIds = outputIds(a.plan);
  const bIds = outputIds(b.plan);
  const used = new Set([...a.conds, ...b.conds]);
  const joinConds = conditions.filter((c) => {
    if (used.has(c)) return false;
    const refs = referencesOf(c);
    if (!isSubsetOf(refs, ids)) return false;
    return !isSubsetOf(refs, aIds) && !isSubsetOf(refs, bIds);
  });
  if (joinConds.length === 0) return undefined;
  const [left, right] = a.items.size >= b.items.size ? [a, b] : [b, a];
  const plan = join(left.plan, right.plan, "Inner", conjoin(joinConds) ?? null);
  const ca = rootCost(a, ctx);
  const cb = rootCost(b, ctx);
  return {
    items: new Set([...a.items, ...b.items]),
    plan,
    conds: new Set([...used, ...joinConds]),
    rows: a.rows + ca.rows + b.rows + cb.rows,
    size: a.size + ca.size + b.size + cb.size,
  };
}

function search(
  items: readonly LogicalPlan[],
  conditions: readonly Expression[],
  ctx: OptimizerContext,
): LogicalPlan | undefined {
  const weight = confNumber(ctx.conf, "spark.sql.cbo.joinReorder.card.weight", 0.7);
  const levels: Map<string, JoinPlan>[] = [
    new Map(
      items.map((p, i) => [
        String(i),
        { items: new Set([i]), plan: p, conds: new Set(), rows: 0, size: 0 },
      ]),
    ),
  ];
  for (let k = 1; k < items.length; k++) {
    const next = new Map<string, JoinPlan>();
    for (let i = 0; i <= (k - 1) / 2; i++) {
      const lower = levels[i];
      const upper = levels[k - 1 - i];
      if (!lower || !upper) continue;
      for (const a of lower.values()) {
        for (const b of upper.values()) {
          const jp = buildJoin(a, b, conditions, ctx);
          if (!jp) continue;
          const kk = key(jp.items);
          const old = next.get(kk);
          if (!old || betterThan(jp, old, weight)) next.set(kk, jp);
        }
      }
    }
    if (next.size === 0) return undefined;
    levels.push(next);
  }
  const best = levels[items.length - 1]?.values().next().value;
  if (!best) return undefined;
  const rest = conditions.filter((c) => !best.conds.has(c));
  const cond = conjoin(rest);
  return cond ? filter(cond, best.plan) : best.plan;
}

/** Joins a reordering produced: the descent below must not reorder them again. */
function markJoins(
  p: LogicalPlan,
  items: ReadonlySet<LogicalPlan>,
  done: WeakSet<LogicalPlan>,
): void {
  if (items.has(p)) return;
  done.add(p);
  if (p.kind === "Join") {
    markJoins(p.left, items, done);
    markJoins(p.right, items, done);
  } else if (p.kind === "Filter" || p.kind === "Project") markJoins(p.child, items, done);
}

function reorder(
  p: LogicalPlan,
  ctx: OptimizerContext,
  done: WeakSet<LogicalPlan>,
): LogicalPlan | undefined {
  const { items, conds } = extractInnerJoins(p);
  const threshold = confNumber(ctx.conf, "spark.sql.cbo.joinReorder.dp.threshold", 12);
  if (items.length <= 2 || items.length > threshold || conds.length === 0) return undefined;
  if (!items.every((i) => statsOf(i, ctx).rowCount !== null)) return undefined;
  const result = search(items, conds, ctx);
  if (!result) return undefined;
  markJoins(result, new Set(items), done);
  const want = outputOf(p);
  const got = outputOf(result);
  const same = want.length === got.length && want.every((a, i) => a.exprId === got[i]?.exprId);
  return same ? result : project(want, result);
}

export const CostBasedJoinReorder: Rule = {
  name: "CostBasedJoinReorder",
  apply: (plan, ctx) => {
    if (
      !confBoolean(ctx.conf, "spark.sql.cbo.enabled", false) ||
      !confBoolean(ctx.conf, "spark.sql.cbo.joinReorder.enabled", false)
    ) {
      return plan;
    }
    const done = new WeakSet<LogicalPlan>();
    return transformPlanDown(plan, (p) => {
      if (done.has(p)) return undefined;
      const isInner = (x: LogicalPlan) =>
        x.kind === "Join" &&
        (x.joinType === "Inner" || x.joinType === "Cross") &&
        x.condition !== null;
      if (isInner(p)) return reorder(p, ctx, done);
      if (
        p.kind === "Project" &&
        isInner(p.child) &&
        p.projectList.every((e) => e.kind === "AttributeReference")
      ) {
        const r = reorder(p.child, ctx, done);
        if (!r) return undefined;
        // The projection above restores the column order; no second one is needed.
        const child =
          r.kind === "Project" && r.projectList.every((e) => e.kind === "AttributeReference")
            ? r.child
            : r;
        return Object.freeze({ ...p, child });
      }
      return undefined;
    });
  },
};
