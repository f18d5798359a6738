import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { and, arithmetic, comparison, literal, not, or } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ConstantPropagation } from "./constant-propagation.ts";

const t = testRelation();
const int = (n: number) => literal(n, IntegerT);
const out = (e: Expression) =>
  planText(runRules(filter(e, t.plan), [ConstantPropagation])).split("\n")[0];

test("an attribute equal to a literal is replaced in the other conjuncts", () => {
  assert.equal(
    out(and(comparison(">", arithmetic("+", t.a, int(1)), int(3)), comparison("=", t.a, int(5)))),
    "Filter (((5 + 1) > 3) AND (a#0 = 5))",
  );
  assert.equal(
    out(and(comparison("=", t.a, t.b), comparison("=", t.b, int(5)))),
    "Filter ((a#0 = 5) AND (b#1 = 5))",
  );
});

test("equalities do not cross OR; NOT only replaces non-nullable columns", () => {
  const e = or(comparison("=", t.a, int(5)), comparison(">", t.a, int(1)));
  assert.equal(out(e), "Filter ((a#0 = 5) OR (a#0 > 1))");
  const n = not(and(comparison("=", t.a, int(5)), comparison(">", t.a, int(1))));
  assert.equal(out(n), "Filter NOT ((a#0 = 5) AND (a#0 > 1))");
});
