/**
 * InferFiltersFromConstraints: adds the filters that constraints imply but nobody checks
 * yet, mostly `IsNotNull` on join keys and predicates carried across join equalities.
 *
 *     Filter (a > 1) x                 =>  Filter (isnotnull(a) AND (a > 1)) x
 *     l JOIN r ON l.a = r.b            =>  Filter isnotnull(a) l JOIN Filter isnotnull(b) r
 *     Filter (a > 1) l JOIN r ON a = b =>  ... r gets Filter (isnotnull(b) AND (b > 1))
 *
 * Inner and left semi joins filter both sides; a left outer/anti join only its right
 * side, a right outer join only its left side (the preserved side must keep its rows).
 */
import type { Expression } from "../../expressions/expression.ts";
import { and, conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import type { Join, LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import {
  addAll,
  constraintsOf,
  inferAdditionalConstraints,
  isNotNullConstraints,
} from "../constraints.ts";
import type { Rule } from "../rule.ts";
import {
  containsSemantic,
  deterministic,
  hasSubquery,
  isSubsetOf,
  outputIds,
  referencesOf,
} from "../util/expressions.ts";

function allConstraints(j: Join): Expression[] {
  const base = addAll([...constraintsOf(j.left)], constraintsOf(j.right));
  if (j.condition) {
    addAll(
      base,
      splitConjuncts(j.condition).filter((c) => deterministic(c) && !hasSubquery(c)),
    );
  }
  return addAll(base, inferAdditionalConstraints(base));
}

function inferNewFilter(plan: LogicalPlan, constraints: readonly Expression[]): LogicalPlan {
  const ids = outputIds(plan);
  const known = constraintsOf(plan);
  const candidates = addAll([...constraints], isNotNullConstraints(constraints, outputOf(plan)));
  const fresh = candidates.filter((c) => {
    const refs = referencesOf(c);
    return (
      refs.size > 0 && isSubsetOf(refs, ids) && deterministic(c) && !containsSemantic(known, c)
    );
  });
  const cond = conjoin(fresh);
  return cond ? filter(cond, plan) : plan;
}

export function inferFilters(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind === "Filter") {
    const existing = [...constraintsOf(p.child), ...splitConjuncts(p.condition)];
    const fresh = constraintsOf(p).filter((c) => !containsSemantic(existing, c));
    const extra = conjoin(fresh);
    return extra ? filter(and(extra, p.condition), p.child) : undefined;
  }
  if (p.kind !== "Join") return undefined;
  switch (p.joinType) {
    case "Inner":
    case "Cross":
    case "LeftSemi": {
      const all = allConstraints(p);
      const left = inferNewFilter(p.left, all);
      const right = inferNewFilter(p.right, all);
      return left === p.left && right === p.right
        ? undefined
        : Object.freeze({ ...p, left, right });
    }
    case "RightOuter": {
      const left = inferNewFilter(p.left, allConstraints(p));
      return left === p.left ? undefined : Object.freeze({ ...p, left });
    }
    case "LeftOuter":
    case "LeftAnti": {
      const right = inferNewFilter(p.right, allConstraints(p));
      return right === p.right ? undefined : Object.freeze({ ...p, right });
    }
    default:
      return undefined;
  }
}

export const InferFiltersFromConstraints: Rule = {
  name: "InferFiltersFromConstraints",
  apply: (plan) => transformPlanDown(plan, inferFilters),
};
