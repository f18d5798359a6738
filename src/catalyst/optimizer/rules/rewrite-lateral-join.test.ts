import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias, arithmetic, comparison, literal } from "../../expressions/factories.ts";
import { filter, join, ONE_ROW, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RewriteLateralJoin } from "./rewrite-lateral-join.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const outer = (e: Expression): Expression =>
  Object.freeze({ kind: "OuterReference", child: e }) as Expression;
const lateral = (right: LogicalPlan): LogicalPlan =>
  Object.freeze({ ...join(t1.plan, right, "Inner", null), lateral: true });

test("a projection of one row over the left columns becomes a projection of the left side", () => {
  const right = project([alias(arithmetic("*", outer(t1.a), literal(10, IntegerT)), "m")], ONE_ROW);
  const text = planText(runRules(lateral(right), [RewriteLateralJoin]));
  assert.match(text, /^Project \[a#\d+, b#\d+, c#\d+, \(a#\d+ \* 10\) AS m#\d+\]/);
  assert.doesNotMatch(text, /Join/);
});

test("a correlated filter becomes the join condition", () => {
  const right = filter(comparison("=", t2.a, outer(t1.a)), t2.plan);
  const text = planText(runRules(lateral(right), [RewriteLateralJoin]));
  assert.match(text, /Join Inner, \(x#\d+ = a#\d+\)/);
  assert.doesNotMatch(text, /outer/i);
});

test("an uncorrelated LATERAL join is an ordinary join", () => {
  const p = runRules(lateral(t2.plan), [RewriteLateralJoin]);
  assert.equal(p.kind === "Join" ? p.lateral : undefined, false);
});
