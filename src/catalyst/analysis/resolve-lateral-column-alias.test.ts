/** Lateral column aliases, against pyspark 4 (`select a + 1 as k, k + 1 from t`). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { alias, arithmetic, literalOf } from "../expressions/factories.ts";
import { aggregate, project } from "../plans/factories.ts";
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

test("a select item may use an earlier alias", () => {
  const plan = project(
    [
      alias(arithmetic("+", ua("a"), literalOf(1)), "k"),
      ualias(arithmetic("+", ua("k"), literalOf(1))),
    ],
    table("t"),
  );
  assert.deepEqual(columnsOf(plan), ["k", "(lateralAliasReference(k) + 1)"]);
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[0],
    "Project [k#x, (k#x + 1) AS (lateralAliasReference(k) + 1)#x]",
  );
});

test("input columns win over aliases; chains resolve", () => {
  // select a as c, c from t -> c, c (the second is the column c)
  const p = analyzeTest(project([alias(ua("a"), "c"), ua("c")], table("t")));
  assert.equal(normalizedTree(p).split("\n")[0], "Project [a#x AS c#x, c#x]");
  // select a + 1 as k, k * 2 as j, j from t
  const chain = project(
    [
      alias(arithmetic("+", ua("a"), literalOf(1)), "k"),
      alias(arithmetic("*", ua("k"), literalOf(2)), "j"),
      ua("j"),
    ],
    table("t"),
  );
  assert.deepEqual(columnsOf(chain), ["k", "j", "j"]);
});

test("lateral aliases of aggregates (pyspark 4: select sum(a) as s, s + 1 from t)", () => {
  const plan = project(
    [alias(fn("sum", ua("a")), "s"), ualias(arithmetic("+", ua("s"), literalOf(1)))],
    table("t"),
  );
  assert.deepEqual(columnsOf(plan), ["s", "(lateralAliasReference(s) + 1)"]);
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.equal(
    lines[0],
    "Project [s#xL, (s#xL + cast(1 as bigint)) AS (lateralAliasReference(s) + 1)#xL]",
  );
  assert.equal(lines[1], "+- Aggregate [sum(a#x) AS s#xL]");
  // select b, max(c) as m, m * 2 + count(*) from t group by b
  const grouped = aggregate(
    [ua("b")],
    [
      ua("b"),
      alias(fn("max", ua("c")), "m"),
      ualias(arithmetic("+", arithmetic("*", ua("m"), literalOf(2)), fn("count", star()))),
    ],
    table("t"),
  );
  assert.deepEqual(columnsOf(grouped), ["b", "m", "((lateralAliasReference(m) * 2) + count(1))"]);
});
