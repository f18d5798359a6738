/**
 * Spark's `toPrettySQL` (`usePrettyExpression(e).sql`): the text that names unaliased
 * select-list columns (`sum(salary)`, `(a + 1)`, `CAST(a AS INT)`) and that error messages
 * quote as `sqlExpr`. Attributes print their bare name, string and numeric literals print
 * their value, NULL prints `NULL`, and casts the analyzer inserted (`implicit`) print as
 * their child.
 */
import { assertNever, typeSql } from "../../types/data-types.ts";
import type {
  Expression,
  FrameBoundary,
  SortOrder,
  WindowSpec,
} from "../expressions/expression.ts";
import {
  dateString,
  decimalString,
  javaDoubleString,
  javaFloatString,
  timestampString,
} from "../plans/tree-string.ts";
import { transformUp } from "../trees/expression-tree.ts";

const RANK_LIKE = new Set(["rank", "dense_rank", "percent_rank"]);

const LIKE_MULTI = new Set(["likeany", "likeall", "notlikeany", "notlikeall"]);

const TRIM_SIDES: Readonly<Record<string, string>> = {
  trim: "BOTH",
  ltrim: "LEADING",
  rtrim: "TRAILING",
};

function args(es: readonly Expression[]): string {
  return es.map(prettySql).join(", ");
}

