/** Set operations: widening and checks, as pyspark 4 analyzes them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { alias, literalOf } from "../expressions/factories.ts";
import { ONE_ROW, project, union } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  schemaOf,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("UNION widens column types by position", () => {
  // select a, b from t union all select c, a from t -> a: double, b: bigint
  const plan = union([
    project([ua("a"), ua("b")], table("t")),
    project([ua("c"), ua("a")], table("t")),
  ]);
  assert.deepEqual(schemaOf(plan), ["a: double", "b: bigint"]);
  const lines = normalizedTree(analyzeTest(plan)).split("\n");
  assert.equal(lines[1], ":- Project [cast(a#x as double) AS a#x, cast(b#x as bigint) AS b#xL]");
});

test("INTERSECT widens too", () => {
  const plan: LogicalPlan = Object.freeze({
    kind: "Intersect",
    left: project([ua("a")], table("t")),
    right: project([ua("c")], table("t")),
    isAll: false,
  });
  assert.deepEqual(schemaOf(plan), ["a: double"]);
});

test("NUM_COLUMNS_MISMATCH and INCOMPATIBLE_COLUMN_TYPE", () => {
  const e1 = analysisError(
    union([project([ua("a")], table("t")), project([ua("a"), ua("b")], table("t"))]),
  );
  assert.equal(e1.errorClass, "NUM_COLUMNS_MISMATCH");
  assert.deepEqual(e1.messageParameters, {
    operator: "UNION",
    firstNumColumns: "1",
    invalidOrdinalNum: "second",
    invalidNumColumns: "2",
  });
  const e2 = analysisError(
    union([project([ualias(fn("array", ua("a")))], table("t")), project([ua("a")], table("t"))]),
  );
  assert.equal(e2.errorClass, "INCOMPATIBLE_COLUMN_TYPE");
  assert.deepEqual(e2.messageParameters, {
    operator: "UNION",
    columnOrdinalNumber: "first",
    tableOrdinalNumber: "second",
    dataType1: '"INT"',
    dataType2: '"ARRAY<INT>"',
    hint: "",
  });
});

test("unionByName reorders by name; missing columns are NULL when allowed", () => {
  const left = project([alias(literalOf(1), "a"), alias(literalOf("x"), "b")], ONE_ROW);
  const right = project([alias(literalOf("y"), "b"), alias(literalOf(2), "a")], ONE_ROW);
  const lines = normalizedTree(analyzeTest(union([left, right], true))).split("\n");
  assert.equal(lines[3], "+- Project [a#x, b#x]");
  const onlyB = project([alias(literalOf("y"), "b")], ONE_ROW);
  const lines2 = normalizedTree(analyzeTest(union([left, onlyB], true, true))).split("\n");
  assert.equal(lines2[3], "+- Project [null AS a#x, b#x]");
  const e = analysisError(union([left, onlyB], true));
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
});
