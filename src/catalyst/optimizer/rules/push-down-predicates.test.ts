import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  attribute,
  comparison,
  literal,
  sortOrder,
} from "../../expressions/factories.ts";
import { aggregate, filter, join, project, sort, union } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PushDownPredicates } from "./push-down-predicates.ts";

const int = (n: number) => literal(n, IntegerT);
const push = (p: LogicalPlan) => planText(runRules(p, [PushDownPredicates]));

test("through a projection, inlining aliases", () => {
  const t = testRelation();
  const a1 = alias(arithmetic("+", t.a, int(1)), "a1");
  const q = filter(
    comparison(">", attribute("a1", IntegerT, true, a1.exprId), int(3)),
    project([a1, t.b], t.plan),
  );
  assert.equal(
    push(q),
    [
      "Project [(a#0 + 1) AS a1#1, b#2]",
      "+- Filter ((a#0 + 1) > 3)",
      "   +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("through an aggregate only on grouping columns", () => {
  const t = testRelation();
  const cnt: Expression = Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name: "count",
      args: [t.b],
      dataType: IntegerT,
      nullable: false,
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 0,
  });
  const n = alias(cnt, "n");
  const q = filter(
    and(
      comparison(">", t.a, int(1)),
      comparison(">", attribute("n", IntegerT, false, n.exprId), int(2)),
    ),
    aggregate([t.a], [t.a, n], t.plan),
  );
  assert.equal(
    push(q),
    [
      "Filter (n#0 > 2)",
      "+- Aggregate [a#1], [a#1, count(b#2) AS n#0]",
      "   +- Filter (a#1 > 1)",
      "      +- Relation [a#1,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("into every branch of a union, by position", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = filter(comparison(">", t1.a, int(1)), union([t1.plan, t2.plan]));
  assert.equal(
    push(q),
    [
      "Union false, false",
      ":- Filter (a#0 > 1)",
      ":  +- Relation [a#0,b#1,c#2] parquet",
      "+- Filter (x#3 > 1)",
      "   +- Relation [x#3,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("through a sort", () => {
  const t = testRelation();
  const q = filter(comparison(">", t.a, int(1)), sort([sortOrder(t.b)], true, t.plan));
  assert.equal(
    push(q),
    [
      "Sort [b#0 ASC NULLS FIRST], true",
      "+- Filter (a#1 > 1)",
      "   +- Relation [a#1,b#0,c#2] parquet",
    ].join("\n"),
  );
});

test("into the sides and condition of an inner join", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = filter(
    and(
      and(comparison(">", t1.b, int(1)), comparison("<", t2.b, int(5))),
      comparison("=", t1.a, t2.a),
    ),
    join(t1.plan, t2.plan, "Inner", null),
  );
  assert.equal(
    push(q),
    [
      "Join Inner, (a#0 = x#1)",
      ":- Filter (b#2 > 1)",
      ":  +- Relation [a#0,b#2,c#3] parquet",
      "+- Filter (y#4 < 5)",
      "   +- Relation [x#1,y#4,z#5] parquet",
    ].join("\n"),
  );
});

// Spark 4: `select * from t1 left join t2 on a = x and b > 2 and y > 3` gives
// `Join LeftOuter, ((b > 2) AND (a = x))` over `Filter (y > 3)` on the right.
test("left outer join: right-only condition conjuncts go right, the left stays", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const cond = and(
    and(comparison("=", t1.a, t2.a), comparison(">", t1.b, int(2))),
    comparison(">", t2.b, int(3)),
  );
  assert.equal(
    push(join(t1.plan, t2.plan, "LeftOuter", cond)),
    [
      "Join LeftOuter, ((b#0 > 2) AND (a#1 = x#2))",
      ":- Relation [a#1,b#0,c#3] parquet",
      "+- Filter (y#4 > 3)",
      "   +- Relation [x#2,y#4,z#5] parquet",
    ].join("\n"),
  );
  // A filter above the join on the right side stays above.
  const above = filter(
    comparison(">", t2.b, int(3)),
    join(t1.plan, t2.plan, "LeftOuter", comparison("=", t1.a, t2.a)),
  );
  assert.equal(push(above).split("\n")[0], "Filter (y#0 > 3)");
});

test("full outer joins keep everything in place", () => {
  const t1 = testRelation();
  const t2 = testRelation(["x", "y", "z"]);
  const q = filter(
    comparison(">", t1.b, int(1)),
    join(t1.plan, t2.plan, "FullOuter", comparison("=", t1.a, t2.a)),
  );
  assert.equal(push(q).split("\n")[0], "Filter (b#0 > 1)");
});
