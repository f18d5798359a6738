/**
 * IntKeyTable gives the same group ids as KeyTable (first-seen order) for int and long
 * keys, and refuses (unchanged) the batches it cannot address directly.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DateT, IntegerT, LongT } from "../../types/data-types.ts";
import { fromValues } from "../columnar/builder.ts";
import { toValues } from "../columnar/vector.ts";
import { IntKeyTable } from "./int-key-table.ts";
import { KeyTable } from "./key-table.ts";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test("int and long keys get KeyTable's group ids, batch after batch", () => {
  const rnd = seeded(7);
  for (const type of [IntegerT, LongT, DateT]) {
    const direct = new IntKeyTable();
    const hashed = new KeyTable();
    for (let b = 0; b < 20; b++) {
      // ranges drift so the direct table has to grow on both sides
      const lo = -500 + b * 37;
      const vals = Array.from({ length: 300 }, () => {
        const x = lo + Math.floor(rnd() * 900);
        return type === LongT ? BigInt(x) : x;
      });
      const col = fromValues(type, vals);
      const a = direct.findOrInsert([col], vals.length);
      const e = hashed.findOrInsert([col], vals.length);
      assert.ok(a !== null);
      assert.deepEqual([...a], [...e]);
    }
    assert.equal(direct.numGroups, hashed.numGroups);
    assert.deepEqual(toValues(direct.keys()[0]!), toValues(hashed.keys()[0]!));
    assert.equal(direct.keys()[0]!.type, type);
  }
});

test("batches with nulls, wide longs or a too sparse range are refused, table unchanged", () => {
  const t = new IntKeyTable();
  assert.deepEqual([...(t.findOrInsert([fromValues(LongT, [5n, -3n, 5n])], 3) ?? [])], [0, 1, 0]);
  assert.equal(t.findOrInsert([fromValues(LongT, [1n, null])], 2), null);
  assert.equal(t.findOrInsert([fromValues(LongT, [1n, 1n << 40n])], 2), null);
  assert.equal(t.findOrInsert([fromValues(LongT, [-(1n << 31n) - 1n])], 1), null);
  assert.equal(t.findOrInsert([fromValues(LongT, [1n, 100_000_000n])], 2), null);
  assert.equal(t.numGroups, 2);
  assert.deepEqual([...(t.findOrInsert([fromValues(LongT, [-3n, 7n])], 2) ?? [])], [1, 2]);
  assert.deepEqual(toValues(t.keys()[0]!), [5n, -3n, 7n]);
  // extremes of the 32-bit range are direct keys
  const u = new IntKeyTable();
  const ext = fromValues(LongT, [-(1n << 31n), -(1n << 31n) + 5n]);
  assert.deepEqual([...(u.findOrInsert([ext], 2) ?? [])], [0, 1]);
  assert.deepEqual(toValues(u.keys()[0]!), [-(1n << 31n), -(1n << 31n) + 5n]);
});

test("no groups yet: keys() is an empty column of the given type", () => {
  const t = new IntKeyTable();
  const [k] = t.keys(LongT);
  assert.equal(k?.length, 0);
  assert.equal(k?.type, LongT);
});
