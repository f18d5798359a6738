/**
 * Syntax errors: class, parameters and position as pyspark 4 reports them for the same
 * text (`spark.sql(text)`: error class, `getMessageParameters()`, and the `pos` of
 * "(line 1, pos N)", which is our context's startIndex).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type FlintError, isFlintError } from "../errors/index.ts";
import { parseQuery, parseStatement } from "./index.ts";

function error(sql: string, parse: (s: string) => unknown = parseQuery): FlintError {
  try {
    parse(sql);
  } catch (e) {
    if (isFlintError(e)) return e;
    throw e;
  }
  throw new Error(`expected ${sql} to fail`);
}

const cases: readonly (readonly [string, string, Readonly<Record<string, string>>, number])[] = [
  ["select (1", "PARSE_SYNTAX_ERROR", { error: "end of input", hint: "" }, 9],
  ["selec 1", "PARSE_SYNTAX_ERROR", { error: "'selec'", hint: "" }, 0],
  ["select a b c from t", "PARSE_SYNTAX_ERROR", { error: "'c'", hint: "" }, 11],
  ["select 1 +", "PARSE_SYNTAX_ERROR", { error: "end of input", hint: "" }, 10],
  ["select * from t join", "PARSE_SYNTAX_ERROR", { error: "end of input", hint: "" }, 20],
  ["select 'abc", "PARSE_SYNTAX_ERROR", { error: "'''", hint: "" }, 7],
  ["select `a", "PARSE_SYNTAX_ERROR", { error: "'`'", hint: "" }, 7],
  ["select 1 + (2 * 3", "PARSE_SYNTAX_ERROR", { error: "end of input", hint: "" }, 17],
  [
    "select 1 from t t2 t3",
    "PARSE_SYNTAX_ERROR",
    { error: "'t3'", hint: ": extra input 't3'" },
    19,
  ],
  ["with x as select 1 select 1", "PARSE_SYNTAX_ERROR", { error: "'select'", hint: "" }, 10],
  [
    "select 1; select 2",
    "PARSE_SYNTAX_ERROR",
    { error: "'select'", hint: ": extra input 'select'" },
    10,
  ],
  ["select date 'x'", "INVALID_TYPED_LITERAL", { valueType: '"DATE"', value: "'x'" }, 7],
  [
    "select 128Y",
    "INVALID_NUMERIC_LITERAL_RANGE",
    { rawStrippedQualifier: "128", minValue: "-128", maxValue: "127", typeName: "tinyint" },
    7,
  ],
  ["select cast(1 as foo)", "UNSUPPORTED_DATATYPE", { typeName: '"FOO"' }, 17],
];

test("syntax errors match Spark's class, parameters and position", () => {
  for (const [sql, errorClass, params, pos] of cases) {
    const e = error(sql);
    assert.equal(e.errorClass, errorClass, sql);
    assert.deepEqual(e.messageParameters, params, sql);
    assert.equal(e.queryContext[0]?.startIndex, pos, sql);
  }
});

test("SQLSTATEs and the rendered message", () => {
  const e = error("select a b c from t");
  assert.equal(e.sqlState, "42601");
  assert.equal(e.name, "ParseException");
  assert.match(e.message, /^\[PARSE_SYNTAX_ERROR\] Syntax error at or near 'c'\. SQLSTATE: 42601/);
  assert.match(e.message, /== SQL \(line 1, position 12\) ==\nselect a b c from t\n {11}\^/);
});

test("errors on later lines report their line", () => {
  const e = error("SELECT a\nFROM t\nWHERE )");
  assert.equal(e.messageParameters.error, "')'");
  assert.match(e.message, /line 3, position 7/);
});

test("unclosed comments and empty statements", () => {
  assert.equal(error("/* unclosed").errorClass, "UNCLOSED_BRACKETED_COMMENT");
  assert.equal(error("   ", parseStatement).errorClass, "PARSE_EMPTY_STATEMENT");
});

test("decimal precision above 38", () => {
  const e = error("select cast(1 as decimal(40, 2))");
  assert.equal(e.errorClass, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
  assert.deepEqual(e.messageParameters, { precision: "40", maxPrecision: "38" });
});

test("dashes in object names are INVALID_IDENTIFIER", () => {
  for (const [sql, ident] of [
    ["select * from my-table", "my-table"],
    ["create table my-table (a int) using parquet", "my-table"],
    ["use my-db", "my-db"],
  ] as const) {
    const e = error(sql, parseStatement);
    assert.equal(e.errorClass, "INVALID_IDENTIFIER", sql);
    assert.deepEqual(e.messageParameters, { ident }, sql);
  }
  // in expressions a dash is a minus
  assert.equal(parseQuery("select a-b from t").kind, "Project");
});

test("a string unit in dateadd / datediff is rejected, as Spark's parser does", () => {
  const e = error("select dateadd('MICROSECOND', 1001, ts) from t");
  assert.equal(e.errorClass, "INVALID_PARAMETER_VALUE.DATETIME_UNIT");
  assert.deepEqual(e.messageParameters, {
    functionName: "`dateadd`",
    invalidValue: "'MICROSECOND'",
    parameter: "`unit`",
  });
  // the two-argument form takes a date string
  assert.equal(parseQuery("select date_add('2020-01-01', 1)").kind, "Project");
});

test("literal ranges and declarations Spark's parser rejects", () => {
  const d = error("select 1E309");
  assert.equal(d.errorClass, "INVALID_NUMERIC_LITERAL_RANGE");
  assert.deepEqual(d.messageParameters, {
    rawStrippedQualifier: "1E309",
    minValue: "-1.7976931348623157E+308",
    maxValue: "1.7976931348623157E+308",
    typeName: "double",
  });
  assert.equal(
    error("select -3.4028235E39f").messageParameters.rawStrippedQualifier,
    "-3.4028235E39",
  );
  assert.equal(
    error("DECLARE var1", parseStatement).errorClass,
    "INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED",
  );
  assert.equal(error("DROP VARIABLE var1", parseStatement).errorClass, "PARSE_SYNTAX_ERROR");
  // a string after an expression is not an alias
  assert.equal(error("SELECT 1 'a'").errorClass, "PARSE_SYNTAX_ERROR");
});

test("double-quoted identifiers when enabled", () => {
  const p = parseQuery('SELECT "a""b" FROM "t"', { doubleQuotedIdentifiers: true });
  assert.ok(p.kind === "Project" && p.projectList[0]?.kind === "UnresolvedAttribute");
  if (p.kind === "Project" && p.projectList[0]?.kind === "UnresolvedAttribute") {
    assert.deepEqual(p.projectList[0].nameParts, ['a"b']);
  }
  const lit = parseQuery('SELECT "a"');
  assert.ok(lit.kind === "Project" && lit.projectList[0]?.kind === "UnresolvedAlias");
});
