import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { and, comparison, FALSE, isNotNull, literal, TRUE } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PruneFilters } from "./prune-filters.ts";

const t = testRelation();
const gt = comparison(">", t.a, literal(1, IntegerT));

test("always-true filters vanish, always-false ones become an empty relation", () => {
  assert.equal(
    planText(runRules(filter(TRUE, t.plan), [PruneFilters])),
    "Relation [a#0,b#1,c#2] parquet",
  );
  assert.equal(
    planText(runRules(filter(FALSE, t.plan), [PruneFilters])),
    "LocalRelation [a#0, b#1, c#2]",
  );
});

test("conjuncts implied by the child's constraints are dropped", () => {
  const p = filter(
    and(isNotNull(t.a), comparison("<", t.b, literal(3, IntegerT))),
    filter(gt, t.plan),
  );
  assert.equal(
    planText(runRules(p, [PruneFilters])),
    ["Filter (b#0 < 3)", "+- Filter (a#1 > 1)", "   +- Relation [a#1,b#0,c#2] parquet"].join("\n"),
  );
});
