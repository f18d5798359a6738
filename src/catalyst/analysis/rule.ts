/**
 * Analyzer rules and batches as data. A rule rewrites a plan and returns the very same
 * object when it has nothing to do; a batch runs its rules in order, once or until the
 * plan stops changing (Spark's `Batch(name, Once | FixedPoint(n), rules*)`).
 */
import type { LogicalPlan } from "../plans/logical-plan.ts";
import type { AnalyzerContext } from "./context.ts";

export interface AnalyzerRule {
  readonly name: string;
  readonly apply: (plan: LogicalPlan, ctx: AnalyzerContext) => LogicalPlan;
}

export type BatchStrategy =
  | { readonly kind: "Once" }
  | { readonly kind: "FixedPoint"; readonly maxIterations: number };

export interface AnalyzerBatch {
  readonly name: string;
  readonly strategy: BatchStrategy;
  readonly rules: readonly AnalyzerRule[];
}

export const ONCE: BatchStrategy = Object.freeze({ kind: "Once" });

export function fixedPoint(maxIterations = 100): BatchStrategy {
  return Object.freeze({ kind: "FixedPoint", maxIterations });
}

/** Runs batches in order; a fixed-point batch stops when an iteration changes nothing. */
export function runBatches(
  plan: LogicalPlan,
  batches: readonly AnalyzerBatch[],
  ctx: AnalyzerContext,
): LogicalPlan {
  let current = plan;
  for (const batch of batches) {
    const max = batch.strategy.kind === "Once" ? 1 : batch.strategy.maxIterations;
    for (let i = 0; i < max; i++) {
      const before = current;
      for (const rule of batch.rules) current = rule.apply(current, ctx);
      if (current === before) break;
    }
  }
  return current;
}
