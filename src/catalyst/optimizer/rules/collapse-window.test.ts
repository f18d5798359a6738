import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression, NamedExpression } from "../../expressions/expression.ts";
import { alias, sortOrder } from "../../expressions/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { toAttribute } from "../../plans/output.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { CollapseWindow } from "./collapse-window.ts";

const t = testRelation();

function windowOf(name: string, arg: Expression, child: LogicalPlan, partition = t.a): LogicalPlan {
  const we: Expression = Object.freeze({
    kind: "WindowExpression",
    fn: Object.freeze({
      kind: "WindowFunction",
      name,
      args: [arg],
      dataType: IntegerT,
      nullable: true,
      ignoreNulls: false,
    }),
    spec: Object.freeze({
      kind: "WindowSpec",
      partitionSpec: [partition],
      orderSpec: [sortOrder(t.b)],
      frame: null,
    }),
  });
  return Object.freeze({
    kind: "Window",
    windowExpressions: [alias(we, name) as NamedExpression],
    partitionSpec: [partition],
    orderSpec: [sortOrder(t.b)],
    child,
  });
}

test("windows over the same partitioning and ordering merge", () => {
  const q = windowOf("lead", t.c, windowOf("lag", t.c, t.plan));
  const lines = planText(runRules(q, [CollapseWindow])).split("\n");
  assert.equal(lines.length, 2);
  assert.match(
    lines[0] ?? "",
    /^Window \[lag\(c#\d+\) .* AS lag#\d+, lead\(c#\d+\) .* AS lead#\d+\]/,
  );
});

test("not when the outer window reads the inner one's result, or partitions differ", () => {
  const inner = windowOf("lag", t.c, t.plan);
  const innerOut =
    inner.kind === "Window" ? toAttribute(inner.windowExpressions[0] as Expression) : t.c;
  const dependent = windowOf("lead", innerOut, inner);
  assert.equal(runRules(dependent, [CollapseWindow]), dependent);
  const other = windowOf("lead", t.c, windowOf("lag", t.c, t.plan), t.b);
  assert.equal(runRules(other, [CollapseWindow]), other);
});
