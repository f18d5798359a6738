import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression, NamedExpression } from "../../expressions/expression.ts";
import {
  alias,
  and,
  attribute,
  comparison,
  literal,
  sortOrder,
} from "../../expressions/factories.ts";
import { filter, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PushPredicateThroughNonJoin } from "./push-predicate-through-non-join.ts";

const t = testRelation();
const int = (n: number) => literal(n, IntegerT);

test("through a window, only conjuncts on partition columns", () => {
  const rank: Expression = Object.freeze({
    kind: "WindowExpression",
    fn: Object.freeze({
      kind: "WindowFunction",
      name: "rank",
      args: [],
      dataType: IntegerT,
      nullable: false,
      ignoreNulls: false,
    }),
    spec: Object.freeze({
      kind: "WindowSpec",
      partitionSpec: [t.a],
      orderSpec: [sortOrder(t.b)],
      frame: null,
    }),
  });
  const r = alias(rank, "r");
  const w: LogicalPlan = Object.freeze({
    kind: "Window",
    windowExpressions: [r as NamedExpression],
    partitionSpec: [t.a],
    orderSpec: [sortOrder(t.b)],
    child: t.plan,
  });
  const q = filter(
    and(
      comparison(">", t.a, int(1)),
      comparison("<", attribute("r", IntegerT, false, r.exprId), int(3)),
    ),
    w,
  );
  const lines = planText(runRules(q, [PushPredicateThroughNonJoin])).split("\n");
  assert.match(lines[0] ?? "", /^Filter \(r#\d+ < 3\)$/);
  assert.match(lines[1] ?? "", /^\+- Window/);
  assert.equal(lines[2], "   +- Filter (a#1 > 1)");
});

test("nothing passes a projection with a non-deterministic expression", () => {
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
  const q = filter(comparison(">", t.a, int(1)), project([t.a, r], t.plan));
  assert.equal(runRules(q, [PushPredicateThroughNonJoin]), q);
});
