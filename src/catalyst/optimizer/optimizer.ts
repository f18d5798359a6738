/**
 * Flint's logical optimizer: the batches of rules, in order, and `optimize`.
 *
 * The order follows Spark's `Optimizer.defaultBatches`, for the same reasons:
 *  1. "Finish Analysis" strips what only the analyzer needed (subquery aliases), so every
 *     later rule sees plain operators; "Inline CTE" replaces any CTE references left.
 *  2. "Union" merges nested unions and removes no-op operators early, shrinking the tree.
 *  3. "Subquery" optimizes the plans inside subquery expressions (recursively, the whole
 *     optimizer) before the outer plan decides how to rewrite them.
 *  4. "Replace Operators" lowers DISTINCT, dropDuplicates, INTERSECT and EXCEPT to
 *     aggregates and semi/anti joins, so the operator rules below need not know them.
 *  5. "Operator Optimization" (fixed point), the core: predicate pushdown, column
 *     pruning, projection collapsing, limit pushdown, expression simplification. It runs
 *     before and after "Infer Filters", which adds constraints-derived filters (IsNotNull
 *     on join keys, predicates across equi-joins) that the second run pushes down.
 *  6. "Early Filter and Projection Push-Down" hands the final filters over file scans to
 *     the scans. "Join Reorder" (only with CBO) needs the pushed-down filters and pruned columns to
 *     estimate sizes, so it runs after operator optimization.
 *  7. "Eliminate Sorts" runs once the plan shape is final; "LocalRelation" then folds
 *     operators over relations known to be empty (also run early, before the subquery
 *     and operator batches, so they work on a smaller plan).
 *  8. "RewriteSubquery" turns the remaining IN/EXISTS predicates into semi/anti joins
 *     last, then re-runs pushdown and pruning over the joins it created.
 */
import type { LogicalPlan } from "../plans/logical-plan.ts";
import type { OptimizerContext, Rule } from "./rule.ts";
import { type Batch, type ExecutorResult, executeBatches } from "./rule-executor.ts";
import { BooleanSimplification } from "./rules/boolean-simplification.ts";
import { CollapseProject } from "./rules/collapse-project.ts";
import { CollapseRepartition } from "./rules/collapse-repartition.ts";
import { CollapseWindow } from "./rules/collapse-window.ts";
import { ColumnPruning } from "./rules/column-pruning.ts";
import { CombineUnions } from "./rules/combine-unions.ts";
import { ConstantFolding } from "./rules/constant-folding.ts";
import { ConstantPropagation } from "./rules/constant-propagation.ts";
import { ConvertInlineTable } from "./rules/convert-inline-table.ts";
import { ConvertToLocalRelation } from "./rules/convert-to-local-relation.ts";
import { CostBasedJoinReorder } from "./rules/cost-based-join-reorder.ts";
import { EliminateLimits } from "./rules/eliminate-limits.ts";
import { EliminateOffsets } from "./rules/eliminate-offsets.ts";
import { EliminateOuterJoin } from "./rules/eliminate-outer-join.ts";
import { EliminateSorts } from "./rules/eliminate-sorts.ts";
import { EliminateSubqueryAliases } from "./rules/eliminate-subquery-aliases.ts";
import { FoldablePropagation } from "./rules/foldable-propagation.ts";
import { InferFiltersFromConstraints } from "./rules/infer-filters-from-constraints.ts";
import { InlineCTE } from "./rules/inline-cte.ts";
import { LikeSimplification } from "./rules/like-simplification.ts";
import { LimitPushDown } from "./rules/limit-push-down.ts";
import { NullPropagation } from "./rules/null-propagation.ts";
import { OptimizeIn } from "./rules/optimize-in.ts";
import { OptimizeLimitZero } from "./rules/optimize-limit-zero.ts";
import { OptimizeOneRowPlan } from "./rules/optimize-one-row-plan.ts";
import { optimizeSubqueriesRule } from "./rules/optimize-subqueries.ts";
import { PropagateEmptyRelation } from "./rules/propagate-empty-relation.ts";
import { PruneFilters } from "./rules/prune-filters.ts";
import { PushDownPredicates } from "./rules/push-down-predicates.ts";
import { PushExtraPredicateThroughJoin } from "./rules/push-extra-predicate-through-join.ts";
import { PushFiltersIntoFileScan } from "./rules/push-filters-into-file-scan.ts";
import { PushPredicateThroughJoin } from "./rules/push-predicate-through-join.ts";
import { RemoveLiteralFromGroupExpressions } from "./rules/remove-literal-from-group-expressions.ts";
import { RemoveNoopOperators } from "./rules/remove-noop-operators.ts";
import { RemoveRedundantAliases } from "./rules/remove-redundant-aliases.ts";
import { ReorderJoin } from "./rules/reorder-join.ts";
import { ReplaceDeduplicateWithAggregate } from "./rules/replace-deduplicate-with-aggregate.ts";
import { ReplaceDistinctWithAggregate } from "./rules/replace-distinct-with-aggregate.ts";
import { ReplaceExceptWithAntiJoin } from "./rules/replace-except-with-anti-join.ts";
import { ReplaceIntersectWithSemiJoin } from "./rules/replace-intersect-with-semi-join.ts";
import { ReplaceNullWithFalseInPredicate } from "./rules/replace-null-with-false-in-predicate.ts";
import { RewriteCorrelatedScalarSubquery } from "./rules/rewrite-correlated-scalar-subquery.ts";
import { RewriteDistinctAggregates } from "./rules/rewrite-distinct-aggregates.ts";
import { RewriteLateralJoin } from "./rules/rewrite-lateral-join.ts";
import { RewritePredicateSubquery } from "./rules/rewrite-predicate-subquery.ts";
import { RewriteExceptAll, RewriteIntersectAll } from "./rules/rewrite-set-operation-all.ts";
import { SimplifyCasts } from "./rules/simplify-casts.ts";
import { SimplifyConditionals } from "./rules/simplify-conditionals.ts";

