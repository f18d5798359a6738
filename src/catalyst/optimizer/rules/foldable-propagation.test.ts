import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { alias, attribute, comparison, literal, sortOrder } from "../../expressions/factories.ts";
import { filter, join, project, sort } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { FoldablePropagation } from "./foldable-propagation.ts";

test("a constant column is replaced by its value above, keeping names at the top", () => {
  const t = testRelation();
  const x = alias(literal(1, IntegerT), "x");
  const xAttr = attribute("x", IntegerT, false, x.exprId);
  const q = project(
    [t.a, xAttr],
    sort(
      [sortOrder(xAttr)],
      true,
      filter(comparison(">", xAttr, t.b), project([t.a, t.b, x], t.plan)),
    ),
  );
  assert.equal(
    planText(runRules(q, [FoldablePropagation])),
    [
      "Project [a#0, 1 AS x#1]",
      "+- Sort [1 ASC NULLS FIRST], true",
      "   +- Filter (1 > b#2)",
      "      +- Project [a#0, b#2, 1 AS x#1]",
      "         +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("not through the null-supplying side of an outer join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const k = alias(literal(7, IntegerT), "k");
  const kAttr = attribute("k", IntegerT, false, k.exprId);
  const q = filter(
    comparison("=", kAttr, literal(7, IntegerT)),
    join(t1.plan, project([t2.a, k], t2.plan), "LeftOuter", comparison("=", t1.a, t2.a)),
  );
  assert.equal(planText(runRules(q, [FoldablePropagation])).split("\n")[0], "Filter (k#0 = 7)");
});
