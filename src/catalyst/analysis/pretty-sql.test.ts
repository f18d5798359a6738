/**
 * Generated column names, checked against pyspark 4:
 * `spark.sql("select a + 1, sum(salary), count(*), ... from t group by a, b, c").columns`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BinaryT,
  BooleanT,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  StringT,
  TimestampT,
} from "../../types/data-types.ts";
import type { Expression } from "../expressions/expression.ts";
import {
  arithmetic,
  cast,
  comparison,
  isNull,
  literal,
  literalOf,
  not,
  sortOrder,
} from "../expressions/factories.ts";
import { aggregate, project } from "../plans/factories.ts";
import { outputOf } from "../plans/output.ts";
import { prettySql } from "./pretty-sql.ts";
import { analyzeTest, fn, table, ua, ualias } from "./testing/fixtures.ts";

function names(items: Expression[], grouped = true): string[] {
  const plan = grouped
    ? aggregate([ua("a"), ua("b"), ua("c")], items.map(ualias), table("t"))
    : project(items.map(ualias), table("t"));
  return outputOf(analyzeTest(plan)).map((a) => a.name);
}

test("operators, functions and aggregates are named by their pretty SQL", () => {
  const countDistinct = Object.freeze({
    ...(fn("count", ua("a")) as Extract<Expression, { kind: "UnresolvedFunction" }>),
    isDistinct: true,
  });
  const items: Expression[] = [
    arithmetic("+", ua("a"), literalOf(1)),
    fn("sum", ua("salary")),
    fn("count", Object.freeze({ kind: "UnresolvedStar", target: null })),
    countDistinct,
    comparison("=", ua("a"), literalOf(1)),
    comparison("=", ua("b"), literalOf(1)),
    arithmetic("+", ua("a"), ua("c")),
    arithmetic("+", ua("a"), ua("b")),
    arithmetic("/", ua("a"), literalOf(2)),
    Object.freeze({ kind: "UnaryMinus", child: ua("a"), evalMode: "ANSI" }),
    not(comparison("=", ua("a"), literalOf(1))),
    isNull(ua("a")),
    Object.freeze({ kind: "In", value: ua("a"), list: [literalOf(1), literalOf(2)] }),
    Object.freeze({
      kind: "Like",
      left: ua("b"),
      right: literalOf("x%"),
      escapeChar: "\\",
      caseInsensitive: false,
    }),
    Object.freeze({
      kind: "CaseWhen",
      branches: [[comparison(">", ua("a"), literalOf(1)), literalOf("p")] as const],
      elseValue: literalOf("q"),
    }),
    Object.freeze({
      kind: "If",
      predicate: comparison(">", ua("a"), literalOf(1)),
      trueValue: literalOf(1),
      falseValue: literalOf(2),
    }),
    Object.freeze({ kind: "Coalesce", children: [ua("a"), ua("c")] }),
    fn("upper", ua("b")),
    fn("max", ua("c")),
  ];
  assert.deepEqual(names(items), [
    "(a + 1)",
    "sum(salary)",
    "count(1)",
    "count(DISTINCT a)",
    "(a = 1)",
    "(b = 1)",
    "(a + c)",
    "(a + b)",
    "(a / 2)",
    "(- a)",
    "(NOT (a = 1))",
    "(a IS NULL)",
    "(a IN (1, 2))",
    "b LIKE x%",
    "CASE WHEN (a > 1) THEN p ELSE q END",
    "(IF((a > 1), 1, 2))",
    "coalesce(a, c)",
    "upper(b)",
    "max(c)",
  ]);
});

test("literals print bare; casts of columns keep the column name", () => {
  const items: Expression[] = [
    literalOf("foo"),
    literal(1n, LongT),
    literal(15n, decimalType(2, 1)),
    literal(1.5, DoubleT),
    literal(true, BooleanT),
    literal(null, NullT),
    literal(18262, DateT),
    cast(ua("a"), IntegerT),
    cast(ua("a"), StringT),
    arithmetic("+", cast(literalOf("1"), IntegerT), literalOf(1)),
  ];
  assert.deepEqual(names(items, false), [
    "foo",
    "1",
    "1.5",
    "1.5",
    "true",
    "NULL",
    "DATE '2020-01-01'",
    "a",
    "a",
    "(CAST(1 AS INT) + 1)",
  ]);
});

test("window expressions are named with their full frame", () => {
  const spec = (partition: Expression[], order: Expression[]) =>
    Object.freeze({ kind: "WindowSpec", partitionSpec: partition, orderSpec: order, frame: null });
  const over = (f: Expression, partition: Expression[], order: Expression[]): Expression =>
    Object.freeze({ kind: "WindowExpression", fn: f, spec: spec(partition, order) }) as Expression;
  const items = [
    over(fn("row_number"), [ua("b")], [sortOrder(ua("c"))]),
    over(fn("sum", ua("a")), [ua("b")], []),
    over(fn("sum", ua("a")), [], [sortOrder(ua("c"))]),
  ];
  assert.deepEqual(names(items, false), [
    "row_number() OVER (PARTITION BY b ORDER BY c ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
    "sum(a) OVER (PARTITION BY b ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
    "sum(a) OVER (ORDER BY c ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
  ]);
});

test("DataFrame API forms (pyspark 4 column names)", () => {
  const items: Expression[] = [
    { kind: "RLike", left: ua("b"), right: literalOf("x") },
    { kind: "Like", left: ua("b"), right: literalOf("x"), escapeChar: "\\", caseInsensitive: true },
    comparison("<=>", ua("a"), literalOf(1)),
    { kind: "IsNotNull", child: ua("a") },
    arithmetic("%", ua("a"), literalOf(2)),
    arithmetic("pmod", ua("a"), literalOf(2)),
    literalOf("it's"),
    literal(-1.0e-5, DoubleT),
    literal(1e20, DoubleT),
    literal(150n, decimalType(3, 2)),
    literal(new Uint8Array([0x61, 0x62]), BinaryT),
    literal(1577840523000000n, TimestampT),
    arithmetic("*", ua("a"), literalOf(-1)),
  ];
  assert.deepEqual(names(items, false), [
    "RLIKE(b, x)",
    "ilike(b, x)",
    "(a <=> 1)",
    "(a IS NOT NULL)",
    "(a % 2)",
    "pmod(a, 2)",
    "it's",
    "-1.0E-5",
    "1.0E20",
    "1.50",
    "X'6162'",
    "TIMESTAMP '2020-01-01 01:02:03'",
    "(a * -1)",
  ]);
});

test("extractions are named by their SQL; column paths by their field", () => {
  const extract = (child: Expression, key: Expression): Expression => ({
    kind: "UnresolvedExtractValue",
    child,
    extraction: key,
  });
  const plan = project(
    [
      extract(ua("xs"), literalOf(0)),
      extract(ua("st"), literalOf("x")),
      extract(ua("m"), literalOf("k")),
      extract(extract(ua("st"), literalOf("y")), literalOf("z")),
    ]
      .map(ualias)
      .concat([ua("st", "y")]),
    table("s"),
  );
  assert.deepEqual(
    outputOf(analyzeTest(plan)).map((a) => a.name),
    ["xs[0]", "st.x", "m[k]", "st.y.z", "y"],
  );
});

test("float literals print as Java's Float.toString; positive() as (+ x) (golden files)", () => {
  assert.equal(prettySql(literal(Math.fround(0.1), FloatT)), "0.1");
  assert.equal(prettySql(literal(Math.fround(1.5e10), FloatT)), "1.5E10");
  const positive: Expression = {
    kind: "ScalarFunction",
    name: "positive",
    args: [literalOf(3)],
    dataType: IntegerT,
    nullable: false,
    deterministic: true,
    options: {},
  };
  assert.equal(prettySql(positive), "(+ 3)");
});

test("trims with a trim string print as TRIM(...) (pyspark 4: ltrim('x', 'xxaxx'))", () => {
  const call = (name: string): Expression => ({
    kind: "ScalarFunction",
    name,
    args: [literalOf("x"), literalOf("xxaxx")],
    dataType: StringT,
    nullable: true,
    deterministic: true,
    options: {},
  });
  assert.equal(prettySql(call("ltrim")), "TRIM(LEADING x FROM xxaxx)");
  assert.equal(prettySql(call("rtrim")), "TRIM(TRAILING x FROM xxaxx)");
  assert.equal(prettySql(call("trim")), "TRIM(BOTH x FROM xxaxx)");
  assert.equal(prettySql(call("btrim")), "btrim(x, xxaxx)");
});
