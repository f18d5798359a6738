/** Lateral column aliases, against pyspark 4 (`select a + 1 as k, k + 1 from t`). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { alias, arithmetic, literalOf } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import { analyzeTest, columnsOf, normalizedTree, table, ua, ualias } from "./testing/fixtures.ts";

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
