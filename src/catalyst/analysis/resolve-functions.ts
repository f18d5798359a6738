/**
 * ResolveFunctions: an `UnresolvedFunction` whose arguments are resolved becomes the
 * registry's bound call. Aggregates are wrapped in `AggregateExpression` (mode Complete,
 * with DISTINCT and FILTER); `count(*)` is `count(1)`. Unknown names fail at once with
 * UNRESOLVED_ROUTINE (as Spark's LookupFunctions, before columns are checked), argument
 * counts with WRONG_NUM_ARGS, and type-check failures from `bind` with
 * `DATATYPE_MISMATCH.<subclass>`.
 */
import { FlintError } from "../../errors/index.ts";
import { NullT } from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import type { Expression, UnresolvedFunction } from "../expressions/expression.ts";
import { literalOf, newExprId } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import { transformUp } from "../trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../trees/plan-tree.ts";
import type { AnalyzerContext } from "./context.ts";
import { toSqlExpr, toSqlId } from "./pretty-sql.ts";
import { GROUPING_CALLS, isGroupingAnalytics } from "./resolve-grouping-analytics.ts";
import { originContext } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";
import { coerceExpression } from "./type-coercion/coerce-expression.ts";

const SEARCH_PATH = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]";

function expectedNum(min: number, max: number): string {
  if (min === max) return String(min);
  if (!Number.isFinite(max)) return `> ${min - 1}`;
  return `[${min}, ${max}]`;
}

/** Binds one call whose arguments are resolved; undefined while they are not. */
export function resolveFunction(
  f: UnresolvedFunction,
  ctx: AnalyzerContext,
): Expression | undefined {
  const name = f.nameParts[f.nameParts.length - 1] ?? "";
  // Qualified names (`system.builtin.upper`) look up their last part.
  const def = ctx.functions.lookup(name);
  const context = originContext(f.origin);
  if (!def && GROUPING_CALLS.has(name.toLowerCase())) return undefined;
  if (!def) {
    throw new FlintError(
      "UNRESOLVED_ROUTINE",
      { routineName: toSqlId(f.nameParts), searchPath: SEARCH_PATH },
      { context },
    );
  }
  let args = f.args;
  if (
    def.kind === "aggregate" &&
    name.toLowerCase() === "count" &&
    args.length === 1 &&
    args[0]?.kind === "UnresolvedStar" &&
    args[0].target === null
  ) {
    args = [literalOf(1)];
  }
  if (!args.every(isResolved) || (f.filter && !isResolved(f.filter))) return undefined;
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    throw new FlintError(
      "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
      {
        functionName: toSqlId([def.name]),
        expectedNum: expectedNum(def.minArgs, def.maxArgs),
        actualNum: String(args.length),
        docroot: "https://spark.apache.org/docs/latest",
      },
      { context },
    );
  }
  // Arguments take their final types before the function sees them.
  args = args.map((a) => coerceExpression(a, ctx));
  const bindCtx = {
    ansi: ctx.config.ansi,
    sessionTimeZone: ctx.config.sessionTimeZone,
    currentDatabase: ctx.catalog.currentDatabase,
  };
  const bound = def.bind(args, bindCtx);
  if (isTypeCheckFailure(bound)) {
    const sqlExpr = toSqlExpr(
      Object.freeze({
        kind: "ScalarFunction",
        name: def.name,
        args,
        dataType: NullT,
        nullable: true,
        deterministic: true,
        options: {},
      }),
    );
    throw new FlintError(
      `DATATYPE_MISMATCH.${bound.errorClass}`,
      { sqlExpr, ...bound.messageParameters },
      { context },
    );
  }
  if (def.kind === "aggregate") {
    if (bound.kind !== "AggregateFunction") return bound;
    // `first(x) IGNORE NULLS`: the flag travels in the function's options, not its
    // arguments, so the call still prints (and is named) `first(x)`.
    const fn =
      f.ignoreNulls && bound.options.ignoreNulls !== true
        ? Object.freeze({
            ...bound,
            options: Object.freeze({ ...bound.options, ignoreNulls: true }),
          })
        : bound;
    return Object.freeze({
      kind: "AggregateExpression",
      fn,
      mode: "Complete",
      isDistinct: f.isDistinct,
      filter: f.filter,
      resultId: newExprId(),
    });
  }
  if (bound.kind === "WindowFunction" && f.ignoreNulls && !bound.ignoreNulls) {
    return Object.freeze({ ...bound, ignoreNulls: true });
  }
  return bound;
}

export function resolveFunctionsIn(e: Expression, ctx: AnalyzerContext): Expression {
  return transformUp(e, (x) =>
    x.kind === "UnresolvedFunction" ? resolveFunction(x, ctx) : undefined,
  );
}

/** Inside ROLLUP / CUBE / GROUPING SETS, only the grouped expressions are functions. */
function resolveInsideAnalytics(e: Expression, ctx: AnalyzerContext): Expression {
  if (e.kind === "UnresolvedFunction") {
    const n = (e.nameParts[e.nameParts.length - 1] ?? "").toLowerCase();
    if (
      n === "rollup" ||
      n === "cube" ||
      n === "grouping_sets" ||
      n === "__group_by__" ||
      n === "struct"
    ) {
      const args = e.args.map((a) => resolveInsideAnalytics(a, ctx));
      return args.every((a, i) => a === e.args[i])
        ? e
        : Object.freeze({ ...e, args: Object.freeze(args) });
    }
  }
  return resolveFunctionsIn(e, ctx);
}

export const ResolveFunctions: AnalyzerRule = {
  name: "ResolveFunctions",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Aggregate" && p.groupingExpressions.some(isGroupingAnalytics)) {
        const groups = p.groupingExpressions.map((g) => resolveInsideAnalytics(g, ctx));
        const aggs = p.aggregateExpressions.map((e) => resolveFunctionsIn(e, ctx));
        const same =
          groups.every((g, i) => g === p.groupingExpressions[i]) &&
          aggs.every((a, i) => a === p.aggregateExpressions[i]);
        return same
          ? undefined
          : Object.freeze({
              ...p,
              groupingExpressions: Object.freeze(groups),
              aggregateExpressions: Object.freeze(aggs),
            });
      }
      return mapExpressions(p, (e) => resolveFunctionsIn(e, ctx));
    }),
};
