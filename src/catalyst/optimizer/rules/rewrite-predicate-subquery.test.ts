import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { AttributeReference, Expression } from "../../expressions/expression.ts";
import { and, comparison, literal, not, or } from "../../expressions/factories.ts";
import { filter, join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RewritePredicateSubquery } from "./rewrite-predicate-subquery.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const outer = (a: AttributeReference): Expression =>
  Object.freeze({ kind: "OuterReference", child: a });
const exists = (plan: LogicalPlan): Expression =>
  Object.freeze({ kind: "Exists", plan, outerAttrs: [t1.a], exprId: 900 });

test("NOT EXISTS becomes an anti join; other conjuncts stay as a filter below", () => {
  const sub = filter(comparison("=", t2.a, outer(t1.a)), t2.plan);
  const q = filter(and(comparison(">", t1.b, literal(1, IntegerT)), not(exists(sub))), t1.plan);
  assert.equal(
    planText(runRules(q, [RewritePredicateSubquery])),
    [
      "Join LeftAnti, (x#0 = a#1)",
      ":- Filter (b#2 > 1)",
      ":  +- Relation [a#1,b#2,c#3] parquet",
      "+- Relation [x#0,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("an IN subquery over the same relation gets fresh ids on the right", () => {
  const inSub: Expression = Object.freeze({
    kind: "InSubquery",
    values: [t1.a],
    query: Object.freeze({
      kind: "ListQuery",
      plan: project([t1.b], t1.plan),
      outerAttrs: [],
      exprId: 901,
      numCols: 1,
    }),
  });
  const text = planText(runRules(filter(inSub, t1.plan), [RewritePredicateSubquery]));
  assert.equal(text.split("\n")[0], "Join LeftSemi, (a#0 = b#1)");
  assert.match(text, /Project \[b#2 AS b#1\]/);
});

test("subqueries under OR are left alone", () => {
  const sub = filter(comparison("=", t2.a, outer(t1.a)), t2.plan);
  const q = filter(or(comparison(">", t1.b, literal(1, IntegerT)), exists(sub)), t1.plan);
  assert.equal(runRules(q, [RewritePredicateSubquery]), q);
  // A correlation the rewrite cannot pull out (on an outer join's null-supplying side)
  // is left alone too.
  const deep = join(
    testRelation().plan,
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
    "LeftOuter",
    null,
  );
  const q2 = filter(exists(project([t2.a], deep)), t1.plan);
  assert.equal(runRules(q2, [RewritePredicateSubquery]), q2);
});
