/**
 * The Spark SQL parser's public entry points: SQL text to unresolved logical plans,
 * expressions, data types, table schemas and statements. Errors are `FlintError`s with
 * Spark's classes (`PARSE_SYNTAX_ERROR`, ...) pointing at the offending text.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import type { DataType, StructType } from "../types/data-types.ts";
import { structType } from "../types/data-types.ts";
import { columnListAt, parseDataTypeAt } from "./data-types.ts";
import { parseNamedExpression, parseQueryAt } from "./queries.ts";
import type { Statement } from "./statement-types.ts";
import { parseStatementAt } from "./statements.ts";
import { type ParseOptions, TokenStream } from "./token-stream.ts";

export { bindParameters, type ParameterValues } from "./parameters.ts";
export type { ScriptStatement } from "./scripting.ts";
export { splitStatements } from "./split.ts";
export type {
  ExplainMode,
  MergeClause,
  Statement,
  StatementKind,
} from "./statement-types.ts";
export type { ParseOptions } from "./token-stream.ts";

function checkNotEmpty(ts: TokenStream): void {
  while (ts.acceptOp(";")) {
    /* leading semicolons */
  }
  if (ts.atEnd()) throw new FlintError("PARSE_EMPTY_STATEMENT");
}

/** A query (`SELECT ...`, `WITH ...`, `VALUES ...`, `TABLE t`, `FROM t SELECT ...`). */
export function parseQuery(sql: string, options?: ParseOptions): LogicalPlan {
  const ts = new TokenStream(sql, options);
  checkNotEmpty(ts);
  const plan = parseQueryAt(ts);
  ts.expectEnd();
  return plan;
}

/** One expression, as `F.expr` and `selectExpr` take it (an alias is allowed). */
export function parseExpression(sql: string, options?: ParseOptions): Expression {
  const ts = new TokenStream(sql, options);
  checkNotEmpty(ts);
  const e = parseNamedExpression(ts);
  if (!ts.atEnd()) throw ts.error();
  return e;
}

/** A data type: `int`, `decimal(10,2)`, `array<map<string,int>>`, `struct<a:int>`. */
export function parseDataType(sql: string): DataType {
  const ts = new TokenStream(sql);
  checkNotEmpty(ts);
  const t = parseDataTypeAt(ts);
  if (!ts.atEnd()) throw ts.error();
  return t;
}

/**
 * A table schema: `a int, b string NOT NULL COMMENT 'x'` (also accepted: a
 * `struct<...>` type string, as Spark's `StructType.fromDDL`).
 */
export function parseTableSchema(ddl: string): StructType {
  const ts = new TokenStream(ddl);
  if (ts.atEnd()) return structType([]);
  if (ts.isKw("STRUCT") && ts.isOp("<", 1)) {
    const t = parseDataTypeAt(ts);
    if (!ts.atEnd() || t.kind !== "struct") throw ts.error();
    return t;
  }
  const fields = columnListAt(ts);
  if (!ts.atEnd()) throw ts.error();
  return structType(fields);
}

/** One statement: a query or a command. */
export function parseStatement(sql: string, options?: ParseOptions): Statement {
  const ts = new TokenStream(sql, options);
  checkNotEmpty(ts);
  const s = parseStatementAt(ts);
  ts.expectEnd();
  return s;
}
