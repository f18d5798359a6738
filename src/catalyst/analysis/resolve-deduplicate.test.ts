import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { analyzeTest, normalizedTree, table, ua } from "./testing/fixtures.ts";

const dedup = (keys: Expression[]): LogicalPlan =>
  Object.freeze({ kind: "Deduplicate", keys, child: table("t") });

test("dropDuplicates() keys on every column; named keys resolve (pyspark 4)", () => {
  assert.equal(
    normalizedTree(analyzeTest(dedup([]))).split("\n")[0],
    "Deduplicate [a#x, b#x, c#x, salary#xL]",
  );
  assert.equal(normalizedTree(analyzeTest(dedup([ua("a")]))).split("\n")[0], "Deduplicate [a#x]");
});
