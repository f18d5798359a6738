import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  decimalType,
  IntegerT,
  LongT,
  StringT,
  structField,
  structType,
} from "./data-types.ts";
import { Decimal } from "./decimal.ts";
import { rowFromInternal, toInternal } from "./external-values.ts";

test("Decimal parses and prints keeping scale", () => {
  assert.equal(Decimal.parse("-12.340").toString(), "-12.340");
  assert.equal(Decimal.parse("0.05").toString(), "0.05");
  assert.equal(Decimal.parse("1e3").toString(), "1000");
  assert.equal(new Decimal(-5n, 3).toString(), "-0.005");
  assert.throws(() => Decimal.parse("abc"), RangeError);
});

test("decimals are rescaled half-up to the type's scale", () => {
  assert.equal(toInternal("1.005", decimalType(10, 2)), 101n);
  assert.equal(toInternal("-1.005", decimalType(10, 2)), -101n);
  assert.equal(toInternal(2, decimalType(10, 2)), 200n);
});

test("rows convert between user and internal values", () => {
  const schema = structType([
    structField("n", IntegerT),
    structField("l", LongT),
    structField("s", StringT),
    structField("a", arrayType(decimalType(5, 1))),
  ]);
  const internal = toInternal({ n: 1, l: 2, s: "x", a: ["1.5", null] }, schema) as unknown[];
  assert.deepEqual(internal, [1, 2n, "x", [15n, null]]);
  const row = rowFromInternal(schema, internal);
  assert.equal(row.get("l"), 2n);
  assert.equal(String((row.get("a") as Decimal[])[0]), "1.5");
  assert.deepEqual(row.asDict().s, "x");
  assert.throws(() => toInternal("x", IntegerT), TypeError);
});
