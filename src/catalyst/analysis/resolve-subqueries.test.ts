/** Subqueries: outer references and shape checks (pyspark 4 plans and errors). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { alias, comparison, literalOf } from "../expressions/factories.ts";
import { aggregate, filter, ONE_ROW, project, subqueryAlias } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { exprString, treeString } from "../plans/tree-string.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

const scalar = (plan: LogicalPlan): Expression =>
  Object.freeze({ kind: "ScalarSubquery", plan, outerAttrs: [], exprId: 0 });
const listQuery = (plan: LogicalPlan) =>
  Object.freeze({ kind: "ListQuery" as const, plan, outerAttrs: [], exprId: 0, numCols: 0 });

test("an uncorrelated scalar subquery", () => {
  // select (select max(a) from t) as m
  const plan = project(
    [alias(scalar(project([ualias(fn("max", ua("a")))], table("t"))), "m")],
    ONE_ROW,
  );
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 3), [
    "Project [scalar-subquery#x [] AS m#x]",
    ":  +- Aggregate [max(a#x) AS max(a)#x]",
    ":     +- SubqueryAlias t",
  ]);
});

test("correlated names become outer references", () => {
  const sub = project(
    [ua("a")],
    filter(comparison("=", ua("y", "b"), ua("t", "b")), subqueryAlias(["y"], table("t"))),
  );
  const plan = analyzeTest(project([alias(scalar(sub), "m")], table("t")));
  assert.match(
    normalizedTree(plan),
    /Project \[scalar-subquery#x \[b#x\] AS m#x\]\n: {2}\+- Project \[a#x\]\n: {5}\+- Filter \(b#x = outer\(b#x\)\)/,
  );
});

test("scalar subqueries must return one column", () => {
  const e = analysisError(
    project([ualias(scalar(project([ua("a"), ua("b")], table("t"))))], ONE_ROW),
  );
  assert.equal(
    e.errorClass,
    "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
  );
  assert.deepEqual(e.messageParameters, { number: "2" });
});

test("IN subquery arity must match", () => {
  const inSub: Expression = Object.freeze({
    kind: "InSubquery",
    values: [ua("a")],
    query: listQuery(project([ua("a"), ua("b")], table("t"))),
  });
  const e = analysisError(project([ua("a")], filter(inSub, table("t"))));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH");
  assert.deepEqual(e.messageParameters, {
    sqlExpr: '"(a IN (listquery()))"',
    leftLength: "1",
    leftColumns: '"a"',
    rightLength: "2",
    rightColumns: '"a", "b"',
  });
});

test("a subquery over the outer query's relation gets its own attribute ids", () => {
  const inner = project(
    [ualias(literalOf(1))],
    filter(comparison("=", ua("y", "a"), ua("t", "a")), subqueryAlias(["y"], table("t"))),
  );
  const exists: Expression = Object.freeze({
    kind: "Exists",
    plan: inner,
    outerAttrs: [],
    exprId: 0,
  });
  const p = analyzeTest(project([ua("a")], filter(exists, table("t"))));
  const text = exprString(
    p.kind === "Project" && p.child.kind === "Filter" ? p.child.condition : literalOf(0),
  );
  assert.match(text, /^exists#\d+ \[a#\d+\]$/);
  const cond =
    p.kind === "Project" && p.child.kind === "Filter" && p.child.condition.kind === "Exists"
      ? p.child.condition.plan
      : undefined;
  assert.ok(cond);
  const filterLine = normalizedTree(cond).split("\n")[1] ?? "";
  const ids = treeString(p).match(/a#(\d+) = outer\(a#(\d+)\)/);
  assert.ok(ids && ids[1] !== ids[2], filterLine);
});

test("HAVING in a subquery reads the aggregate's input before the outer query", () => {
  // select (select a from t group by a having sum(b) > 1) from t: b is the inner t's
  const having = filter(
    comparison(">", fn("sum", ua("b")), literalOf(1)),
    aggregate([ua("a")], [ua("a")], table("t")),
  );
  const tree = normalizedTree(analyzeTest(project([alias(scalar(having), "m")], table("t"))));
  assert.doesNotMatch(tree, /outer\(/);
  assert.match(tree, /scalar-subquery#x \[\] AS m#x/);
});
