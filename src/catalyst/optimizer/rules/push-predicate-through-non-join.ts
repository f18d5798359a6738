/**
 * PushPredicateThroughNonJoin: moves filter conjuncts below operators that do not change
 * which rows a conjunct keeps. Only deterministic conjuncts move; the others stay above.
 *
 *     Filter c (Project list x)     =>  Project list (Filter c' x)    c' = c with aliases inlined
 *         (every projected expression deterministic)
 *     Filter c (Aggregate g, a, x)  =>  conjuncts over grouping columns only go below
 *     Filter c (Window p, o, x)     =>  conjuncts over partition columns only go below
 *     Filter c (Union x, y)         =>  Union (Filter c x), (Filter c[y's columns] y)
 *     Filter c (Sort|Repartition|RepartitionByExpression|ResolvedHint|Distinct|Generate x)
 *                                   =>  conjuncts over x's columns go below
 */
import type { Expression } from "../../expressions/expression.ts";
import { conjoin, splitConjuncts } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import { filter } from "../../plans/factories.ts";
import type { Filter, LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import { transformPlanDown } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import {
  aliasMap,
  correlatedOn,
  correlatedOuterIds,
  hasAggregateOrWindow,
  isSubsetOf,
  outputIds,
  referencesOf,
  replaceAliases,
} from "../util/expressions.ts";

/**
 * Splits the filter's conjuncts into those `canPush` accepts (deterministic ones only)
 * and the rest, puts the former below via `insert` and keeps the rest above.
 */
function pushDown(
  f: Filter,
  canPush: (c: Expression) => boolean,
  insert: (pushed: Expression) => LogicalPlan,
  allowNonDeterministic = false,
): LogicalPlan | undefined {
  const pushed: Expression[] = [];
  const stay: Expression[] = [];
  for (const c of splitConjuncts(f.condition)) {
    if ((allowNonDeterministic || isDeterministic(c)) && canPush(c)) pushed.push(c);
    else stay.push(c);
  }
  const cond = conjoin(pushed);
  if (!cond) return undefined;
  const below = insert(cond);
  const rest = conjoin(stay);
  return rest ? filter(rest, below) : below;
}

export function pushPredicateThroughNonJoin(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind !== "Filter") return undefined;
  const c = p.child;
  switch (c.kind) {
    case "Project": {
      if (!c.projectList.every(isDeterministic) || c.projectList.some(hasAggregateOrWindow)) {
        return undefined;
      }
      const aliases = aliasMap(c.projectList);
      const aliasIds = new Set(aliases.keys());
      // A correlated subquery reads outer columns inside its own plan, where inlining an
      // alias cannot reach: such conjuncts stay above.
      const stay = splitConjuncts(p.condition).filter((x) => correlatedOn(x, aliasIds));
      if (stay.length === 0) {
        return Object.freeze({
          ...c,
          child: filter(replaceAliases(p.condition, aliases), c.child),
        });
      }
      return pushDown(
        p,
        (x) => !correlatedOn(x, aliasIds),
        (cond) => Object.freeze({ ...c, child: filter(replaceAliases(cond, aliases), c.child) }),
        true,
      );
    }
    case "Aggregate": {
      if (c.groupingExpressions.length === 0 || !c.aggregateExpressions.every(isDeterministic)) {
        return undefined;
      }
      const aliases = aliasMap(c.aggregateExpressions.filter((e) => !hasAggregateOrWindow(e)));
      const aliasIds = new Set(aliases.keys());
      const childIds = outputIds(c.child);
      return pushDown(
        p,
        (x) => {
          if (correlatedOn(x, aliasIds)) return false;
          const refs = referencesOf(x);
          return refs.size > 0 && isSubsetOf(referencesOf(replaceAliases(x, aliases)), childIds);
        },
        (cond) => Object.freeze({ ...c, child: filter(replaceAliases(cond, aliases), c.child) }),
      );
    }
    case "Window": {
      if (!c.partitionSpec.every((e) => e.kind === "AttributeReference")) return undefined;
      const partitionIds = new Set<number>();
      for (const e of c.partitionSpec) for (const id of referencesOf(e)) partitionIds.add(id);
      return pushDown(
        p,
        (x) => {
          const refs = referencesOf(x);
          return refs.size > 0 && isSubsetOf(refs, partitionIds);
        },
        (cond) => Object.freeze({ ...c, child: filter(cond, c.child) }),
      );
    }
    case "Union": {
      const first = outputOf(c);
      return pushDown(
        p,
        (x) => correlatedOuterIds(x).size === 0,
        (cond) =>
          Object.freeze({
            ...c,
            children: c.children.map((child, k) => {
              if (k === 0) return filter(cond, child);
              const out = outputOf(child);
              const byId = new Map(first.map((a, i) => [a.exprId, out[i]]));
              return filter(
                transformUp(cond, (x) =>
                  x.kind === "AttributeReference" ? byId.get(x.exprId) : undefined,
                ),
                child,
              );
            }),
          }),
      );
    }
    case "Sort":
    case "Repartition":
    case "RepartitionByExpression":
    case "ResolvedHint":
    case "Distinct":
    case "Generate": {
      const below = outputIds(c.child);
      return pushDown(
        p,
        (x) => isSubsetOf(referencesOf(x), below),
        (cond) => Object.freeze({ ...c, child: filter(cond, c.child) }),
      );
    }
    default:
      return undefined;
  }
}

export const PushPredicateThroughNonJoin: Rule = {
  name: "PushPredicateThroughNonJoin",
  apply: (plan) => transformPlanDown(plan, pushPredicateThroughNonJoin),
};
