import assert from "node:assert/strict";
import { test } from "node:test";
import { BooleanT, IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias, and, comparison, literal } from "../../expressions/factories.ts";
import { filter, project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReplaceNullWithFalseInPredicate } from "./replace-null-with-false-in-predicate.ts";

const t = testRelation();
const nullBool = literal(null, BooleanT);
const gt = comparison(">", t.a, literal(1, IntegerT));

test("null becomes false in filter conditions, through AND and IF branches", () => {
  const ifE: Expression = Object.freeze({
    kind: "If",
    predicate: gt,
    trueValue: nullBool,
    falseValue: comparison("<", t.b, literal(2, IntegerT)),
  });
  const p = runRules(filter(and(gt, ifE), t.plan), [ReplaceNullWithFalseInPredicate]);
  assert.equal(
    planText(p).split("\n")[0],
    "Filter ((a#0 > 1) AND if ((a#0 > 1)) false else (b#1 < 2))",
  );
});

test("in a projection only IF/CASE conditions change, not values", () => {
  const cw: Expression = Object.freeze({
    kind: "CaseWhen",
    branches: [[nullBool, nullBool] as const],
    elseValue: null,
  });
  const p = runRules(project([alias(cw, "x")], t.plan), [ReplaceNullWithFalseInPredicate]);
  assert.equal(planText(p).split("\n")[0], "Project [CASE WHEN false THEN null END AS x#0]");
});
