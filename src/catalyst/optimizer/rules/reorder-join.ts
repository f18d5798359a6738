/**
 * ReorderJoin: in a tree of inner joins, joins each relation next to one it has a
 * condition with, so that no cartesian product is built while a conditioned join is
 * possible (`FROM a, b, c WHERE a.x = c.x AND b.y = c.y` joins a with c first). The
 * relations keep their order otherwise, and the output columns their order (a
 * projection restores it). The cost-based reordering, when enabled, runs later.
 *
 *     Filter (a.x = c.x AND b.y = c.y)            Project [a.., b.., c..]
 *     +- Join Cross                               +- Join Inner, (b.y = c.y)
 *        :- Join Cross                    =>         :- Join Inner, (a.x = c.x)
 *        :  :- a                                     :  :- a
 *        :  +- b                                     :  +- c
 *        +- c                                        +- b
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { filter, join, project } from "../../plans/factories.ts";
import type { Join, JoinType, LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import { plansEqual } from "../plan-checks.ts";
import type { Rule } from "../rule.ts";
import { hasSubquery, isSubsetOf, outputIds, referencesOf } from "../util/expressions.ts";

type Item = readonly [LogicalPlan, JoinType];

const isInnerLike = (p: LogicalPlan): p is Join =>
  p.kind === "Join" && (p.joinType === "Inner" || p.joinType === "Cross");

/** Left-deep inner joins (and filters right above them) into relations and conditions. */
function flatten(p: LogicalPlan, parentType: JoinType): { items: Item[]; conds: Expression[] } {
  if (isInnerLike(p)) {
    const l = flatten(p.left, p.joinType);
    return {
      items: [...l.items, [p.right, p.joinType]],
      conds: [...l.conds, ...(p.condition ? splitConjuncts(p.condition) : [])],
    };
  }
  if (p.kind === "Filter" && isInnerLike(p.child)) {
    const c = flatten(p.child, parentType);
    return { items: c.items, conds: [...c.conds, ...splitConjuncts(p.condition)] };
  }
  return { items: [[p, parentType]], conds: [] };
}

function canEvaluateWithinJoin(e: Expression): boolean {
  return !hasSubquery(e);
}

function orderedJoin(input: readonly Item[], conditions: readonly Expression[]): LogicalPlan {
  const [first, second] = input;
  if (!first || !second) throw new Error("ReorderJoin needs two relations");
  if (input.length === 2) {
    const within = conditions.filter(canEvaluateWithinJoin);
    const others = conditions.filter((c) => !canEvaluateWithinJoin(c));
    const type: JoinType = first[1] === "Inner" && second[1] === "Inner" ? "Inner" : "Cross";
    const j = join(first[0], second[0], type, conjoin(within) ?? null);
    const rest = conjoin(others);
    return rest ? filter(rest, j) : j;
  }
  const left = first[0];
  const rest = input.slice(1);
  const leftIds = outputIds(left);
  const linked = rest.find(([plan]) => {
    const ids = outputIds(plan);
    const both = new Set([...leftIds, ...ids]);
    return conditions.some((c) => {
      const refs = referencesOf(c);
      if (refs.size > 0 && (isSubsetOf(refs, leftIds) || isSubsetOf(refs, ids))) return false;
      return isSubsetOf(refs, both);
    });
  });
  const [right, type] = linked ?? (rest[0] as Item);
  const joinedIds = new Set([...leftIds, ...outputIds(right)]);
  const used = conditions.filter(
    (c) => isSubsetOf(referencesOf(c), joinedIds) && canEvaluateWithinJoin(c),
  );
  const others = conditions.filter((c) => !used.includes(c));
  const joined = join(left, right, type, conjoin(used) ?? null);
  return orderedJoin([[joined, "Inner"], ...rest.filter(([p]) => p !== right)], others);
}

export function reorderJoin(p: LogicalPlan): LogicalPlan | undefined {
  if (!(isInnerLike(p) || (p.kind === "Filter" && isInnerLike(p.child)))) return undefined;
  const { items, conds } = flatten(p, "Inner");
  if (items.length <= 2 || conds.length === 0) return undefined;
  const reordered = orderedJoin(items, conds);
  const want = outputOf(p);
  const got = outputOf(reordered);
  const same = want.length === got.length && want.every((a, i) => a.exprId === got[i]?.exprId);
  const result = same ? reordered : project(want, reordered);
  return plansEqual(result, p) ? undefined : result;
}

export const ReorderJoin: Rule = {
  name: "ReorderJoin",
  apply: (plan) => transformPlanDown(plan, reorderJoin),
};
