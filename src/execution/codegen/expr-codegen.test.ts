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
import { isFlintError } from "../../errors/index.ts";
import { DoubleT, IntegerT, LongT, StringT } from "../../types/data-types.ts";
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
