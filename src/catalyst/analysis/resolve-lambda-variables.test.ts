/** Lambda variables, against pyspark 4: `select transform(xs, x -> x + 1) from s`. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { arithmetic, literalOf } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import { exprString } from "../plans/tree-string.ts";
import { analyzeTest, fn, schemaOf, table, ua, ualias } from "./testing/fixtures.ts";

const lambda = (body: Expression, ...params: string[]): Expression => ({
  kind: "LambdaFunction",
  body,
  params: params.map((p) => ({ kind: "UnresolvedNamedLambdaVariable", nameParts: [p] })),
});

test("lambda parameters bind to the array's element type and print as Spark's", () => {
  const call = fn("transform", ua("xs"), lambda(arithmetic("+", ua("x"), literalOf(1)), "x"));
  const p = analyzeTest(project([ualias(call)], table("s")));
  assert.ok(p.kind === "Project");
  assert.equal(
    exprString(p.projectList[0] as Expression).replace(/#\d+/g, "#x"),
    "transform(xs#x, lambdafunction((lambda x#x + 1), lambda x#x, false)) AS transform(xs, lambdafunction((namedlambdavariable() + 1), namedlambdavariable()))#x",
  );
  assert.deepEqual(schemaOf(project([ualias(call)], table("s"))), [
    "transform(xs, lambdafunction((namedlambdavariable() + 1), namedlambdavariable())): array<int>",
  ]);
});

test("a parameter shadows a column of the same name; other names are columns", () => {
  const shadow = fn("transform", ua("xs"), lambda(arithmetic("+", ua("st"), literalOf(1)), "st"));
  const outer = fn("transform", ua("xs"), lambda(arithmetic("+", ua("y"), ua("st", "x")), "y"));
  const p = analyzeTest(project([ualias(shadow), ualias(outer)], table("s")));
  assert.ok(p.kind === "Project");
  const [a, b] = p.projectList.map((e) => exprString(e).replace(/#\d+/g, "#x"));
  assert.match(
    a ?? "",
    /^transform\(xs#x, lambdafunction\(\(lambda st#x \+ 1\), lambda st#x, false\)\)/,
  );
  assert.match(
    b ?? "",
    /^transform\(xs#x, lambdafunction\(\(lambda y#x \+ st#x\.x\), lambda y#x, false\)\)/,
  );
});
