/**
 * Runs batches of rules over a logical plan, as Spark's RuleExecutor: each batch runs its
 * rules in order, once or until the plan stops changing (a fixed point), metering the
 * time and the (effective) invocations of every rule. In test mode it checks the plan's
 * integrity after each rule (resolved, no missing input, the same output names and types;
 * nullability may change, as in Spark) and that `Once` batches are idempotent.
 */
import { sameTypeIgnoringNullability } from "../../types/data-types.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { planIntegrityProblem, plansEqual } from "./plan-checks.ts";
import type { OptimizerContext, Rule } from "./rule.ts";

export type BatchStrategy = "Once" | { readonly fixedPoint: number };

export interface Batch {
  readonly name: string;
  readonly strategy: BatchStrategy;
  readonly rules: readonly Rule[];
  /**
   * false exempts a `Once` batch from the test-mode idempotence check (Spark's
   * `excludedOnceBatches`), for batches whose rules may find more on a second run.
   */
  readonly checkIdempotence?: boolean;
}

export interface RuleMetrics {
  readonly rule: string;
  /** Nanoseconds spent in all invocations. */
  timeNs: number;
  /** Nanoseconds spent in the invocations that changed the plan. */
  effectiveTimeNs: number;
  invocations: number;
  effectiveInvocations: number;
}

export interface BatchMetrics {
  readonly batch: string;
  iterations: number;
  /** false when a fixed-point batch stopped at its iteration limit. */
  reachedFixedPoint: boolean;
}

export interface ExecutorMetrics {
  readonly rules: readonly RuleMetrics[];
  readonly batches: readonly BatchMetrics[];
  readonly totalTimeNs: number;
}

export interface ExecutorResult {
  readonly plan: LogicalPlan;
  readonly metrics: ExecutorMetrics;
}

/**
 * Rules that `spark.sql.optimizer.excludedRules` cannot switch off, because later stages
 * rely on what they do (Spark's `Optimizer.nonExcludableRules`).
 */
export const NON_EXCLUDABLE_RULES: ReadonlySet<string> = new Set([
  "EliminateDistinct",
  "EliminateResolvedHint",
  "EliminateSubqueryAliases",
  "EliminateView",
  "ReplaceExpressions",
  "ComputeCurrentTime",
  "RewriteDistinctAggregates",
  "ReplaceDeduplicateWithAggregate",
  "ReplaceIntersectWithSemiJoin",
  "ReplaceExceptWithFilter",
  "ReplaceExceptWithAntiJoin",
  "RewriteExceptAll",
  "RewriteIntersectAll",
  "ReplaceDistinctWithAggregate",
  "PullupCorrelatedPredicates",
  "RewriteCorrelatedScalarSubquery",
  "RewritePredicateSubquery",
  "NormalizeFloatingNumbers",
  "ReplaceUpdateFieldsExpression",
  "RewriteLateralSubquery",
  "OptimizeSubqueries",
]);

/** Spark names rules by class (`org.apache...optimizer.ConstantFolding`): match the tail. */
function shortName(name: string): string {
  const i = name.lastIndexOf(".");
  return (i >= 0 ? name.slice(i + 1) : name).trim();
}

/** The rule names `spark.sql.optimizer.excludedRules` switches off (excludable ones only). */
export function excludedRules(ctx: OptimizerContext): ReadonlySet<string> {
  const raw = ctx.conf.get("spark.sql.optimizer.excludedRules") ?? "";
  const out = new Set<string>();
  for (const part of raw.split(",")) {
    const n = shortName(part);
    if (n !== "" && !NON_EXCLUDABLE_RULES.has(n)) out.add(n);
  }
  return out;
}

export class RuleExecutionError extends Error {}

function checkAfterRule(
  rule: string,
  batch: string,
  before: LogicalPlan,
  after: LogicalPlan,
): void {
  const problem = planIntegrityProblem(after);
  if (problem) {
    throw new RuleExecutionError(`After rule ${rule} in batch ${batch}: ${problem}`);
  }
  const a = outputOf(before);
  const b = outputOf(after);
  const schemaOk =
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined && x.name === y.name && sameTypeIgnoringNullability(x.dataType, y.dataType)
      );
    });
  if (!schemaOk) {
    const show = (o: typeof a) =>
      o.map((x) => `${x.name}:${x.dataType.kind}${x.nullable ? "" : " not null"}`).join(", ");
    throw new RuleExecutionError(
      `Rule ${rule} in batch ${batch} changed the output schema from [${show(a)}] to [${show(b)}]`,
    );
  }
}

