/**
 * LongJoinIndex against JoinIndex (the general build side) on random integral keys with
 * nulls, duplicates and the extremes of each type: the same matches in the same order.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DataType } from "../../types/data-types.ts";
import { IntegerT, LongT, ShortT } from "../../types/data-types.ts";
import { fromValues } from "../columnar/builder.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { JoinIndex } from "./key-table.ts";
import { keyWords, LongJoinIndex } from "./long-join-index.ts";

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (Math.imul(t, 1664525) + 1013904223) >>> 0;
    return t / 4294967296;
  };
}

function matches(
  probe: (k: ColumnVector, n: number) => Int32Array,
  next: (row: number) => number,
  key: ColumnVector,
): number[][] {
  const first = probe(key, key.length);
  return Array.from(first, (f) => {
    const rows: number[] = [];
    for (let j = f; j >= 0; j = next(j)) rows.push(j);
    return rows;
  });
}

const cases: [DataType, (r: () => number) => unknown][] = [
  [
    LongT,
    (r) =>
      r() < 0.1
        ? [-9223372036854775808n, 9223372036854775807n, -1n, 4294967296n][Math.floor(r() * 4)]
        : BigInt(Math.floor(r() * 300) - 150) * 4294967291n,
  ],
  [IntegerT, (r) => (r() < 0.1 ? -2147483648 : Math.floor(r() * 500) - 250)],
  [ShortT, (r) => Math.floor(r() * 100) - 50],
];

test("LongJoinIndex matches JoinIndex", () => {
  const r = rng(17);
  for (const [type, gen] of cases) {
    for (const unique of [false, true]) {
      const n = 2000;
      const values = unique
        ? Array.from({ length: n }, (_, i) => (type === LongT ? BigInt(i * 7 - 3000) : i - 1000))
        : Array.from({ length: n }, () => (r() < 0.05 ? null : gen(r)));
      const build = fromValues(type, values);
      const probe = fromValues(
        type,
        Array.from({ length: 3000 }, () => (r() < 0.05 ? null : gen(r))),
      );
      const fast = LongJoinIndex.build(keyWords([build], n), n)!;
      const general = new JoinIndex({ capacity: n });
      general.add([build], n);
      assert.equal(fast.hasDuplicates, !unique);
      assert.deepEqual(
        matches(
          (k, m) => fast.probe(keyWords([k], m), m),
          (j) => fast.nextMatch(j),
          probe,
        ),
        matches(
          (k, m) => general.probe([k], m),
          (j) => general.nextMatch(j),
          probe,
        ),
      );
    }
  }
});

test("two integral keys: pairs that fit in 32 bits each, else the general index", () => {
  const r = rng(23);
  const n = 1500;
  const gen = () => (r() < 0.05 ? null : Math.floor(r() * 30) - 15);
  const a = fromValues(IntegerT, Array.from({ length: n }, gen));
  const b = fromValues(
    LongT,
    Array.from({ length: n }, () => {
      const x = gen();
      return x === null ? null : BigInt(x);
    }),
  );
  const pa = fromValues(IntegerT, Array.from({ length: 2000 }, gen));
  const pb = fromValues(
    LongT,
    Array.from({ length: 2000 }, (_, i) => {
      const x = gen();
      // some probe keys outside 32 bits never match
      return x === null ? null : i % 50 === 0 ? BigInt(x) + (1n << 40n) : BigInt(x);
    }),
  );
  const fast = LongJoinIndex.build(keyWords([a, b], n), n)!;
  const general = new JoinIndex({ capacity: n });
  general.add([a, b], n);
  const collect = (first: Int32Array, next: (j: number) => number) =>
    Array.from(first, (f) => {
      const rows: number[] = [];
      for (let j = f; j >= 0; j = next(j)) rows.push(j);
      return rows;
    });
  assert.deepEqual(
    collect(fast.probe(keyWords([pa, pb], 2000), 2000), (j) => fast.nextMatch(j)),
    collect(general.probe([pa, pb], 2000), (j) => general.nextMatch(j)),
  );
  const wide = fromValues(LongT, [1n << 40n, 2n]);
  assert.equal(LongJoinIndex.build(keyWords([fromValues(IntegerT, [1, 2]), wide], 2), 2), null);
});
