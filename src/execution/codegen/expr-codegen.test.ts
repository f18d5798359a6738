/** Generated expression semantics: ANSI errors, lazy branches, casts, NaN ordering. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../../catalyst/expressions/expression.ts";
import {
  arithmetic,
  attribute,
  cast,
  comparison,
  literal,
} from "../../catalyst/expressions/factories.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import { isFlintError } from "../../errors/index.ts";
import { DoubleT, decimalType, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import { batchFromRows, rowsFromBatch } from "../columnar/batch.ts";
import { schemaOf } from "../operators/common.ts";
import { compilePipeline } from "./pipeline.ts";

const x = attribute("x", IntegerT, true);
const d = attribute("d", DoubleT, true);
const s = attribute("s", StringT, true);
const input = [x, d, s];

function evalOne(e: Expression, rows: unknown[][]): unknown[] {
  const batch = batchFromRows(schemaOf(input), rows);
  const r = compilePipeline(input, [], [e], true).run(batch.columns, batch.numRows);
  return rowsFromBatch({
    schema: schemaOf([attribute("o", IntegerT)]),
    numRows: r.numRows,
    columns: r.columns,
  }).map((row) => row[0]);
}

function errorClassOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isFlintError(e) ? e.errorClass : String(e);
  }
  return undefined;
}

test("ANSI integer overflow raises ARITHMETIC_OVERFLOW; LEGACY wraps; TRY gives null", () => {
  const rows = [[2147483647, 0, ""]];
  assert.equal(
    errorClassOf(() => evalOne(arithmetic("+", x, literal(1, IntegerT)), rows)),
    "ARITHMETIC_OVERFLOW",
  );
  assert.deepEqual(
    evalOne(arithmetic("+", x, literal(1, IntegerT), "LEGACY"), rows),
    [-2147483648],
  );
  assert.deepEqual(evalOne(arithmetic("+", x, literal(1, IntegerT), "TRY"), rows), [null]);
});

test("division by zero: ANSI error, LEGACY null", () => {
  const rows = [[1, 0, ""]];
  // Spark: `1 % 0` is REMAINDER_BY_ZERO, `1.0 / 0` DIVIDE_BY_ZERO
  assert.equal(
    errorClassOf(() => evalOne(arithmetic("%", x, literal(0, IntegerT)), rows)),
    "REMAINDER_BY_ZERO",
  );
  assert.equal(
    errorClassOf(() => evalOne(arithmetic("/", d, literal(0, DoubleT)), rows)),
    "DIVIDE_BY_ZERO",
  );
  assert.deepEqual(evalOne(arithmetic("/", d, literal(0, DoubleT), "LEGACY"), rows), [null]);
});

test("CASE evaluates only the branch taken", () => {
  const e: Expression = {
    kind: "CaseWhen",
    branches: [[comparison("=", x, literal(0, IntegerT)), literal(-1, IntegerT)]],
    elseValue: arithmetic("%", literal(100, IntegerT), x),
  };
  assert.deepEqual(
    evalOne(e, [
      [0, 0, ""],
      [7, 0, ""],
      [null, 0, ""],
    ]),
    [-1, 2, null],
  );
});

test("casts: string to int (ANSI error on junk), double to long truncates", () => {
  assert.deepEqual(evalOne(cast(s, IntegerT), [[0, 0, " 42 "]]), [42]);
  assert.equal(
    errorClassOf(() => evalOne(cast(s, IntegerT), [[0, 0, "4x"]])),
    "CAST_INVALID_INPUT",
  );
  assert.deepEqual(evalOne(cast(s, IntegerT, "TRY"), [[0, 0, "4x"]]), [null]);
  assert.deepEqual(evalOne(cast(d, LongT), [[0, -2.7, ""]]), [-2n]);
  assert.deepEqual(evalOne(cast(x, StringT), [[-5, 0, ""]]), ["-5"]);
});

test("NaN equals NaN and sorts above numbers (Spark)", () => {
  assert.deepEqual(
    evalOne(comparison("=", d, literal(Number.NaN, DoubleT)), [[0, Number.NaN, ""]]),
    [true],
  );
  assert.deepEqual(evalOne(comparison(">", d, literal(1e308, DoubleT)), [[0, Number.NaN, ""]]), [
    true,
  ]);
});

test("decimal + - * in generated code: exact scales, overflow as Spark (null in LEGACY, NUMERIC_VALUE_OUT_OF_RANGE under ANSI)", () => {
  const a = attribute("a", decimalType(12, 2), true);
  const b = attribute("b", decimalType(3, 2), true);
  const big = attribute("g", decimalType(38, 0), true);
  const cols = [a, b, big];
  const run = (e: Expression, rows: unknown[][]): unknown[] => {
    const batch = batchFromRows(schemaOf(cols), rows);
    const r = compilePipeline(cols, [], [e], true).run(batch.columns, batch.numRows);
    return rowsFromBatch({ schema: schemaOf([attribute("o", dataTypeOf(e))]), ...r }).map(
      (row) => row[0],
    );
  };
  // 1234.56 * 0.25 = 308.6400 (decimal(16,4)); 1234.56 + 0.25 = 1234.81; 1234.56 - 0.25
  const rows = [
    [123456n, 25n, 1n],
    [-100n, -1n, 0n],
    [null, 5n, 0n],
  ];
  assert.deepEqual(run(arithmetic("*", a, b), rows), [3086400n, 100n, null]);
  assert.deepEqual(run(arithmetic("+", a, b), rows), [123481n, -101n, null]);
  assert.deepEqual(run(arithmetic("-", a, b), rows), [123431n, -99n, null]);
  const max = 10n ** 38n - 1n;
  const over = [[0n, 0n, max]];
  assert.deepEqual(run(arithmetic("+", big, big, "LEGACY"), over), [null]);
  assert.equal(
    errorClassOf(() => run(arithmetic("+", big, big), over)),
    "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
  );
});
