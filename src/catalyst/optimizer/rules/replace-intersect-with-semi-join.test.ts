import assert from "node:assert/strict";
import { test } from "node:test";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReplaceIntersectWithSemiJoin } from "./replace-intersect-with-semi-join.ts";

test("self-intersection re-aliases the right side so the condition compares two sides", () => {
  const t = testRelation();
  const q: LogicalPlan = Object.freeze({
    kind: "Intersect",
    left: t.plan,
    right: t.plan,
    isAll: false,
  });
  assert.equal(
    planText(runRules(q, [ReplaceIntersectWithSemiJoin])),
    [
      "Distinct",
      "+- Join LeftSemi, (((a#0 <=> a#1) AND (b#2 <=> b#3)) AND (c#4 <=> c#5))",
      "   :- Relation [a#0,b#2,c#4] parquet",
      "   +- Project [a#0 AS a#1, b#2 AS b#3, c#4 AS c#5]",
      "      +- Relation [a#0,b#2,c#4] parquet",
    ].join("\n"),
  );
});
