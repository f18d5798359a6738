/** Arithmetic coercion, against pyspark 4 (ANSI) analyzed plans over t(a int, b string, c double, salary bigint). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DoubleT, decimalType } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { arithmetic, literal, literalOf } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { exprString } from "../../plans/tree-string.ts";
import { analysisError, analyzeTest, schemaOf, table, ua, ualias } from "../testing/fixtures.ts";

function analyzed(items: Expression[]): string[] {
  const p = analyzeTest(project(items.map(ualias), table("t")));
  assert.ok(p.kind === "Project");
  return p.projectList.map((e) => exprString(e).replace(/#\d+/g, "#x"));
}

test("mixed numeric operands widen; division is double; div is bigint", () => {
  assert.deepEqual(
    analyzed([
      arithmetic("+", ua("a"), ua("c")),
      arithmetic("+", ua("a"), ua("b")),
      arithmetic("/", ua("a"), literalOf(2)),
      arithmetic("div", ua("a"), literalOf(2)),
      arithmetic("+", ua("salary"), literal(1.5, DoubleT)),
    ]),
    [
      "(cast(a#x as double) + c#x) AS (a + c)#x",
      "(cast(a#x as bigint) + cast(b#x as bigint)) AS (a + b)#xL",
      "(cast(a#x as double) / cast(2 as double)) AS (a / 2)#x",
      "(cast(a#x as bigint) div cast(2 as bigint)) AS (a div 2)#xL",
      "(cast(salary#xL as double) + 1.5) AS (salary + 1.5)#x",
    ],
  );
});

test("integral operands of decimal arithmetic become decimals", () => {
  const items = [
    arithmetic("*", ua("salary"), literal(25n, decimalType(2, 1))),
    arithmetic("+", ua("a"), literal(15n, decimalType(2, 1))),
  ];
  assert.deepEqual(analyzed(items), [
    "(cast(salary#xL as decimal(20,0)) * 2.5) AS (salary * 2.5)#x",
    "(cast(a#x as decimal(10,0)) + 1.5) AS (a + 1.5)#x",
  ]);
  assert.deepEqual(schemaOf(project(items.map(ualias), table("t"))), [
    "(salary * 2.5): decimal(23,1)",
    "(a + 1.5): decimal(12,1)",
  ]);
});

test("string + string is not numeric: BINARY_OP_WRONG_TYPE", () => {
  const e = analysisError(
    project([ualias(arithmetic("+", literalOf("1"), literalOf("2")))], table("t")),
  );
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE");
  assert.deepEqual(e.messageParameters, {
    sqlExpr: '"(1 + 2)"',
    inputType: '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")',
    actualDataType: '"STRING"',
  });
});
