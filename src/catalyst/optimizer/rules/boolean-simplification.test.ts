import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import {
  and,
  comparison,
  FALSE,
  isNull,
  literal,
  not,
  or,
  TRUE,
} from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { BooleanSimplification } from "./boolean-simplification.ts";

const t = testRelation();
const gt = comparison(">", t.a, literal(1, IntegerT));
const lt = comparison("<", t.b, literal(2, IntegerT));

function simplified(cond: Expression): string {
  return planText(runRules(filter(cond, t.plan), [BooleanSimplification])).split("\n")[0] ?? "";
}

test("constants absorb or vanish in AND / OR", () => {
  assert.equal(simplified(and(TRUE, gt)), "Filter (a#0 > 1)");
  assert.equal(simplified(and(gt, FALSE)), "Filter false");
  assert.equal(simplified(or(FALSE, gt)), "Filter (a#0 > 1)");
  assert.equal(simplified(or(gt, TRUE)), "Filter true");
});

test("repeated and absorbed operands", () => {
  assert.equal(simplified(and(gt, gt)), "Filter (a#0 > 1)");
  assert.equal(simplified(and(gt, or(gt, lt))), "Filter (a#0 > 1)");
  assert.equal(simplified(or(lt, and(gt, lt))), "Filter (b#0 < 2)");
});

test("NOT is pushed into comparisons, AND/OR and null tests", () => {
  assert.equal(simplified(not(gt)), "Filter (a#0 <= 1)");
  assert.equal(simplified(not(not(gt))), "Filter (a#0 > 1)");
  assert.equal(simplified(not(and(gt, lt))), "Filter ((a#0 <= 1) OR (b#1 >= 2))");
  assert.equal(simplified(not(isNull(t.a))), "Filter isnotnull(a#0)");
  assert.equal(simplified(not(TRUE)), "Filter false");
});

test("a AND NOT a only folds for non-nullable a", () => {
  assert.equal(simplified(and(gt, not(gt))), "Filter ((a#0 > 1) AND (a#0 <= 1))");
});

test("common factors leave a disjunction of conjunctions (and the converse)", () => {
  const eq = comparison("=", t.a, t.b);
  const c3 = comparison("<", t.a, literal(3, IntegerT));
  assert.equal(
    simplified(or(and(eq, gt), and(eq, lt))),
    "Filter ((a#0 = b#1) AND ((a#0 > 1) OR (b#1 < 2)))",
  );
  assert.equal(
    simplified(or(or(and(eq, gt), and(eq, lt)), and(eq, c3))),
    "Filter ((a#0 = b#1) AND (((a#0 > 1) OR (b#1 < 2)) OR (a#0 < 3)))",
  );
  assert.equal(
    simplified(and(or(eq, gt), or(eq, lt))),
    "Filter ((a#0 = b#1) OR ((a#0 > 1) AND (b#1 < 2)))",
  );
  assert.equal(simplified(or(and(eq, gt), eq)), "Filter (a#0 = b#1)");
});
