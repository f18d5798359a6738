import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  BinaryT,
  DoubleT,
  dayTimeIntervalType,
  decimalType,
  FloatT,
  IntegerT,
  mapType,
  StringT,
  structField,
  structType,
  TimestampT,
  yearMonthIntervalType,
} from "../../types/data-types.ts";
import { castToString, toHiveString, toShowString } from "./format.ts";

// Expected strings are Spark 4's output (pyspark 4, session time zone UTC).

test("doubles and floats print as Java does", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [1e10, "1.0E10"],
    [1e-5, "1.0E-5"],
    [0.1, "0.1"],
    [1e-4, "1.0E-4"],
    [0.001, "0.001"],
    [1234567, "1234567.0"],
    [12345678, "1.2345678E7"],
    [-0, "-0.0"],
    [1e20, "1.0E20"],
    [Number.NaN, "NaN"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ];
  for (const [v, s] of cases) assert.equal(castToString(v, DoubleT), s, String(v));
  assert.equal(castToString(Math.fround(0.1), FloatT), "0.1");
  assert.equal(castToString(Math.fround(1e-7), FloatT), "1.0E-7");
  assert.equal(castToString(Math.fround(3.4028235e38), FloatT), "3.4028235E38");
});

test("decimals, intervals, timestamps", () => {
  assert.equal(castToString(1n, decimalType(10, 8)), "0.00000001");
  assert.equal(castToString(110n, decimalType(3, 2)), "1.10");
  assert.equal(castToString(-150n, decimalType(5, 2)), "-1.50");
  const dt = dayTimeIntervalType(0, 3);
  assert.equal(castToString(93_784_500_000n, dt), "INTERVAL '1 02:03:04.5' DAY TO SECOND");
  assert.equal(castToString(-14, yearMonthIntervalType(0, 1)), "INTERVAL '-1-2' YEAR TO MONTH");
  assert.equal(castToString(14, yearMonthIntervalType(1, 1)), "INTERVAL '14' MONTH");
  assert.equal(castToString(3n * 3_600_000_000n, dayTimeIntervalType(1, 1)), "INTERVAL '03' HOUR");
  assert.equal(
    castToString(100n * 60_000_000n, dayTimeIntervalType(2, 2)),
    "INTERVAL '100' MINUTE",
  );
  assert.equal(
    castToString(-1_000_001n, dayTimeIntervalType(1, 3)),
    "INTERVAL '-00:00:01.000001' HOUR TO SECOND",
  );
  assert.equal(castToString(1577836800500000n, TimestampT), "2020-01-01 00:00:00.5");
  assert.equal(
    castToString(1577836800000000n, TimestampT, "America/Los_Angeles"),
    "2019-12-31 16:00:00",
  );
});

test("collections: cast, show and hive forms", () => {
  const arr = arrayType(IntegerT);
  assert.equal(castToString([1, null], arr), "[1, null]");
  assert.equal(toShowString([1, null], arr), "[1, NULL]");
  assert.equal(toHiveString([1, null], arr), "[1,null]");
  const s = structType([structField("x", IntegerT), structField("y", IntegerT)]);
  const m = mapType(StringT, s);
  const mv = { keys: ["a"], values: [[1, null]] };
  assert.equal(castToString(mv, m), "{a -> {1, null}}");
  assert.equal(toShowString(mv, m), "{a -> {1, NULL}}");
  assert.equal(toHiveString(mv, m), '{"a":{"x":1,"y":null}}');
  assert.equal(toHiveString(["a", "b"], arrayType(StringT)), '["a","b"]');
  assert.equal(
    toHiveString({ keys: ["b", "a"], values: [2, 1] }, mapType(StringT, IntegerT)),
    '{"a":1,"b":2}',
  );
  assert.equal(toShowString(new Uint8Array([0xab, 0xcd]), BinaryT), "[AB CD]");
  assert.equal(toShowString(null, IntegerT), "NULL");
  assert.equal(toHiveString(null, IntegerT), "NULL");
  assert.equal(toHiveString(10_000_000_000, DoubleT), "1.0E10");
});
