import assert from "node:assert/strict";
import { test } from "node:test";
import { project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RewriteExceptAll, RewriteIntersectAll } from "./rewrite-set-operation-all.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const setOp = (kind: "Except" | "Intersect"): LogicalPlan =>
  Object.freeze({
    kind,
    left: project([t1.a], t1.plan),
    right: project([t2.a], t2.plan),
    isAll: true,
  });

test("EXCEPT ALL: an anti join on the row and its copy number", () => {
  assert.equal(
    planText(runRules(setOp("Except"), [RewriteExceptAll])),
    [
      "Project [a#0]",
      "+- Join LeftAnti, ((a#0 <=> x#1) AND (rn_l#2 = rn_r#3))",
      "   :- Window [row_number() windowspecdefinition(a#0) AS rn_l#2], [a#0], [a#0 ASC NULLS FIRST]",
      "   :  +- Project [a#0]",
      "   :     +- Relation [a#0,b#4,c#5] parquet",
      "   +- Window [row_number() windowspecdefinition(x#1) AS rn_r#3], [x#1], [x#1 ASC NULLS FIRST]",
      "      +- Project [x#1]",
      "         +- Relation [x#1,y#6,z#7] parquet",
    ].join("\n"),
  );
});

test("INTERSECT ALL: a semi join on the same", () => {
  assert.match(planText(runRules(setOp("Intersect"), [RewriteIntersectAll])), /Join LeftSemi/);
});
