import assert from "node:assert/strict";
import { test } from "node:test";
import {
  canAnsiCast,
  canLegacyCast,
  canUpCast,
  castFailure,
  findTightestCommonType,
  findWiderCommonType,
  findWiderTypeForTwo,
  implicitCast,
} from "./coercion.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  ByteT,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  ShortT,
  StringT,
  simpleString,
  TimestampNTZT,
  TimestampT,
} from "./data-types.ts";

const s = (t: ReturnType<typeof findWiderTypeForTwo>): string => (t ? simpleString(t) : "none");

// Expected types are from Spark 4 (`typeof(...)` in pyspark with ANSI on).
test("tightest common type", () => {
  assert.equal(s(findTightestCommonType(IntegerT, LongT)), "bigint");
  assert.equal(s(findTightestCommonType(IntegerT, FloatT)), "double");
  assert.equal(s(findTightestCommonType(FloatT, FloatT)), "float");
  assert.equal(s(findTightestCommonType(ByteT, ShortT)), "smallint");
  assert.equal(s(findTightestCommonType(NullT, DateT)), "date");
  assert.equal(s(findTightestCommonType(IntegerT, decimalType(12, 2))), "decimal(12,2)");
  assert.equal(s(findTightestCommonType(IntegerT, decimalType(5, 2))), "none");
  assert.equal(s(findTightestCommonType(DateT, TimestampT)), "timestamp");
  assert.equal(s(findTightestCommonType(DateT, TimestampNTZT)), "timestamp_ntz");
  assert.equal(s(findTightestCommonType(StringT, IntegerT)), "none");
});

test("wider type: decimals, strings, complex", () => {
  // coalesce(1.5, 2L) -> decimal(21,1); coalesce(1.5, 1.5D) -> double
  assert.equal(s(findWiderTypeForTwo(decimalType(2, 1), LongT)), "decimal(21,1)");
  assert.equal(s(findWiderTypeForTwo(decimalType(2, 1), DoubleT)), "double");
  // coalesce(1, '2') -> bigint; if(true, 1, 'a') -> bigint
  assert.equal(s(findWiderTypeForTwo(IntegerT, StringT)), "bigint");
  assert.equal(s(findWiderTypeForTwo(StringT, DoubleT)), "double");
  // coalesce(date, string) -> date
  assert.equal(s(findWiderTypeForTwo(DateT, StringT)), "date");
  assert.equal(s(findWiderTypeForTwo(BooleanT, IntegerT)), "none");
  // array(1, 2.5D) -> array<double>
  assert.equal(s(findWiderCommonType([IntegerT, DoubleT])), "double");
  assert.equal(
    s(findWiderTypeForTwo(arrayType(IntegerT), arrayType(decimalType(5, 2)))),
    "array<decimal(12,2)>",
  );
  assert.equal(s(findWiderCommonType([])), "void");
  assert.equal(s(findWiderCommonType([IntegerT, BinaryT])), "none");
});

test("implicit casts of arguments", () => {
  assert.equal(s(implicitCast(StringT, "numeric")), "double"); // abs('-1') -> double
  assert.equal(s(implicitCast(IntegerT, StringT)), "string"); // upper(1) works
  assert.equal(s(implicitCast(decimalType(2, 1), "integral")), "none");
  assert.equal(s(implicitCast(IntegerT, "decimal")), "decimal(10,0)");
  assert.equal(s(implicitCast(TimestampT, DateT)), "date"); // date_add(timestamp, 1)
  assert.equal(s(implicitCast(StringT, DateT)), "date");
  assert.equal(s(implicitCast(StringT, { oneOf: [IntegerT, ShortT, ByteT] })), "int");
  assert.equal(s(implicitCast(decimalType(2, 1), { oneOf: [IntegerT, ShortT, ByteT] })), "none");
  assert.equal(s(implicitCast(StringT, IntegerT)), "int"); // date_add('2020-01-01', '1')
  assert.equal(s(implicitCast(LongT, "integral")), "bigint");
  assert.equal(s(implicitCast(arrayType(IntegerT), { arrayOf: StringT })), "array<string>");
  assert.equal(s(implicitCast(BinaryT, "numeric")), "none");
});

test("cast matrix (golden cast.sql)", () => {
  assert.equal(canAnsiCast(BooleanT, DateT), false);
  assert.equal(canAnsiCast(BooleanT, TimestampT), false);
  assert.equal(canLegacyCast(BooleanT, TimestampT), true);
  assert.equal(canAnsiCast(IntegerT, TimestampT), true);
  assert.equal(canAnsiCast(IntegerT, TimestampNTZT), false);
  assert.equal(canAnsiCast(IntegerT, BinaryT), false);
  assert.equal(canAnsiCast(TimestampT, LongT), true);
  assert.equal(canAnsiCast(TimestampNTZT, LongT), false);
  assert.equal(canAnsiCast(StringT, BinaryT), true);
  assert.equal(canAnsiCast(arrayType(IntegerT), arrayType(StringT)), true);
  assert.equal(castFailure(IntegerT, DateT, true).subClass, "CAST_WITH_FUNC_SUGGESTION");
  assert.equal(castFailure(DateT, IntegerT, true).params.functionNames, "`UNIX_DATE`");
  assert.equal(castFailure(DateT, BooleanT, true).subClass, "CAST_WITH_CONF_SUGGESTION");
  assert.equal(castFailure(BooleanT, DateT, true).subClass, "CAST_WITHOUT_SUGGESTION");
  // pyspark with spark.sql.ansi.enabled=false: CAST(1.5D AS DATE)
  assert.equal(castFailure(DoubleT, DateT, false).subClass, "CAST_WITHOUT_SUGGESTION");
});

test("up-casts", () => {
  assert.equal(canUpCast(IntegerT, LongT), true);
  assert.equal(canUpCast(LongT, IntegerT), false);
  assert.equal(canUpCast(IntegerT, decimalType(10, 0)), true);
  assert.equal(canUpCast(IntegerT, decimalType(9, 0)), false);
  assert.equal(canUpCast(decimalType(5, 0), LongT), true);
  assert.equal(canUpCast(decimalType(5, 2), DoubleT), false);
  assert.equal(canUpCast(DateT, TimestampT), true);
  assert.equal(canUpCast(IntegerT, StringT), true);
  assert.equal(canUpCast(StringT, IntegerT), false);
});
