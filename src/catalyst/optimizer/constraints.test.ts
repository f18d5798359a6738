import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../types/data-types.ts";
import { alias, arithmetic, comparison, literal } from "../expressions/factories.ts";
import { filter, join, project } from "../plans/factories.ts";
import { constraintsOf, inferAdditionalConstraints } from "./constraints.ts";
import { exprText, testRelation } from "./testing.ts";

const int = (n: number) => literal(n, IntegerT);
const text = (es: readonly Parameters<typeof exprText>[0][]) => es.map(exprText);

test("a filter's constraints: its conjuncts and IsNotNull of null-intolerant columns", () => {
  const t = testRelation();
  const f = filter(comparison(">", arithmetic("+", t.a, int(1)), t.b), t.plan);
  assert.deepEqual(text(constraintsOf(f)), [
    `((a#${t.a.exprId} + 1) > b#${t.b.exprId})`,
    `isnotnull(a#${t.a.exprId})`,
    `isnotnull(b#${t.b.exprId})`,
  ]);
});

test("constraints survive a projection under their alias", () => {
  const t = testRelation();
  const x = alias(t.a, "x");
  const p = project([x], filter(comparison(">", t.a, int(1)), t.plan));
  assert.deepEqual(text(constraintsOf(p)), [`(x#${x.exprId} > 1)`, `isnotnull(x#${x.exprId})`]);
});

test("equalities carry predicates across; outer joins keep only the preserved side's", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const eq = comparison("=", t1.a, t2.a);
  const gt = comparison(">", t1.a, int(1));
  assert.deepEqual(text(inferAdditionalConstraints([eq, gt])), [`(x#${t2.a.exprId} > 1)`]);
  const inner = join(filter(gt, t1.plan), t2.plan, "Inner", eq);
  assert.ok(text(constraintsOf(inner)).includes(`(x#${t2.a.exprId} > 1)`));
  const left = join(t1.plan, filter(comparison(">", t2.b, int(0)), t2.plan), "LeftOuter", eq);
  assert.deepEqual(text(constraintsOf(left)), []);
});