function literalSql(value: unknown, e: Extract<Expression, { kind: "Literal" }>): string {
  const t = e.dataType;
  if (value === null || value === undefined) return "NULL";
  switch (t.kind) {
    case "string":
    case "byte":
    case "short":
    case "integer":
    case "long":
      return String(value);
    case "float":
      return javaFloatString(value as number);
    case "double":
      return javaDoubleString(value as number);
    case "decimal":
      return decimalString(value as bigint, t.scale);
    case "boolean":
      return value ? "true" : "false";
    case "date":
      return `DATE '${dateString(value as number)}'`;
    case "timestamp":
      return `TIMESTAMP '${timestampString(value as bigint)}'`;
    case "timestamp_ntz":
      return `TIMESTAMP_NTZ '${timestampString(value as bigint)}'`;
    case "binary":
      return `X'${[...(value as Uint8Array)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
    default:
      return String(value);
  }
}

function boundary(b: FrameBoundary): string {
  switch (b.type) {
    case "UNBOUNDED PRECEDING":
    case "UNBOUNDED FOLLOWING":
    case "CURRENT ROW":
      return b.type;
    case "OFFSET": {
      // Spark's boundarySql: `-(n)` is `n PRECEDING`, any other value `v FOLLOWING`.
      const off = b.offset;
      if (!off) return "CURRENT ROW";
      if (off.kind === "UnaryMinus") return `${prettySql(off.child)} PRECEDING`;
      return `${prettySql(off)} FOLLOWING`;
    }
    default:
      return assertNever(b.type, "frame boundary");
  }
}

function sortOrderSql(s: SortOrder): string {
  return `${prettySql(s.child)} ${s.direction} ${s.nullOrdering}`;
}

/** Spark's `SpecifiedWindowFrame.sql`: `ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`. */
export function frameSql(frame: NonNullable<WindowSpec["frame"]>): string {
  return `${frame.frameType} BETWEEN ${boundary(frame.lower)} AND ${boundary(frame.upper)}`;
}

/** Spark's `WindowSpecDefinition.sql`. */
export function windowSpecSql(s: WindowSpec): string {
  const parts: string[] = [];
  if (s.partitionSpec.length) parts.push(`PARTITION BY ${args(s.partitionSpec)}`);
  if (s.orderSpec.length) parts.push(`ORDER BY ${s.orderSpec.map(sortOrderSql).join(", ")}`);
  if (s.frame) {
    parts.push(
      `${s.frame.frameType} BETWEEN ${boundary(s.frame.lower)} AND ${boundary(s.frame.upper)}`,
    );
  }
  return `(${parts.join(" ")})`;
}

/** The pretty SQL of an expression, as Spark names columns and quotes `sqlExpr`. */
/** The constant parameters an aggregate prints after its arguments (`, 0.5, 10000`). */
function aggParams(fn: Extract<Expression, { kind: "AggregateFunction" }>): string {
  const p = fn.options.sqlParams;
  return typeof p === "string" && p !== "" ? `, ${p}` : "";
}

export function prettySql(e: Expression): string {
  switch (e.kind) {
    case "Literal":
      return literalSql(e.value, e);
    case "AttributeReference":
      return e.name;
    case "NamedLambdaVariable":
      return "namedlambdavariable()";
    case "BoundReference":
      return `input[${e.ordinal}]`;
    case "OuterReference":
      return e.child.name;
    case "UnresolvedAttribute":
    case "UnresolvedNamedLambdaVariable":
      return e.nameParts.join(".");
    case "UnresolvedStar":
      return e.target ? `${e.target.join(".")}.*` : "*";
    case "UnresolvedFunction": {
      const d = e.isDistinct ? "DISTINCT " : "";
      const base = `${e.nameParts.join(".")}(${d}${args(e.args)})`;
      return e.filter ? `${base} FILTER (WHERE ${prettySql(e.filter)})` : base;
    }
    case "UnresolvedAlias":
      return prettySql(e.child);
    case "UnresolvedExtractValue":
      return `${prettySql(e.child)}[${prettySql(e.extraction)}]`;
    case "Parameter":
      return e.name !== null ? `:${e.name}` : "?";
    case "Alias":
      return `${prettySql(e.child)} AS ${e.name}`;
    case "BinaryArithmetic":
      if (e.op === "pmod") return `pmod(${prettySql(e.left)}, ${prettySql(e.right)})`;
      return `(${prettySql(e.left)} ${e.op} ${prettySql(e.right)})`;
    case "UnaryMinus":
      return `(- ${prettySql(e.child)})`;
    case "BinaryComparison":
      return `(${prettySql(e.left)} ${e.op} ${prettySql(e.right)})`;
    case "And":
      return `(${prettySql(e.left)} AND ${prettySql(e.right)})`;
    case "Or":
      return `(${prettySql(e.left)} OR ${prettySql(e.right)})`;
    case "Not":
      return `(NOT ${prettySql(e.child)})`;
    case "IsNull":
      return `(${prettySql(e.child)} IS NULL)`;
    case "IsNotNull":
      return `(${prettySql(e.child)} IS NOT NULL)`;
    case "In":
      return `(${prettySql(e.value)} IN (${args(e.list)}))`;
    case "InSet":
      return `(${prettySql(e.child)} IN (${e.values.map(String).join(", ")}))`;
    case "Like": {
      if (e.caseInsensitive) return `ilike(${prettySql(e.left)}, ${prettySql(e.right)})`;
      const esc = e.escapeChar === "\\" ? "" : ` ESCAPE '${e.escapeChar}'`;
      return `${prettySql(e.left)} LIKE ${prettySql(e.right)}${esc}`;
    }
    case "RLike":
      return `${(e.funcName ?? "rlike").toUpperCase()}(${prettySql(e.left)}, ${prettySql(e.right)})`;
    case "CaseWhen": {
      const ws = e.branches.map(([w, t]) => ` WHEN ${prettySql(w)} THEN ${prettySql(t)}`);
      const el = e.elseValue ? ` ELSE ${prettySql(e.elseValue)}` : "";
      return `CASE${ws.join("")}${el} END`;
    }
    case "If":
      return `(IF(${prettySql(e.predicate)}, ${prettySql(e.trueValue)}, ${prettySql(e.falseValue)}))`;
    case "Coalesce":
      return `coalesce(${args(e.children)})`;
    case "Cast":
      if (e.implicit) return prettySql(e.child);
      // Spark prints a cast to a nested type as its input alone (`map()`, `array(1)`)
      if (e.dataType.kind === "array" || e.dataType.kind === "map" || e.dataType.kind === "struct")
        return prettySql(e.child);
      return `${e.evalMode === "TRY" ? "TRY_CAST" : "CAST"}(${prettySql(e.child)} AS ${typeSql(e.dataType)})`;
    case "SortOrder":
      return sortOrderSql(e);
    case "GetStructField":
      return `${prettySql(e.child)}.${e.name}`;
    case "GetArrayItem":
      return `${prettySql(e.child)}[${prettySql(e.ordinal)}]`;
    case "GetMapValue":
      return `${prettySql(e.child)}[${prettySql(e.key)}]`;
    case "ScalarFunction":
      // `positive(x)` / `+x` is Spark's UnaryPositive, printed `(+ x)`.
      if (e.name === "positive" && e.args.length === 1) return `(+ ${args(e.args)})`;
      // Spark's StringTrim* with a trim string print as the TRIM syntax; the two-argument
      // call form is (trimStr, str), as Spark's `ltrim('xxaxx', 'x')` is
      // `TRIM(LEADING xxaxx FROM x)`.
      if (e.args.length === 2 && TRIM_SIDES[e.name] !== undefined) {
        const [chars, str] = e.args as [Expression, Expression];
        return `TRIM(${TRIM_SIDES[e.name]} ${prettySql(chars)} FROM ${prettySql(str)})`;
      }
      // Spark's LikeAny/LikeAll family keeps its patterns as data: `likeany(abc)`.
      if (LIKE_MULTI.has(e.name) && e.args[0] !== undefined)
        return `${e.name}(${prettySql(e.args[0])})`;
      return `${e.name}(${args(e.args)})`;
    case "WindowFunction":
      // Spark's RankLike functions print upper-case, their ordering hidden: `RANK()`.
      if (RANK_LIKE.has(e.name.toLowerCase())) return `${e.name.toUpperCase()}()`;
      return `${e.name}(${args(e.args)})`;
    case "AggregateFunction":
      return `${e.name}(${args(e.args)}${aggParams(e)})`;
    case "Generator":
      return `${e.name}(${args(e.args)})`;
    case "LambdaFunction":
      return `lambdafunction(${prettySql(e.body)}, ${args(e.params)})`;
    case "AggregateExpression": {
      const d = e.isDistinct ? "DISTINCT " : "";
      const base = `${e.fn.name}(${d}${args(e.fn.args)}${aggParams(e.fn)})`;
      return e.filter ? `${base} FILTER (WHERE ${prettySql(e.filter)})` : base;
    }
    case "WindowExpression":
      return `${prettySql(e.fn)} OVER ${windowSpecSql(e.spec)}`;
    case "WindowSpec":
      return windowSpecSql(e);
    case "FrameBoundary":
      return boundary(e);
    case "ScalarSubquery":
      return `scalarsubquery(${args(e.outerAttrs)})`;
    case "Exists":
      return `exists(${args(e.outerAttrs)})`;
    case "ListQuery":
      return `listquery(${args(e.outerAttrs)})`;
    case "InSubquery":
      return `(${args(e.values)} IN (${prettySql(e.query)}))`;
    default:
      return assertNever(e, "expression");
  }
}

/** Spark's `Expression.sql`-like text with attributes qualified (`sum(t.a)`), as some errors print. */
export function qualifiedSql(e: Expression): string {
  if (e.kind === "Alias") return `${qualifiedSql(e.child)} AS ${toSqlId([e.name])}`;
  return prettySql(
    transformUp(e, (x) =>
      x.kind === "AttributeReference" && x.qualifier.length > 0
        ? Object.freeze({ ...x, name: [...x.qualifier, x.name].join(".") })
        : undefined,
    ),
  );
}

/** Spark's `toSQLExpr`: the pretty SQL in double quotes, for error message parameters. */
export function toSqlExpr(e: Expression): string {
  return `"${prettySql(e)}"`;
}

/** Spark's `toSQLId`: each name part back-quoted, joined with dots. */
export function toSqlId(parts: readonly string[]): string {
  return parts.map((p) => `\`${p.replaceAll("`", "``")}\``).join(".");
}

/** Spark's `toSQLType`: `"INT"`, `"ARRAY<STRING>"`. */
export function toSqlType(t: Parameters<typeof typeSql>[0]): string {
  return `"${typeSql(t)}"`;
}
