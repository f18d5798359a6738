/**
 * Pulls correlated predicates (those reading an `OuterReference`) out of a subquery plan,
 * as Spark's PullupCorrelatedPredicates: filters lose their correlated conjuncts, and
 * projections and aggregates on the way up are widened to carry the inner columns those
 * conjuncts read (aggregates group by them, which is only sound for equalities). The
 * predicates come back with outer references replaced by the outer attributes, ready to
 * become a join condition.
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { existsExpr, transformUp } from "../../trees/expression-tree.ts";
import { foreachPlan, planExpressions } from "../../trees/plan-tree.ts";
import { outputIds, referencesOf } from "./expressions.ts";

export interface Decorrelated {
  readonly plan: LogicalPlan;
  /** Join conditions between the outer plan and `plan` (outer references resolved). */
  readonly predicates: readonly Expression[];
}

export function hasOuterReference(e: Expression): boolean {
  return existsExpr(e, (x) => x.kind === "OuterReference");
}

export function isCorrelated(plan: LogicalPlan): boolean {
  let found = false;
  foreachPlan(plan, (p) => {
    if (!found && planExpressions(p).some(hasOuterReference)) found = true;
  });
  return found;
}

function resolveOuter(e: Expression): Expression {
  return transformUp(e, (x) => (x.kind === "OuterReference" ? x.child : undefined));
}

/** Inner attributes a predicate reads (outer references excluded). */
function innerAttributes(preds: readonly Expression[]) {
  const out = new Map<number, Expression>();
  for (const p of preds) {
    transformUp(p, (x) => {
      if (x.kind === "AttributeReference") out.set(x.exprId, x);
      return undefined;
    });
  }
  return out;
}

function pull(p: LogicalPlan, top: boolean): Decorrelated | undefined {
  switch (p.kind) {
    case "Filter": {
      const r = pull(p.child, top);
      if (!r) return undefined;
      const local: Expression[] = [];
      const correlated: Expression[] = [];
      for (const c of splitConjuncts(p.condition)) {
        (hasOuterReference(c) ? correlated : local).push(c);
      }
      const cond = conjoin(local);
      return {
        plan: cond ? filter(cond, r.plan) : r.plan,
        predicates: [...r.predicates, ...correlated],
      };
    }
    case "Project": {
      if (p.projectList.some(hasOuterReference)) return undefined;
      const r = pull(p.child, false);
      if (!r) return undefined;
      if (r.predicates.length === 0)
        return r.plan === p.child
          ? { plan: p, predicates: [] }
          : { plan: Object.freeze({ ...p, child: r.plan }), predicates: [] };
      const have = new Set(outputOf(p).map((a) => a.exprId));
      const childIds = outputIds(r.plan);
      const missing = [...innerAttributes(r.predicates)].filter(
        ([id]) => !have.has(id) && childIds.has(id),
      );
      // The subquery's own columns stay first (IN and scalar subqueries read them by
      // position); the columns the predicates need follow.
      let projectList: Expression[] = [...p.projectList, ...missing.map(([, e]) => e)];
      if (!top && p.projectList.every((e) => e.kind === "AttributeReference")) {
        // Below the subquery's output, a column list keeps the child's order, as
        // pruning would produce it.
        const keep = new Set(
          projectList.map((e) => (e.kind === "AttributeReference" ? e.exprId : -1)),
        );
        projectList = outputOf(r.plan).filter((a) => keep.has(a.exprId));
      }
      return {
        plan: Object.freeze({ ...p, projectList, child: r.plan }),
        predicates: r.predicates,
      };
    }
    case "Aggregate": {
      if ([...p.groupingExpressions, ...p.aggregateExpressions].some(hasOuterReference)) {
        return undefined;
      }
      const r = pull(p.child, false);
      if (!r) return undefined;
      if (r.predicates.length === 0)
        return r.plan === p.child
          ? { plan: p, predicates: [] }
          : { plan: Object.freeze({ ...p, child: r.plan }), predicates: [] };
      if (!r.predicates.every((c) => c.kind === "BinaryComparison" && c.op === "="))
        return undefined;
      const have = new Set(outputOf(p).map((a) => a.exprId));
      const childIds = outputIds(r.plan);
      const missing = [...innerAttributes(r.predicates)]
        .filter(([id]) => !have.has(id) && childIds.has(id))
        .map(([, e]) => e);
      return {
        plan: Object.freeze({
          ...p,
          groupingExpressions: [...p.groupingExpressions, ...missing],
          aggregateExpressions: [...p.aggregateExpressions, ...missing],
          child: r.plan,
        }),
        predicates: r.predicates,
      };
    }
    case "Join": {
      // Correlated filters may sit under a join once the subquery's own filters were
      // pushed down (TPC-H q2): they come up from the sides whose rows the join keeps
      // as they are; a correlation on the other side of an outer join stays put.
      if (p.condition && hasOuterReference(p.condition)) return undefined;
      const fromLeft = p.joinType !== "RightOuter" && p.joinType !== "FullOuter";
      const fromRight =
        p.joinType === "Inner" || p.joinType === "Cross" || p.joinType === "RightOuter";
      const l = fromLeft ? pull(p.left, false) : { plan: p.left, predicates: [] };
      const r = fromRight ? pull(p.right, false) : { plan: p.right, predicates: [] };
      if (!l || !r || isCorrelated(l.plan) || isCorrelated(r.plan)) return undefined;
      const predicates = [...l.predicates, ...r.predicates];
      if (predicates.length === 0) return { plan: p, predicates: [] };
      return { plan: Object.freeze({ ...p, left: l.plan, right: r.plan }), predicates };
    }
    case "SubqueryAlias":
    case "Sort":
    case "Distinct": {
      const r = pull(p.child, top);
      if (!r) return undefined;
      if (r.predicates.length > 0 && p.kind === "Distinct") return undefined;
      return r.plan === p.child
        ? { plan: p, predicates: r.predicates }
        : { plan: Object.freeze({ ...p, child: r.plan }), predicates: r.predicates };
    }
    default:
      return isCorrelated(p) ? undefined : { plan: p, predicates: [] };
  }
}

/**
 * The subquery plan without its correlated predicates, and those predicates; undefined
 * when a correlation sits where it cannot be pulled out (under a join, a limit, ...).
 */
export function decorrelate(plan: LogicalPlan): Decorrelated | undefined {
  const r = pull(plan, true);
  if (!r || isCorrelated(r.plan)) return undefined;
  const ids = outputIds(r.plan);
  const predicates = r.predicates.map(resolveOuter);
  // Every inner column a predicate reads must now be part of the subquery's output.
  for (const p of r.predicates) {
    for (const id of referencesOf(p)) if (!ids.has(id)) return undefined;
  }
  return { plan: r.plan, predicates };
}
