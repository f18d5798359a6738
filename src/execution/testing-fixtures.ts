/**
 * Test fixtures shared by the execution tests: the canonical (country, salary) relation
 * and helpers to build resolved logical plans without the analyzer.
 */

import path from "node:path";
import type {
  AggregateExpression,
  AggregateFunction,
  AttributeReference,
  Expression,
} from "../catalyst/expressions/expression.ts";
import { alias, attribute, newExprId } from "../catalyst/expressions/factories.ts";
import type { LocalRelation } from "../catalyst/plans/logical-plan.ts";
import { UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import { TaskMemoryManager } from "../memory/task-memory-manager.ts";
import { compressionCodec } from "../storage/compression.ts";
import { SpillFile } from "../storage/spill-file.ts";
import { type DataType, IntegerT, LongT, StringT } from "../types/data-types.ts";
import { DEFAULT_EXEC_CONF, type ExecContext, type OperatorMetrics } from "./operators/operator.ts";

export const country: AttributeReference = attribute("country", StringT, true);
export const salary: AttributeReference = attribute("salary", IntegerT, true);

export const people: LocalRelation = Object.freeze({
  kind: "LocalRelation",
  output: [country, salary],
  rows: [
    ["US", 10],
    ["FR", 20],
    ["US", 5],
    [null, 7],
    ["DE", null],
  ],
});

export function aggFn(
  name: string,
  args: readonly Expression[],
  dataType: DataType = LongT,
  nullable = true,
): AggregateFunction {
  return Object.freeze({ kind: "AggregateFunction", name, args, dataType, nullable, options: {} });
}

export function aggExpr(fn: AggregateFunction, resultId = newExprId()): AggregateExpression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn,
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId,
  });
}

/** `fn(args) AS name`, as the analyzer resolves `df.groupBy(..).agg(fn(..))`. */
export function aggAlias(name: string, fn: AggregateFunction, id = newExprId()) {
  return alias(aggExpr(fn), name, id);
}

/** Replaces `#123` ids and plan ids with `#x` (volatile across runs), as Spark's golden files do. */
export function normalizeIds(s: string): string {
  return s.replace(/#\d+/g, "#x").replace(/plan_id=\d+/g, "plan_id=x");
}

export const conf = (entries: Record<string, string> = {}) => ({
  conf: { get: (k: string) => entries[k] },
  defaultParallelism: 2,
});

export const country2: AttributeReference = attribute("country", StringT, true);
export const code: AttributeReference = attribute("code", IntegerT, true);

export const codes: LocalRelation = Object.freeze({
  kind: "LocalRelation",
  output: [country2, code],
  rows: [
    ["US", 1],
    ["FR", 2],
  ],
});

/** A task context outside the runtime: optional execution memory of `memoryBytes`, spill files in `dir`. */
export function taskContext(
  memoryBytes: number | null,
  dir: string,
  metrics: OperatorMetrics,
): ExecContext {
  let memory: TaskMemoryManager | null = null;
  if (memoryBytes !== null) {
    const pool = SharedPool.create({
      maxMemory: memoryBytes,
      storageRegionSize: 0,
      numTaskSlots: 1,
    });
    memory = new TaskMemoryManager(new UnifiedMemoryManager({ pool }), 0);
  }
  let n = 0;
  return {
    conf: { ...DEFAULT_EXEC_CONF, batchSize: 1000 },
    shuffleInput: () => [],
    broadcastInput: () => [],
    addMetric: (id, name, value) => {
      metrics[id] ??= {};
      const m = metrics[id];
      m[name] = (m[name] ?? 0) + value;
    },
    memory,
    createSpillFile: () => new SpillFile(path.join(dir, `spill-${n++}`), compressionCodec("none")),
    cachedInput: () => undefined,
    fileInput: () => [],
    cacheOutput: () => {},
  };
}
