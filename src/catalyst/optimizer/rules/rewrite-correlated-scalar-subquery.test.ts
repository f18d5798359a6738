import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, LongT } from "../../../types/data-types.ts";
import type { AttributeReference, Expression } from "../../expressions/expression.ts";
import { alias, comparison, literal } from "../../expressions/factories.ts";
import { aggregate, filter, join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RewriteCorrelatedScalarSubquery } from "./rewrite-correlated-scalar-subquery.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const outer = (a: AttributeReference): Expression =>
  Object.freeze({ kind: "OuterReference", child: a });

function agg(
  name: string,
  args: Expression[],
  dataType = IntegerT as typeof IntegerT | typeof LongT,
): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name,
      args,
      dataType,
      nullable: true,
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 0,
  });
}

function scalar(plan: LogicalPlan): Expression {
  return Object.freeze({ kind: "ScalarSubquery", plan, outerAttrs: [t1.a], exprId: 910 });
}

test("in a filter: joined, compared, and projected back to the outer columns", () => {
  const sub = aggregate(
    [],
    [alias(agg("max", [t2.b]), "m")],
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
  );
  const q = filter(comparison(">", t1.b, scalar(sub)), t1.plan);
  assert.equal(
    planText(runRules(q, [RewriteCorrelatedScalarSubquery])),
    [
      "Project [a#0, b#1, c#2]",
      "+- Filter (b#1 > m#3)",
      "   +- Join LeftOuter, (x#4 = a#0)",
      "      :- Relation [a#0,b#1,c#2] parquet",
      "      +- Aggregate [x#4], [max(y#5) AS m#3, x#4]",
      "         +- Relation [x#4,y#5,z#6] parquet",
    ].join("\n"),
  );
});

test("uncorrelated scalar subqueries stay subqueries", () => {
  const sub = aggregate([], [alias(agg("max", [t2.b]), "m")], t2.plan);
  const q = project([alias(scalar(sub), "s")], t1.plan);
  assert.equal(runRules(q, [RewriteCorrelatedScalarSubquery]), q);
});

test("count keeps 0 for outer rows without a match", () => {
  const sub = aggregate(
    [],
    [alias(agg("count", [literal(1, IntegerT)], LongT), "n")],
    filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
  );
  const text = planText(
    runRules(project([alias(scalar(sub), "s")], t1.plan), [RewriteCorrelatedScalarSubquery]),
  );
  assert.match(
    text.split("\n")[0] ?? "",
    /^Project \[if \(isnull\(alwaysTrue#\d+\)\) 0L else n#\d+ AS s#\d+\]$/,
  );
  assert.match(text, /true AS alwaysTrue/);
});

test("a correlated filter under an inner join is pulled up (TPC-H q2)", () => {
  const t3 = testRelation(["u", "v", "w"]);
  const sub = aggregate(
    [],
    [alias(agg("min", [t2.b]), "m")],
    project(
      [t2.b],
      join(
        filter(comparison("=", t2.a, outer(t1.a)), t2.plan),
        t3.plan,
        "Inner",
        comparison("=", t2.c, t3.a),
      ),
    ),
  );
  const q = filter(comparison("=", t1.b, scalar(sub)), t1.plan);
  const text = planText(runRules(q, [RewriteCorrelatedScalarSubquery]));
  assert.match(text, /Join LeftOuter, \(x#\d+ = a#0\)/);
  assert.doesNotMatch(text, /outer\(|scalar-subquery/);
});
