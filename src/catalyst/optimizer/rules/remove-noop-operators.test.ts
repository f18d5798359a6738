import assert from "node:assert/strict";
import { test } from "node:test";
import { alias } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RemoveNoopOperators } from "./remove-noop-operators.ts";

test("a projection of exactly the child's columns is removed", () => {
  const t = testRelation();
  assert.equal(
    planText(runRules(project([t.a, t.b, t.c], t.plan), [RemoveNoopOperators])),
    "Relation [a#0,b#1,c#2] parquet",
  );
});

test("reordering, subsetting or renaming projections stay", () => {
  const t = testRelation();
  for (const list of [
    [t.b, t.a, t.c],
    [t.a, t.b],
    [t.a, t.b, alias(t.c, "c")],
  ]) {
    const q = project(list, t.plan);
    assert.equal(runRules(q, [RemoveNoopOperators]), q);
  }
});
