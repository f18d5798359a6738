import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { comparison, literal } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { CombineFilters } from "./combine-filters.ts";

const t = testRelation();
const c1 = comparison(">", t.a, literal(1, IntegerT));
const c2 = comparison("<", t.b, literal(2, IntegerT));

test("adjacent filters merge, lower condition first", () => {
  assert.equal(
    planText(runRules(filter(c1, filter(c2, t.plan)), [CombineFilters])),
    ["Filter ((b#0 < 2) AND (a#1 > 1))", "+- Relation [a#1,b#0,c#2] parquet"].join("\n"),
  );
});

test("conjuncts the lower filter already checks are dropped", () => {
  assert.equal(
    planText(runRules(filter(c1, filter(c1, t.plan)), [CombineFilters])),
    ["Filter (a#0 > 1)", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});
