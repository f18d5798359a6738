/** Property tests: kernels and IPC against a model on plain arrays of values. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BooleanT } from "../../types/data-types.ts";
import { batchRowsArb } from "./arbitrary.ts";
import { decodeIpcStream, encodeIpcStream, fromArrowData, toArrowData } from "./arrow-ipc.ts";
import {
  batchFromRows,
  concatBatches,
  filterBatch,
  rowsFromBatch,
  sliceBatch,
  takeBatch,
} from "./batch.ts";
import { fromValues, structVector } from "./builder.ts";
import type { BooleanVector } from "./vector.ts";
import { toValues } from "./vector.ts";

const RUNS = { numRuns: 40, seed: 42 };

describe("columnar properties", () => {
  it("rows -> batch -> rows is the identity", () => {
    fc.assert(
      fc.property(batchRowsArb(), ([schema, rows]) => {
        assert.deepEqual(rowsFromBatch(batchFromRows(schema, rows)), rows);
      }),
      RUNS,
    );
  });

  it("take, filter, slice and concat agree with the array model", () => {
    fc.assert(
      fc.property(
        batchRowsArb(),
        fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 25 }),
        fc.nat(25),
        fc.nat(25),
        fc.array(fc.option(fc.boolean(), { nil: null }), { minLength: 25, maxLength: 25 }),
        ([schema, rows], rawIdx, a, b, mask) => {
          const batch = batchFromRows(schema, rows);
          const nullRow = schema.fields.map(() => null);
          const idx = rawIdx.map((i) => (i >= rows.length ? -1 : i));
          assert.deepEqual(
            rowsFromBatch(takeBatch(batch, Int32Array.from(idx))),
            idx.map((i) => (i < 0 ? nullRow : rows[i])),
          );
          const [s, e] = [Math.min(a, b), Math.max(a, b)];
          const sliced = sliceBatch(batch, s, e);
          assert.deepEqual(rowsFromBatch(sliced), rows.slice(s, e));
          const pred = fromValues(BooleanT, mask.slice(0, rows.length)) as BooleanVector;
          assert.deepEqual(
            rowsFromBatch(filterBatch(batch, pred)),
            rows.filter((_, i) => mask[i] === true),
          );
          const parts = [sliced, batch, sliceBatch(batch, e, rows.length)];
          assert.deepEqual(rowsFromBatch(concatBatches(schema, parts)), [
            ...rows.slice(s, e),
            ...rows,
            ...rows.slice(e),
          ]);
          // slices of slices and take over slices
          const inner = sliceBatch(sliced, 1, 3);
          assert.deepEqual(rowsFromBatch(inner), rows.slice(s, e).slice(1, 3));
          assert.deepEqual(
            rowsFromBatch(
              takeBatch(sliced, Int32Array.from([0, 0]).subarray(0, sliced.numRows > 0 ? 2 : 0)),
            ),
            sliced.numRows > 0 ? [rows[s], rows[s]] : [],
          );
        },
      ),
      RUNS,
    );
  });

  it("Arrow IPC round-trips batches and slices", () => {
    fc.assert(
      fc.property(batchRowsArb(), fc.nat(20), ([schema, rows], cut) => {
        const batch = batchFromRows(schema, rows);
        const parts = [batch, sliceBatch(batch, cut, rows.length)];
        const back = decodeIpcStream(encodeIpcStream(schema, parts));
        assert.deepEqual(back.schema, schema);
        assert.deepEqual(
          back.batches.map((b) => rowsFromBatch(b)),
          [rows, rows.slice(cut)],
        );
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it("reads Arrow data sliced by Arrow JS (offsets, bitmaps at bit offsets)", () => {
    fc.assert(
      fc.property(batchRowsArb(), fc.nat(20), fc.nat(20), ([schema, rows], a, b) => {
        const [s, e] = [Math.min(a, b, rows.length), Math.min(Math.max(a, b), rows.length)];
        const batch = batchFromRows(schema, rows);
        const asStruct = structVector(schema, batch.numRows, batch.columns, null, 0);
        const sliced = toArrowData(asStruct).slice(s, e - s);
        assert.deepEqual(toValues(fromArrowData(sliced, schema)), rows.slice(s, e));
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
