import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { attribute } from "../../expressions/factories.ts";
import { aggregate, limit, localRelation } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { EliminateLimits } from "./eliminate-limits.ts";

const t = testRelation();

test("stacked limits take the smaller limit", () => {
  assert.equal(
    planText(runRules(limit(10, limit(5, t.plan)), [EliminateLimits])),
    ["GlobalLimit 5", "+- LocalLimit 5", "   +- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
  assert.equal(
    planText(runRules(limit(3, limit(5, t.plan)), [EliminateLimits])).split("\n")[0],
    "GlobalLimit 3",
  );
});

test("a limit over at most that many rows goes away", () => {
  const a = attribute("a", IntegerT);
  const rel = localRelation([a], [[1], [2]]);
  assert.equal(planText(runRules(limit(2, rel), [EliminateLimits])), "LocalRelation [a#0]");
  assert.equal(
    planText(runRules(limit(1, aggregate([], [], t.plan)), [EliminateLimits])).split("\n")[0],
    "Aggregate [], []",
  );
  assert.equal(
    planText(runRules(limit(1, rel), [EliminateLimits])).split("\n")[0],
    "GlobalLimit 1",
  );
});
