/**
 * Literal typing and values. Expected types are what pyspark 4 reports for
 * `spark.sql("SELECT <literal>").schema` (checked by hand), values are Spark's results.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../catalyst/expressions/expression.ts";
import { type FlintError, isFlintError } from "../errors/index.ts";
import { simpleString } from "../types/data-types.ts";
import { parseExpression } from "./index.ts";

function lit(sql: string): { value: unknown; type: string } {
  const e: Expression = parseExpression(sql);
  assert.equal(e.kind, "Literal", `${sql} is a literal`);
  if (e.kind !== "Literal") throw new Error("unreachable");
  return { value: e.value, type: simpleString(e.dataType) };
}

function fails(sql: string): FlintError {
  try {
    parseExpression(sql);
  } catch (e) {
    if (isFlintError(e)) return e;
    throw e;
  }
  throw new Error(`${sql} should fail`);
}

test("integers are int, then bigint, then decimal", () => {
  assert.deepEqual(lit("1"), { value: 1, type: "int" });
  assert.deepEqual(lit("-2147483648"), { value: -2147483648, type: "int" });
  assert.deepEqual(lit("2147483648"), { value: 2147483648n, type: "bigint" });
  assert.deepEqual(lit("9223372036854775808"), {
    value: 9223372036854775808n,
    type: "decimal(19,0)",
  });
  assert.deepEqual(lit("100000000000000000000"), {
    value: 100000000000000000000n,
    type: "decimal(21,0)",
  });
});

test("suffixes L S Y D F BD", () => {
  assert.deepEqual(lit("1L"), { value: 1n, type: "bigint" });
  assert.deepEqual(lit("1S"), { value: 1, type: "smallint" });
  assert.deepEqual(lit("1Y"), { value: 1, type: "tinyint" });
  assert.deepEqual(lit("1.0D"), { value: 1, type: "double" });
  assert.deepEqual(lit("1F"), { value: 1, type: "float" });
  assert.deepEqual(lit("1.5e0BD"), { value: 15n, type: "decimal(2,1)" });
  assert.deepEqual(lit("1e1BD"), { value: 10n, type: "decimal(2,0)" });
});

test("fractions are exact decimals, exponents doubles", () => {
  assert.deepEqual(lit("1.5"), { value: 15n, type: "decimal(2,1)" });
  assert.deepEqual(lit(".5"), { value: 5n, type: "decimal(1,1)" });
  assert.deepEqual(lit("1."), { value: 1n, type: "decimal(1,0)" });
  assert.deepEqual(lit("0.05"), { value: 5n, type: "decimal(2,2)" });
  assert.deepEqual(lit("1e1"), { value: 10, type: "double" });
  assert.deepEqual(lit("5e-1"), { value: 0.5, type: "double" });
});

test("numeric literals out of range", () => {
  const e = fails("128Y");
  assert.equal(e.errorClass, "INVALID_NUMERIC_LITERAL_RANGE");
  assert.deepEqual(e.messageParameters, {
    rawStrippedQualifier: "128",
    minValue: "-128",
    maxValue: "127",
    typeName: "tinyint",
  });
  const l = fails("9223372036854775808L");
  assert.equal(l.messageParameters.rawStrippedQualifier, "9223372036854775808");
  assert.equal(l.queryContext[0]?.startIndex, 0);
  assert.equal(l.queryContext[0]?.stopIndex, 19);
});

test("strings: escapes, doubled quotes, adjacent concatenation", () => {
  assert.deepEqual(lit("'it''s'"), { value: "it's", type: "string" });
  assert.deepEqual(lit("'a' 'b'"), { value: "ab", type: "string" });
  assert.deepEqual(lit("'\\\\%'"), { value: "\\%", type: "string" });
  assert.deepEqual(lit("'a\\tb\\n'"), { value: "a\tb\n", type: "string" });
  assert.deepEqual(lit('"dq"'), { value: "dq", type: "string" });
  assert.deepEqual(lit("'\\u0041'"), { value: "A", type: "string" });
  assert.deepEqual(lit("r'\\n'"), { value: "\\n", type: "string" });
});

test("typed literals: date, timestamp, binary, booleans, null", () => {
  assert.deepEqual(lit("date '2020-1-2'"), { value: 18263, type: "date" });
  assert.deepEqual(lit("DATE '1969-12-31'"), { value: -1, type: "date" });
  assert.deepEqual(lit("timestamp '2020-01-01 10:00'"), {
    value: 1577872800000000n,
    type: "timestamp",
  });
  assert.deepEqual(lit("timestamp '2020-01-01 10:00:00.5+01:00'"), {
    value: 1577869200500000n,
    type: "timestamp",
  });
  assert.deepEqual(lit("timestamp_ntz '2020-01-01 10:00'"), {
    value: 1577872800000000n,
    type: "timestamp_ntz",
  });
  const x = lit("X'0A1'");
  assert.deepEqual([...(x.value as Uint8Array)], [0x00, 0xa1]);
  assert.equal(x.type, "binary");
  assert.deepEqual(lit("true"), { value: true, type: "boolean" });
  assert.deepEqual(lit("null"), { value: null, type: "void" });
});

test("a session time zone applies to TIMESTAMP literals without a zone", () => {
  const e = parseExpression("timestamp '2020-07-01 12:00:00'", {
    timeZone: "America/Los_Angeles",
  });
  assert.equal(e.kind === "Literal" ? e.value : undefined, 1593630000000000n);
});

test("invalid typed literals", () => {
  const e = fails("date 'x'");
  assert.equal(e.errorClass, "INVALID_TYPED_LITERAL");
  assert.deepEqual(e.messageParameters, { valueType: '"DATE"', value: "'x'" });
  assert.equal(e.queryContext[0]?.startIndex, 0);
  assert.equal(e.queryContext[0]?.stopIndex, 7);
  assert.equal(fails("date '2020-02-30'").errorClass, "INVALID_TYPED_LITERAL");
});

test("interval literals take ANSI interval types from their units", () => {
  assert.deepEqual(lit("interval '1 day 2 hours'"), {
    value: 93600000000n,
    type: "interval day to hour",
  });
  assert.deepEqual(lit("interval 1 day 2 hours"), {
    value: 93600000000n,
    type: "interval day to hour",
  });
  assert.deepEqual(lit("interval '1' day"), { value: 86400000000n, type: "interval day" });
  assert.deepEqual(lit("interval '1-2' year to month"), {
    value: 14,
    type: "interval year to month",
  });
  assert.deepEqual(lit("interval 3 month"), { value: 3, type: "interval month" });
  assert.deepEqual(lit("interval '10' second"), { value: 10000000n, type: "interval second" });
  assert.deepEqual(lit("interval '1 02:03:04.5' day to second"), {
    value: 93784500000n,
    type: "interval day to second",
  });
  assert.deepEqual(lit("interval -'1' day"), { value: -86400000000n, type: "interval day" });
  // year-month and day-time units cannot be mixed
  assert.ok(fails("interval 3 month 1 hour").errorClass.startsWith("INVALID_INTERVAL"));
});

test("special date and timestamp strings", () => {
  assert.deepEqual(lit("date 'epoch'"), { value: 0, type: "date" });
  assert.deepEqual(lit("timestamp 'epoch'"), { value: 0n, type: "timestamp" });
  const today = Math.floor(Date.now() / 86400000);
  const t = lit("date 'today'").value as number;
  assert.ok(Math.abs(t - today) <= 1);
  assert.equal(
    (lit("date 'tomorrow'").value as number) - (lit("date 'yesterday'").value as number),
    2,
  );
});
