/**
 * Which reduce partition each row of a batch goes to, for every partitioning an exchange
 * can produce. Hash partitioning is `pmod(hash(keys), n)`; range partitioning uses bounds
 * sampled on the driver (Spark's RangePartitioner) and passed in the stage payload.
 */
import type { AttributeReference, SortOrder } from "../../catalyst/expressions/expression.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { type ColumnVector, getValue, isNull } from "../columnar/vector.ts";
import type { Partitioning } from "../plan/physical-plan.ts";
import { evaluate } from "./common.ts";
import type { ExecConf } from "./operator.ts";
import { compareRows } from "./sort-util.ts";

const SEED = 42;

function mix(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  let y = h ^ x;
  y = (y << 13) | (y >>> 19);
  return (Math.imul(y, 5) + 0xe6546b64) | 0;
}

function hashValue(v: unknown, h: number): number {
  if (v === null) return h;
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return mix(h, v);
    const f = new Float64Array([v === 0 ? 0 : v]);
    const w = new Int32Array(f.buffer);
    return mix(mix(h, w[0] as number), w[1] as number);
  }
  if (typeof v === "bigint") {
    return mix(mix(h, Number(BigInt.asIntN(32, v))), Number(BigInt.asIntN(32, v >> 32n)));
  }
  if (typeof v === "boolean") return mix(h, v ? 1 : 0);
  const s =
    typeof v === "string" ? v : JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}` : x));
  let r = h;
  for (let k = 0; k < s.length; k++) r = mix(r, s.charCodeAt(k));
  return r;
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
      const k = partitioning.numPartitions;
      const keys = evaluate(input, partitioning.expressions, batch, conf);
      for (let i = 0; i < n; i++) {
        let h = SEED;
        for (const v of keys) h = hashValue(isNull(v, i) ? null : getValue(v, i), h);
        ids[i] = ((h % k) + k) % k;
      }
      return ids;
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
