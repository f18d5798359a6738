/**
 * A column expression of the DataFrame API. Immutable: every method returns a new
 * Column over a new (unresolved) expression tree.
 */
import type {
  ArithmeticOp,
  ComparisonOp,
  Expression,
  SortOrder,
} from "../catalyst/expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  cast,
  comparison,
  isNotNull,
  isNull,
  literal,
  literalOf,
  not,
  or,
  parseAttributeName,
  sortOrder,
  unresolvedFunction,
} from "../catalyst/expressions/factories.ts";
import { parseDataType } from "../sql/index.ts";
import { type DataType, TimestampT } from "../types/data-types.ts";
import type { WindowSpecBuilder } from "./window.ts";

/** Anything usable where a Column is expected as an operand: a Column or a JS value. */
export type ColumnOrValue = Column | string | number | bigint | boolean | null | Date;

export class Column {
  /** The unresolved expression; internal to Flint. */
  readonly expr: Expression;

  constructor(expr: Expression) {
    this.expr = expr;
  }

  // --- arithmetic
  plus(other: ColumnOrValue): Column {
    return this.#arith("+", other);
  }
  minus(other: ColumnOrValue): Column {
    return this.#arith("-", other);
  }
  multiply(other: ColumnOrValue): Column {
    return this.#arith("*", other);
  }
  divide(other: ColumnOrValue): Column {
    return this.#arith("/", other);
  }
  mod(other: ColumnOrValue): Column {
    return this.#arith("%", other);
  }
  negate(): Column {
    return new Column(Object.freeze({ kind: "UnaryMinus", child: this.expr, evalMode: "ANSI" }));
  }

