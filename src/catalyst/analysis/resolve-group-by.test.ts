/** GROUP BY ordinals, aliases and ALL (plans from pyspark 4's analyzed output). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { alias, arithmetic, literalOf } from "../expressions/factories.ts";
import { aggregate } from "../plans/factories.ts";
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

const firstLine = (p: Parameters<typeof analyzeTest>[0]) =>
  normalizedTree(analyzeTest(p)).split("\n")[0];

test("GROUP BY a select-list alias groups by its expression", () => {
  // select a + 1 as k, count(*) from t group by k
  const plan = aggregate(
    [ua("k")],
    [alias(arithmetic("+", ua("a"), literalOf(1)), "k"), ualias(fn("count", star()))],
    table("t"),
  );
  assert.equal(
    firstLine(plan),
    "Aggregate [(a#x + 1)], [(a#x + 1) AS k#x, count(1) AS count(1)#xL]",
  );
});

test("GROUP BY ALL groups by the non-aggregate items", () => {
  const plan = aggregate([ua("all")], [ua("a"), ua("b"), ualias(fn("sum", ua("c")))], table("t"));
  assert.equal(firstLine(plan), "Aggregate [a#x, b#x], [a#x, b#x, sum(c#x) AS sum(c)#x]");
});

test("GROUP BY ordinal", () => {
  const plan = aggregate([literalOf(2)], [ualias(fn("count", star())), ua("b")], table("t"));
  assert.equal(firstLine(plan), "Aggregate [b#x], [count(1) AS count(1)#xL, b#x]");
  const e = analysisError(aggregate([literalOf(5)], [ualias(fn("count", star()))], table("t")));
  assert.equal(e.errorClass, "GROUP_BY_POS_OUT_OF_RANGE");
  assert.deepEqual(e.messageParameters, { index: "5", size: "1" });
});
