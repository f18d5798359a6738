import assert from "node:assert/strict";
import { test } from "node:test";
import { project } from "../plans/factories.ts";
import { analyzeTest, fn, normalizedTree, star, table, ualias } from "./testing/fixtures.ts";

test("a select list with aggregates and no GROUP BY becomes a global Aggregate", () => {
  // df.agg(sum("a"), avg("c"), count("*")) in pyspark 4
  const plan = project(
    [
      ualias(fn("sum", { kind: "UnresolvedAttribute", nameParts: ["a"] })),
      ualias(fn("avg", { kind: "UnresolvedAttribute", nameParts: ["c"] })),
      ualias(fn("count", star())),
    ],
    table("t"),
  );
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[0],
    "Aggregate [sum(a#x) AS sum(a)#xL, avg(c#x) AS avg(c)#x, count(1) AS count(1)#xL]",
  );
});
