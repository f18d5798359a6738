import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  arrayType,
  DoubleT,
  IntegerT,
  LongT,
  StringT,
  structField,
  structType,
} from "../../types/data-types.ts";
import { batchRowsArb } from "../columnar/arbitrary.ts";
import { batchFromRows, sliceBatch } from "../columnar/batch.ts";
import { toValues } from "../columnar/vector.ts";
import { JoinIndex, KeyTable } from "./key-table.ts";

/** An independent model of grouping equality: a canonical string per key value. */
function canon(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof Uint8Array) return `x${Buffer.from(v).toString("hex")}`;
  if (Array.isArray(v)) return `[${v.map(canon).join(",")}]`;
  const m = v as { keys: unknown[]; values: unknown[] };
  return `{${m.keys.map((k, i) => `${canon(k)}:${canon(m.values[i])}`).join(",")}}`;
}

describe("KeyTable", () => {
  it("assigns group ids in first-seen order across batches (property)", () => {
    fc.assert(
      fc.property(batchRowsArb(40), fc.nat(40), ([schema, rows], cut) => {
        // duplicate rows so that groups repeat
        const all = [...rows, ...rows.slice(0, cut)];
        const batch = batchFromRows(schema, all);
        const table = new KeyTable({ capacity: 1 });
        const c = Math.min(cut, all.length);
        const ids = [
          ...table.findOrInsert(sliceBatch(batch, 0, c).columns, c),
          ...table.findOrInsert(sliceBatch(batch, c, all.length).columns, all.length - c),
        ];
        const seen = new Map<string, number>();
        const expected = all.map((r) => {
          const k = canon(r);
          let g = seen.get(k);
          if (g === undefined) {
            g = seen.size;
            seen.set(k, g);
          }
          return g;
        });
        assert.deepEqual(ids, expected);
        assert.equal(table.numGroups, seen.size);
        const keys = table.keys();
        if (seen.size > 0) {
          const firsts = [...seen.keys()];
          const got = keys.map((k) => toValues(k));
          firsts.forEach((k, g) => {
            assert.equal(canon(got.map((col) => col[g])), k);
          });
        }
        const again = table.find(batch.columns, all.length);
        assert.deepEqual([...again], expected);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("groups NaN with NaN, -0.0 with 0.0 and null with null", () => {
    const schema = structType([structField("d", DoubleT)]);
    const b = batchFromRows(schema, [[Number.NaN], [0], [-0], [null], [Number.NaN], [null]]);
    const t = new KeyTable();
    assert.deepEqual([...t.findOrInsert(b.columns, 6)], [0, 1, 1, 2, 0, 2]);
  });

  it("keeps null apart from 0 on the single-int-key fast path", () => {
    const schema = structType([structField("i", IntegerT)]);
    const t = new KeyTable();
    const a = batchFromRows(schema, [[0], [null], [0], [null], [5]]);
    const b = batchFromRows(schema, [[5], [null], [-1], [0]]);
    assert.deepEqual([...t.findOrInsert(a.columns, 5)], [0, 1, 0, 1, 2]);
    assert.deepEqual([...t.findOrInsert(b.columns, 4)], [2, 1, 3, 0]);
    assert.deepEqual(toValues(t.keys()[0]!), [0, null, 5, -1]);
    const j = new KeyTable({ nullsAreKeys: false });
    assert.deepEqual([...j.findOrInsert(a.columns, 5)], [0, -1, 0, -1, 1]);
  });

  it("compares long keys by both words", () => {
    const schema = structType([structField("l", LongT)]);
    const rows = [
      [0n],
      [4294967296n],
      [null],
      [-1n],
      [4294967295n],
      [0n],
      [-4294967296n],
      [4294967296n],
    ];
    const t = new KeyTable();
    assert.deepEqual(
      [...t.findOrInsert(batchFromRows(schema, rows).columns, 8)],
      [0, 1, 2, 3, 4, 0, 5, 1],
    );
  });

  it("grows far past its initial capacity", () => {
    const schema = structType([structField("i", IntegerT), structField("s", StringT)]);
    const rows = Array.from({ length: 5000 }, (_, i) => [i % 1500, `k${i % 3}`]);
    const t = new KeyTable();
    const ids = t.findOrInsert(batchFromRows(schema, rows).columns, rows.length);
    assert.equal(t.numGroups, 1500);
    assert.equal(ids[4500], ids[0]);
  });
});

describe("JoinIndex", () => {
  it("chains build rows per key and skips null keys", () => {
    const schema = structType([structField("k", IntegerT)]);
    const index = new JoinIndex();
    index.add(batchFromRows(schema, [[1], [2], [null], [1]]).columns, 4);
    index.add(batchFromRows(schema, [[2], [1]]).columns, 2);
    const first = index.probe(batchFromRows(schema, [[1], [3], [null], [2]]).columns, 4);
    const matches = [...first].map((r) => {
      const out: number[] = [];
      for (let x = r; x >= 0; x = index.nextMatch(x)) out.push(x);
      return out;
    });
    assert.deepEqual(matches, [[0, 3, 5], [], [], [1, 4]]);
    assert.equal(index.numRows, 6);
  });

  it("joins as Spark does: array(1, NULL) = array(1, NULL), NaN = NaN, -0.0 = 0.0", () => {
    // Spark 4: SELECT count(*) FROM VALUES (array(1, NULL)) l(a) JOIN VALUES (array(1, NULL))
    // r(b) ON l.a = r.b -> 1; NaN and -0.0 against NaN and 0.0 -> 2 rows
    const arr = structType([structField("a", arrayType(IntegerT))]);
    const index = new JoinIndex();
    index.add(batchFromRows(arr, [[[1, null]]]).columns, 1);
    assert.deepEqual([...index.probe(batchFromRows(arr, [[[1, null]]]).columns, 1)], [0]);
    const dbl = structType([structField("d", DoubleT)]);
    const nan = new JoinIndex();
    nan.add(batchFromRows(dbl, [[Number.NaN], [0]]).columns, 2);
    assert.deepEqual([...nan.probe(batchFromRows(dbl, [[Number.NaN], [-0]]).columns, 2)], [0, 1]);
  });

  it("matches null keys for null-safe joins", () => {
    const schema = structType([structField("k", IntegerT)]);
    const index = new JoinIndex({ nullsAreKeys: true });
    index.add(batchFromRows(schema, [[null], [1], [null]]).columns, 3);
    const first = index.probe(batchFromRows(schema, [[null]]).columns, 1);
    assert.equal(first[0], 0);
    assert.equal(index.nextMatch(0), 2);
    assert.equal(index.nextMatch(2), -1);
  });

  it("returns typed empty keys for an empty table", () => {
    const t = new KeyTable();
    const schema = structType([structField("k", StringT)]);
    t.findOrInsert(batchFromRows(schema, []).columns, 0);
    const keys = t.keys();
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!.length, 0);
    assert.equal(keys[0]!.type, StringT);
  });
});
