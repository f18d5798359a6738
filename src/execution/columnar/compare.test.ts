/**
 * Expected orders come from Spark 4 (pyspark), e.g. for doubles:
 *   SELECT id FROM VALUES (0, 1.0D), (1, CAST('NaN' AS DOUBLE)), (2, -0.0D), (3, NULL),
 *     (4, -CAST('Infinity' AS DOUBLE)), (5, CAST('Infinity' AS DOUBLE)), (6, -2.5D)
 *     AS t(id, d) ORDER BY d ASC NULLS FIRST, id            -> [3, 4, 6, 2, 0, 5, 1]
 * and likewise for the other types below (ORDER BY <col>, id).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DataType } from "../../types/data-types.ts";
import {
  arrayType,
  DoubleT,
  decimalType,
  IntegerT,
  LongT,
  mapType,
  StringT,
  structField,
  structType,
} from "../../types/data-types.ts";
import { fromValues } from "./builder.ts";
import { equality, sortIndices } from "./compare.ts";

function order(type: DataType, values: readonly unknown[], descending = false, nullsFirst = true) {
  const column = fromValues(type, values);
  return [...sortIndices([{ column, descending, nullsFirst }], values.length)];
}

const doubles = [
  1.0,
  Number.NaN,
  -0,
  null,
  Number.NEGATIVE_INFINITY,
  Number.POSITIVE_INFINITY,
  -2.5,
];

describe("Spark ordering on vectors", () => {
  it("doubles: NaN highest, nulls placed by the sort order", () => {
    assert.deepEqual(order(DoubleT, doubles), [3, 4, 6, 2, 0, 5, 1]);
    assert.deepEqual(order(DoubleT, doubles, true, false), [1, 5, 0, 2, 6, 4, 3]);
  });

  it("strings by UTF-8 bytes", () => {
    assert.deepEqual(
      order(StringT, ["a", "ab", "\uffff", "𝄞", "B", "", "é"]),
      [5, 4, 0, 1, 6, 2, 3],
    );
  });

  it("arrays element-wise, null elements first, shorter first", () => {
    const values = [[1, 2], [1], [null], [1, null], [], [-1, 5]];
    assert.deepEqual(order(arrayType(IntegerT), values), [4, 2, 5, 1, 3, 0]);
  });

  it("structs field by field, null fields first", () => {
    const t = structType([structField("a", IntegerT), structField("b", IntegerT)]);
    assert.deepEqual(
      order(t, [
        [null, 1],
        [1, 0],
        [0, 9],
        [1, -1],
      ]),
      [0, 2, 3, 1],
    );
  });

  it("wide decimals and longs across word boundaries", () => {
    const decimals = [
      1234567890123456789012350n,
      -100n,
      -9999999999999999999999901n,
      0n,
      429496729601n,
    ];
    assert.deepEqual(order(decimalType(38, 2), decimals), [2, 1, 3, 4, 0]);
    const longs = [4294967296n, -1n, -9223372036854775808n, 9223372036854775807n, 4294967295n, 0n];
    assert.deepEqual(order(LongT, longs), [2, 1, 5, 4, 0, 3]);
  });

  it("sorts stably on several keys", () => {
    const a = fromValues(IntegerT, [2, 1, 2, 1, null]);
    const b = fromValues(StringT, ["x", "y", "a", "y", "z"]);
    const idx = sortIndices(
      [
        { column: a, descending: false, nullsFirst: false },
        { column: b, descending: true, nullsFirst: false },
      ],
      5,
    );
    assert.deepEqual([...idx], [1, 3, 0, 2, 4]);
  });
});

describe("grouping-key equality", () => {
  it("NaN = NaN, -0.0 = 0.0, null = null (Spark groups them: 3 groups of 2)", () => {
    const v = fromValues(DoubleT, [Number.NaN, -Number.NaN, 0, -0, null, null]);
    const eq = equality(v, v);
    assert.equal(eq(0, 1), true);
    assert.equal(eq(2, 3), true);
    assert.equal(eq(4, 5), true);
    assert.equal(eq(0, 2), false);
    assert.equal(eq(3, 4), false);
  });

  it("compares nested keys across two vectors", () => {
    const t = structType([
      structField("s", StringT),
      structField("m", mapType(StringT, arrayType(LongT))),
    ]);
    const a = fromValues(t, [
      ["é", { keys: ["k"], values: [[1n, null]] }],
      null,
      ["x", { keys: [], values: [] }],
    ]);
    const b = fromValues(t, [
      null,
      ["é", { keys: ["k"], values: [[1n, null]] }],
      ["x", { keys: ["k"], values: [null] }],
    ]);
    const eq = equality(a, b);
    assert.equal(eq(0, 1), true);
    assert.equal(eq(1, 0), true);
    assert.equal(eq(0, 0), false);
    assert.equal(eq(2, 2), false);
  });
});
