/**
 * RewriteCorrelatedScalarSubquery: a correlated scalar subquery in a projection or a
 * filter becomes a left outer join with the (decorrelated, grouped) subquery, and the
 * subquery expression the joined column.
 *
 *     Project [a, (SELECT max(y) FROM t2 WHERE x = outer(a)) AS m] t1
 *       =>  Project [a, max(y) AS m]
 *           +- t1 LEFT OUTER JOIN (Aggregate [x], [max(y), x] t2) ON x = a
 *
 * An aggregate that is not null over no rows (count) would turn into null for outer rows
 * without a match; as in Spark, the subquery then also outputs `true AS alwaysTrue` and
 * the value becomes `if(isnull(alwaysTrue), <value on no rows>, value)`.
 */
import type { Alias, Expression, ScalarSubquery } from "../../expressions/expression.ts";
import {
  alias,
  conjoin,
  isNull,
  literal,
  TRUE,
  withNullability,
} from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { filter, join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../../plans/output.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { decorrelate, isCorrelated } from "../util/decorrelate.ts";

/** What a one-aggregate subquery yields over no rows, when that is not null. */
function valueOnNoRows(plan: LogicalPlan): { agg: LogicalPlan; value: Expression } | undefined {
  if (plan.kind !== "Aggregate") return undefined;
  const first = plan.aggregateExpressions[0];
  if (first?.kind !== "Alias") return undefined;
  const body = first.child;
  if (body.kind !== "AggregateExpression") return undefined;
  const name = body.fn.name.toLowerCase();
  if (name !== "count" && name !== "count_if") return undefined;
  return { agg: plan, value: literal(dataTypeOf(body).kind === "long" ? 0n : 0, dataTypeOf(body)) };
}

interface Rewritten {
  readonly child: LogicalPlan;
  readonly replace: Map<ScalarSubquery, Expression>;
}

function joinSubqueries(child: LogicalPlan, exprs: readonly Expression[]): Rewritten | undefined {
  const found: ScalarSubquery[] = [];
  for (const e of exprs) {
    transformUp(e, (x) => {
      if (x.kind === "ScalarSubquery" && isCorrelated(x.plan)) found.push(x);
      return undefined;
    });
  }
  if (found.length === 0) return undefined;
  let cur = child;
  const replace = new Map<ScalarSubquery, Expression>();
  for (const s of found) {
    const d = decorrelate(s.plan);
    if (!d) continue;
    let sub = d.plan;
    const out = outputOf(sub)[0];
    if (!out) continue;
    // Columns from the null-supplying side of the outer join are nullable above it.
    let value: Expression = withNullability(out, true);
    const noRows = valueOnNoRows(sub);
    if (noRows && sub.kind === "Aggregate") {
      const alwaysTrue: Alias = alias(TRUE, "alwaysTrue");
      sub = Object.freeze({
        ...sub,
        aggregateExpressions: [...sub.aggregateExpressions, alwaysTrue],
      });
      value = Object.freeze({
        kind: "If",
        predicate: isNull(withNullability(toAttribute(alwaysTrue), true)),
        trueValue: noRows.value,
        falseValue: value,
      });
    }
    cur = join(cur, sub, "LeftOuter", conjoin(d.predicates) ?? null);
    replace.set(s, value);
  }
  return replace.size === 0 ? undefined : { child: cur, replace };
}

function substitute(e: Expression, replace: ReadonlyMap<ScalarSubquery, Expression>): Expression {
  return transformUp(e, (x) => (x.kind === "ScalarSubquery" ? replace.get(x) : undefined));
}

export const RewriteCorrelatedScalarSubquery: Rule = {
  name: "RewriteCorrelatedScalarSubquery",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Project") {
        const r = joinSubqueries(p.child, p.projectList);
        if (!r) return undefined;
        return project(
          p.projectList.map((e) => substitute(e, r.replace)),
          r.child,
        );
      }
      if (p.kind === "Filter") {
        const r = joinSubqueries(p.child, [p.condition]);
        if (!r) return undefined;
        return project(outputOf(p.child), filter(substitute(p.condition, r.replace), r.child));
      }
      return undefined;
    }),
};
