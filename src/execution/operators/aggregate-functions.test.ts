/**
 * sum over longs: the double-accumulator fast path gives the exact bigint sums, nulls when
 * a group saw no value, and Spark's overflow behaviour (ANSI error, or wrap-around).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateFunction, attribute } from "../../catalyst/expressions/factories.ts";
import { decimalType, IntegerT, LongT } from "../../types/data-types.ts";
import { fromValues } from "../columnar/builder.ts";
import { toValues } from "../columnar/vector.ts";
import { aggImplOf } from "./aggregate-functions.ts";

const x = attribute("x", LongT, true);
const sum = aggregateFunction("sum", [x], LongT);

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test("long sums are exact across small, near-2^52 and wide values, with null groups", () => {
  const rnd = seeded(3);
  const groups = 5;
  const state = aggImplOf(sum).create(sum, true);
  state.ensure(groups + 1); // group 5 never sees a value
  const expected: (bigint | null)[] = Array.from({ length: groups + 1 }, () => null);
  for (let b = 0; b < 30; b++) {
    const vals: (bigint | null)[] = [];
    const gids = new Int32Array(200);
    for (let i = 0; i < 200; i++) {
      const r = rnd();
      const v =
        r < 0.1
          ? null
          : r < 0.5
            ? BigInt(Math.floor(rnd() * 2000) - 1000)
            : r < 0.8
              ? BigInt(Math.floor((rnd() - 0.5) * 2 ** 52))
              : BigInt(Math.floor((rnd() - 0.5) * 2 ** 30)) * 16777259n;
      const g = Math.floor(rnd() * groups);
      gids[i] = g;
      vals.push(v);
      if (v !== null) expected[g] = (expected[g] ?? 0n) + v;
    }
    if (b % 2 === 0) state.updateBatch(gids, [fromValues(LongT, vals)], 200);
    else state.mergeBatch(gids, [fromValues(LongT, vals)], 200);
    if (b === 10) assert.deepEqual(toValues(state.buffers(groups + 1)[0]!), expected);
  }
  assert.deepEqual(toValues(state.result(groups + 1)), expected);
});

test("long sum overflow: an ANSI error, or wrap-around without ANSI", () => {
  const big = (1n << 62n) + 12345n;
  const gids = new Int32Array([0, 0, 0]);
  const ansi = aggImplOf(sum).create(sum, true);
  ansi.ensure(1);
  assert.throws(() => {
    ansi.updateBatch(gids, [fromValues(LongT, [big, big, 7n])], 3);
    ansi.result(1);
  }, /ARITHMETIC_OVERFLOW/);
  const legacy = aggImplOf(sum).create(sum, false);
  legacy.ensure(1);
  legacy.updateBatch(gids, [fromValues(LongT, [big, big, 7n])], 3);
  assert.deepEqual(toValues(legacy.result(1)), [BigInt.asIntN(64, 2n * big + 7n)]);
});

test("small long sums and counts come straight from doubles (negatives, null groups)", () => {
  const state = aggImplOf(sum).create(sum, true);
  state.ensure(3);
  const gids = new Int32Array([0, 0, 1, 1, 0]);
  const col = fromValues(LongT, [-(1n << 40n), -7n, 5n, null, 3n]);
  state.updateBatch(gids, [col], 5);
  state.mergeBatch(gids, [col], 5);
  const want = [2n * (-(1n << 40n) - 4n), 10n, null];
  assert.deepEqual(toValues(state.buffers(3)[0]!), want);
  assert.deepEqual(toValues(state.result(3)), want);
  const count = aggregateFunction("count", [x], LongT, false);
  const c = aggImplOf(count).create(count, true);
  c.ensure(2);
  c.updateBatch(gids, [col], 5);
  c.mergeBatch(new Int32Array([1, 0]), [fromValues(LongT, [1n << 40n, 2n])], 2);
  assert.deepEqual(toValues(c.result(2)), [5n, (1n << 40n) + 1n]);
});

test("int input into a long sum keeps its own path", () => {
  const i = attribute("i", IntegerT, true);
  const s = aggregateFunction("sum", [i], LongT);
  const state = aggImplOf(s).create(s, true);
  state.ensure(2);
  state.updateBatch(new Int32Array([0, 0, 1]), [fromValues(IntegerT, [2147483647, 5, null])], 3);
  assert.deepEqual(toValues(state.buffers(2)[0]!), [2147483652n, null]);
  assert.deepEqual(toValues(state.result(2)), [2147483652n, null]);
});

for (const precision of [18, 28]) {
  test(`decimal(${precision}, 2) sum and avg: exact over small, near-2^52, 18-digit and wide values, null groups`, () => {
    const d = decimalType(precision, 2);
    const dx = attribute("dx", d, true);
    // Spark: sum(decimal(p,2)) is decimal(min(38, p+10),2); avg is decimal(min(38, p+4),6)
    const dsum = aggregateFunction("sum", [dx], decimalType(Math.min(38, precision + 10), 2));
    const davg = aggregateFunction("avg", [dx], decimalType(Math.min(38, precision + 4), 6));
    const rnd = seeded(11);
    const groups = 4;
    const sumState = aggImplOf(dsum).create(dsum, true);
    const avgState = aggImplOf(davg).create(davg, true);
    sumState.ensure(groups + 1);
    avgState.ensure(groups + 1);
    const sums: (bigint | null)[] = Array.from({ length: groups + 1 }, () => null);
    const counts = Array.from({ length: groups + 1 }, () => 0n);
    for (let b = 0; b < 20; b++) {
      const vals: (bigint | null)[] = [];
      const gids = new Int32Array(300);
      for (let i = 0; i < 300; i++) {
        const r = rnd();
        const v =
          r < 0.1
            ? null
            : r < 0.5
              ? BigInt(Math.floor(rnd() * 20000) - 10000)
              : r < 0.9
                ? BigInt(Math.floor((rnd() - 0.5) * 2 ** 52))
                : precision > 18 && r > 0.95
                  ? BigInt(Math.floor((rnd() - 0.5) * 2 ** 30)) * 10n ** 19n
                  : (BigInt(Math.floor((rnd() - 0.5) * 2 ** 30)) * 999999999n) % 10n ** 18n;
        const g = Math.floor(rnd() * groups);
        gids[i] = g;
        vals.push(v);
        if (v !== null) {
          sums[g] = (sums[g] ?? 0n) + v;
          counts[g]! += 1n;
        }
      }
      // a sum's buffer merges as its input does
      if (b % 2 === 0) sumState.updateBatch(gids, [fromValues(d, vals)], 300);
      else sumState.mergeBatch(gids, [fromValues(d, vals)], 300);
      if (b === 7) assert.deepEqual(toValues(sumState.buffers(groups + 1)[0]!), sums);
      avgState.updateBatch(gids, [fromValues(d, vals)], 300);
    }
    assert.deepEqual(toValues(sumState.result(groups + 1)), sums);
    // avg at scale 6: sum * 10^4 / count, rounded half up (away from zero)
    const avgs = sums.map((s, g) => {
      if (s === null) return null;
      const num = s * 10000n;
      const c = counts[g]!;
      let q = num / c;
      const rem = num % c;
      if ((rem < 0n ? -rem : rem) * 2n >= c) q += num < 0n ? -1n : 1n;
      return q;
    });
    assert.deepEqual(toValues(avgState.result(groups + 1)), avgs);
    const [bufSum, bufCount] = avgState.buffers(groups + 1);
    assert.deepEqual(toValues(bufSum!), sums);
    assert.deepEqual(toValues(bufCount!), counts);
  });
}
