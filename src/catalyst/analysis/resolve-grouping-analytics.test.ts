/** ROLLUP / CUBE / GROUPING SETS, against pyspark 4's analyzed plans over t. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { arithmetic, literalOf } from "../expressions/factories.ts";
import { aggregate } from "../plans/factories.ts";
import {
  analyzeTest,
  columnsOf,
  fn,
  normalizedTree,
  schemaOf,
  star,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("GROUP BY ROLLUP(a, b): Expand with grouping ids 0, 1, 3", () => {
  const plan = aggregate(
    [fn("rollup", ua("a"), ua("b"))],
    [ua("a"), ua("b"), ualias(fn("count", star()))],
    table("t"),
  );
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    "Aggregate [a#x, b#x, spark_grouping_id#xL], [a#x, b#x, count(1) AS count(1)#xL]",
    "+- Expand [[a#x, b#x, c#x, salary#xL, a#x, b#x, 0], [a#x, b#x, c#x, salary#xL, a#x, null, 1], [a#x, b#x, c#x, salary#xL, null, null, 3]], [a#x, b#x, c#x, salary#xL, a#x, b#x, spark_grouping_id#xL]",
    "   +- Project [a#x, b#x, c#x, salary#xL, a#x AS a#x, b#x AS b#x]",
  ]);
});

test("GROUP BY CUBE with grouping() and grouping_id()", () => {
  const plan = aggregate(
    [fn("cube", ua("a"), ua("b"))],
    [
      ua("a"),
      ua("b"),
      ualias(fn("grouping", ua("a"))),
      ualias(fn("grouping_id")),
      ualias(fn("sum", ua("c"))),
    ],
    table("t"),
  );
  assert.deepEqual(schemaOf(plan), [
    "a: int",
    "b: string",
    "grouping(a): tinyint",
    "grouping_id(): bigint",
    "sum(c): double",
  ]);
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.match(
    lines[1] ?? "",
    /, 0\], \[.*, a#x, null, 1\], \[.*, null, b#x, 2\], \[.*, null, null, 3\]\]/,
  );
});

test("GROUPING SETS ((a + 1), ())", () => {
  const plus: Expression = arithmetic("+", ua("a"), literalOf(1));
  const plan = aggregate(
    [fn("grouping_sets", plus, fn("struct"))],
    [ualias(arithmetic("+", ua("a"), literalOf(1))), ualias(fn("count", star()))],
    table("t"),
  );
  assert.deepEqual(columnsOf(plan), ["(a + 1)", "count(1)"]);
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[0],
    "Aggregate [(a + 1)#x, spark_grouping_id#xL], [(a + 1)#x AS (a + 1)#x, count(1) AS count(1)#xL]",
  );
});
