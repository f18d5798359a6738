import assert from "node:assert/strict";
import { test } from "node:test";
import { literalOf } from "../../expressions/factories.ts";
import { filter, project } from "../../plans/factories.ts";
import { analyzeTest, normalizedTree, star, table, ua } from "../testing/fixtures.ts";

test("IN list items and value take their wider type (pyspark 4: a in (1, '2'))", () => {
  const cond = Object.freeze({
    kind: "In" as const,
    value: ua("a"),
    list: [literalOf(1), literalOf("2")],
  });
  const lines = normalizedTree(analyzeTest(project([star()], filter(cond, table("t"))))).split(
    "\n",
  );
  assert.equal(lines[1], "+- Filter cast(a#x as bigint) IN (cast(1 as bigint),cast(2 as bigint))");
});

test("IN subquery: value and column widen pairwise", () => {
  const sub = project([ua("c")], table("t"));
  const cond = Object.freeze({
    kind: "InSubquery" as const,
    values: [ua("a")],
    query: Object.freeze({
      kind: "ListQuery" as const,
      plan: sub,
      outerAttrs: [],
      exprId: 7,
      numCols: 1,
    }),
  });
  const lines = normalizedTree(analyzeTest(project([ua("a")], filter(cond, table("t"))))).split(
    "\n",
  );
  assert.equal(lines[1], "+- Filter cast(a#x as double) IN (list#x [])");
});
