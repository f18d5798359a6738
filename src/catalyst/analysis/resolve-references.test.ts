/** Column resolution, checked against pyspark 4 over the same views. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FlintError } from "../../errors/index.ts";
import { arithmetic, comparison, literalOf } from "../expressions/factories.ts";
import { join, project, subqueryAlias } from "../plans/factories.ts";
import { analyze } from "./analyzer.ts";
import { analyzerConfigFrom } from "./context.ts";
import {
  analysisError,
  analyzeTest,
  columnsOf,
  normalizedTree,
  schemaOf,
  star,
  table,
  testContext,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("names resolve case-insensitively and keep the case as written", () => {
  // select A from t -> Project [A#10]
  const plan = analyzeTest(project([ua("A")], table("t")));
  assert.equal(normalizedTree(plan).split("\n")[0], "Project [A#x]");
  assert.deepEqual(columnsOf(project([ua("T", "b")], table("t"))), ["b"]);
});

test("nested struct fields resolve and take the field's name", () => {
  // select st.y.z, st.x + 1 from s -> Project [st#16.y.z AS z#18, (st#16.x + 1) AS (st.x + 1)#20]
  const plan = analyzeTest(
    project([ua("st", "y", "z"), ualias(arithmetic("+", ua("st", "x"), literalOf(1)))], table("s")),
  );
  assert.equal(
    normalizedTree(plan).split("\n")[0],
    "Project [st#x.y.z AS z#x, (st#x.x + 1) AS (st.x + 1)#x]",
  );
  const e = analysisError(project([ua("st", "q")], table("s")));
  assert.equal(e.errorClass, "FIELD_NOT_FOUND");
  assert.deepEqual(e.messageParameters, { fieldName: "`q`", fields: "`x`, `y`" });
});

test("star expansion: *, t.*, struct.*", () => {
  assert.deepEqual(columnsOf(project([star()], table("t"))), ["a", "b", "c", "salary"]);
  assert.deepEqual(columnsOf(project([star("x")], subqueryAlias(["x"], table("t")))), [
    "a",
    "b",
    "c",
    "salary",
  ]);
  assert.deepEqual(schemaOf(project([star("st")], table("s"))), ["x: int", "y: struct<z:string>"]);
});

test("qualified misses suggest qualified names", () => {
  const e = analysisError(project([ua("t", "slary")], table("t")));
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  assert.deepEqual(e.messageParameters, {
    objectName: "`t`.`slary`",
    proposal: "`t`.`salary`, `t`.`a`, `t`.`b`, `t`.`c`",
  });
  const e2 = analysisError(project([ua("x", "a")], table("t")));
  assert.deepEqual(e2.messageParameters, {
    objectName: "`x`.`a`",
    proposal: "`t`.`a`, `t`.`b`, `t`.`c`, `t`.`salary`",
  });
});

test("JOIN USING: one key column first; FULL OUTER coalesces it", () => {
  const using = (kind: "Inner" | "FullOuter") =>
    Object.freeze({
      ...join(subqueryAlias(["x"], table("t")), subqueryAlias(["y"], table("t")), kind, null),
      usingColumns: ["a"],
    });
  assert.deepEqual(columnsOf(project([star()], using("Inner"))), [
    "a",
    "b",
    "c",
    "salary",
    "b",
    "c",
    "salary",
  ]);
  const full = normalizedTree(analyzeTest(project([star()], using("FullOuter")))).split("\n");
  assert.equal(
    full[1],
    "+- Project [coalesce(a#x, a#x) AS a#x, b#x, c#x, salary#xL, b#x, c#x, salary#xL]",
  );
  assert.equal(full[2], "   +- Join FullOuter, (a#x = a#x)");
  const e = analysisError(
    project(
      [star()],
      Object.freeze({
        ...join(subqueryAlias(["x"], table("t")), subqueryAlias(["y"], table("t")), "Inner", null),
        usingColumns: ["q"],
      }),
    ),
  );
  assert.equal(e.errorClass, "UNRESOLVED_USING_COLUMN_FOR_JOIN");
  assert.deepEqual(e.messageParameters, {
    colName: "`q`",
    side: "left",
    suggestion: "`a`, `b`, `c`, `salary`",
  });
});

test("join conditions resolve against both sides", () => {
  const plan = analyzeTest(
    project(
      [ua("x", "a")],
      join(
        subqueryAlias(["x"], table("t")),
        subqueryAlias(["y"], table("emp")),
        "Inner",
        comparison("=", ua("x", "b"), ua("country")),
      ),
    ),
  );
  assert.match(normalizedTree(plan), /Join Inner, \(b#x = country#x\)/);
});

test("NATURAL join (an empty USING list) joins on the common columns (pyspark 4)", () => {
  const natural = Object.freeze({
    ...join(table("t"), table("emp"), "Inner", null),
    usingColumns: [],
  });
  const plan = project([star()], natural);
  assert.deepEqual(columnsOf(plan), ["salary", "a", "b", "c", "country", "name"]);
  assert.match(
    normalizedTree(analyzeTest(plan)),
    /Join Inner, \(salary#xL = cast\(salary#x as bigint\)\)/,
  );
});

test("a field of a non-struct column: INVALID_EXTRACT_BASE_FIELD_TYPE (pyspark 4: select t.a.b from t)", () => {
  const e = analysisError(project([ua("t", "a", "b")], table("t")));
  assert.equal(e.errorClass, "INVALID_EXTRACT_BASE_FIELD_TYPE");
  assert.deepEqual(e.messageParameters, { base: '"a"', other: '"INT"' });
});

test("the other side's USING key stays reachable by qualified name (pyspark 4)", () => {
  const using = Object.freeze({
    ...join(table("t"), table("emp"), "Inner", null),
    usingColumns: ["salary"],
  });
  // select emp.* from t join emp using (salary) -> salary, country, name
  assert.deepEqual(columnsOf(project([star("emp")], using)), ["salary", "country", "name"]);
  // select t.salary, emp.salary from t join emp using (salary)
  assert.deepEqual(columnsOf(project([ua("t", "salary"), ua("emp", "salary")], using)), [
    "salary",
    "salary",
  ]);
  // and `*` still shows the key once
  assert.deepEqual(columnsOf(project([star()], using)), [
    "salary",
    "a",
    "b",
    "c",
    "country",
    "name",
  ]);
});

test("spark.sql.caseSensitive=true compares names exactly", () => {
  const config = analyzerConfigFrom((k) => (k === "spark.sql.caseSensitive" ? "true" : undefined));
  const ctx = { ...testContext(), config };
  assert.throws(
    () => analyze(project([ua("A")], table("t")), ctx),
    (e: unknown) => e instanceof FlintError && e.errorClass === "UNRESOLVED_COLUMN.WITH_SUGGESTION",
  );
  assert.equal(analyze(project([ua("a")], table("t")), ctx).kind, "Project");
});
