/**
 * Spark's HashPartitioning: row -> `pmod(hash(keys...), numPartitions)` with `hash` the
 * Murmur3 hash of murmur3.ts (seed 42). Same function as shuffle and bucketing in Spark,
 * so Flint's partitions hold the same rows as Spark's.
 */

import type { ColumnarBatch } from "../columnar/batch.ts";
import { murmur3Column, SPARK_HASH_SEED } from "./murmur3.ts";

/** The partition of every row of `batch` for the key columns (by index). */
export function partitionIds(
  batch: ColumnarBatch,
  keyColumns: readonly number[],
  numPartitions: number,
): Int32Array {
  const ids = new Int32Array(batch.numRows).fill(SPARK_HASH_SEED);
  for (const c of keyColumns) {
    const col = batch.columns[c];
    if (col === undefined)
      throw new Error(`no key column ${c} in a batch of ${batch.columns.length}`);
    murmur3Column(col, ids);
  }
  for (let i = 0; i < ids.length; i++) {
    const m = ids[i]! % numPartitions;
    ids[i] = m < 0 ? m + numPartitions : m;
  }
  return ids;
}

/** `pmod(hash, n)` for one hash value. */
export function pmod(hash: number, n: number): number {
  const m = hash % n;
  return m < 0 ? m + n : m | 0; // | 0 turns -0 into 0
}
