import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias, arithmetic, attribute, literal } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { CollapseProject } from "./collapse-project.ts";

const int = (n: number) => literal(n, IntegerT);
const t = testRelation();

test("adjacent projections merge, keeping the upper names and ids", () => {
  const x = alias(arithmetic("*", t.a, int(2)), "x");
  const xAttr = attribute("x", IntegerT, true, x.exprId);
  const q = project([alias(arithmetic("+", xAttr, int(1)), "y"), t.b], project([x, t.b], t.plan));
  assert.equal(
    planText(runRules(q, [CollapseProject])),
    ["Project [((a#0 * 2) + 1) AS y#1, b#2]", "+- Relation [a#0,b#2,c#3] parquet"].join("\n"),
  );
  const renamed = project([xAttr], project([x], t.plan));
  assert.equal(
    planText(runRules(renamed, [CollapseProject])).split("\n")[0],
    "Project [(a#0 * 2) AS x#1]",
  );
});

test("not when it would evaluate a non-deterministic expression twice or differently", () => {
  const rand: Expression = Object.freeze({
    kind: "ScalarFunction",
    name: "rand",
    args: [],
    dataType: IntegerT,
    nullable: false,
    deterministic: false,
    options: {},
  });
  const r = alias(rand, "r");
  const rAttr = attribute("r", IntegerT, false, r.exprId);
  const q = project([alias(arithmetic("+", rAttr, rAttr), "s")], project([r], t.plan));
  assert.equal(planText(runRules(q, [CollapseProject])).split("\n").length, 3);
});

test("not when an expensive expression would be computed twice", () => {
  const x = alias(arithmetic("*", t.a, int(2)), "x");
  const xAttr = attribute("x", IntegerT, true, x.exprId);
  const q = project([alias(arithmetic("+", xAttr, xAttr), "y")], project([x], t.plan));
  assert.equal(planText(runRules(q, [CollapseProject])).split("\n").length, 3);
});
