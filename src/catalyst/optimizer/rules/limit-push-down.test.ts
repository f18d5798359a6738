import assert from "node:assert/strict";
import { test } from "node:test";
import { comparison } from "../../expressions/factories.ts";
import { join, limit, union } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { LimitPushDown } from "./limit-push-down.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);

test("a local limit is copied into each union branch", () => {
  assert.equal(
    planText(runRules(limit(3, union([t1.plan, t2.plan])), [LimitPushDown])),
    [
      "GlobalLimit 3",
      "+- LocalLimit 3",
      "   +- Union false, false",
      "      :- LocalLimit 3",
      "      :  +- Relation [a#0,b#1,c#2] parquet",
      "      +- LocalLimit 3",
      "         +- Relation [x#3,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("into the preserved side of an outer join; both sides without a condition", () => {
  const cond = comparison("=", t1.a, t2.a);
  const left = planText(
    runRules(limit(3, join(t1.plan, t2.plan, "LeftOuter", cond)), [LimitPushDown]),
  );
  assert.match(
    left,
    /Join LeftOuter, \(a#0 = x#1\)\n {6}:- LocalLimit 3\n {6}: {2}\+- Relation \[a#0/,
  );
  const inner = planText(
    runRules(limit(3, join(t1.plan, t2.plan, "Inner", cond)), [LimitPushDown]),
  );
  assert.doesNotMatch(inner, /LocalLimit 3\n.*Relation/);
  const cross = planText(
    runRules(limit(3, join(t1.plan, t2.plan, "Cross", null)), [LimitPushDown]),
  );
  assert.equal(cross.match(/LocalLimit 3/g)?.length, 3);
});
