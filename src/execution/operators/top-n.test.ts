/**
 * The top-N equals the first N rows of a stable full sort (the comparator order checked
 * against Spark in columnar/compare.test.ts) on random batches with ties and nulls, for
 * limits below, at and above the batch and merge sizes, and on a computed key.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SortOrder } from "../../catalyst/expressions/expression.ts";
import { arithmetic, attribute, literal, sortOrder } from "../../catalyst/expressions/factories.ts";
import { DoubleT, IntegerT, LongT } from "../../types/data-types.ts";
import { batchFromRows, type ColumnarBatch, rowsFromBatch } from "../columnar/batch.ts";
import { schemaOf } from "./common.ts";
import { DEFAULT_EXEC_CONF } from "./operator.ts";
import { compareRows } from "./sort-util.ts";
import { TopN } from "./top-n.ts";

const a = attribute("a", IntegerT, true);
const b = attribute("b", DoubleT, true);
const id = attribute("id", LongT, false);
const input = [a, b, id];

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (Math.imul(t, 1664525) + 1013904223) >>> 0;
    return t / 4294967296;
  };
}

function randomBatches(r: () => number, n: number): ColumnarBatch[] {
  const rows = Array.from({ length: n }, (_, i) => [
    r() < 0.1 ? null : Math.floor(r() * 50),
    r() < 0.1 ? null : r() < 0.05 ? Number.NaN : Math.floor(r() * 4) / 2,
    BigInt(i),
  ]);
  const out: ColumnarBatch[] = [];
  for (let i = 0; i < rows.length; ) {
    const size = 1 + Math.floor(r() * 3000);
    out.push(batchFromRows(schemaOf(input), rows.slice(i, i + size)));
    i += size;
  }
  return out;
}

/** The first `limit` rows of a stable sort by `order` (keys taken from the rows). */
function expected(
  batches: readonly ColumnarBatch[],
  order: readonly SortOrder[],
  key: (row: unknown[]) => unknown[],
  limit: number,
): unknown[][] {
  const rows = batches.flatMap(rowsFromBatch);
  return rows
    .map((row, i) => ({ row, i, k: key(row) }))
    .sort((x, y) => compareRows(order, x.k, y.k) || x.i - y.i)
    .slice(0, limit)
    .map((x) => x.row);
}

function topN(
  batches: readonly ColumnarBatch[],
  order: readonly SortOrder[],
  limit: number,
): unknown[][] {
  const top = new TopN(input, order, limit, DEFAULT_EXEC_CONF);
  for (const batch of batches) top.insert(batch);
  const best = top.result();
  return best === null ? [] : rowsFromBatch(best);
}

test("top-N equals the head of a stable sort", () => {
  const r = rng(7);
  const orders: SortOrder[][] = [
    [sortOrder(a)],
    [sortOrder(a, "DESC"), sortOrder(b)],
    [sortOrder(b, "DESC", "NULLS FIRST"), sortOrder(a, "ASC", "NULLS LAST")],
  ];
  for (let round = 0; round < 2; round++) {
    const batches = randomBatches(r, 20000);
    for (const order of orders) {
      const pos = (o: SortOrder) => input.findIndex((x) => x === o.child);
      const key = (row: unknown[]) => order.map((o) => row[pos(o)]);
      const sorted = expected(batches, order, key, 20000);
      for (const limit of [0, 1, 10, 4096, 9000, 30000]) {
        assert.deepEqual(topN(batches, order, limit), sorted.slice(0, limit));
      }
    }
  }
});

test("top-N on a computed key and with no limit", () => {
  const r = rng(11);
  const batches = randomBatches(r, 5000);
  const order = [sortOrder(arithmetic("*", id, id), "DESC")];
  const key = (row: unknown[]) => [(row[2] as bigint) * (row[2] as bigint)];
  assert.deepEqual(topN(batches, order, 25), expected(batches, order, key, 25));
  // a non-null long first key (checked against the worst row's words first), both ways
  for (const dir of ["ASC", "DESC"] as const) {
    const byId = [sortOrder(arithmetic("%", id, literal(97n, LongT)), dir), sortOrder(a)];
    const keyId = (row: unknown[]) => [(row[2] as bigint) % 97n, row[0]];
    assert.deepEqual(topN(batches, byId, 40), expected(batches, byId, keyId, 40));
  }
  const all = [sortOrder(a), sortOrder(id, "DESC")];
  const key2 = (row: unknown[]) => [row[0], row[2]];
  assert.deepEqual(
    topN(batches, all, Number.POSITIVE_INFINITY),
    expected(batches, all, key2, 5000),
  );
});
