/**
 * RewriteExceptAll and RewriteIntersectAll: the ALL forms of EXCEPT and INTERSECT keep
 * duplicates by count (EXCEPT ALL: max(0, m - n) copies of a row found m times on the
 * left and n on the right; INTERSECT ALL: min(m, n)). Numbering the copies of each
 * distinct row on both sides (row_number over a partition by every column) turns this
 * into a null-safe anti / semi join on the row and its copy number:
 *
 *     Except true l, r      =>   Project [l's columns]
 *                                +- Join LeftAnti, (l1 <=> r1 AND ... AND rn_l = rn_r)
 *                                   :- Window [row_number() AS rn_l], [l's columns] l
 *                                   +- Window [row_number() AS rn_r], [r's columns] r
 *
 * (Spark expands rows with a `replicate_rows` generator instead; the result is the same.)
 */
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression, NamedExpression, WindowSpec } from "../../expressions/expression.ts";
import { alias, comparison, conjoin, sortOrder } from "../../expressions/factories.ts";
import { join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { dedupRight } from "./replace-intersect-with-semi-join.ts";

/** `plan` with a `row_number()` column numbering the copies of each distinct row. */
function numbered(plan: LogicalPlan, name: string): { plan: LogicalPlan; rn: Expression } {
  const cols = outputOf(plan);
  const spec: WindowSpec = Object.freeze({
    kind: "WindowSpec",
    partitionSpec: cols,
    orderSpec: cols.map((c) => sortOrder(c)),
    frame: Object.freeze({
      frameType: "ROWS",
      lower: Object.freeze({ kind: "FrameBoundary", type: "UNBOUNDED PRECEDING", offset: null }),
      upper: Object.freeze({ kind: "FrameBoundary", type: "CURRENT ROW", offset: null }),
    }),
  });
  const rn = alias(
    Object.freeze({
      kind: "WindowExpression",
      fn: Object.freeze({
        kind: "WindowFunction",
        name: "row_number",
        args: [],
        dataType: IntegerT,
        nullable: false,
        ignoreNulls: false,
      }),
      spec,
    }),
    name,
  );
  const w: LogicalPlan = Object.freeze({
    kind: "Window",
    windowExpressions: Object.freeze([rn as NamedExpression]),
    partitionSpec: spec.partitionSpec,
    orderSpec: spec.orderSpec,
    child: plan,
  });
  return { plan: w, rn: toAttribute(rn) };
}

function rewrite(left: LogicalPlan, rightIn: LogicalPlan, joinType: "LeftSemi" | "LeftAnti") {
  const right = dedupRight(left, rightIn);
  const l = numbered(left, "rn_l");
  const r = numbered(right, "rn_r");
  const lc = outputOf(left);
  const rc = outputOf(right);
  const conds = lc.map((a, i) => comparison("<=>", a, rc[i] as Expression));
  conds.push(comparison("=", l.rn, r.rn));
  return project(lc, join(l.plan, r.plan, joinType, conjoin(conds) ?? null));
}

export const RewriteExceptAll: Rule = {
  name: "RewriteExceptAll",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Except" && p.isAll ? rewrite(p.left, p.right, "LeftAnti") : undefined,
    ),
};

export const RewriteIntersectAll: Rule = {
  name: "RewriteIntersectAll",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Intersect" && p.isAll ? rewrite(p.left, p.right, "LeftSemi") : undefined,
    ),
};
