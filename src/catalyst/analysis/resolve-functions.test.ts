/** Function resolution errors and forms, as pyspark 4 reports them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression, UnresolvedFunction } from "../expressions/expression.ts";
import { arithmetic, comparison, literalOf } from "../expressions/factories.ts";
import { aggregate, project } from "../plans/factories.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  schemaOf,
  star,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("unknown function: UNRESOLVED_ROUTINE, even before its arguments resolve", () => {
  const e = analysisError(project([ualias(fn("uper", ua("nosuch")))], table("t")));
  assert.equal(e.errorClass, "UNRESOLVED_ROUTINE");
  assert.deepEqual(e.messageParameters, {
    routineName: "`uper`",
    searchPath: "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
  });
});

test("wrong number of arguments: WRONG_NUM_ARGS.WITHOUT_SUGGESTION", () => {
  const e = analysisError(project([ualias(fn("upper", ua("a"), ua("b")))], table("t")));
  assert.equal(e.errorClass, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
  assert.equal(e.sqlState, "42605");
  assert.deepEqual(e.messageParameters, {
    functionName: "`upper`",
    expectedNum: "1",
    actualNum: "2",
    docroot: "https://spark.apache.org/docs/latest",
  });
});

test("bind failures become DATATYPE_MISMATCH with the call as sqlExpr", () => {
  const e = analysisError(project([ualias(fn("abs", ua("st")))], table("s")));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  assert.equal(e.messageParameters.sqlExpr, '"abs(st)"');
  assert.match(e.messageParameters.inputType ?? "", /^"STRUCT<.*>"$/);
});

test("count(*) is count(1); DISTINCT and FILTER are kept on the aggregate", () => {
  const distinct: UnresolvedFunction = {
    ...(fn("count", ua("a")) as UnresolvedFunction),
    isDistinct: true,
  };
  const filtered: UnresolvedFunction = {
    ...(fn("sum", ua("a")) as UnresolvedFunction),
    filter: comparison(">", ua("a"), literalOf(1)),
  };
  const items: Expression[] = [fn("count", star()), distinct, filtered].map(ualias);
  assert.equal(
    normalizedTree(analyzeTest(aggregate([], items, table("t")))).split("\n")[0],
    "Aggregate [count(1) AS count(1)#xL, count(distinct a#x) AS count(DISTINCT a)#xL, sum(a#x) FILTER (WHERE (a#x > 1)) AS sum(a) FILTER (WHERE (a > 1))#xL]",
  );
});

test("arguments are coerced before binding (pyspark 4: sum(a + c) is a double sum)", () => {
  const plan = aggregate([], [ualias(fn("sum", arithmetic("+", ua("a"), ua("c"))))], table("t"));
  assert.deepEqual(schemaOf(plan), ["sum((a + c)): double"]);
});
