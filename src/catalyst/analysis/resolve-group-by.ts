/**
 * GROUP BY ordinals, select-list aliases and ALL (Spark's SubstituteUnresolvedOrdinals,
 * ResolveReferencesInAggregate):
 *
 *   Aggregate [1, 'k], [a#1, (b#2 + 1) AS k#3, count(1) ...]
 *     => Aggregate [a#1, (b#2 + 1)], [...]
 *   Aggregate ['ALL], [a#1, b#2, sum(c#3) AS s#4]  =>  Aggregate [a#1, b#2], [...]
 *
 * Columns of the input win over aliases of the same name. An ordinal outside the list
 * fails with GROUP_BY_POS_OUT_OF_RANGE, one naming an aggregate with GROUP_BY_POS_AGGREGATE.
 */
import { FlintError } from "../../errors/index.ts";
import type { Expression } from "../expressions/expression.ts";
import { isResolved } from "../expressions/typing.ts";
import { outputOf } from "../plans/output.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import { containsAggregate, stripAliases } from "./plan-utils.ts";
import { qualifiedSql } from "./pretty-sql.ts";
import { resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

/** Calls whose arguments are grouping expressions or sets of them (`struct` within). */
const ANALYTICS = new Set(["rollup", "cube", "grouping_sets", "__group_by__"]);

function lastName(parts: readonly string[]): string {
  return (parts[parts.length - 1] ?? "").toLowerCase();
}

function ordinalOf(e: Expression): number | undefined {
  if (e.kind !== "Literal" || e.dataType.kind !== "integer" || typeof e.value !== "number")
    return undefined;
  return e.value;
}

export const ResolveGroupBy: AnalyzerRule = {
  name: "ResolveGroupBy",
  apply: (plan, ctx) => {
    const eq = resolverFor(ctx.config);
    return transformPlanUp(plan, (p) => {
      if (
        p.kind !== "Aggregate" ||
        (p.groupingExpressions.every(isResolved) &&
          !p.groupingExpressions.some((g) => ordinalOf(g) !== undefined))
      ) {
        return undefined;
      }
      const aggs = p.aggregateExpressions;
      let input: ReturnType<typeof outputOf> | undefined;
      try {
        input = outputOf(p.child);
      } catch {
        return undefined;
      }
      const only = p.groupingExpressions[0];
      if (
        p.groupingExpressions.length === 1 &&
        only?.kind === "UnresolvedAttribute" &&
        only.nameParts.length === 1 &&
        (only.nameParts[0] ?? "").toLowerCase() === "all" &&
        !resolveNameParts(only.nameParts, input, eq)
      ) {
        if (!aggs.every(isResolved)) return undefined;
        const groups = aggs.filter((a) => !containsAggregate(a)).map(stripAliases);
        return Object.freeze({ ...p, groupingExpressions: Object.freeze(groups) });
      }
      let changed = false;
      const substitute = (g: Expression, inAnalytics = false): Expression => {
        // ordinals inside ROLLUP(..), CUBE(..), GROUPING SETS(..) and their `(a, b)` sets
        const name = g.kind === "UnresolvedFunction" ? lastName(g.nameParts) : "";
        if (
          g.kind === "UnresolvedFunction" &&
          (ANALYTICS.has(name) || (inAnalytics && name === "struct"))
        ) {
          const args = g.args.map((a) => substitute(a, true));
          return args.every((a, i) => a === g.args[i])
            ? g
            : Object.freeze({ ...g, args: Object.freeze(args) });
        }
        const n = ctx.config.groupByOrdinal ? ordinalOf(g) : undefined;
        if (n !== undefined) {
          const item = aggs[n - 1];
          if (!item) {
            throw new FlintError("GROUP_BY_POS_OUT_OF_RANGE", {
              index: String(n),
              size: String(aggs.length),
            });
          }
          if (!isResolved(item)) return g;
          if (containsAggregate(item)) {
            throw new FlintError("GROUP_BY_POS_AGGREGATE", {
              index: String(n),
              aggExpr: qualifiedSql(item),
            });
          }
          changed = true;
          return stripAliases(item);
        }
        if (
          ctx.config.groupByAliases &&
          g.kind === "UnresolvedAttribute" &&
          g.nameParts.length === 1
        ) {
          if (resolveNameParts(g.nameParts, input, eq)) return g;
          const name = g.nameParts[0] ?? "";
          const hit = aggs.find((a) => a.kind === "Alias" && eq(a.name, name));
          if (hit && isResolved(hit) && !containsAggregate(hit)) {
            changed = true;
            return stripAliases(hit);
          }
        }
        return g;
      };
      const groups = p.groupingExpressions.map((g) => substitute(g));
      return changed
        ? Object.freeze({ ...p, groupingExpressions: Object.freeze(groups) })
        : undefined;
    });
  },
};