/** Runs `batches` over `plan`; the same batches and context always give the same plan. */
export function executeBatches(
  batches: readonly Batch[],
  plan: LogicalPlan,
  ctx: OptimizerContext,
): ExecutorResult {
  const excluded = excludedRules(ctx);
  const metricsByRule = new Map<string, RuleMetrics>();
  const batchMetrics: BatchMetrics[] = [];
  const start = process.hrtime.bigint();
  const testMode = ctx.testMode === true;
  let cur = plan;

  const runRule = (rule: Rule, batch: string, p: LogicalPlan): LogicalPlan => {
    let m = metricsByRule.get(rule.name);
    if (!m) {
      m = {
        rule: rule.name,
        timeNs: 0,
        effectiveTimeNs: 0,
        invocations: 0,
        effectiveInvocations: 0,
      };
      metricsByRule.set(rule.name, m);
    }
    const t0 = process.hrtime.bigint();
    const next = rule.apply(p, ctx);
    const dt = Number(process.hrtime.bigint() - t0);
    m.timeNs += dt;
    m.invocations++;
    if (next !== p) {
      m.effectiveInvocations++;
      m.effectiveTimeNs += dt;
      if (testMode) checkAfterRule(rule.name, batch, p, next);
    }
    return next;
  };

  for (const batch of batches) {
    const rules = batch.rules.filter((r) => !excluded.has(r.name));
    const bm: BatchMetrics = { batch: batch.name, iterations: 0, reachedFixedPoint: true };
    batchMetrics.push(bm);
    if (rules.length === 0) continue;
    const max = batch.strategy === "Once" ? 1 : batch.strategy.fixedPoint;
    const batchStart = cur;
    for (;;) {
      bm.iterations++;
      const last = cur;
      for (const rule of rules) cur = runRule(rule, batch.name, cur);
      if (cur === last || plansEqual(cur, last)) {
        cur = last;
        break;
      }
      if (bm.iterations >= max) {
        if (max > 1) {
          bm.reachedFixedPoint = false;
          if (testMode) {
            throw new RuleExecutionError(`Max iterations (${max}) reached for batch ${batch.name}`);
          }
        }
        break;
      }
    }
    if (
      testMode &&
      batch.strategy === "Once" &&
      batch.checkIdempotence !== false &&
      cur !== batchStart
    ) {
      let again = cur;
      for (const rule of rules) again = rule.apply(again, ctx);
      if (again !== cur && !plansEqual(again, cur)) {
        throw new RuleExecutionError(
          `Once strategy's idempotence is broken for batch ${batch.name}`,
        );
      }
    }
  }

  return {
    plan: cur,
    metrics: {
      rules: [...metricsByRule.values()],
      batches: batchMetrics,
      totalTimeNs: Number(process.hrtime.bigint() - start),
    },
  };
}

/** Adds the metrics of several runs (the optimizer's running totals per session). */
export function mergeMetrics(all: readonly ExecutorMetrics[]): ExecutorMetrics {
  const rules = new Map<string, RuleMetrics>();
  const batches: BatchMetrics[] = [];
  let total = 0;
  for (const m of all) {
    total += m.totalTimeNs;
    batches.push(...m.batches.map((b) => ({ ...b })));
    for (const r of m.rules) {
      const acc = rules.get(r.rule);
      if (!acc) rules.set(r.rule, { ...r });
      else {
        acc.timeNs += r.timeNs;
        acc.effectiveTimeNs += r.effectiveTimeNs;
        acc.invocations += r.invocations;
        acc.effectiveInvocations += r.effectiveInvocations;
      }
    }
  }
  return { rules: [...rules.values()], batches, totalTimeNs: total };
}

/**
 * The metrics as text, in the layout of Spark's `RuleExecutor.dumpTimeSpent`: totals,
 * then one line per rule, slowest first.
 */
export function dumpTimeSpent(m: ExecutorMetrics): string {
  const rules = [...m.rules].sort((a, b) => b.timeNs - a.timeNs);
  const runs = rules.reduce((s, r) => s + r.invocations, 0);
  const effRuns = rules.reduce((s, r) => s + r.effectiveInvocations, 0);
  const effTime = rules.reduce((s, r) => s + r.effectiveTimeNs, 0);
  const secs = (ns: number) => (ns / 1e9).toFixed(9);
  const nameWidth = Math.max(4, ...rules.map((r) => r.rule.length));
  const lines = [
    "=== Metrics of Analyzer/Optimizer Rules ===",
    `Total number of runs: ${runs}`,
    `Total time: ${secs(m.totalTimeNs)} seconds`,
    `Total number of effective runs: ${effRuns}`,
    `Total time of effective runs: ${secs(effTime)} seconds`,
    "",
    `${"Rule".padEnd(nameWidth)} ${"Effective Time / Total Time".padStart(40)} ${"Effective Runs / Total Runs".padStart(36)}`,
  ];
  for (const r of rules) {
    lines.push(
      `${r.rule.padEnd(nameWidth)} ${`${r.effectiveTimeNs} / ${r.timeNs}`.padStart(40)} ${`${r.effectiveInvocations} / ${r.invocations}`.padStart(36)}`,
    );
  }
  return lines.join("\n");
}
