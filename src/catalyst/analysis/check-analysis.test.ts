/** CheckAnalysis error classes and parameters, as pyspark 4 reports them over t and s. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, LongT } from "../../types/data-types.ts";
import type { Expression } from "../expressions/expression.ts";
import { attribute, cast, comparison, literalOf, sortOrder } from "../expressions/factories.ts";
import { aggregate, filter, join, localRelation, project, sort } from "../plans/factories.ts";
import { outputOf } from "../plans/output.ts";
import {
  analysisError,
  analyzeTest,
  fn,
  normalizedTree,
  star,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("WHERE must be boolean: FILTER_NOT_BOOLEAN", () => {
  const e = analysisError(project([ua("a")], filter(ua("b"), table("t"))));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN");
  assert.deepEqual(e.messageParameters, { sqlExpr: '"b"', filter: '"b"', type: '"STRING"' });
});

test("aggregates in WHERE: INVALID_WHERE_CONDITION with qualified names", () => {
  const e = analysisError(
    project([ua("a")], filter(comparison(">", fn("sum", ua("a")), literalOf(1)), table("t"))),
  );
  assert.equal(e.errorClass, "INVALID_WHERE_CONDITION");
  assert.deepEqual(e.messageParameters, {
    condition: '"(sum(a) > 1)"',
    expressionList: "sum(t.a)",
  });
});

test("nested aggregates: NESTED_AGGREGATE_FUNCTION", () => {
  const e = analysisError(project([ualias(fn("sum", fn("sum", ua("a"))))], table("t")));
  assert.equal(e.errorClass, "NESTED_AGGREGATE_FUNCTION");
  assert.equal(e.sqlState, "42607");
});

test("aggregates in GROUP BY: GROUP_BY_AGGREGATE", () => {
  const e = analysisError(
    aggregate([fn("sum", ua("a"))], [ualias(fn("sum", ua("a")))], table("t")),
  );
  assert.equal(e.errorClass, "GROUP_BY_AGGREGATE");
  assert.deepEqual(e.messageParameters, { sqlExpr: "sum(t.a)" });
});

test("grouping by an expression allows the same expression in the select list", () => {
  const plus = (): Expression => ({
    kind: "BinaryArithmetic",
    op: "+",
    left: ua("a"),
    right: literalOf(1),
    evalMode: "ANSI",
  });
  const ok = aggregate([plus()], [ualias(plus()), ualias(fn("count", star()))], table("t"));
  assert.equal(
    normalizedTree(analyzeTest(ok)).split("\n")[0],
    "Aggregate [(a#x + 1)], [(a#x + 1) AS (a + 1)#x, count(1) AS count(1)#xL]",
  );
});

test("impossible casts: CAST_WITHOUT_SUGGESTION", () => {
  const e = analysisError(project([ualias(cast(ua("xs"), IntegerT))], table("s")));
  assert.equal(e.errorClass, "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION");
  assert.deepEqual(e.messageParameters, {
    sqlExpr: '"CAST(xs AS INT)"',
    srcType: '"ARRAY<INT>"',
    targetType: '"INT"',
  });
});

test("sorting needs orderable types; join conditions need booleans", () => {
  const m = analysisError(
    sort(
      [sortOrder(ua("a"))],
      true,
      project([ua("a")], join(table("t"), table("s"), "Inner", ua("a"))),
    ),
  );
  assert.equal(m.errorClass, "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE");
});

test("generators outside the select list, windows in WHERE, aggregate ordinals", () => {
  const explode = fn("explode", fn("array", literalOf(1)));
  const e1 = analysisError(
    project([ua("a")], filter(comparison("=", explode, literalOf(1)), table("t"))),
  );
  assert.equal(e1.errorClass, "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT");
  assert.deepEqual(e1.messageParameters, { plan: "'Filter (explode(array(1)) = 1)" });
  const nested = project(
    [
      ualias({
        kind: "BinaryArithmetic",
        op: "+",
        left: fn("explode", ua("xs")),
        right: literalOf(1),
        evalMode: "ANSI",
      }),
    ],
    table("s"),
  );
  const e2 = analysisError(nested);
  assert.equal(e2.errorClass, "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS");
  assert.deepEqual(e2.messageParameters, { expression: '"(explode(xs) + 1)"' });
  const rn: Expression = {
    kind: "WindowExpression",
    fn: fn("row_number"),
    spec: { kind: "WindowSpec", partitionSpec: [], orderSpec: [sortOrder(ua("a"))], frame: null },
  };
  const e3 = analysisError(
    project([ua("a")], filter(comparison(">", rn, literalOf(1)), table("t"))),
  );
  assert.equal(e3.errorClass, "WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE");
  assert.deepEqual(e3.messageParameters, { clauseName: "WHERE" });
  const e4 = analysisError(aggregate([literalOf(1)], [ualias(fn("sum", ua("a")))], table("t")));
  assert.equal(e4.errorClass, "GROUP_BY_POS_AGGREGATE");
  assert.deepEqual(e4.messageParameters, { index: "1", aggExpr: "sum(t.a) AS `sum(a)`" });
});

test("ORDER BY a column an aggregate hides: UNRESOLVED_COLUMN against its output", () => {
  const e = analysisError(
    sort([sortOrder(ua("a"))], true, aggregate([], [ualias(fn("count", star()))], table("t"))),
  );
  assert.equal(e.errorClass, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  assert.deepEqual(e.messageParameters, { objectName: "`a`", proposal: "`count(1)`" });
});

test("grouping by a struct field allows the field in the select list", () => {
  const plan = aggregate([ua("st", "x")], [ualias(fn("max", ua("xs"))), ua("st", "x")], table("s"));
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[0],
    "Aggregate [st#x.x], [max(xs#x) AS max(xs)#x, st#x.x AS x#x]",
  );
});

test("LIMIT / OFFSET must be constant non-negative integers (pyspark 4)", () => {
  const lim = (e: Expression) =>
    Object.freeze({
      kind: "GlobalLimit" as const,
      limit: e,
      child: project([ua("a")], table("t")),
    });
  const e1 = analysisError(lim(literalOf(-1)));
  assert.equal(e1.errorClass, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE");
  assert.deepEqual(e1.messageParameters, { name: "limit", expr: '"-1"', v: "-1" });
  const e2 = analysisError(lim(ua("a")));
  assert.equal(e2.errorClass, "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE");
  assert.deepEqual(e2.messageParameters, { name: "limit", expr: '"a"' });
  const e3 = analysisError(lim(literalOf("x")));
  assert.deepEqual(e3.messageParameters, { name: "limit", expr: '"x"', dataType: '"STRING"' });
});

test("GroupedData sum() applies to every numeric column (pyspark 4: groupBy('b').sum())", () => {
  const plan = aggregate([ua("b")], [ua("b"), ualias(fn("sum", star()))], table("t"));
  assert.deepEqual(
    outputOf(analyzeTest(plan)).map((a) => a.name),
    ["b", "sum(a)", "sum(c)", "sum(salary)"],
  );
});

test("a column of another DataFrame: MISSING_ATTRIBUTES (pyspark 4: b.select(a['x']))", () => {
  const x = attribute("x", LongT, true, 9000);
  const z = localRelation([attribute("z", LongT, true, 9001)], [[1n]]);
  const e = analysisError(project([x], z));
  assert.equal(e.errorClass, "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT");
  assert.equal(e.sqlState, "XX000");
  assert.deepEqual(e.messageParameters, {
    missingAttributes: '"x"',
    input: '"z"',
    operator: "!Project [x#9000L]",
  });
  const other = localRelation([attribute("x", LongT, true, 9002)], [[1n]]);
  const e2 = analysisError(project([x], other));
  assert.equal(e2.errorClass, "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION");
  assert.deepEqual(e2.messageParameters, {
    missingAttributes: '"x"',
    input: '"x"',
    operator: "!Project [x#9000L]",
    operation: '"x"',
  });
});

test("rand() in ORDER BY is pulled out; in a join condition it fails", () => {
  const sorted = analyzeTest(sort([sortOrder(fn("rand"))], true, project([ua("a")], table("t"))));
  assert.deepEqual(normalizedTree(sorted).split("\n").slice(0, 3), [
    "Project [a#x]",
    "+- Sort [_nondeterministic#x ASC NULLS FIRST], true",
    "   +- Project [a#x, rand() AS _nondeterministic#x]",
  ]);
  const e = analysisError(
    join(table("t"), table("emp"), "Inner", comparison(">", fn("rand"), literalOf(0.5))),
  );
  assert.equal(e.errorClass, "INVALID_NON_DETERMINISTIC_EXPRESSIONS");
  assert.deepEqual(e.messageParameters, { sqlExprs: '"(rand() > 0.5)"' });
});

test("window checks: ordering for ranking functions, frame bounds (pyspark 4)", () => {
  const over = (f: Expression, order: Expression[], frame: unknown = null): Expression =>
    ({
      kind: "WindowExpression",
      fn: f,
      spec: { kind: "WindowSpec", partitionSpec: [], orderSpec: order, frame },
    }) as Expression;
  const e1 = analysisError(project([ualias(over(fn("row_number"), []))], table("t")));
  assert.equal(e1.errorClass, "WINDOW_FUNCTION_FRAME_NOT_ORDERED");
  assert.deepEqual(e1.messageParameters, { wf_name: "row_number", wf_expr: "row_number()" });
  const bound = (n: number) => ({
    kind: "FrameBoundary",
    type: "OFFSET",
    offset: literalOf(n),
  });
  const e2 = analysisError(
    project(
      [
        ualias(
          over(fn("sum", ua("a")), [sortOrder(ua("a"))], {
            frameType: "ROWS",
            lower: bound(2),
            upper: bound(1),
          }),
        ),
      ],
      table("t"),
    ),
  );
  assert.equal(e2.errorClass, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON");
  assert.deepEqual(e2.messageParameters, {
    comparison: "less than or equal",
    sqlExpr: '"ROWS BETWEEN 2 FOLLOWING AND 1 FOLLOWING"',
  });
});
