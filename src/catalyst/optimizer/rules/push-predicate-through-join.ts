/**
 * PushPredicateThroughJoin: moves filter conjuncts and join-condition conjuncts that read
 * one side only into that side, where the join type allows it, and filter conjuncts that
 * read both sides into an inner join's condition.
 *
 *   Filter above the join:
 *     Inner/Cross:  left-only -> left, right-only -> right, both -> join condition
 *     LeftOuter, LeftSemi, LeftAnti: left-only -> left; the rest stays above
 *     RightOuter:   right-only -> right; the rest stays above
 *     FullOuter:    nothing moves
 *   Join condition:
 *     Inner/Cross/LeftSemi: left-only -> left, right-only -> right
 *     LeftOuter/LeftAnti:   right-only -> right     RightOuter: left-only -> left
 *     FullOuter:            nothing moves
 *
 * Non-deterministic conjuncts never move; conjuncts with subqueries stay out of join
 * conditions.
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import { filter } from "../../plans/factories.ts";
import type { Join, LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { hasSubquery, isSubsetOf, outputIds, referencesOf } from "../util/expressions.ts";

interface Split {
  readonly left: Expression[];
  readonly right: Expression[];
  readonly common: Expression[];
}

export function splitBySide(conds: readonly Expression[], j: Join): Split {
  const l = outputIds(j.left);
  const r = outputIds(j.right);
  const out: Split = { left: [], right: [], common: [] };
  for (const c of conds) {
    if (!isDeterministic(c)) out.common.push(c);
    else if (isSubsetOf(referencesOf(c), l)) out.left.push(c);
    else if (isSubsetOf(referencesOf(c), r)) out.right.push(c);
    else out.common.push(c);
  }
  return out;
}

function withFilter(conds: readonly Expression[], p: LogicalPlan): LogicalPlan {
  const c = conjoin(conds);
  return c ? filter(c, p) : p;
}

function join(j: Join, left: LogicalPlan, right: LogicalPlan, cond: readonly Expression[]): Join {
  return Object.freeze({ ...j, left, right, condition: conjoin(cond) ?? null });
}

function pushFilterIntoJoin(cond: Expression, j: Join): LogicalPlan | undefined {
  const s = splitBySide(splitConjuncts(cond), j);
  const existing = j.condition ? splitConjuncts(j.condition) : [];
  switch (j.joinType) {
    case "Inner":
    case "Cross": {
      const intoJoin = s.common.filter((c) => isDeterministic(c) && !hasSubquery(c));
      const above = s.common.filter((c) => !intoJoin.includes(c));
      if (s.left.length === 0 && s.right.length === 0 && intoJoin.length === 0) return undefined;
      const newJoin = join(j, withFilter(s.left, j.left), withFilter(s.right, j.right), [
        ...intoJoin,
        ...existing,
      ]);
      return withFilter(above, newJoin);
    }
    case "RightOuter": {
      if (s.right.length === 0) return undefined;
      const newJoin = join(j, j.left, withFilter(s.right, j.right), existing);
      return withFilter([...s.left, ...s.common], newJoin);
    }
    case "LeftOuter":
    case "LeftSemi":
    case "LeftAnti": {
      if (s.left.length === 0) return undefined;
      const newJoin = join(j, withFilter(s.left, j.left), j.right, existing);
      return withFilter([...s.right, ...s.common], newJoin);
    }
    case "FullOuter":
      return undefined;
    default:
      return undefined;
  }
}

function pushJoinCondition(j: Join): LogicalPlan | undefined {
  if (!j.condition) return undefined;
  const s = splitBySide(splitConjuncts(j.condition), j);
  switch (j.joinType) {
    case "Inner":
    case "Cross":
    case "LeftSemi":
      if (s.left.length === 0 && s.right.length === 0) return undefined;
      return join(j, withFilter(s.left, j.left), withFilter(s.right, j.right), s.common);
    case "RightOuter":
      if (s.left.length === 0) return undefined;
      return join(j, withFilter(s.left, j.left), j.right, [...s.right, ...s.common]);
    case "LeftOuter":
    case "LeftAnti":
      if (s.right.length === 0) return undefined;
      return join(j, j.left, withFilter(s.right, j.right), [...s.left, ...s.common]);
    case "FullOuter":
      return undefined;
    default:
      return undefined;
  }
}

export function pushPredicateThroughJoin(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind === "Filter" && p.child.kind === "Join")
    return pushFilterIntoJoin(p.condition, p.child);
  if (p.kind === "Join") return pushJoinCondition(p);
  return undefined;
}

export const PushPredicateThroughJoin: Rule = {
  name: "PushPredicateThroughJoin",
  apply: (plan) => transformPlanDown(plan, pushPredicateThroughJoin),
};
