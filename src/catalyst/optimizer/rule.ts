/**
 * The contract between the rule executor and the optimizer rules. A rule is data: a name
 * (Spark's rule name, used by `spark.sql.optimizer.excludedRules` and the metrics) and a
 * pure function from plan to plan that returns the very same object when it changes
 * nothing.
 */
import type { Expression } from "../expressions/expression.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";

/** What the optimizer reads from the session's configuration (a `ConfigSnapshot` fits). */
export interface ConfLike {
  get(key: string): string | undefined;
}

/**
 * Evaluates a foldable expression with no input row (the interpreted evaluator's
 * `evaluate(expr, [])`). Throws as evaluation would (ANSI errors).
 */
export type FoldEvaluator = (e: Expression) => unknown;

export interface OptimizerContext {
  readonly conf: ConfLike;
  /**
   * Checks plan integrity after every rule and the idempotence of `Once` batches (as
   * Spark does under `spark.testing`). Off in production: it costs a plan walk per rule.
   */
  readonly testMode?: boolean;
  /** Overrides the evaluator constant folding uses (tests); defaults to the interpreter. */
  readonly evaluate?: FoldEvaluator;
}

export interface Rule {
  readonly name: string;
  readonly apply: (plan: LogicalPlan, ctx: OptimizerContext) => LogicalPlan;
}

export function confBoolean(conf: ConfLike, key: string, fallback: boolean): boolean {
  const v = conf.get(key);
  if (v === undefined) return fallback;
  return v.trim().toLowerCase() === "true";
}

export function confNumber(conf: ConfLike, key: string, fallback: number): number {
  const v = conf.get(key);
  if (v === undefined) return fallback;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : fallback;
}

/** A configuration with only Spark's defaults for the keys the optimizer reads. */
export function confOf(values: Readonly<Record<string, string>> = {}): ConfLike {
  return { get: (k) => values[k] };
}
