/**
 * EliminateOuterJoin: an outer join under a filter that drops every row whose columns
 * from the null-supplying side are all null produces no null-extended rows that survive,
 * so it can be a narrower join.
 *
 *     Filter (y > 3) (t1 LEFT OUTER JOIN t2 ON a = x)   =>   Filter (y > 3) (t1 INNER JOIN t2 ...)
 *     FULL OUTER with such a predicate on one side       =>   LEFT or RIGHT OUTER
 *
 * "Drops null rows" is decided statically: the predicate evaluates to null or false when
 * every column it reads is null (comparisons, arithmetic, IS NOT NULL, AND/OR of such).
 * Non-deterministic predicates and subqueries never count.
 */
import type { Expression } from "../../expressions/expression.ts";
import { splitConjuncts } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import type { Join, JoinType, LogicalPlan } from "../../plans/logical-plan.ts";
import { childrenOf } from "../../trees/expression-tree.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import { constraintsOf } from "../constraints.ts";
import type { Rule } from "../rule.ts";
import { hasSubquery, isSubsetOf, outputIds, referencesOf } from "../util/expressions.ts";

/** Whether `e` is null when every attribute it reads is null. */
function nullOnNullInput(e: Expression): boolean {
  switch (e.kind) {
    case "AttributeReference":
      return true;
    case "Literal":
      return e.value === null;
    case "BinaryComparison":
      return e.op !== "<=>" && (nullOnNullInput(e.left) || nullOnNullInput(e.right));
    case "BinaryArithmetic":
      return e.evalMode !== "TRY" && (nullOnNullInput(e.left) || nullOnNullInput(e.right));
    case "Like":
    case "RLike":
      return nullOnNullInput(e.left) || nullOnNullInput(e.right);
    case "UnaryMinus":
    case "Not":
    case "Cast":
    case "GetStructField":
      return nullOnNullInput(e.child);
    case "And":
    case "Or":
      return nullOnNullInput(e.left) && nullOnNullInput(e.right);
    case "In":
      return nullOnNullInput(e.value);
    case "InSet":
      return nullOnNullInput(e.child);
    default:
      return false;
  }
}

/** Whether a predicate keeps no row whose columns it reads are all null. */
export function rejectsNulls(e: Expression): boolean {
  if (!isDeterministic(e) || hasSubquery(e) || referencesOf(e).size === 0) return false;
  switch (e.kind) {
    case "IsNotNull":
      return nullOnNullInput(e.child);
    case "And":
      return rejectsNulls(e.left) || rejectsNulls(e.right);
    case "Or":
      return rejectsNulls(e.left) && rejectsNulls(e.right);
    default:
      return nullOnNullInput(e) && childrenOf(e).length > 0;
  }
}

function newJoinType(filterConds: readonly Expression[], j: Join): JoinType {
  const left = outputIds(j.left);
  const right = outputIds(j.right);
  const leftRejects = filterConds.some((c) => isSubsetOf(referencesOf(c), left) && rejectsNulls(c));
  const rightRejects = filterConds.some(
    (c) => isSubsetOf(referencesOf(c), right) && rejectsNulls(c),
  );
  switch (j.joinType) {
    case "RightOuter":
      return leftRejects ? "Inner" : j.joinType;
    case "LeftOuter":
      return rightRejects ? "Inner" : j.joinType;
    case "FullOuter":
      if (leftRejects && rightRejects) return "Inner";
      if (leftRejects) return "LeftOuter";
      if (rightRejects) return "RightOuter";
      return j.joinType;
    default:
      return j.joinType;
  }
}

export function eliminateOuterJoin(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind !== "Filter" || p.child.kind !== "Join") return undefined;
  const j = p.child;
  if (j.joinType !== "LeftOuter" && j.joinType !== "RightOuter" && j.joinType !== "FullOuter") {
    return undefined;
  }
  const conds = [...splitConjuncts(p.condition), ...constraintsOf(p)];
  const joinType = newJoinType(conds, j);
  return joinType === j.joinType
    ? undefined
    : Object.freeze({ ...p, child: Object.freeze({ ...j, joinType }) });
}

export const EliminateOuterJoin: Rule = {
  name: "EliminateOuterJoin",
  apply: (plan) => transformPlanDown(plan, eliminateOuterJoin),
};
