/**
 * ResolveHints: join strategy hints become `ResolvedHint` nodes, partitioning hints become
 * repartition nodes, and unknown hints are dropped (Spark logs and ignores them).
 *
 *   UnresolvedHint BROADCAST, [t]            Join
 *   +- Join                          =>      :- ResolvedHint (strategy=broadcast)
 *      :- SubqueryAlias t                    :  +- SubqueryAlias t
 *
 * A join hint without table names applies to the hinted plan itself.
 * `COALESCE(n)` is Repartition(n, shuffle = false), `REPARTITION(n)` Repartition(n, true),
 * `REPARTITION(n, cols...)` / `REPARTITION(cols...)` RepartitionByExpression.
 */
import type { Expression } from "../expressions/expression.ts";
import type { JoinStrategyHint, LogicalPlan } from "../plans/logical-plan.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import type { AnalyzerRule } from "./rule.ts";

const JOIN_HINTS: Readonly<Record<string, JoinStrategyHint>> = {
  BROADCAST: "BROADCAST",
  BROADCASTJOIN: "BROADCAST",
  MAPJOIN: "BROADCAST",
  MERGE: "SHUFFLE_MERGE",
  SHUFFLE_MERGE: "SHUFFLE_MERGE",
  MERGEJOIN: "SHUFFLE_MERGE",
  SHUFFLE_HASH: "SHUFFLE_HASH",
  SHUFFLE_REPLICATE_NL: "SHUFFLE_REPLICATE_NL",
};

function hinted(strategy: JoinStrategyHint, child: LogicalPlan): LogicalPlan {
  return Object.freeze({ kind: "ResolvedHint", strategy, child });
}

function literalValue(e: Expression | undefined): unknown {
  return e?.kind === "Literal" ? e.value : undefined;
}

function applyJoinHint(
  strategy: JoinStrategyHint,
  names: readonly string[],
  child: LogicalPlan,
  eq: (a: string, b: string) => boolean,
): LogicalPlan {
  if (names.length === 0) return hinted(strategy, child);
  return transformPlanUp(child, (p) => {
    if (p.kind !== "SubqueryAlias") return undefined;
    const last = p.identifier[p.identifier.length - 1] ?? "";
    return names.some((n) => eq(n, last)) ? hinted(strategy, p) : undefined;
  });
}

export const ResolveHints: AnalyzerRule = {
  name: "ResolveHints",
  apply: (plan, ctx) => {
    const eq = resolverFor(ctx.config);
    return transformPlanUp(plan, (p) => {
      if (p.kind !== "UnresolvedHint") return undefined;
      const name = p.name.toUpperCase();
      const strategy = JOIN_HINTS[name];
      if (strategy) {
        // SQL's `BROADCAST(t)` names t as an identifier, the DataFrame API as a string
        const names = p.parameters
          .map((e) =>
            e.kind === "UnresolvedAttribute"
              ? e.nameParts[e.nameParts.length - 1]
              : literalValue(e),
          )
          .filter((v): v is string => typeof v === "string");
        return applyJoinHint(strategy, names, p.child, eq);
      }
      const first = literalValue(p.parameters[0]);
      const n =
        typeof first === "number" ? first : typeof first === "bigint" ? Number(first) : null;
      if (name === "COALESCE" && n !== null) {
        return Object.freeze({
          kind: "Repartition",
          numPartitions: n,
          shuffle: false,
          child: p.child,
        });
      }
      if (name === "REPARTITION") {
        const cols = p.parameters.slice(n === null ? 0 : 1).map((e): Expression => {
          const v = literalValue(e);
          return typeof v === "string"
            ? Object.freeze({ kind: "UnresolvedAttribute", nameParts: Object.freeze([v]) })
            : e;
        });
        if (cols.length === 0 && n !== null) {
          return Object.freeze({
            kind: "Repartition",
            numPartitions: n,
            shuffle: true,
            child: p.child,
          });
        }
        return Object.freeze({
          kind: "RepartitionByExpression",
          partitionExpressions: Object.freeze(cols),
          numPartitions: n,
          child: p.child,
        });
      }
      return p.child;
    });
  },
};
