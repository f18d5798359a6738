/**
 * RewriteLateralJoin: a LATERAL join whose right side reads the left side's columns
 * becomes an ordinary plan, as Spark's RewriteLateralSubquery and decorrelation do.
 *
 *   a JOIN LATERAL (SELECT a.k * 10 AS x) ON c        =>  Filter c (Project [a.*, (k * 10) AS x] a)
 *   a, LATERAL (SELECT max(v) FROM b WHERE b.k = a.k) =>  a LEFT JOIN (Aggregate [k], [max(v), k] b) ON k = a.k
 *
 * A right side that is a projection of the one-row relation is evaluated per left row; any
 * other is decorrelated (its correlated equalities become the join condition). A global
 * aggregate yields one row for every left row, so its join keeps unmatched left rows (a
 * left outer join); an aggregate that is not null over no rows (count) is left alone.
 * A LATERAL join that cannot be rewritten fails with UNSUPPORTED_FEATURE.
 */
import { FlintError } from "../../../errors/index.ts";
import type { Expression } from "../../expressions/expression.ts";
import { conjoin } from "../../expressions/factories.ts";
import { filter, join, project } from "../../plans/factories.ts";
import type { Join, LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { existsExpr, transformUp } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { decorrelate, isCorrelated } from "../util/decorrelate.ts";

function resolveOuter(e: Expression): Expression {
  return transformUp(e, (x) => (x.kind === "OuterReference" ? x.child : undefined));
}

function unsupported(what: string): FlintError {
  return new FlintError("UNSUPPORTED_FEATURE", { feature: `LATERAL subqueries ${what}` });
}

function rewrite(j: Join): LogicalPlan {
  const right = j.right;
  // a projection of one row: computed from each left row
  if (right.kind === "Project" && right.child.kind === "OneRowRelation") {
    if (j.joinType !== "Inner" && j.joinType !== "Cross" && j.joinType !== "LeftOuter") {
      throw unsupported(`in a ${j.joinType} join`);
    }
    const widened = project([...outputOf(j.left), ...right.projectList.map(resolveOuter)], j.left);
    return j.condition === null ? widened : filter(j.condition, widened);
  }
  const d = decorrelate(right);
  if (d === undefined) throw unsupported("whose correlation cannot be pulled out");
  const scalarAggregate = right.kind === "Aggregate" && right.groupingExpressions.length === 0;
  if (scalarAggregate) {
    const countLike = right.aggregateExpressions.some((e) =>
      existsExpr(
        e,
        (x) =>
          x.kind === "AggregateFunction" &&
          ["count", "count_if", "approx_count_distinct"].includes(x.name.toLowerCase()),
      ),
    );
    if (countLike) throw unsupported("over count-like aggregates");
    if (j.joinType !== "Inner" && j.joinType !== "Cross" && j.joinType !== "LeftOuter") {
      throw unsupported(`in a ${j.joinType} join`);
    }
  }
  const condition = conjoin([...d.predicates, ...(j.condition ? [j.condition] : [])]) ?? null;
  const joined = join(j.left, d.plan, scalarAggregate ? "LeftOuter" : j.joinType, condition);
  // the right side's extra grouping columns stay out of the join's output
  return project([...outputOf(j.left), ...outputOf(right)], joined);
}

export const RewriteLateralJoin: Rule = {
  name: "RewriteLateralJoin",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Join" || p.lateral !== true) return undefined;
      if (!isCorrelated(p.right)) return Object.freeze({ ...p, lateral: false });
      return rewrite(p);
    }),
};
