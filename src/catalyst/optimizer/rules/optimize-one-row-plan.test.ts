import assert from "node:assert/strict";
import { test } from "node:test";
import { sortOrder } from "../../expressions/factories.ts";
import { limit, sort } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { OptimizeOneRowPlan } from "./optimize-one-row-plan.ts";

test("sorting at most one row does nothing", () => {
  const t = testRelation();
  const one = limit(1, t.plan);
  assert.equal(
    planText(runRules(sort([sortOrder(t.a)], true, one), [OptimizeOneRowPlan])).split("\n")[0],
    "GlobalLimit 1",
  );
  const many = sort([sortOrder(t.a)], true, limit(2, t.plan));
  assert.equal(runRules(many, [OptimizeOneRowPlan]), many);
});
