/**
 * ReplaceIntersectWithSemiJoin: INTERSECT (distinct) is a null-safe left semi join on
 * every column, made distinct.
 *
 *     Intersect false l, r   =>   Distinct (l LEFT SEMI JOIN r ON l1 <=> r1 AND ...)
 *
 * When both sides carry the same attribute ids (`df.intersect(df)`), the right side is
 * re-aliased to fresh ids first so the condition can tell them apart.
 */
import { alias, comparison, conjoin } from "../../expressions/factories.ts";
import { distinct, join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { outputIds } from "../util/expressions.ts";

/** `right` with fresh output ids if any collides with `left`'s output. */
export function dedupRight(left: LogicalPlan, right: LogicalPlan): LogicalPlan {
  const l = outputIds(left);
  const out = outputOf(right);
  if (!out.some((a) => l.has(a.exprId))) return right;
  return project(
    out.map((a) => alias(a, a.name)),
    right,
  );
}

/** Build `left <join> right ON l1 <=> r1 AND ...` pairing columns by position. */
export function nullSafeJoinOnAllColumns(
  left: LogicalPlan,
  rightIn: LogicalPlan,
  joinType: "LeftSemi" | "LeftAnti",
): LogicalPlan {
  const right = dedupRight(left, rightIn);
  const l = outputOf(left);
  const r = outputOf(right).map((a) => toAttribute(a));
  const conds = l.map((a, i) => {
    const b = r[i];
    if (!b) throw new Error("set operation sides differ in width");
    return comparison("<=>", a, b);
  });
  return join(left, right, joinType, conjoin(conds) ?? null);
}

export const ReplaceIntersectWithSemiJoin: Rule = {
  name: "ReplaceIntersectWithSemiJoin",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Intersect" && !p.isAll
        ? distinct(nullSafeJoinOnAllColumns(p.left, p.right, "LeftSemi"))
        : undefined,
    ),
};
