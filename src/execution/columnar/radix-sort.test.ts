/**
 * The radix sort must give exactly the comparator sort's order (whose orders are checked
 * against Spark in compare.test.ts), including ties (stable), nulls first/last, DESC,
 * NaN / -0.0 / infinities, and the extremes of each type. Expected orders of the small
 * cases come from Spark 4, e.g. `ORDER BY d ASC NULLS FIRST, id` over
 * (1.0, NaN, -0.0, NULL, -Infinity, Infinity, -2.5) -> [3, 4, 6, 2, 0, 5, 1].
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DataType } from "../../types/data-types.ts";
import {
  BooleanT,
  ByteT,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  ShortT,
  StringT,
} from "../../types/data-types.ts";
import { fromValues } from "./builder.ts";
import { keysComparator, type SortKey } from "./compare.ts";
import { take } from "./kernels.ts";
import { radixSort, radixSortIndices } from "./radix-sort.ts";
import { toValues } from "./vector.ts";

function comparatorOrder(keys: readonly SortKey[], n: number): number[] {
  const cmp = keysComparator(keys);
  return Array.from({ length: n }, (_, i) => i).sort((i, j) => cmp(i, j) || i - j);
}

function radixOrder(keys: readonly SortKey[], n: number): number[] {
  const r = radixSortIndices(keys, n);
  assert.ok(r !== null);
  return [...r];
}

/** Deterministic pseudo-random numbers (xorshift). */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

const generators: Record<string, [DataType, (r: () => number) => unknown]> = {
  boolean: [BooleanT, (r) => r() < 0.5],
  byte: [ByteT, (r) => pick(r, [-128, 127, 0, -1, 1, Math.floor(r() * 256) - 128])],
  short: [ShortT, (r) => Math.floor(r() * 65536) - 32768],
  int: [IntegerT, (r) => pick(r, [-2147483648, 2147483647, 0, -1, Math.floor(r() * 2000) - 1000])],
  smallInt: [IntegerT, (r) => Math.floor(r() * 7)],
  date: [DateT, (r) => Math.floor(r() * 40000) - 20000],
  long: [
    LongT,
    (r) =>
      pick(r, [
        -9223372036854775808n,
        9223372036854775807n,
        0n,
        -1n,
        4294967296n,
        -4294967297n,
        BigInt(Math.floor(r() * 1e9)) * 1000003n - 500000000000n,
      ]),
  ],
  smallLong: [LongT, (r) => BigInt(Math.floor(r() * 1000))],
  double: [
    DoubleT,
    (r) =>
      pick(r, [
        Number.NaN,
        -0,
        0,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        Number.MAX_VALUE,
        -Number.MIN_VALUE,
        r() * 100 - 50,
        Math.floor(r() * 5),
      ]),
  ],
  float: [FloatT, (r) => pick(r, [Number.NaN, -0, 0, 1.5, -2.25, Math.fround(r() * 10)])],
  decimal: [decimalType(18, 2), (r) => BigInt(Math.floor(r() * 2e6) - 1e6)],
};

describe("radix sort of fixed-width keys", () => {
  it("orders the Spark example doubles as Spark", () => {
    const column = fromValues(DoubleT, [
      1.0,
      Number.NaN,
      -0,
      null,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      -2.5,
    ]);
    assert.deepEqual(
      radixOrder([{ column, descending: false, nullsFirst: true }], 7),
      [3, 4, 6, 2, 0, 5, 1],
    );
    // ORDER BY d DESC NULLS LAST, id -> [1, 5, 0, 2, 6, 4, 3]
    assert.deepEqual(
      radixOrder([{ column, descending: true, nullsFirst: false }], 7),
      [1, 5, 0, 2, 6, 4, 3],
    );
  });

  for (const [name, [type, gen]] of Object.entries(generators)) {
    for (const nullRate of [0, 0.2]) {
      it(`${name}${nullRate > 0 ? " with nulls" : ""}: same order as the comparator`, () => {
        const r = rng(name.length * 7919 + nullRate * 100);
        const n = 3000;
        const values = Array.from({ length: n }, () => (r() < nullRate ? null : gen(r)));
        const column = fromValues(type, values);
        for (const descending of [false, true])
          for (const nullsFirst of [false, true]) {
            const keys = [{ column, descending, nullsFirst }];
            assert.deepEqual(radixOrder(keys, n), comparatorOrder(keys, n));
          }
      });
    }
  }

  it("several keys of mixed types and directions", () => {
    const r = rng(42);
    const n = 5000;
    const cols = (["smallInt", "long", "double", "smallLong"] as const).map((name) => {
      const [type, gen] = generators[name]!;
      return fromValues(
        type,
        Array.from({ length: n }, () => (r() < 0.1 ? null : gen(r))),
      );
    });
    const keys: SortKey[] = cols.map((column, k) => ({
      column,
      descending: k % 2 === 1,
      nullsFirst: k !== 2,
    }));
    assert.deepEqual(radixOrder(keys, n), comparatorOrder(keys, n));
  });

  it("all-null and constant keys keep input order", () => {
    const n = 1000;
    const nulls = fromValues(
      LongT,
      Array.from({ length: n }, () => null),
    );
    const same = fromValues(
      IntegerT,
      Array.from({ length: n }, () => 5),
    );
    const none = fromValues(
      NullT,
      Array.from({ length: n }, () => null),
    );
    const keys: SortKey[] = [nulls, same, none].map((column) => ({
      column,
      descending: true,
      nullsFirst: false,
    }));
    assert.deepEqual(
      radixOrder(keys, n),
      Array.from({ length: n }, (_, i) => i),
    );
  });

  it("rebuilds a single integral key column in sorted order", () => {
    const r = rng(3);
    const n = 2000;
    for (const name of ["byte", "short", "int", "smallInt", "date", "smallLong"]) {
      const [type, gen] = generators[name]!;
      const column = fromValues(
        type,
        Array.from({ length: n }, () => gen(r)),
      );
      for (const descending of [false, true]) {
        const sorted = radixSort([{ column, descending, nullsFirst: true }], n);
        assert.ok(sorted !== null && sorted.sortedKey !== null, name);
        assert.deepEqual(toValues(sorted.sortedKey), toValues(take(column, sorted.order)), name);
      }
    }
    // longs spanning more than 32 bits, and nulls: no rebuilt column
    const wide = fromValues(LongT, [0n, 1n << 40n, 5n]);
    assert.equal(
      radixSort([{ column: wide, descending: false, nullsFirst: true }], 3)?.sortedKey,
      null,
    );
    const nulls = fromValues(LongT, [0n, null, 5n]);
    assert.equal(
      radixSort([{ column: nulls, descending: false, nullsFirst: true }], 3)?.sortedKey,
      null,
    );
    const negative = fromValues(LongT, [-3n, -1n << 31n, 7n, -2n]);
    const s2 = radixSort([{ column: negative, descending: true, nullsFirst: true }], 4);
    assert.deepEqual(s2?.sortedKey === null ? null : toValues(s2!.sortedKey), [
      7n,
      -2n,
      -3n,
      -1n << 31n,
    ]);
  });

  it("declines keys that are not fixed-width", () => {
    const column = fromValues(StringT, ["b", "a"]);
    assert.equal(radixSortIndices([{ column, descending: false, nullsFirst: true }], 2), null);
  });
});
