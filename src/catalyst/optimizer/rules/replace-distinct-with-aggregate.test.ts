import assert from "node:assert/strict";
import { test } from "node:test";
import { distinct } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReplaceDistinctWithAggregate } from "./replace-distinct-with-aggregate.ts";

test("DISTINCT groups by every column", () => {
  const t = testRelation();
  assert.equal(
    planText(runRules(distinct(t.plan), [ReplaceDistinctWithAggregate])),
    ["Aggregate [a#0, b#1, c#2], [a#0, b#1, c#2]", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});
