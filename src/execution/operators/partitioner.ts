/**
 * Which reduce partition each row of a batch goes to, for every partitioning an exchange
 * can produce. Hash partitioning is `pmod(hash(keys), n)`; range partitioning uses bounds
 * sampled on the driver (Spark's RangePartitioner) and passed in the stage payload.
 */
import type {
  AttributeReference,
  Expression,
  SortOrder,
} from "../../catalyst/expressions/expression.ts";
import { attribute } from "../../catalyst/expressions/factories.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import { type ColumnarBatch, columnarBatch } from "../columnar/batch.ts";
import { type ColumnVector, getValue } from "../columnar/vector.ts";
import { partitionIds as hashPartitionIds } from "../hash/partition.ts";
import type { Partitioning } from "../plan/physical-plan.ts";
import { evaluate, schemaOf } from "./common.ts";
import type { ExecConf } from "./operator.ts";
import { compareRows } from "./sort-util.ts";

function keyAttr(e: Expression, k: number): AttributeReference {
  return attribute(`k${k}`, dataTypeOf(e), true, -1 - k);
}

/** Partition ids of a batch's rows. `bounds`: range partitioning's upper bounds. */
export function partitionIds(
  partitioning: Partitioning,
  input: readonly AttributeReference[],
  batch: ColumnarBatch,
  mapPartition: number,
  conf: ExecConf,
  bounds: readonly (readonly unknown[])[] | undefined,
): Int32Array {
  const n = batch.numRows;
  const ids = new Int32Array(n);
  switch (partitioning.kind) {
    case "Single":
    case "Broadcast":
      return ids;
    case "Unknown":
    case "RoundRobin": {
      const k = partitioning.numPartitions;
      for (let i = 0; i < n; i++) ids[i] = (mapPartition + i) % k;
      return ids;
    }
    case "Hash": {
      const keys = evaluate(input, partitioning.expressions, batch, conf);
      return hashPartitionIds(
        columnarBatch(schemaOf(partitioning.expressions.map(keyAttr)), n, keys),
        keys.map((_, k) => k),
        partitioning.numPartitions,
      );
    }
    case "Range": {
      const keys = evaluate(
        input,
        partitioning.ordering.map((o) => o.child),
        batch,
        conf,
      );
      const b = bounds ?? [];
      for (let i = 0; i < n; i++) {
        const row = keys.map((v: ColumnVector) => getValue(v, i));
        let p = 0;
        while (p < b.length && compareRows(partitioning.ordering, row, b[p] as unknown[]) > 0) p++;
        ids[i] = p;
      }
      return ids;
    }
    default:
      return ids;
  }
}

/** Range bounds: `numPartitions - 1` evenly spaced keys of the sorted sample. */
export function rangeBounds(
  ordering: readonly SortOrder[],
  sample: unknown[][],
  numPartitions: number,
): unknown[][] {
  sample.sort((a, b) => compareRows(ordering, a, b));
  const bounds: unknown[][] = [];
  for (let p = 1; p < numPartitions && sample.length > 0; p++) {
    const idx = Math.min(sample.length - 1, Math.floor((p * sample.length) / numPartitions) - 1);
    const cand = sample[Math.max(0, idx)] as unknown[];
    const last = bounds[bounds.length - 1];
    if (last === undefined || compareRows(ordering, cand, last) > 0) bounds.push(cand);
  }
  return bounds;
}
