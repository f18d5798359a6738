import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import {
  alias,
  arithmetic,
  attribute,
  comparison,
  literal,
  sortOrder,
} from "../../expressions/factories.ts";
import { aggregate, filter, join, project, sort, union } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ColumnPruning } from "./column-pruning.ts";

const int = (n: number) => literal(n, IntegerT);
const prune = (p: LogicalPlan) => planText(runRules(p, [ColumnPruning]));

test("unused projections of a lower project are dropped", () => {
  const t = testRelation();
  const q = project([t.a], project([t.a, alias(arithmetic("+", t.b, int(1)), "x")], t.plan));
  assert.equal(
    prune(q),
    ["Project [a#0]", "+- Project [a#0]", "   +- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});

test("an aggregate reads only the columns it needs", () => {
  const t = testRelation();
  const q = aggregate([t.a], [t.a], t.plan);
  assert.equal(
    prune(q),
    ["Aggregate [a#0], [a#0]", "+- Project [a#0]", "   +- Relation [a#0,b#1,c#2] parquet"].join(
      "\n",
    ),
  );
});

test("columns are pruned below a sort and on both sides of a join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = project([t1.b], sort([sortOrder(t1.c)], true, t1.plan));
  assert.equal(
    prune(q),
    [
      "Project [b#0]",
      "+- Sort [c#1 ASC NULLS FIRST], true",
      "   +- Project [b#0, c#1]",
      "      +- Relation [a#2,b#0,c#1] parquet",
    ].join("\n"),
  );
  const j = project([t1.b, t2.b], join(t1.plan, t2.plan, "Inner", comparison("=", t1.a, t2.a)));
  assert.equal(
    prune(j),
    [
      "Project [b#0, y#1]",
      "+- Join Inner, (a#2 = x#3)",
      "   :- Project [a#2, b#0]",
      "   :  +- Relation [a#2,b#0,c#4] parquet",
      "   +- Project [x#3, y#1]",
      "      +- Relation [x#3,y#1,z#5] parquet",
    ].join("\n"),
  );
});

test("the right side of a semi join keeps only the condition's columns", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = join(t1.plan, t2.plan, "LeftSemi", comparison("=", t1.a, t2.a));
  assert.equal(
    prune(q),
    [
      "Join LeftSemi, (a#0 = x#1)",
      ":- Relation [a#0,b#2,c#3] parquet",
      "+- Project [x#1]",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("union branches keep the used positions", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = project([t1.b], union([t1.plan, t2.plan]));
  assert.equal(
    prune(q),
    [
      "Project [b#0]",
      "+- Union false, false",
      "   :- Project [b#0]",
      "   :  +- Relation [a#1,b#0,c#2] parquet",
      "   +- Project [y#3]",
      "      +- Relation [x#4,y#3,z#5] parquet",
    ].join("\n"),
  );
});

test("no projection is kept between a project and a filter", () => {
  const t = testRelation();
  const q = project([t.a], filter(comparison(">", t.b, int(1)), t.plan));
  assert.equal(
    prune(q),
    ["Project [a#0]", "+- Filter (b#1 > 1)", "   +- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});

test("a generator's input columns that nobody above reads are not output", () => {
  const t = testRelation();
  const col = attribute("col", IntegerT);
  const gen: LogicalPlan = Object.freeze({
    kind: "Generate",
    generator: Object.freeze({
      kind: "Generator",
      name: "explode",
      args: [t.b],
      elementSchema: [{ name: "col", dataType: IntegerT, nullable: true }],
    }),
    unrequiredChildIndex: [],
    outer: false,
    qualifier: null,
    generatorOutput: [col],
    child: t.plan,
  });
  assert.equal(
    prune(project([t.a, col], gen)),
    [
      "Project [a#0, col#1]",
      "+- Generate explode(b#2), [col#1]",
      "   +- Project [a#0, b#2]",
      "      +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
  const pruned = runRules(project([t.a, col], gen), [ColumnPruning]);
  const g = pruned.kind === "Project" ? pruned.child : pruned;
  assert.deepEqual(g.kind === "Generate" ? g.unrequiredChildIndex : null, [1]);
});
