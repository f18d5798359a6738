/**
 * The whole optimizer over small queries, against the optimized plans Spark 4 prints for
 * the same queries over parquet tables t1(a, b, c) and t2(x, y, z) (ids normalised).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type DataType, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  attribute,
  comparison,
  literal,
  not,
  sortOrder,
  TRUE,
} from "../expressions/factories.ts";
import {
  aggregate,
  distinct,
  filter,
  join,
  localRelation,
  project,
  sort,
  subqueryAlias,
} from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { optimize } from "./optimizer.ts";
import { planText, testContext, testRelation } from "./testing.ts";

const int = (n: number) => literal(n, IntegerT);

function opt(p: LogicalPlan): string {
  return planText(optimize(p, testContext()).plan);
}

function sumOf(e: Expression): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name: "sum",
      args: [e],
      dataType: IntegerT,
      nullable: true,
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 999,
  });
}

test("join with filters: pushdown, inferred IsNotNull, pruning", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const [x, y] = [t2.a, t2.b];
  const j = join(
    subqueryAlias(["t1"], t1.plan),
    subqueryAlias(["t2"], t2.plan),
    "Inner",
    comparison("=", t1.a, x),
  );
  const q = project(
    [t1.a, alias(y, "yy")],
    filter(and(comparison(">", t1.b, int(1)), comparison("<", y, int(5))), j),
  );
  assert.equal(
    opt(q),
    [
      "Project [a#0, y#1 AS yy#2]",
      "+- Join Inner, (a#0 = x#3)",
      "   :- Project [a#0]",
      "   :  +- Filter ((isnotnull(b#4) AND (b#4 > 1)) AND isnotnull(a#0))",
      "   :     +- Relation [a#0,b#4,c#5] parquet",
      "   +- Project [x#3, y#1]",
      "      +- Filter ((isnotnull(y#1) AND (y#1 < 5)) AND isnotnull(x#3))",
      "         +- Relation [x#3,y#1,z#6] parquet",
    ].join("\n"),
  );
});

test("filter over an aggregate: grouping-column conjuncts go below", () => {
  const t1 = testRelation();
  const s = alias(sumOf(t1.b), "s");
  const sAttr = attribute("s", IntegerT, true, s.exprId);
  const q = project(
    [t1.a, sAttr],
    filter(
      and(comparison(">", t1.a, int(1)), comparison(">", sAttr, int(10))),
      aggregate([t1.a], [t1.a, s], t1.plan),
    ),
  );
  assert.equal(
    opt(q),
    [
      "Filter (isnotnull(s#0) AND (s#0 > 10))",
      "+- Aggregate [a#1], [a#1, sum(b#2) AS s#0]",
      "   +- Project [a#1, b#2]",
      "      +- Filter (isnotnull(a#1) AND (a#1 > 1))",
      "         +- Relation [a#1,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("filter through a projection with an alias", () => {
  const t1 = testRelation();
  const a1 = alias(
    { kind: "BinaryArithmetic", op: "+", left: t1.a, right: int(1), evalMode: "ANSI" },
    "a1",
  );
  const a1Attr = attribute("a1", IntegerT, true, a1.exprId);
  const q = filter(comparison(">", a1Attr, int(3)), project([a1, t1.b], t1.plan));
  assert.equal(
    opt(q),
    [
      "Project [(a#0 + 1) AS a1#1, b#2]",
      "+- Filter (isnotnull(a#0) AND ((a#0 + 1) > 3))",
      "   +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("boolean simplification and NOT pushdown", () => {
  const t1 = testRelation();
  const q1 = filter(
    and(comparison("=", t1.a, int(1)), {
      kind: "Or",
      left: comparison("=", t1.b, int(2)),
      right: TRUE,
    }),
    t1.plan,
  );
  assert.equal(
    opt(q1),
    ["Filter (isnotnull(a#0) AND (a#0 = 1))", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
  const q2 = filter(not(comparison(">", t1.a, int(1))), t1.plan);
  assert.equal(
    opt(q2),
    ["Filter (isnotnull(a#0) AND (a#0 <= 1))", "+- Relation [a#0,b#1,c#2] parquet"].join("\n"),
  );
});

test("intersect becomes a distinct aggregate over a null-safe semi join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q: LogicalPlan = Object.freeze({
    kind: "Intersect",
    left: project([t1.a], t1.plan),
    right: project([t2.a], t2.plan),
    isAll: false,
  });
  assert.equal(
    opt(q),
    [
      "Aggregate [a#0], [a#0]",
      "+- Join LeftSemi, (a#0 <=> x#1)",
      "   :- Project [a#0]",
      "   :  +- Relation [a#0,b#2,c#3] parquet",
      "   +- Project [x#1]",
      "      +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("the acceptance query keeps its shape: Aggregate over LocalRelation", () => {
  const country = attribute("country", StringT);
  const salary = attribute("salary", IntegerT);
  const rel = localRelation(
    [country, salary],
    [
      ["a", 1],
      ["b", 2],
    ],
  );
  const q = aggregate([country], [country, alias(sumOf(salary), "sum(salary)")], rel);
  assert.equal(
    opt(q),
    [
      "Aggregate [country#0], [country#0, sum(salary#1) AS sum(salary)#2]",
      "+- LocalRelation [country#0, salary#1]",
    ].join("\n"),
  );
});

test("distinct over a projection", () => {
  const t1 = testRelation();
  const q = distinct(project([t1.b], t1.plan));
  assert.equal(
    opt(q),
    ["Aggregate [b#0], [b#0]", "+- Project [b#0]", "   +- Relation [a#1,b#0,c#2] parquet"].join(
      "\n",
    ),
  );
});

// ---------------------------------------------------------------------------------------
// Subqueries (expected plans from Spark 4 over t1(a, b, c), t2(x, y, z))

function outer(a: AttributeReference): Expression {
  return Object.freeze({ kind: "OuterReference", child: a });
}

function aggCall(name: string, args: Expression[], dataType: DataType = IntegerT): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name,
      args,
      dataType,
      nullable: name !== "count",
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 998,
  });
}

test("NOT IN becomes a null-aware anti join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const inSub: Expression = Object.freeze({
    kind: "InSubquery",
    values: [t1.a],
    query: Object.freeze({
      kind: "ListQuery",
      plan: project([t2.a], t2.plan),
      outerAttrs: [],
      exprId: 500,
      numCols: 1,
    }),
  });
  assert.equal(
    opt(filter(not(inSub), t1.plan)),
    [
      "Join LeftAnti, ((a#0 = x#1) OR isnull((a#0 = x#1)))",
      ":- Relation [a#0,b#2,c#3] parquet",
      "+- Project [x#1]",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("correlated EXISTS and IN become semi joins on the pulled-up predicates", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const existsPlan = project(
    [alias(literal(1, IntegerT), "1")],
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
  );
  const exists: Expression = Object.freeze({
    kind: "Exists",
    plan: existsPlan,
    outerAttrs: [t1.a],
    exprId: 501,
  });
  assert.equal(
    opt(filter(exists, t1.plan)),
    [
      "Join LeftSemi, (x#0 = a#1)",
      ":- Relation [a#1,b#2,c#3] parquet",
      "+- Project [x#0]",
      "   +- Relation [x#0,y#4,z#5] parquet",
    ].join("\n"),
  );
  const inPlan = project([t2.a], filter(comparison("=", t2.b, outer(t1.b)), t2.plan));
  const inSub: Expression = Object.freeze({
    kind: "InSubquery",
    values: [t1.a],
    query: Object.freeze({
      kind: "ListQuery",
      plan: inPlan,
      outerAttrs: [t1.b],
      exprId: 502,
      numCols: 1,
    }),
  });
  assert.equal(
    opt(filter(inSub, t1.plan)),
    [
      "Join LeftSemi, ((a#0 = x#1) AND (y#2 = b#3))",
      ":- Relation [a#0,b#3,c#4] parquet",
      "+- Project [x#1, y#2]",
      "   +- Relation [x#1,y#2,z#5] parquet",
    ].join("\n"),
  );
});

test("a correlated scalar subquery becomes a left outer join with an aggregate", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const sub = aggregate(
    [],
    [alias(aggCall("max", [t2.b]), "max(y)")],
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
  );
  const scalar: Expression = Object.freeze({
    kind: "ScalarSubquery",
    plan: sub,
    outerAttrs: [t1.a],
    exprId: 503,
  });
  assert.equal(
    opt(project([t1.a, alias(scalar, "m")], t1.plan)),
    [
      "Project [a#0, max(y)#1 AS m#2]",
      "+- Join LeftOuter, (x#3 = a#0)",
      "   :- Project [a#0]",
      "   :  +- Relation [a#0,b#4,c#5] parquet",
      "   +- Aggregate [x#3], [max(y#6) AS max(y)#1, x#3]",
      "      +- Project [x#3, y#6]",
      "         +- Filter isnotnull(x#3)",
      "            +- Relation [x#3,y#6,z#7] parquet",
    ].join("\n"),
  );
});

test("count in a correlated scalar subquery is 0, not null, for unmatched rows", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const sub = aggregate(
    [],
    [alias(aggCall("count", [literal(1, IntegerT)], LongT), "count(1)")],
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
  );
  const scalar: Expression = Object.freeze({
    kind: "ScalarSubquery",
    plan: sub,
    outerAttrs: [t1.a],
    exprId: 504,
  });
  assert.equal(
    opt(project([t1.a, alias(scalar, "m")], t1.plan)),
    [
      "Project [a#0, if (isnull(alwaysTrue#1)) 0L else count(1)#2 AS m#3]",
      "+- Join LeftOuter, (x#4 = a#0)",
      "   :- Project [a#0]",
      "   :  +- Relation [a#0,b#5,c#6] parquet",
      "   +- Aggregate [x#4], [count(1) AS count(1)#2, x#4, true AS alwaysTrue#1]",
      "      +- Project [x#4]",
      "         +- Filter isnotnull(x#4)",
      "            +- Relation [x#4,y#7,z#8] parquet",
    ].join("\n"),
  );
});

test("a filter on the null-supplying side turns a left join inner (EliminateOuterJoin)", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = filter(
    comparison(">", t2.b, int(3)),
    join(t1.plan, t2.plan, "LeftOuter", comparison("=", t1.a, t2.a)),
  );
  assert.equal(
    opt(q),
    [
      "Join Inner, (a#0 = x#1)",
      ":- Filter isnotnull(a#0)",
      ":  +- Relation [a#0,b#2,c#3] parquet",
      "+- Filter ((isnotnull(y#4) AND (y#4 > 3)) AND isnotnull(x#1))",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

/** A stand-in for the interpreted evaluator: integer `+` and `>` only. */
function tinyEvaluate(e: Expression): unknown {
  if (e.kind === "Literal") return e.value;
  if (e.kind === "BinaryArithmetic" && e.op === "+") {
    return (tinyEvaluate(e.left) as number) + (tinyEvaluate(e.right) as number);
  }
  if (e.kind === "BinaryComparison" && e.op === ">") {
    return (tinyEvaluate(e.left) as number) > (tinyEvaluate(e.right) as number);
  }
  throw new Error(`cannot evaluate ${e.kind}`);
}

