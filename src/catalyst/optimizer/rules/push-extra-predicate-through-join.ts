/**
 * PushExtraPredicateThroughJoin (Spark's rule of that name): from a join condition's
 * disjunctions that read both sides, the part each side can check alone is pushed to that
 * side as an extra filter; the condition itself stays. Each disjunct must give its part:
 *
 *   Join Inner, ((a = 1 AND x > 5) OR (a = 2 AND x < 3)) AND k = j
 *     =>  Join Inner, <the same condition>
 *         :- Filter (a = 1 OR a = 2)    left
 *         +- Filter (x > 5 OR x < 3)    right
 *
 * TPC-H q19 and q07 filter their inputs this way before the join. A side gets filters
 * only where the join type keeps the condition's meaning (inner and semi: both; left
 * outer and anti: the right; right outer: the left). A condition is processed once (Spark
 * tags the join; here the condition object is remembered, so a condition object shared by
 * two joins, as after inlining a CTE, is processed for the first only: a missed filter,
 * never a wrong one), so the rule reaches a fixed point.
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, or, splitConjuncts } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import { filter } from "../../plans/factories.ts";
import type { JoinType, LogicalPlan } from "../../plans/logical-plan.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { hasSubquery, isSubsetOf, outputIds, referencesOf } from "../util/expressions.ts";

const processed = new WeakSet<Expression>();

const TO_LEFT: ReadonlySet<JoinType> = new Set(["Inner", "Cross", "LeftSemi", "RightOuter"]);
const TO_RIGHT: ReadonlySet<JoinType> = new Set([
  "Inner",
  "Cross",
  "LeftSemi",
  "LeftOuter",
  "LeftAnti",
]);

/** The weakest predicate implied by `e` that reads only `side` (undefined: none). */
function extract(e: Expression, side: ReadonlySet<number>): Expression | undefined {
  if (isSubsetOf(referencesOf(e), side)) return e;
  if (e.kind === "And") {
    return conjoin(
      splitConjuncts(e)
        .map((c) => extract(c, side))
        .filter((c): c is Expression => c !== undefined),
    );
  }
  if (e.kind === "Or") {
    const l = extract(e.left, side);
    const r = l === undefined ? undefined : extract(e.right, side);
    return l === undefined || r === undefined ? undefined : or(l, r);
  }
  return undefined;
}

export const PushExtraPredicateThroughJoin: Rule = {
  name: "PushExtraPredicateThroughJoin",
  apply: (plan) =>
    transformPlanUp(plan, (p): LogicalPlan | undefined => {
      if (p.kind !== "Join" || p.condition === null || processed.has(p.condition)) return undefined;
      processed.add(p.condition);
      const leftIds = outputIds(p.left);
      const rightIds = outputIds(p.right);
      const toLeft: Expression[] = [];
      const toRight: Expression[] = [];
      for (const c of splitConjuncts(p.condition)) {
        if (c.kind !== "Or" || !isDeterministic(c) || hasSubquery(c)) continue;
        const refs = referencesOf(c);
        if (isSubsetOf(refs, leftIds) || isSubsetOf(refs, rightIds)) continue;
        if (TO_LEFT.has(p.joinType)) {
          const l = extract(c, leftIds);
          if (l !== undefined) toLeft.push(l);
        }
        if (TO_RIGHT.has(p.joinType)) {
          const r = extract(c, rightIds);
          if (r !== undefined) toRight.push(r);
        }
      }
      const l = conjoin(toLeft);
      const r = conjoin(toRight);
      if (l === undefined && r === undefined) return undefined;
      return Object.freeze({
        ...p,
        left: l === undefined ? p.left : filter(l, p.left),
        right: r === undefined ? p.right : filter(r, p.right),
      });
    }),
};
