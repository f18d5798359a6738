/**
 * End-to-end analyzer errors. Expected classes and parameters come from pyspark 4 over
 * the same views (`t(a int, b string, c double, salary bigint)`), e.g.
 * `spark.sql("select slary from t")`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FlintError } from "../../errors/index.ts";
import { comparison, literalOf, not } from "../expressions/factories.ts";
import { aggregate, join, project, subqueryAlias } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { analyzeTest, fn, normalizedTree, table, ua, ualias } from "./testing/fixtures.ts";

function errorOf(plan: LogicalPlan): FlintError {
  try {
    analyzeTest(plan);
  } catch (e) {
    if (e instanceof FlintError) return e;
    throw e;
  }
  assert.fail("expected an analysis error");
}

test("misspelled column: UNRESOLVED_COLUMN.WITH_SUGGESTION ranked by similarity", () => {
  const e = errorOf(project([ua("slary")], table("t")));
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  assert.equal(e.sqlState, "42703");
  assert.deepEqual(e.messageParameters, {
    objectName: "`slary`",
    proposal: "`salary`, `a`, `b`, `c`",
  });
});

test("ambiguous column of a self join", () => {
  const selfJoin = join(
    subqueryAlias(["x"], table("t")),
    subqueryAlias(["y"], table("t")),
    "Inner",
    comparison("=", ua("x", "a"), ua("y", "a")),
  );
  const e = errorOf(project([ua("a")], selfJoin));
  assert.equal(e.errorClass, "AMBIGUOUS_REFERENCE");
  assert.deepEqual(e.messageParameters, { name: "`a`", referenceNames: "[`x`.`a`, `y`.`a`]" });
  // qualified, it resolves, and the two sides have distinct ids
  const ok = analyzeTest(project([ua("x", "a")], selfJoin));
  assert.equal(ok.kind, "Project");
  const cond = ok.kind === "Project" && ok.child.kind === "Join" ? ok.child.condition : null;
  assert.ok(cond && cond.kind === "BinaryComparison");
  assert.ok(
    cond.left.kind === "AttributeReference" &&
      cond.right.kind === "AttributeReference" &&
      cond.left.exprId !== cond.right.exprId,
  );
});

test("aggregate without GROUP BY: MISSING_GROUP_BY", () => {
  const e = errorOf(project([ua("a"), ualias(fn("sum", ua("c")))], table("t")));
  assert.equal(e.errorClass, "MISSING_GROUP_BY");
  assert.equal(e.sqlState, "42803");
});

test("column neither grouped nor aggregated: MISSING_AGGREGATION", () => {
  const e = errorOf(aggregate([ua("b")], [ua("a"), ualias(fn("sum", ua("c")))], table("t")));
  assert.equal(e.errorClass, "MISSING_AGGREGATION");
  assert.deepEqual(e.messageParameters, {
    expression: '"a"',
    expressionAnyValue: '"any_value(a)"',
  });
});

test("wrong argument types: DATATYPE_MISMATCH", () => {
  const e1 = errorOf(project([ualias(not(ua("a")))], table("t")));
  assert.equal(e1.errorClass, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  assert.deepEqual(e1.messageParameters, {
    sqlExpr: '"(NOT a)"',
    paramIndex: "first",
    requiredType: '"BOOLEAN"',
    inputSql: '"a"',
    inputType: '"INT"',
  });
  const and = Object.freeze({ kind: "And" as const, left: ua("a"), right: ua("b") });
  const e2 = errorOf(project([ualias(and)], table("t")));
  assert.equal(e2.errorClass, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE");
  assert.deepEqual(e2.messageParameters, {
    sqlExpr: '"(a AND b)"',
    inputType: '"BOOLEAN"',
    actualDataType: '"BIGINT"',
  });
  const and2 = Object.freeze({ kind: "And" as const, left: ua("a"), right: literalOf(true) });
  const e3 = errorOf(project([ualias(and2)], table("t")));
  assert.equal(e3.errorClass, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
  assert.deepEqual(e3.messageParameters, {
    sqlExpr: '"(a AND true)"',
    left: '"INT"',
    right: '"BOOLEAN"',
  });
});

test("a grouped query analyzes to Spark's plan", () => {
  const plan = aggregate(
    [ua("country")],
    [ua("country"), ualias(fn("sum", ua("salary")))],
    table("emp"),
  );
  assert.equal(
    normalizedTree(analyzeTest(plan)),
    [
      "Aggregate [country#x], [country#x, sum(salary#x) AS sum(salary)#xL]",
      "+- SubqueryAlias emp",
      "   +- LocalRelation [country#x, salary#x, name#x]",
      "",
    ].join("\n"),
  );
});
