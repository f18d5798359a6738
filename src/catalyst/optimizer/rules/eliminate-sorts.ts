/**
 * EliminateSorts: sorts whose order nobody can observe.
 *
 *     Sort [1 ASC, a ASC]                  =>  Sort [a ASC]          (constant keys dropped)
 *     Sort []                              =>  child
 *     Sort o1 (Project|Filter (Sort o2 x)) =>  Sort o1 (Project|Filter x)
 *         (the outer sort re-orders everything; the inner one, reached only through
 *          deterministic row-wise operators, is wasted)
 *     Aggregate (Sort x)                   =>  Aggregate x  when every aggregate ignores order
 *         (min, max, count, ...)
 */
import type { Expression } from "../../expressions/expression.ts";
import { isDeterministic, isFoldable } from "../../expressions/typing.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { existsExpr } from "../../trees/expression-tree.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

/** Aggregates whose result does not depend on the order of their input rows. */
const ORDER_INSENSITIVE = new Set([
  "min",
  "max",
  "count",
  "count_if",
  "bit_and",
  "bit_or",
  "bit_xor",
  "bool_and",
  "bool_or",
  "every",
  "some",
  "any",
  "max_by",
  "min_by",
]);

/** Removes sorts below `p` reachable through row-wise deterministic operators. */
function removeInnerSorts(p: LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case "Sort":
      return removeInnerSorts(p.child);
    case "Project": {
      if (!p.projectList.every(isDeterministic)) return p;
      const c = removeInnerSorts(p.child);
      return c === p.child ? p : Object.freeze({ ...p, child: c });
    }
    case "Filter": {
      if (!isDeterministic(p.condition)) return p;
      const c = removeInnerSorts(p.child);
      return c === p.child ? p : Object.freeze({ ...p, child: c });
    }
    case "ResolvedHint":
    case "SubqueryAlias": {
      const c = removeInnerSorts(p.child);
      return c === p.child ? p : Object.freeze({ ...p, child: c });
    }
    default:
      return p;
  }
}

function orderIrrelevant(aggregates: readonly Expression[]): boolean {
  return !aggregates.some((e) =>
    existsExpr(
      e,
      (x) =>
        (x.kind === "AggregateFunction" && !ORDER_INSENSITIVE.has(x.name.toLowerCase())) ||
        (x.kind === "ScalarFunction" && !x.deterministic),
    ),
  );
}

function eliminateSort(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind === "Sort") {
    const order = p.order.filter((o) => !isFoldable(o.child));
    // The child may be a sort that goes as well (a top-down pass would skip it).
    if (order.length === 0) return eliminateSort(p.child) ?? p.child;
    const base = order.length === p.order.length ? p : Object.freeze({ ...p, order });
    if (!p.global) return base === p ? undefined : base;
    const child = removeInnerSorts(p.child);
    return child === p.child ? (base === p ? undefined : base) : Object.freeze({ ...base, child });
  }
  if (p.kind === "Aggregate" && orderIrrelevant(p.aggregateExpressions)) {
    const child = removeInnerSorts(p.child);
    return child === p.child ? undefined : Object.freeze({ ...p, child });
  }
  return undefined;
}

export const EliminateSorts: Rule = {
  name: "EliminateSorts",
  apply: (plan) => transformPlanDown(plan, eliminateSort),
};
