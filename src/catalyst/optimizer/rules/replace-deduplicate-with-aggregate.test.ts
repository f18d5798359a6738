import assert from "node:assert/strict";
import { test } from "node:test";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReplaceDeduplicateWithAggregate } from "./replace-deduplicate-with-aggregate.ts";

// Spark 4 prints `Aggregate [a#7], [a#7, first(b#8, false) AS b#8, first(c#9, false) AS c#9]`
// for `dropDuplicates(["a"])`; the output keeps the child's ids.
test("dropDuplicates(keys) groups by the keys and keeps first() of the rest", () => {
  const t = testRelation();
  const q: LogicalPlan = Object.freeze({ kind: "Deduplicate", keys: [t.a], child: t.plan });
  assert.equal(
    planText(runRules(q, [ReplaceDeduplicateWithAggregate])),
    [
      "Aggregate [a#0], [a#0, first(b#1, false) AS b#1, first(c#2, false) AS c#2]",
      "+- Relation [a#0,b#1,c#2] parquet",
    ].join("\n"),
  );
});
