/**
 * Property test: the vectorized hashes (verified against Spark on single values in
 * hash.test.ts) agree with the per-value hashes on random nested data, nulls and slices.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { batchRowsArb } from "../columnar/arbitrary.ts";
import { batchFromRows, sliceBatch } from "../columnar/batch.ts";
import { murmur3Batch, murmur3Value } from "./murmur3.ts";
import { partitionIds, pmod } from "./partition.ts";
import { xxhash64Batch, xxhash64Value } from "./xxhash64.ts";

describe("hash properties", () => {
  it("vectorized hashes equal per-value hashes", () => {
    fc.assert(
      fc.property(batchRowsArb(), fc.nat(20), ([schema, rows], cut) => {
        const batch = sliceBatch(batchFromRows(schema, rows), cut, rows.length);
        const part = rows.slice(cut);
        const m = murmur3Batch(batch);
        const x = xxhash64Batch(batch);
        const p = partitionIds(batch, [0], 7);
        part.forEach((row, r) => {
          let h = 42;
          let xh = 42n;
          schema.fields.forEach((f, c) => {
            h = murmur3Value(row[c], f.dataType, h);
            xh = xxhash64Value(row[c], f.dataType, xh);
          });
          assert.equal(m[r], h);
          assert.equal(x[r], xh);
          assert.equal(p[r], pmod(murmur3Value(row[0], schema.fields[0]!.dataType, 42), 7));
        });
      }),
      { numRuns: 80, seed: 42 },
    );
  });
});
