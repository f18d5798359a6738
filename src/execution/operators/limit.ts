/** CollectLimit, LocalLimit, GlobalLimit: the first rows of a partition or of the result. */
import type { ColumnarBatch } from "../columnar/batch.ts";
import { sliceBatch } from "../columnar/batch.ts";
import type { CollectLimitExec, GlobalLimitExec, LocalLimitExec } from "../plan/physical-plan.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

/**
 * Spark's limit-and-offset: the first `limit` rows (all when negative), then without the
 * first `offset` of them, i.e. rows [offset, limit).
 */
export function limitAndOffset(
  batches: Iterable<ColumnarBatch>,
  limit: number,
  offset: number,
): Iterable<ColumnarBatch> {
  return limitRows(batches, limit < 0 ? -1 : Math.max(0, limit - offset), offset);
}

/** Rows [offset, offset + count) of the stream (count < 0: to the end). */
export function* limitRows(
  batches: Iterable<ColumnarBatch>,
  limit: number,
  offset: number,
): Iterable<ColumnarBatch> {
  let skip = offset;
  let left = limit < 0 ? Number.POSITIVE_INFINITY : limit;
  if (left === 0) return;
  for (const b of batches) {
    let start = 0;
    if (skip > 0) {
      start = Math.min(skip, b.numRows);
      skip -= start;
    }
    const end = Math.min(b.numRows, start + left);
    if (end > start) {
      left -= end - start;
      yield start === 0 && end === b.numRows ? b : sliceBatch(b, start, end);
    }
    if (left <= 0) return;
  }
}

export const CollectLimitOp: OperatorDef<CollectLimitExec> = {
  describe: (p) =>
    p.offset > 0 ? `CollectLimit ${p.limit}, ${p.offset}` : `CollectLimit ${p.limit}`,
  supportsCodegen: () => false,
  // its child is shuffled to one partition by the stage cutter (an implicit exchange)
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: () => ({ kind: "Single" }),
  outputOrdering: (p) => childOrdering(p.child),
  execute: (p, ctx) => limitAndOffset(ctx.shuffleInput(p.id, 0), p.limit, p.offset),
};

export const LocalLimitOp: OperatorDef<LocalLimitExec> = {
  describe: (p) => `LocalLimit ${p.limit}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => childOrdering(p.child),
  execute: (p, _ctx, partition, run) => limitRows(run(p.child, partition), p.limit, 0),
};

export const GlobalLimitOp: OperatorDef<GlobalLimitExec> = {
  describe: (p) => `GlobalLimit ${p.limit}, ${p.offset}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "AllTuples" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: () => ({ kind: "Single" }),
  outputOrdering: (p) => childOrdering(p.child),
  execute: (p, _ctx, partition, run) => limitAndOffset(run(p.child, partition), p.limit, p.offset),
};