const FIXED_POINT = { fixedPoint: 100 } as const;

/** Spark's operatorOptimizationRuleSet, in its order (the subset Flint implements). */
const OPERATOR_OPTIMIZATION: readonly Rule[] = [
  ReorderJoin,
  EliminateOuterJoin,
  PushDownPredicates,
  PushExtraPredicateThroughJoin,
  LimitPushDown,
  ColumnPruning,
  CollapseRepartition,
  CollapseProject,
  CollapseWindow,
  EliminateOffsets,
  EliminateLimits,
  CombineUnions,
  NullPropagation,
  ConstantPropagation,
  FoldablePropagation,
  OptimizeIn,
  ConstantFolding,
  LikeSimplification,
  BooleanSimplification,
  SimplifyConditionals,
  ReplaceNullWithFalseInPredicate,
  PruneFilters,
  SimplifyCasts,
  RewriteCorrelatedScalarSubquery,
  RemoveRedundantAliases,
  RemoveNoopOperators,
];

function optimizePlan(plan: LogicalPlan, ctx: OptimizerContext): LogicalPlan {
  return executeBatches(OPTIMIZER_BATCHES, plan, ctx).plan;
}

export const OPTIMIZER_BATCHES: readonly Batch[] = [
  { name: "Finish Analysis", strategy: "Once", rules: [EliminateSubqueryAliases] },
  { name: "Inline CTE", strategy: "Once", rules: [InlineCTE] },
  { name: "Union", strategy: "Once", rules: [RemoveNoopOperators, CombineUnions] },
  { name: "OptimizeLimitZero", strategy: "Once", rules: [OptimizeLimitZero] },
  {
    name: "LocalRelation early",
    strategy: FIXED_POINT,
    rules: [ConvertInlineTable, ConvertToLocalRelation, PropagateEmptyRelation],
  },
  { name: "Subquery", strategy: { fixedPoint: 1 }, rules: [optimizeSubqueriesRule(optimizePlan)] },
  {
    name: "Replace Operators",
    strategy: FIXED_POINT,
    rules: [
      RewriteExceptAll,
      RewriteIntersectAll,
      ReplaceIntersectWithSemiJoin,
      ReplaceExceptWithAntiJoin,
      ReplaceDistinctWithAggregate,
      ReplaceDeduplicateWithAggregate,
    ],
  },
  // Before pushdown moves the correlated filters of a LATERAL subquery around.
  { name: "Lateral", strategy: "Once", rules: [RewriteLateralJoin] },
  { name: "Aggregate", strategy: FIXED_POINT, rules: [RemoveLiteralFromGroupExpressions] },
  {
    name: "Operator Optimization before Inferring Filters",
    strategy: FIXED_POINT,
    rules: OPERATOR_OPTIMIZATION,
  },
  {
    name: "Infer Filters",
    strategy: "Once",
    rules: [InferFiltersFromConstraints],
    // Inference takes one step of the equality closure per node visit, so filters it
    // adds low in the plan can let a second run infer more above them.
    checkIdempotence: false,
  },
  {
    name: "Operator Optimization after Inferring Filters",
    strategy: FIXED_POINT,
    rules: OPERATOR_OPTIMIZATION,
  },
  {
    name: "Early Filter and Projection Push-Down",
    strategy: "Once",
    rules: [PushFiltersIntoFileScan],
  },
  { name: "Join Reorder", strategy: { fixedPoint: 1 }, rules: [CostBasedJoinReorder] },
  { name: "Eliminate Sorts", strategy: "Once", rules: [EliminateSorts] },
  { name: "Distinct Aggregate Rewrite", strategy: "Once", rules: [RewriteDistinctAggregates] },
  {
    name: "LocalRelation",
    strategy: FIXED_POINT,
    rules: [ConvertInlineTable, ConvertToLocalRelation, PropagateEmptyRelation],
  },
  { name: "Optimize One Row Plan", strategy: FIXED_POINT, rules: [OptimizeOneRowPlan] },
  {
    name: "RewriteSubquery",
    strategy: "Once",
    // As in Spark: the joins it creates give pruning and pushdown more to do on a rerun.
    checkIdempotence: false,
    rules: [
      RewritePredicateSubquery,
      PushPredicateThroughJoin,
      LimitPushDown,
      ColumnPruning,
      CollapseProject,
      RemoveRedundantAliases,
      RemoveNoopOperators,
    ],
  },
];

/** Optimizes an analyzed plan; `metrics` feed EXPLAIN and the optimizer's counters. */
export function optimize(plan: LogicalPlan, ctx: OptimizerContext): ExecutorResult {
  return executeBatches(OPTIMIZER_BATCHES, plan, ctx);
}
