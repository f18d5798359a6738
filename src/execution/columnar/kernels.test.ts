import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BooleanT, IntegerT, StringT } from "../../types/data-types.ts";
import {
  batchFromRows,
  concatBatches,
  filterBatch,
  rowsFromBatch,
  sliceBatch,
  takeBatch,
} from "./batch.ts";
import { fromValues } from "./builder.ts";
import { compactOffsets, concat, filter, indicesFromMask, slice, take } from "./kernels.ts";
import { ALL_TYPES_ROWS, ALL_TYPES_SCHEMA } from "./testing.ts";
import type { BooleanVector, BytesVector } from "./vector.ts";
import { toValues } from "./vector.ts";

const batch = batchFromRows(ALL_TYPES_SCHEMA, ALL_TYPES_ROWS);
const rows = ALL_TYPES_ROWS;

describe("kernels", () => {
  it("take gathers rows of every type, negative index = null", () => {
    const out = takeBatch(batch, Int32Array.from([2, 0, -1, 0, 1]));
    const nullRow = ALL_TYPES_SCHEMA.fields.map(() => null);
    assert.deepEqual(rowsFromBatch(out), [rows[2], rows[0], nullRow, rows[0], rows[1]]);
    assert.equal(out.columns[4]!.nullCount, 2);
  });

  it("take without nulls keeps no bitmap", () => {
    const v = take(fromValues(IntegerT, [1, 2, 3]), Int32Array.from([2, 2, 0]));
    assert.equal(v.validity, null);
    assert.deepEqual(toValues(v), [3, 3, 1]);
  });

  it("filter keeps rows where the predicate is true (null = false)", () => {
    const pred = fromValues(BooleanT, [true, null, true]) as BooleanVector;
    assert.deepEqual(rowsFromBatch(filterBatch(batch, pred)), [rows[0], rows[2]]);
    const one = fromValues(IntegerT, [5, 6, 7]);
    assert.deepEqual(
      toValues(filter(one, fromValues(BooleanT, [false, true, false]) as BooleanVector)),
      [6],
    );
    assert.deepEqual([...indicesFromMask(Uint8Array.from([0, 1, 1, 0, 2]))], [1, 2, 4]);
  });

  it("slice is zero-copy for values and handles unaligned bitmaps", () => {
    const values = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? null : `s${i}`));
    const v = fromValues(StringT, values) as BytesVector;
    const s = slice(v, 5, 13) as BytesVector;
    assert.equal(s.data, v.data);
    assert.deepEqual(toValues(s), values.slice(5, 13));
    assert.deepEqual(toValues(compactOffsets(s)), values.slice(5, 13));
    assert.equal(compactOffsets(s).offsets[0], 0);
    assert.deepEqual(rowsFromBatch(sliceBatch(batch, 1, 3)), [rows[1], rows[2]]);
    assert.deepEqual(rowsFromBatch(sliceBatch(batch, 2, 99)), [rows[2]]);
  });

  it("concat joins vectors of every type, including slices", () => {
    const parts = [sliceBatch(batch, 1, 3), batch, sliceBatch(batch, 0, 1)];
    const out = concatBatches(ALL_TYPES_SCHEMA, parts);
    assert.deepEqual(rowsFromBatch(out), [rows[1], rows[2], ...rows, rows[0]]);
    const ints = concat([
      fromValues(IntegerT, [1, null, 3]),
      fromValues(IntegerT, [4, 5, 6, 7, 8, 9, 10]),
    ]);
    assert.deepEqual(toValues(ints), [1, null, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(ints.nullCount, 1);
  });
});
