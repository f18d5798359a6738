/**
 * ConvertToLocalRelation: projections, filters and limits directly over rows held in the
 * plan are computed at planning time, with the interpreted evaluator, as Spark does.
 *
 *     Project [(a + 1) AS x] (LocalRelation [a] [[1], [2]])   =>  LocalRelation [x] [[2], [3]]
 *     Filter (a > 1) (LocalRelation [a] [[1], [2]])           =>  LocalRelation [a] [[2]]
 *     Limit 1 (LocalRelation ...)                             =>  the first row
 *
 * Left alone when an expression is not deterministic, holds a subquery or an aggregate,
 * or raises while evaluating (the error then surfaces at run time, as it would), and
 * for relations of more than `MAX_ROWS` rows: evaluating those on the driver with the
 * interpreter would be slower than the generated code on the executors (a Flint limit;
 * Spark converts relations of any size).
 */
import { evaluate } from "../../expressions/eval/index.ts";
import type { Expression } from "../../expressions/expression.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import { localRelation } from "../../plans/factories.ts";
import type { LocalRelation, LogicalPlan } from "../../plans/logical-plan.ts";
import { toAttribute } from "../../plans/output.ts";
import { existsExpr, transformUp } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { OptimizerContext, Rule } from "../rule.ts";
import { intLiteral } from "../util/max-rows.ts";

/** Whether `e` can be computed once when planning (deterministic, no subquery or aggregate). */
export function evaluable(e: Expression): boolean {
  return (
    isDeterministic(e) &&
    !existsExpr(
      e,
      (x) =>
        x.kind === "ScalarSubquery" ||
        x.kind === "Exists" ||
        x.kind === "InSubquery" ||
        x.kind === "ListQuery" ||
        x.kind === "OuterReference" ||
        x.kind === "AggregateExpression" ||
        x.kind === "AggregateFunction" ||
        x.kind === "WindowExpression" ||
        x.kind === "Generator",
    )
  );
}

/** `e` with the relation's attributes replaced by positions in its rows. */
function bind(e: Expression, rel: LocalRelation): Expression | undefined {
  const ordinals = new Map(rel.output.map((a, i) => [a.exprId, i]));
  let unbound = false;
  const bound = transformUp(e, (x) => {
    if (x.kind !== "AttributeReference") return undefined;
    const ordinal = ordinals.get(x.exprId);
    if (ordinal === undefined) {
      unbound = true;
      return undefined;
    }
    return Object.freeze({
      kind: "BoundReference",
      ordinal,
      dataType: x.dataType,
      nullable: x.nullable,
    });
  });
  return unbound ? undefined : bound;
}

/** The largest relation whose projections and filters are computed when planning. */
export const MAX_ROWS = 10_000;

function convert(p: LogicalPlan, ctx: OptimizerContext): LogicalPlan | undefined {
  const zone = ctx.conf.get("spark.sql.session.timeZone") ?? "UTC";
  const run = (e: Expression, row: readonly unknown[]) => {
    const v = evaluate(e, row, { sessionTimeZone: zone });
    return v === undefined ? null : v;
  };
  try {
    if (
      p.kind === "Project" &&
      p.child.kind === "LocalRelation" &&
      p.child.rows.length <= MAX_ROWS
    ) {
      const rel = p.child;
      if (!p.projectList.every(evaluable)) return undefined;
      const bound = p.projectList.map((e) => bind(e, rel));
      if (bound.some((b) => b === undefined)) return undefined;
      const exprs = bound as Expression[];
      const rows = rel.rows.map((r) => Object.freeze(exprs.map((e) => run(e, r))));
      return localRelation(p.projectList.map(toAttribute), rows);
    }
    if (
      p.kind === "Filter" &&
      p.child.kind === "LocalRelation" &&
      p.child.rows.length <= MAX_ROWS
    ) {
      const rel = p.child;
      if (!evaluable(p.condition)) return undefined;
      const cond = bind(p.condition, rel);
      if (!cond) return undefined;
      return localRelation(
        rel.output,
        rel.rows.filter((r) => run(cond, r) === true),
      );
    }
    if ((p.kind === "GlobalLimit" || p.kind === "LocalLimit") && p.child.kind === "LocalRelation") {
      const n = intLiteral(p.limit);
      if (n === undefined || n < 0) return undefined;
      return localRelation(p.child.output, p.child.rows.slice(0, n));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export const ConvertToLocalRelation: Rule = {
  name: "ConvertToLocalRelation",
  apply: (plan, ctx) => transformPlanUp(plan, (p) => convert(p, ctx)),
};
