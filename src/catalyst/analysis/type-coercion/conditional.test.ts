import assert from "node:assert/strict";
import { test } from "node:test";
import { NullT } from "../../../types/data-types.ts";
import { comparison, literal, literalOf } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { exprString } from "../../plans/tree-string.ts";
import { analysisError, analyzeTest, schemaOf, table, ua, ualias } from "../testing/fixtures.ts";

test("COALESCE and CASE branches widen (pyspark 4: coalesce(a, c))", () => {
  const p = analyzeTest(
    project(
      [
        Object.freeze({ kind: "Coalesce" as const, children: [ua("a"), ua("c")] }),
        Object.freeze({
          kind: "CaseWhen" as const,
          branches: [[comparison(">", ua("a"), literalOf(1)), ua("a")] as const],
          elseValue: ua("c"),
        }),
      ].map(ualias),
      table("t"),
    ),
  );
  assert.ok(p.kind === "Project");
  assert.deepEqual(
    p.projectList.map((e) => exprString(e).replace(/#\d+/g, "#x")),
    [
      "coalesce(cast(a#x as double), c#x) AS coalesce(a, c)#x",
      "CASE WHEN (a#x > 1) THEN cast(a#x as double) ELSE c#x END AS CASE WHEN (a > 1) THEN a ELSE c END#x",
    ],
  );
});

test("branches without a common type: DATA_DIFF_TYPES (pyspark 4 parameters)", () => {
  const e = analysisError(
    project(
      [ualias(Object.freeze({ kind: "Coalesce" as const, children: [ua("xs"), literalOf(1)] }))],
      table("s"),
    ),
  );
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
  assert.deepEqual(e.messageParameters, {
    sqlExpr: '"coalesce(xs, 1)"',
    functionName: "`coalesce`",
    dataType: '("ARRAY<INT>" or "INT")',
  });
  const iff = Object.freeze({
    kind: "If" as const,
    predicate: comparison(">", ua("st", "x"), literalOf(1)),
    trueValue: ua("xs"),
    falseValue: literalOf(1),
  });
  const e2 = analysisError(project([ualias(iff)], table("s")));
  assert.deepEqual(e2.messageParameters, {
    sqlExpr: '"(IF((st.x > 1), xs, 1))"',
    functionName: "`if`",
    dataType: '["ARRAY<INT>", "INT"]',
  });
});

test("conditions must be boolean: UNEXPECTED_INPUT_TYPE", () => {
  const cw = Object.freeze({
    kind: "CaseWhen" as const,
    branches: [[literalOf(1), literalOf(2)] as const],
    elseValue: null,
  });
  const e = analysisError(project([ualias(cw)], table("t")));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  assert.deepEqual(e.messageParameters, {
    sqlExpr: '"CASE WHEN 1 THEN 2 END"',
    paramIndex: "first",
    requiredType: '"BOOLEAN"',
    inputSql: '"1"',
    inputType: '"INT"',
  });
});

test("CASE WHEN NULL is not cast (VOID); IF(NULL, ...) is", () => {
  const cw = Object.freeze({
    kind: "CaseWhen" as const,
    branches: [[literal(null, NullT), literalOf(1)] as const],
    elseValue: literalOf(2),
  });
  const e = analysisError(project([ualias(cw)], table("t")));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  assert.equal(e.messageParameters.inputType, '"VOID"');
  assert.equal(e.messageParameters.inputSql, '"NULL"');
  const iff = Object.freeze({
    kind: "If" as const,
    predicate: literal(null, NullT),
    trueValue: literalOf("a"),
    falseValue: literalOf("b"),
  });
  assert.deepEqual(schemaOf(project([ualias(iff)], table("t"))), ["(IF(NULL, a, b)): string"]);
});
