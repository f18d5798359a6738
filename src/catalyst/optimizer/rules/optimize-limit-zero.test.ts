import assert from "node:assert/strict";
import { test } from "node:test";
import { limit } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { OptimizeLimitZero } from "./optimize-limit-zero.ts";

test("LIMIT 0 is an empty relation", () => {
  const t = testRelation();
  assert.equal(
    planText(runRules(limit(0, t.plan), [OptimizeLimitZero])),
    "LocalRelation [a#0, b#1, c#2]",
  );
  const three = limit(3, t.plan);
  assert.equal(runRules(three, [OptimizeLimitZero]), three);
});
