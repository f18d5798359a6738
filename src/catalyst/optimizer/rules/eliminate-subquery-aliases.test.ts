import assert from "node:assert/strict";
import { test } from "node:test";
import { project, subqueryAlias } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { EliminateSubqueryAliases } from "./eliminate-subquery-aliases.ts";

test("subquery aliases disappear at every level", () => {
  const t = testRelation();
  const q = subqueryAlias(["outer"], project([t.a], subqueryAlias(["t"], t.plan)));
  assert.equal(
    planText(runRules(q, [EliminateSubqueryAliases])),
    ["Project [a#0]", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});
