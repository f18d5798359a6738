import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { comparison, literal } from "../../expressions/factories.ts";
import { filter, join } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { InferFiltersFromConstraints } from "./infer-filters-from-constraints.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);

test("a filter gains IsNotNull for the columns its null-intolerant predicates read", () => {
  const q = filter(comparison(">", t1.a, literal(1, IntegerT)), t1.plan);
  assert.equal(
    planText(runRules(q, [InferFiltersFromConstraints])),
    ["Filter (isnotnull(a#0) AND (a#0 > 1))", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});

test("inner join keys are not null on both sides; predicates cross the equality", () => {
  const q = join(
    filter(comparison(">", t1.a, literal(1, IntegerT)), t1.plan),
    t2.plan,
    "Inner",
    comparison("=", t1.a, t2.a),
  );
  assert.equal(
    planText(runRules(q, [InferFiltersFromConstraints])),
    [
      "Join Inner, (a#0 = x#1)",
      ":- Filter (isnotnull(a#0) AND (a#0 > 1))",
      ":  +- Relation [a#0,b#2,c#3] parquet",
      "+- Filter ((x#1 > 1) AND isnotnull(x#1))",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("a left outer join only filters its right side", () => {
  const q = join(t1.plan, t2.plan, "LeftOuter", comparison("=", t1.a, t2.a));
  assert.equal(
    planText(runRules(q, [InferFiltersFromConstraints])),
    [
      "Join LeftOuter, (a#0 = x#1)",
      ":- Relation [a#0,b#2,c#3] parquet",
      "+- Filter isnotnull(x#1)",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});
