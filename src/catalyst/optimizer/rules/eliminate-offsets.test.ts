import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { attribute } from "../../expressions/factories.ts";
import { localRelation, offset } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { EliminateOffsets } from "./eliminate-offsets.ts";

test("offset 0 goes; an offset past every row leaves nothing", () => {
  const t = testRelation();
  assert.equal(
    planText(runRules(offset(0, t.plan), [EliminateOffsets])),
    "Relation [a#0,b#1,c#2] parquet",
  );
  const rel = localRelation([attribute("a", IntegerT)], [[1], [2]]);
  assert.equal(planText(runRules(offset(2, rel), [EliminateOffsets])), "LocalRelation [a#0]");
  const kept = offset(1, rel);
  assert.equal(runRules(kept, [EliminateOffsets]), kept);
});
