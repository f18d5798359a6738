/**
 * RewritePredicateSubquery: EXISTS and IN subqueries that are conjuncts of a filter
 * become semi and anti joins, their correlated predicates the join condition.
 *
 *     Filter EXISTS (Filter (x = outer(a)) t2) t1   =>   t1 LEFT SEMI JOIN t2 ON x = a
 *     Filter NOT EXISTS (...) t1                    =>   t1 LEFT ANTI JOIN ...
 *     Filter a IN (SELECT x ... WHERE y = outer(b)) =>   t1 LEFT SEMI JOIN .. ON a = x AND y = b
 *     Filter a NOT IN (SELECT x FROM t2) t1         =>   t1 LEFT ANTI JOIN t2
 *                                                          ON (a = x) OR isnull(a = x)
 *
 * NOT IN is null-aware: a row is dropped when any subquery value equals it or when the
 * comparison is unknown (a null on either side), so `OR isnull(...)` joins the
 * condition. Subqueries elsewhere (under OR, in projections) are left for the executor.
 */
import type { Expression } from "../../expressions/expression.ts";
import { comparison, conjoin, isNull, or, splitConjuncts } from "../../expressions/factories.ts";
import { filter, join } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { decorrelate } from "../util/decorrelate.ts";
import { dedupRight } from "./replace-intersect-with-semi-join.ts";

function rewriteOne(outer: LogicalPlan, pred: Expression): LogicalPlan | undefined {
  const negated = pred.kind === "Not";
  const e = pred.kind === "Not" ? pred.child : pred;
  if (e.kind === "Exists") {
    const d = decorrelate(e.plan);
    if (!d) return undefined;
    return join(outer, d.plan, negated ? "LeftAnti" : "LeftSemi", conjoin(d.predicates) ?? null);
  }
  if (e.kind === "InSubquery") {
    const d = decorrelate(e.query.plan);
    if (!d) return undefined;
    const sub = d.predicates.length === 0 ? dedupRight(outer, d.plan) : d.plan;
    const subOut = outputOf(sub);
    if (subOut.length < e.values.length) return undefined;
    const inConds = e.values.map((v, i) => comparison("=", v, subOut[i] as Expression));
    if (!negated) {
      return join(outer, sub, "LeftSemi", conjoin([...inConds, ...d.predicates]) ?? null);
    }
    const nullAware = inConds.map((c) => or(c, isNull(c)));
    return join(outer, sub, "LeftAnti", conjoin([...nullAware, ...d.predicates]) ?? null);
  }
  return undefined;
}

function isPredicateSubquery(e: Expression): boolean {
  const x = e.kind === "Not" ? e.child : e;
  return x.kind === "Exists" || x.kind === "InSubquery";
}

export const RewritePredicateSubquery: Rule = {
  name: "RewritePredicateSubquery",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Filter") return undefined;
      const conjuncts = splitConjuncts(p.condition);
      if (!conjuncts.some(isPredicateSubquery)) return undefined;
      const keep: Expression[] = [];
      const subqueries: Expression[] = [];
      for (const c of conjuncts) (isPredicateSubquery(c) ? subqueries : keep).push(c);
      const rest = conjoin(keep);
      let cur: LogicalPlan = rest ? filter(rest, p.child) : p.child;
      const unrewritten: Expression[] = [];
      for (const s of subqueries) {
        const next = rewriteOne(cur, s);
        if (next) cur = next;
        else unrewritten.push(s);
      }
      if (unrewritten.length === subqueries.length) return undefined;
      const left = conjoin(unrewritten);
      return left ? filter(left, cur) : cur;
    }),
};
