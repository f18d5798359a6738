import assert from "node:assert/strict";
import { test } from "node:test";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { CollapseRepartition } from "./collapse-repartition.ts";

const t = testRelation();
const repartition = (n: number, shuffle: boolean, child: LogicalPlan): LogicalPlan =>
  Object.freeze({ kind: "Repartition", numPartitions: n, shuffle, child });
const byCols = (child: LogicalPlan): LogicalPlan =>
  Object.freeze({
    kind: "RepartitionByExpression",
    partitionExpressions: [t.a],
    numPartitions: 4,
    child,
  });

test("the outer repartitioning wins", () => {
  assert.equal(
    planText(runRules(repartition(5, true, repartition(3, true, t.plan)), [CollapseRepartition])),
    ["Repartition 5, true", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
  assert.equal(
    planText(runRules(byCols(repartition(3, true, t.plan)), [CollapseRepartition])),
    ["RepartitionByExpression [a#0], 4", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});

test("coalesce over a shuffle: dropped when it cannot narrow, kept when it can", () => {
  assert.equal(
    planText(runRules(repartition(8, false, repartition(3, true, t.plan)), [CollapseRepartition])),
    ["Repartition 3, true", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
  const narrowing = repartition(2, false, repartition(3, true, t.plan));
  assert.equal(runRules(narrowing, [CollapseRepartition]), narrowing);
});
