import assert from "node:assert/strict";
import { test } from "node:test";
import { sortOrder } from "../expressions/factories.ts";
import { aggregate, project, sort } from "../plans/factories.ts";
import { analyzeTest, fn, normalizedTree, table, ua, ualias } from "./testing/fixtures.ts";

test("ORDER BY rand() sorts by a value computed once below", () => {
  const plan = sort([sortOrder(fn("rand"))], true, project([ua("a")], table("t")));
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    "Project [a#x]",
    "+- Sort [_nondeterministic#x ASC NULLS FIRST], true",
    "   +- Project [a#x, rand() AS _nondeterministic#x]",
  ]);
});

test("GROUP BY rand() groups by a pulled-out column", () => {
  const plan = aggregate([fn("rand")], [ualias(fn("count", ua("a")))], table("t"));
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.equal(lines[0], "Aggregate [_nondeterministic#x], [count(a#x) AS count(a)#xL]");
  assert.equal(lines[1], "+- Project [a#x, b#x, c#x, salary#xL, rand() AS _nondeterministic#x]");
});
