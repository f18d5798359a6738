/** QUALIFY, against pyspark 4 (`select a, b from t qualify row_number() over (...) = 1`). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { comparison, literalOf, sortOrder } from "../expressions/factories.ts";
import { aggregate, filter, project } from "../plans/factories.ts";
import {
  analyzeTest,
  columnsOf,
  fn,
  normalizedTree,
  star,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

const rowNumber = (partition: Expression[], order: Expression[]): Expression =>
  Object.freeze({
    kind: "WindowExpression",
    fn: fn("row_number"),
    spec: Object.freeze({
      kind: "WindowSpec",
      partitionSpec: partition,
      orderSpec: order,
      frame: null,
    }),
  }) as Expression;

test("QUALIFY filters on a window computed by the select and projected away", () => {
  const cond = comparison("=", rowNumber([ua("b")], [sortOrder(ua("a"))]), literalOf(1));
  const plan = filter(cond, project([ua("a"), ua("b")], table("t")));
  assert.deepEqual(columnsOf(plan), ["a", "b"]);
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.equal(lines[0], "Project [a#x, b#x]");
  assert.equal(
    lines[1],
    "+- Filter (row_number() OVER (PARTITION BY t.b ORDER BY t.a ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)#x = 1)",
  );
});

test("QUALIFY over an aggregate", () => {
  const cond = comparison("=", rowNumber([], [sortOrder(ua("a"))]), literalOf(1));
  const plan = filter(
    cond,
    aggregate([ua("a")], [ua("a"), ualias(fn("count", star()))], table("t")),
  );
  assert.deepEqual(columnsOf(plan), ["a", "count(1)"]);
});
