import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { alias, comparison, literal } from "../../expressions/factories.ts";
import { aggregate, filter, join, localRelation, project, union } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PropagateEmptyRelation } from "./propagate-empty-relation.ts";

const t = testRelation();
const e = testRelation(["x", "y", "z"]);
const empty = localRelation(e.plan.output, []);

test("row-wise operators and grouped aggregates over nothing are nothing", () => {
  const q = project([e.a], filter(comparison(">", e.b, literal(1, IntegerT)), empty));
  assert.equal(planText(runRules(q, [PropagateEmptyRelation])), "LocalRelation [x#0]");
  const grouped = aggregate([e.a], [e.a], empty);
  assert.equal(planText(runRules(grouped, [PropagateEmptyRelation])), "LocalRelation [x#0]");
  const global = aggregate([], [alias(literal(1, IntegerT), "one")], empty);
  assert.equal(runRules(global, [PropagateEmptyRelation]), global);
});

test("joins with an empty side", () => {
  const cond = comparison("=", t.a, e.a);
  assert.equal(
    planText(runRules(join(t.plan, empty, "Inner", cond), [PropagateEmptyRelation])),
    "LocalRelation [a#0, b#1, c#2, x#3, y#4, z#5]",
  );
  assert.equal(
    planText(runRules(join(t.plan, empty, "LeftOuter", cond), [PropagateEmptyRelation])),
    [
      "Project [a#0, b#1, c#2, null AS x#3, null AS y#4, null AS z#5]",
      "+- Relation [a#0,b#1,c#2] parquet",
    ].join("\n"),
  );
  assert.equal(
    planText(runRules(join(t.plan, empty, "LeftAnti", cond), [PropagateEmptyRelation])),
    "Relation [a#0,b#1,c#2] parquet",
  );
});

test("empty union branches are dropped, keeping the union's ids", () => {
  const u = union([empty, t.plan]);
  assert.equal(
    planText(runRules(u, [PropagateEmptyRelation])),
    ["Project [a#0 AS x#1, b#2 AS y#3, c#4 AS z#5]", "+- Relation [a#0,b#2,c#4] parquet"].join(
      "\n",
    ),
  );
});
