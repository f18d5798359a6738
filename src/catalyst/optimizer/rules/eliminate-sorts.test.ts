import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias, comparison, literal, sortOrder } from "../../expressions/factories.ts";
import { aggregate, filter, project, sort } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { EliminateSorts } from "./eliminate-sorts.ts";

const t = testRelation();

function agg(name: string): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name,
      args: [t.a],
      dataType: IntegerT,
      nullable: true,
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 0,
  });
}

test("constant sort keys are dropped, and a sort with none left", () => {
  const q = sort([sortOrder(literal(1, IntegerT)), sortOrder(t.b)], true, t.plan);
  assert.equal(
    planText(runRules(q, [EliminateSorts])).split("\n")[0],
    "Sort [b#0 ASC NULLS FIRST], true",
  );
  const none = sort([sortOrder(literal(1, IntegerT))], true, t.plan);
  assert.equal(planText(runRules(none, [EliminateSorts])), "Relation [a#0,b#1,c#2] parquet");
});

test("an inner sort under a global sort is wasted", () => {
  const q = sort(
    [sortOrder(t.a)],
    true,
    project(
      [t.a],
      filter(comparison(">", t.b, literal(1, IntegerT)), sort([sortOrder(t.c)], true, t.plan)),
    ),
  );
  assert.equal(
    planText(runRules(q, [EliminateSorts])),
    [
      "Sort [a#0 ASC NULLS FIRST], true",
      "+- Project [a#0]",
      "   +- Filter (b#1 > 1)",
      "      +- Relation [a#0,b#1,c#2] parquet",
    ].join("\n"),
  );
});

test("a sort under an order-insensitive aggregate goes; under first() it stays", () => {
  const sorted = sort([sortOrder(t.b)], true, t.plan);
  const minQ = aggregate([], [alias(agg("min"), "m")], sorted);
  assert.equal(
    planText(runRules(minQ, [EliminateSorts])).split("\n")[1],
    "+- Relation [a#0,b#2,c#3] parquet",
  );
  const firstQ = aggregate([], [alias(agg("first"), "f")], sorted);
  assert.equal(
    planText(runRules(firstQ, [EliminateSorts])).split("\n")[1],
    "+- Sort [b#2 ASC NULLS FIRST], true",
  );
});
