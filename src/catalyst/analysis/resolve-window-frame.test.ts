import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { sortOrder } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import { columnsOf, fn, table, ua, ualias } from "./testing/fixtures.ts";

test("lag gets a one-row offset frame, printed as Spark prints it", () => {
  const w: Expression = Object.freeze({
    kind: "WindowExpression",
    fn: fn("lag", ua("a")),
    spec: Object.freeze({
      kind: "WindowSpec",
      partitionSpec: [],
      orderSpec: [sortOrder(ua("c"))],
      frame: null,
    }),
  }) as Expression;
  // pyspark 4 names it `lag(a, 1, NULL) OVER (...)`: its lag carries the default arguments;
  // the frame part is the rule's.
  const [, name] = columnsOf(project([ua("a"), ualias(w)], table("t")));
  assert.match(
    name ?? "",
    / OVER \(ORDER BY c ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING\)$/,
  );
});

test("RANK() prints upper-case; cume_dist takes a RANGE frame (pyspark 4 names)", () => {
  const over = (f: Expression): Expression =>
    Object.freeze({
      kind: "WindowExpression",
      fn: f,
      spec: Object.freeze({
        kind: "WindowSpec",
        partitionSpec: [],
        orderSpec: [sortOrder(ua("c"))],
        frame: null,
      }),
    }) as Expression;
  assert.deepEqual(
    columnsOf(project([ualias(over(fn("rank"))), ualias(over(fn("cume_dist")))], table("t"))),
    [
      "RANK() OVER (ORDER BY c ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
      "cume_dist() OVER (ORDER BY c ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
    ],
  );
});
