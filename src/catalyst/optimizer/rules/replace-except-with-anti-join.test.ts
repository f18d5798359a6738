import assert from "node:assert/strict";
import { test } from "node:test";
import { project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReplaceExceptWithAntiJoin } from "./replace-except-with-anti-join.ts";

// Spark 4: `select a from t1 except select x from t2` gives
// Aggregate [a], [a] over `Join LeftAnti, (a <=> x)` (after ReplaceDistinctWithAggregate).
test("EXCEPT becomes a distinct null-safe anti join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q: LogicalPlan = Object.freeze({
    kind: "Except",
    left: project([t1.a], t1.plan),
    right: project([t2.a], t2.plan),
    isAll: false,
  });
  assert.equal(
    planText(runRules(q, [ReplaceExceptWithAntiJoin])),
    [
      "Distinct",
      "+- Join LeftAnti, (a#0 <=> x#1)",
      "   :- Project [a#0]",
      "   :  +- Relation [a#0,b#2,c#3] parquet",
      "   +- Project [x#1]",
      "      +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("EXCEPT ALL is left for its own rewrite", () => {
  const t1 = testRelation();
  const q: LogicalPlan = Object.freeze({
    kind: "Except",
    left: t1.plan,
    right: t1.plan,
    isAll: true,
  });
  assert.equal(runRules(q, [ReplaceExceptWithAntiJoin]), q);
});
