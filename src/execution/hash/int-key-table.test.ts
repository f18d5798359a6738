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

test("batches with nulls, wide longs or a too wide range are refused; moving to a KeyTable keeps every id", () => {
  const batches: (bigint | null)[][] = [
    [5n, -3n, 5n],
    [-3n, 7n],
    [1n, 1n << 40n, 9n],
  ];
  for (const refused of [[1n, null], [2n, -(1n << 31n) - 1n], [4n, 100_000_000n], batches[2]!]) {
    const direct = new IntKeyTable();
    const hashed = new KeyTable();
    let moved: KeyTable | null = null;
    for (const vals of [...batches.slice(0, 2), refused, [7n, 4n, 2n]]) {
      const col = fromValues(LongT, vals);
      const want = [...hashed.findOrInsert([col], vals.length)];
      let got: Int32Array | null = moved === null ? direct.findOrInsert([col], vals.length) : null;
      if (got === null) {
        if (moved === null) {
          moved = new KeyTable();
          moved.findOrInsert(direct.keys(), direct.numGroups);
        }
        got = moved.findOrInsert([col], vals.length);
      }
      assert.deepEqual([...got], want, String(refused));
    }
    assert.notEqual(moved, null, "the batch was refused");
  }
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