  // --- comparison
  equalTo(other: ColumnOrValue): Column {
    return this.#cmp("=", other);
  }
  eq(other: ColumnOrValue): Column {
    return this.#cmp("=", other);
  }
  notEqual(other: ColumnOrValue): Column {
    return new Column(not(comparison("=", this.expr, valueExpr(other))));
  }
  ne(other: ColumnOrValue): Column {
    return this.notEqual(other);
  }
  eqNullSafe(other: ColumnOrValue): Column {
    return this.#cmp("<=>", other);
  }
  gt(other: ColumnOrValue): Column {
    return this.#cmp(">", other);
  }
  geq(other: ColumnOrValue): Column {
    return this.#cmp(">=", other);
  }
  lt(other: ColumnOrValue): Column {
    return this.#cmp("<", other);
  }
  leq(other: ColumnOrValue): Column {
    return this.#cmp("<=", other);
  }
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }

  // --- boolean
  and(other: ColumnOrValue): Column {
    return new Column(and(this.expr, valueExpr(other)));
  }
  or(other: ColumnOrValue): Column {
    return new Column(or(this.expr, valueExpr(other)));
  }
  not(): Column {
    return new Column(not(this.expr));
  }

  // --- predicates
  isNull(): Column {
    return new Column(isNull(this.expr));
  }
  isNotNull(): Column {
    return new Column(isNotNull(this.expr));
  }
  isNaN(): Column {
    return new Column(unresolvedFunction("isnan", [this.expr]));
  }
  isin(...values: (ColumnOrValue | readonly ColumnOrValue[])[]): Column {
    const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v])) as ColumnOrValue[];
    return new Column(
      Object.freeze({ kind: "In", value: this.expr, list: Object.freeze(flat.map(valueExpr)) }),
    );
  }
  like(pattern: string): Column {
    return new Column(
      Object.freeze({
        kind: "Like",
        left: this.expr,
        right: literalOf(pattern),
        escapeChar: "\\",
        caseInsensitive: false,
      }),
    );
  }
  ilike(pattern: string): Column {
    return new Column(
      Object.freeze({
        kind: "Like",
        left: this.expr,
        right: literalOf(pattern),
        escapeChar: "\\",
        caseInsensitive: true,
      }),
    );
  }
  rlike(pattern: string): Column {
    return new Column(Object.freeze({ kind: "RLike", left: this.expr, right: literalOf(pattern) }));
  }
  contains(other: ColumnOrValue): Column {
    return this.#fn("contains", other);
  }
  startswith(other: ColumnOrValue): Column {
    return this.#fn("startswith", other);
  }
  endswith(other: ColumnOrValue): Column {
    return this.#fn("endswith", other);
  }

  // --- naming, types, nesting
  alias(name: string): Column {
    return new Column(alias(stripAlias(this.expr), name));
  }
  as(name: string): Column {
    return this.alias(name);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  cast(to: DataType | string): Column {
    const t = typeof to === "string" ? parseDataType(to) : to;
    return new Column(cast(this.expr, t, "ANSI"));
  }
  astype(to: DataType | string): Column {
    return this.cast(to);
  }
  try_cast(to: DataType | string): Column {
    const t = typeof to === "string" ? parseDataType(to) : to;
    return new Column(cast(this.expr, t, "TRY"));
  }
  getField(name: string): Column {
    return new Column(
      Object.freeze({
        kind: "UnresolvedExtractValue",
        child: this.expr,
        extraction: literalOf(name),
      }),
    );
  }
  getItem(key: ColumnOrValue): Column {
    return new Column(
      Object.freeze({
        kind: "UnresolvedExtractValue",
        child: this.expr,
        extraction: valueExpr(key),
      }),
    );
  }
  substr(start: ColumnOrValue, length: ColumnOrValue): Column {
    return new Column(
      unresolvedFunction("substring", [this.expr, valueExpr(start), valueExpr(length)]),
    );
  }

  // --- CASE WHEN chains started by functions.when
  when(condition: Column, value: ColumnOrValue): Column {
    if (this.expr.kind !== "CaseWhen" || this.expr.elseValue !== null) {
      throw new TypeError("when() can only be applied on a Column created by functions.when()");
    }
    return new Column(
      Object.freeze({
        ...this.expr,
        branches: Object.freeze([
          ...this.expr.branches,
          Object.freeze([condition.expr, valueExpr(value)] as const),
        ]),
      }),
    );
  }
  otherwise(value: ColumnOrValue): Column {
    if (this.expr.kind !== "CaseWhen" || this.expr.elseValue !== null) {
      throw new TypeError("otherwise() can only be applied once on a Column created by when()");
    }
    return new Column(Object.freeze({ ...this.expr, elseValue: valueExpr(value) }));
  }

  // --- ordering
  asc(): Column {
    return new Column(sortOrder(this.expr, "ASC", "NULLS FIRST"));
  }
  asc_nulls_first(): Column {
    return this.asc();
  }
  asc_nulls_last(): Column {
    return new Column(sortOrder(this.expr, "ASC", "NULLS LAST"));
  }
  desc(): Column {
    return new Column(sortOrder(this.expr, "DESC", "NULLS LAST"));
  }
  desc_nulls_first(): Column {
    return new Column(sortOrder(this.expr, "DESC", "NULLS FIRST"));
  }
  desc_nulls_last(): Column {
    return this.desc();
  }

  // --- windows
  over(window: WindowSpecBuilder): Column {
    return new Column(
      Object.freeze({ kind: "WindowExpression", fn: this.expr, spec: window.spec }),
    );
  }

  toString(): string {
    return `Column<'${describeExpr(this.expr)}'>`;
  }

  #arith(op: ArithmeticOp, other: ColumnOrValue): Column {
    return new Column(arithmetic(op, this.expr, valueExpr(other)));
  }
  #cmp(op: ComparisonOp, other: ColumnOrValue): Column {
    return new Column(comparison(op, this.expr, valueExpr(other)));
  }
  #fn(name: string, other: ColumnOrValue): Column {
    return new Column(unresolvedFunction(name, [this.expr, valueExpr(other)]));
  }
}

/** An operand: a Column's expression, or a literal for a plain value. */
export function valueExpr(v: ColumnOrValue): Expression {
  if (v instanceof Column) return v.expr;
  if (v instanceof Date) return literal(BigInt(v.getTime()) * 1000n, TimestampT);
  return literalOf(v);
}

/** A column argument of a function: a Column, or a column name. */
export function colExpr(c: Column | string): Expression {
  if (c instanceof Column) return c.expr;
  if (c === "*") return Object.freeze({ kind: "UnresolvedStar", target: null });
  if (c.endsWith(".*")) {
    return Object.freeze({ kind: "UnresolvedStar", target: parseAttributeName(c.slice(0, -2)) });
  }
  return Object.freeze({ kind: "UnresolvedAttribute", nameParts: parseAttributeName(c) });
}

export function toSortOrder(c: Column | string): SortOrder {
  const e = colExpr(c);
  return e.kind === "SortOrder" ? e : sortOrder(e);
}

function stripAlias(e: Expression): Expression {
  return e.kind === "Alias" ? e.child : e;
}

function describeExpr(e: Expression): string {
  switch (e.kind) {
    case "UnresolvedAttribute":
      return e.nameParts.join(".");
    case "Literal":
      return String(e.value);
    case "Alias":
      return `${describeExpr(e.child)} AS ${e.name}`;
    default:
      return e.kind;
  }
}
