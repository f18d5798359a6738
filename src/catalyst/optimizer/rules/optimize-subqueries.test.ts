import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { AttributeReference, Expression } from "../../expressions/expression.ts";
import { comparison, literal, sortOrder } from "../../expressions/factories.ts";
import { filter, project, sort, subqueryAlias } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { EliminateSubqueryAliases } from "./eliminate-subquery-aliases.ts";
import { optimizeSubqueriesRule } from "./optimize-subqueries.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const outer = (a: AttributeReference): Expression =>
  Object.freeze({ kind: "OuterReference", child: a });
const inner = (p: LogicalPlan) => runRules(p, [EliminateSubqueryAliases]);
const rule = optimizeSubqueriesRule((p) => inner(p));

function subqueryPlanOf(p: LogicalPlan): LogicalPlan {
  if (p.kind !== "Filter" || p.condition.kind !== "Exists")
    throw new Error("expected a filter on EXISTS");
  return p.condition.plan;
}

test("subquery plans are optimized, without their top-level sort", () => {
  const sub = sort([sortOrder(t2.a)], true, subqueryAlias(["s"], t2.plan));
  const q = filter(
    Object.freeze({ kind: "Exists", plan: sub, outerAttrs: [], exprId: 920 }),
    t1.plan,
  );
  assert.equal(planText(subqueryPlanOf(runRules(q, [rule]))), "Relation [x#0,y#1,z#2] parquet");
});

test("correlated predicates are set aside while optimizing and put back on top", () => {
  const sub = project(
    [t2.a],
    subqueryAlias(["s"], filter(comparison("=", t2.b, outer(t1.b)), t2.plan)),
  );
  const q = filter(
    Object.freeze({ kind: "Exists", plan: sub, outerAttrs: [t1.b], exprId: 921 }),
    t1.plan,
  );
  assert.equal(
    planText(subqueryPlanOf(runRules(q, [rule]))),
    [
      "Filter (y#0 = outer(b#1))",
      "+- Project [x#2, y#0]",
      "   +- Relation [x#2,y#0,z#3] parquet",
    ].join("\n"),
  );
  void literal(1, IntegerT);
});