// Spark 4: `select * from t1 where a + 1 > 3 and a = b and b = 5` gives
// `Filter ((isnotnull(a) AND isnotnull(b)) AND ((a = 5) AND (b = 5)))`.
test("constant propagation and folding remove implied conjuncts", () => {
  const t1 = testRelation();
  const cond = and(
    and(comparison(">", arithmetic("+", t1.a, int(1)), int(3)), comparison("=", t1.a, t1.b)),
    comparison("=", t1.b, int(5)),
  );
  const plan = optimize(filter(cond, t1.plan), { ...testContext(), evaluate: tinyEvaluate }).plan;
  assert.equal(
    planText(plan),
    [
      "Filter ((isnotnull(a#0) AND isnotnull(b#1)) AND ((a#0 = 5) AND (b#1 = 5)))",
      "+- Relation [a#0,b#1,c#2] parquet",
    ].join("\n"),
  );
});

// Spark 4: `select * from (select 1 as k, a from t1) where k = 1 order by k` gives
// `Project [1 AS k, a]` over the relation: the filter and the sort fold away.
test("constant columns fold filters and sorts away (FoldablePropagation)", () => {
  const t1 = testRelation();
  const k = alias(int(1), "k");
  const kAttr = attribute("k", IntegerT, false, k.exprId);
  const q = sort(
    [sortOrder(kAttr)],
    true,
    project([kAttr, t1.a], filter(comparison("=", kAttr, int(1)), project([k, t1.a], t1.plan))),
  );
  assert.equal(opt(q), ["Project [1 AS k#0, a#1]", "+- Relation [a#1,b#2,c#3] parquet"].join("\n"));
});
