import assert from "node:assert/strict";
import { test } from "node:test";
import { LongT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias } from "../../expressions/factories.ts";
import { aggregate } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RewriteDistinctAggregates } from "./rewrite-distinct-aggregates.ts";

const t = testRelation();

function agg(name: string, arg: Expression, isDistinct: boolean): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name,
      args: [arg],
      dataType: LongT,
      nullable: name !== "count",
      options: {},
    }),
    mode: "Complete",
    isDistinct,
    filter: null,
    resultId: 0,
  });
}

test("two distinct groups and a regular aggregate become Expand and two aggregates", () => {
  const q = aggregate(
    [t.a],
    [
      t.a,
      alias(agg("count", t.b, true), "cb"),
      alias(agg("count", t.c, true), "cc"),
      alias(agg("max", t.c, false), "m"),
    ],
    t.plan,
  );
  assert.equal(
    planText(runRules(q, [RewriteDistinctAggregates])),
    [
      "Aggregate [a#0], [a#0, count(b#1) FILTER (WHERE (gid#2 = 1)) AS cb#3, count(c#4) FILTER (WHERE (gid#2 = 2)) AS cc#5, first(max_result#6, true) FILTER (WHERE (gid#2 = 0)) AS m#7]",
      "+- Aggregate [a#0, b#1, c#4, gid#2], [a#0, b#1, c#4, gid#2, max(c#8) AS max_result#6]",
      "   +- Expand [[a#0, null, null, 0, c#9], [a#0, b#10, null, 1, null], [a#0, null, c#9, 2, null]], [a#0, b#1, c#4, gid#2, c#8]",
      "      +- Relation [a#0,b#10,c#9] parquet",
    ].join("\n"),
  );
});

test("a single distinct group is left to the executor", () => {
  const q = aggregate(
    [t.a],
    [t.a, alias(agg("count", t.b, true), "cb"), alias(agg("sum", t.b, true), "sb")],
    t.plan,
  );
  assert.equal(runRules(q, [RewriteDistinctAggregates]), q);
});
