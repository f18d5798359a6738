/** ORDER BY / HAVING on what the child does not output (plans as pyspark 4 analyzes them). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { comparison, literalOf, sortOrder } from "../expressions/factories.ts";
import { aggregate, filter, project, sort } from "../plans/factories.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  star,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("ORDER BY an aggregate already in the select list reuses it", () => {
  // select a, sum(c) from t group by a order by sum(c)
  const plan = sort(
    [sortOrder(fn("sum", ua("c")))],
    true,
    aggregate([ua("a")], [ua("a"), ualias(fn("sum", ua("c")))], table("t")),
  );
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.equal(lines[0], "Sort [sum(c)#x ASC NULLS FIRST], true");
  assert.equal(lines[1], "+- Aggregate [a#x], [a#x, sum(c#x) AS sum(c)#x]");
});

test("HAVING adds the aggregates it needs and projects them away", () => {
  const plan = filter(
    comparison(">", fn("count", star()), literalOf(0)),
    aggregate([ua("a")], [ua("a")], table("t")),
  );
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    "Project [a#x]",
    "+- Filter (count(1)#xL > cast(0 as bigint))",
    "   +- Aggregate [a#x], [a#x, count(1) AS count(1)#xL]",
  ]);
});

test("HAVING on a column neither grouped nor aggregated: UNRESOLVED_COLUMN against the output", () => {
  // select a from t group by a having b > 1
  const e = analysisError(
    filter(comparison(">", ua("b"), literalOf(1)), aggregate([ua("a")], [ua("a")], table("t"))),
  );
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  assert.deepEqual(e.messageParameters, { objectName: "`b`", proposal: "`a`" });
});

test("ORDER BY a column the Project dropped", () => {
  const plan = sort([sortOrder(ua("c"))], true, project([ua("a")], table("t")));
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    "Project [a#x]",
    "+- Sort [c#x ASC NULLS FIRST], true",
    "   +- Project [a#x, c#x]",
  ]);
  // select b from t order by slary: suggestions come from the Project's output
  const e = analysisError(sort([sortOrder(ua("slary"))], true, project([ua("b")], table("t"))));
  assert.deepEqual(e.messageParameters, { objectName: "`slary`", proposal: "`b`" });
});

test("ORDER BY an aggregate after HAVING", () => {
  // select a from t group by a having count(*) > 0 order by sum(c)
  const having = filter(
    comparison(">", fn("count", star()), literalOf(0)),
    aggregate([ua("a")], [ua("a")], table("t")),
  );
  const plan = sort([sortOrder(fn("sum", ua("c")))], true, having);
  // (Flint's shape: the sort goes below HAVING's projection; Spark nests it differently.)
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 5), [
    "Project [a#x]",
    "+- Project [a#x, count(1)#xL]",
    "   +- Sort [sum(c)#x ASC NULLS FIRST], true",
    "      +- Filter (count(1)#xL > cast(0 as bigint))",
    "         +- Aggregate [a#x], [a#x, count(1) AS count(1)#xL, sum(c#x) AS sum(c)#x]",
  ]);
});
