/** Window extraction; plan shapes simplified from pyspark 4's (no pass-through Projects). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { sortOrder } from "../expressions/factories.ts";
import { aggregate, project } from "../plans/factories.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

const over = (f: Expression, partition: Expression[], order: Expression[]): Expression =>
  Object.freeze({
    kind: "WindowExpression",
    fn: f,
    spec: Object.freeze({
      kind: "WindowSpec",
      partitionSpec: partition,
      orderSpec: order,
      frame: null,
    }),
  }) as Expression;

test("window functions move into a Window node", () => {
  const plan = project(
    [ua("a"), ualias(over(fn("row_number"), [ua("b")], [sortOrder(ua("c"))]))],
    table("t"),
  );
  const name =
    "row_number() OVER (PARTITION BY b ORDER BY c ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 2), [
    `Project [a#x, ${name}#x]`,
    `+- Window [row_number() windowspecdefinition(b#x, c#x ASC NULLS FIRST, specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$())) AS ${name}#x], [b#x], [c#x ASC NULLS FIRST]`,
  ]);
});

test("windows over an aggregate compute their inputs in the Aggregate as _w0", () => {
  // select a, sum(sum(c)) over () from t group by a
  const plan = aggregate(
    [ua("a")],
    [ua("a"), ualias(over(fn("sum", fn("sum", ua("c"))), [], []))],
    table("t"),
  );
  const name = "sum(sum(c)) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)";
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    `Project [a#x, ${name}#x]`,
    `+- Window [sum(_w0#x) windowspecdefinition(specifiedwindowframe(RowFrame, unboundedpreceding$(), unboundedfollowing$())) AS ${name}#x]`,
    "   +- Aggregate [a#x], [a#x, sum(c#x) AS _w0#x]",
  ]);
});

test("a window function without OVER fails", () => {
  const e = analysisError(project([ualias(fn("row_number"))], table("t")));
  assert.equal(e.errorClass, "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE");
  assert.deepEqual(e.messageParameters, { funcName: '"row_number()"' });
});
