/**
 * The analyzer: turns the unresolved plans of the SQL parser and the DataFrame API into
 * resolved, type-checked plans, then CheckAnalysis reports what could not be resolved.
 *
 * Batch order (data, as Spark's Analyzer.batches):
 *  1. Substitution (once): CTE definitions are inlined before any catalog lookup, so a
 *     CTE name shadows a table of the same name.
 *  2. Resolution (fixed point): each rule does what it can with what is resolved so far
 *     and leaves the rest; the loop runs until nothing changes. Within an iteration,
 *     relations come first (everything else needs their output), then hints, lazy DataFrame
 *     operations and self-join deduplication, names, functions, window frames, then type
 *     coercion; aliases come after both because Spark names an expression once it
 *     type-checks (the frame is part of a window's name, and coercion may rewrite:
 *     `10.5 > i` is named `(11 > i)`). Then missing references, aliases, global
 *     aggregates, generators and windows (which need named select items), set operations.
 */
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { ApplyEvalMode } from "./apply-eval-mode.ts";
import { checkAnalysis } from "./check-analysis.ts";
import type { AnalyzerContext } from "./context.ts";
import { CteSubstitution } from "./cte-substitution.ts";
import { ResolveDataFrameOps } from "./dataframe-ops.ts";
import { DeduplicateRelations } from "./deduplicate-relations.ts";
import { ExposeUsingHidden } from "./expose-using-hidden.ts";
import { ExtractGenerator } from "./extract-generator.ts";
import { ExtractWindowExpressions } from "./extract-window-expressions.ts";
import { GlobalAggregates } from "./global-aggregates.ts";
import { PullOutNondeterministic } from "./pull-out-nondeterministic.ts";
import { ResolveAliases } from "./resolve-aliases.ts";
import { ResolveDeduplicate } from "./resolve-deduplicate.ts";
import { ResolveFunctions } from "./resolve-functions.ts";
import { ResolveGenerate } from "./resolve-generate.ts";
import { ResolveGroupBy } from "./resolve-group-by.ts";
import { ResolveGroupingAnalytics } from "./resolve-grouping-analytics.ts";
import { ResolveHints } from "./resolve-hints.ts";
import { ResolveLambdaVariables } from "./resolve-lambda-variables.ts";
import { ResolveLateralColumnAlias } from "./resolve-lateral-column-alias.ts";
import { ResolveMissingReferences } from "./resolve-missing-references.ts";
import { ResolvePivot } from "./resolve-pivot.ts";
import { ResolveQualify } from "./resolve-qualify.ts";
import { ResolveReferences } from "./resolve-references.ts";
import { ResolveRelations } from "./resolve-relations.ts";
import { ResolveSetOperations } from "./resolve-set-operations.ts";
import { ResolveSortOrdinals } from "./resolve-sort-ordinals.ts";
import {
  ResolveLateralJoin,
  ResolveSubqueries,
  setSubqueryAnalyzer,
} from "./resolve-subqueries.ts";
import { ResolveTimeZone } from "./resolve-time-zone.ts";
import { ResolveWindowFrame } from "./resolve-window-frame.ts";
import { type AnalyzerBatch, fixedPoint, ONCE, runBatches } from "./rule.ts";
import { ArithmeticCoercion } from "./type-coercion/arithmetic.ts";
import { ComparisonCoercion } from "./type-coercion/comparison.ts";
import { ConditionalCoercion } from "./type-coercion/conditional.ts";
import { DateTimeArithmetic } from "./type-coercion/datetime-arithmetic.ts";
import { InCoercion } from "./type-coercion/in-list.ts";

export const ANALYZER_BATCHES: readonly AnalyzerBatch[] = Object.freeze([
  { name: "Substitution", strategy: ONCE, rules: [CteSubstitution] },
  {
    name: "Resolution",
    strategy: fixedPoint(100),
    rules: [
      ResolveRelations,
      ResolveHints,
      // Before DataFrame operations, which resolve against a set operation's output.
      ResolveSetOperations,
      ResolveDataFrameOps,
      ResolvePivot,
      DeduplicateRelations,
      ResolveReferences,
      ExposeUsingHidden,
      ResolveLateralColumnAlias,
      ResolveGroupBy,
      ResolveGroupingAnalytics,
      ResolveSortOrdinals,
      ResolveLambdaVariables,
      ResolveFunctions,
      ResolveGenerate,
      ResolveWindowFrame,
      ResolveSubqueries,
      ResolveLateralJoin,
      DateTimeArithmetic,
      ArithmeticCoercion,
      ComparisonCoercion,
      InCoercion,
      ConditionalCoercion,
      ApplyEvalMode,
      ResolveMissingReferences,
      ResolveQualify,
      ResolveAliases,
      GlobalAggregates,
      ExtractGenerator,
      ExtractWindowExpressions,
      ResolveDeduplicate,
      ResolveTimeZone,
    ],
  },
  {
    // After resolution, so the rule sees the final ORDER BY / GROUP BY expressions.
    name: "Nondeterministic",
    strategy: ONCE,
    rules: [PullOutNondeterministic],
  },
]);

/** Runs the resolution batches without the final checks (used for subqueries). */
export function resolvePlan(plan: LogicalPlan, ctx: AnalyzerContext): LogicalPlan {
  return runBatches(plan, ANALYZER_BATCHES, ctx);
}

setSubqueryAnalyzer(resolvePlan);

/** Resolves and type-checks a plan; throws the first analysis error as a FlintError. */
export function analyze(plan: LogicalPlan, ctx: AnalyzerContext): LogicalPlan {
  const resolved = resolvePlan(plan, ctx);
  checkAnalysis(resolved);
  return resolved;
}
