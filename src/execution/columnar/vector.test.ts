import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arrayType, decimalType, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import { batchFromRows, rowsFromBatch } from "./batch.ts";
import { BytesBuilder, createBuilder, fromValues, NumberBuilder } from "./builder.ts";
import { ALL_TYPES_ROWS, ALL_TYPES_SCHEMA } from "./testing.ts";
import type { BytesVector, DecimalVector, Int32Vector } from "./vector.ts";
import {
  compareBytesAt,
  decodeStrings,
  equalBytesAt,
  getDecimalUnscaled,
  getString,
  getValue,
  isNull,
  toValues,
} from "./vector.ts";

describe("column vectors", () => {
  it("round-trips every type through rows", () => {
    const batch = batchFromRows(ALL_TYPES_SCHEMA, ALL_TYPES_ROWS);
    assert.equal(batch.numRows, 3);
    assert.deepEqual(rowsFromBatch(batch), ALL_TYPES_ROWS);
  });

  it("uses the Arrow layout for ints with nulls", () => {
    const v = fromValues(IntegerT, [1, null, 3, null, 5, 6, 7, 8, 9]) as Int32Vector;
    assert.equal(v.layout, "i32");
    assert.deepEqual([...v.values], [1, 0, 3, 0, 5, 6, 7, 8, 9]);
    assert.deepEqual([...(v.validity ?? [])], [0b11110101, 0b1]);
    assert.equal(v.nullCount, 2);
    assert.equal(isNull(v, 1), true);
    assert.equal(isNull(v, 8), false);
  });

  it("has no bitmap when there are no nulls", () => {
    const v = fromValues(LongT, [1n, 2n]);
    assert.equal(v.validity, null);
    assert.equal(v.nullCount, 0);
  });

  it("stores decimals as Decimal128 words", () => {
    const v = fromValues(decimalType(38, 0), [-1n, 2n ** 100n, 5n]) as DecimalVector;
    assert.deepEqual([...v.values], [-1n, -1n, 0n, 2n ** 36n, 5n, 0n]);
    assert.equal(getDecimalUnscaled(v, 1), 2n ** 100n);
    assert.equal(getDecimalUnscaled(v, 0), -1n);
  });

  it("encodes strings as UTF-8 with offsets", () => {
    const v = fromValues(StringT, ["ab", null, "é☃", ""]) as BytesVector;
    assert.deepEqual([...v.offsets], [0, 2, 2, 7, 7]);
    assert.deepEqual([...v.data], [97, 98, 0xc3, 0xa9, 0xe2, 0x98, 0x83]);
    assert.equal(getString(v, 2), "é☃");
    assert.deepEqual(decodeStrings(v), ["ab", null, "é☃", ""]);
    const long = `${"x".repeat(100)}ü`;
    const w = fromValues(StringT, [long, "x".repeat(40)]) as BytesVector;
    assert.deepEqual(toValues(w), [long, "x".repeat(40)]);
    assert.equal(getString(w, 0), long);
  });

  it("compares strings by UTF-8 bytes (code point order)", () => {
    const v = fromValues(StringT, ["a", "ab", "\uffff", "𝄞", "ab"]) as BytesVector;
    assert.ok(compareBytesAt(v, 0, v, 1) < 0);
    assert.ok(compareBytesAt(v, 2, v, 3) < 0); // UTF-16 order would say the opposite
    assert.equal(compareBytesAt(v, 1, v, 4), 0);
    assert.equal(equalBytesAt(v, 1, v, 4), true);
    assert.equal(equalBytesAt(v, 0, v, 1), false);
  });

  it("grows builders geometrically past their initial capacity", () => {
    const b = new NumberBuilder(IntegerT, Int32Array, 1);
    for (let i = 0; i < 1000; i++) {
      if (i % 7 === 0) b.appendNull();
      else b.appendNumber(i);
    }
    const v = b.finish();
    assert.equal(v.length, 1000);
    assert.equal(v.nullCount, 143);
    assert.equal(getValue(v, 7), null);
    assert.equal(getValue(v, 999), 999);
    const s = new BytesBuilder(StringT, 1, 1);
    for (let i = 0; i < 500; i++) s.appendString(`v${i}`);
    assert.equal(getString(s.finish(), 499), "v499");
  });

  it("builds nested values through child builders", () => {
    const b = createBuilder(arrayType(arrayType(IntegerT)));
    b.append([[1], null, []]);
    b.append(null);
    b.append([]);
    assert.deepEqual(toValues(b.finish()), [[[1], null, []], null, []]);
  });
});
