/** Frozen factories for expression nodes; the only way nodes are created. */
import {
  BooleanT,
  type DataType,
  DoubleT,
  IntegerT,
  LongT,
  NullT,
  StringT,
} from "../../types/data-types.ts";
import type {
  AggregateFunction,
  Alias,
  And,
  ArithmeticOp,
  AttributeReference,
  BinaryArithmetic,
  BinaryComparison,
  BoundReference,
  CaseWhen,
  Cast,
  Coalesce,
  ComparisonOp,
  EvalMode,
  Expression,
  ExprId,
  GetArrayItem,
  GetMapValue,
  GetStructField,
  If,
  In,
  InSet,
  IsNotNull,
  IsNull,
  LambdaFunction,
  Like,
  Literal,
  NamedLambdaVariable,
  Not,
  NullOrdering,
  Or,
  RLike,
  ScalarFunction,
  SortDirection,
  SortOrder,
  UnaryMinus,
  UnresolvedAttribute,
  UnresolvedFunction,
  WindowFunction,
} from "./expression.ts";

let nextExprId = 0;

/** A fresh id for a new attribute or alias (process-wide, as Spark's NamedExpression). */
export function newExprId(): ExprId {
  return nextExprId++;
}

function freeze<T extends object>(o: T): T {
  return Object.freeze(o);
}

export function literal(value: unknown, dataType: DataType): Literal {
  return freeze({ kind: "Literal", value, dataType });
}

/** A literal typed from a JavaScript value, as Spark's `lit` does for Python values. */
export function literalOf(value: unknown): Literal {
  if (value === null || value === undefined) return literal(null, NullT);
  if (typeof value === "boolean") return literal(value, BooleanT);
  if (typeof value === "string") return literal(value, StringT);
  if (typeof value === "bigint") return literal(value, LongT);
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) {
      return literal(value, IntegerT);
    }
    if (Number.isSafeInteger(value)) return literal(BigInt(value), LongT);
    return literal(value, DoubleT);
  }
  throw new TypeError(`Unsupported literal value: ${String(value)}`);
}

export const TRUE: Literal = literal(true, BooleanT);
export const FALSE: Literal = literal(false, BooleanT);
export const NULL: Literal = literal(null, NullT);

export function attribute(
  name: string,
  dataType: DataType,
  nullable = true,
  exprId: ExprId = newExprId(),
  qualifier: readonly string[] = [],
): AttributeReference {
  return freeze({
    kind: "AttributeReference",
    name,
    dataType,
    nullable,
    exprId,
    qualifier: freeze([...qualifier]),
    metadata: {},
  });
}

export function withQualifier(
  a: AttributeReference,
  qualifier: readonly string[],
): AttributeReference {
  return freeze({ ...a, qualifier: freeze([...qualifier]) });
}

export function withNullability(a: AttributeReference, nullable: boolean): AttributeReference {
  return a.nullable === nullable ? a : freeze({ ...a, nullable });
}

export function withName(a: AttributeReference, name: string): AttributeReference {
  return a.name === name ? a : freeze({ ...a, name });
}

export function alias(
  child: Expression,
  name: string,
  exprId: ExprId = newExprId(),
  qualifier: readonly string[] = [],
): Alias {
  return freeze({ kind: "Alias", child, name, exprId, qualifier, metadata: {} });
}

/** The attribute that refers to an alias's output. */
export function aliasToAttribute(
  a: Alias,
  dataType: DataType,
  nullable: boolean,
): AttributeReference {
  return attribute(a.name, dataType, nullable, a.exprId, a.qualifier);
}

export function unresolvedAttribute(...nameParts: string[]): UnresolvedAttribute {
  return freeze({ kind: "UnresolvedAttribute", nameParts: freeze(nameParts) });
}

/** Parses `a.b.c` and back-quoted parts (`` `a.b`.c ``) into name parts. */
export function unresolvedAttributeQuoted(name: string): UnresolvedAttribute {
  return unresolvedAttribute(...parseAttributeName(name));
}

export function parseAttributeName(name: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let inQuote = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (inQuote) {
      if (ch === "`") {
        if (name[i + 1] === "`") {
          cur += "`";
          i++;
        } else inQuote = false;
      } else cur += ch;
    } else if (ch === "`") inQuote = true;
    else if (ch === ".") {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function unresolvedFunction(
  name: string,
  args: readonly Expression[],
  isDistinct = false,
): UnresolvedFunction {
  return freeze({
    kind: "UnresolvedFunction",
    nameParts: freeze([name]),
    args: freeze([...args]),
    isDistinct,
    filter: null,
    ignoreNulls: false,
  });
}

export function arithmetic(
  op: ArithmeticOp,
  left: Expression,
  right: Expression,
  evalMode: EvalMode = "ANSI",
): BinaryArithmetic {
  return freeze({ kind: "BinaryArithmetic", op, left, right, evalMode });
}

export function comparison(
  op: ComparisonOp,
  left: Expression,
  right: Expression,
): BinaryComparison {
  return freeze({ kind: "BinaryComparison", op, left, right });
}

export function and(left: Expression, right: Expression): And {
  return freeze({ kind: "And", left, right });
}

export function or(left: Expression, right: Expression): Or {
  return freeze({ kind: "Or", left, right });
}

export function not(child: Expression): Not {
  return freeze({ kind: "Not", child });
}

export function isNull(child: Expression): IsNull {
  return freeze({ kind: "IsNull", child });
}

export function isNotNull(child: Expression): IsNotNull {
  return freeze({ kind: "IsNotNull", child });
}

export function cast(
  child: Expression,
  dataType: DataType,
  evalMode: EvalMode = "ANSI",
  timeZoneId: string | null = null,
): Cast {
  return freeze({ kind: "Cast", child, dataType, evalMode, timeZoneId });
}

export function sortOrder(
  child: Expression,
  direction: SortDirection = "ASC",
  nullOrdering: NullOrdering = direction === "ASC" ? "NULLS FIRST" : "NULLS LAST",
): SortOrder {
  return freeze({ kind: "SortOrder", child, direction, nullOrdering });
}

/** Splits a conjunction into its conjuncts. */
export function splitConjuncts(e: Expression): Expression[] {
  return e.kind === "And" ? [...splitConjuncts(e.left), ...splitConjuncts(e.right)] : [e];
}

export function splitDisjuncts(e: Expression): Expression[] {
  return e.kind === "Or" ? [...splitDisjuncts(e.left), ...splitDisjuncts(e.right)] : [e];
}

/** Joins conjuncts with AND; undefined for none. */
export function conjoin(es: readonly Expression[]): Expression | undefined {
  if (es.length === 0) return undefined;
  return es.reduce((acc, e) => and(acc, e));
}

// ---------------------------------------------------------------------------------------
// Operators and calls used by the analyzer, the function library and tests

export function boundReference(
  ordinal: number,
  dataType: DataType,
  nullable = true,
): BoundReference {
  return freeze({ kind: "BoundReference", ordinal, dataType, nullable });
}

export function unaryMinus(child: Expression, evalMode: EvalMode = "ANSI"): UnaryMinus {
  return freeze({ kind: "UnaryMinus", child, evalMode });
}

export function inList(value: Expression, list: readonly Expression[]): In {
  return freeze({ kind: "In", value, list: freeze([...list]) });
}

export function inSet(child: Expression, values: readonly unknown[]): InSet {
  const hasNull = values.some((v) => v === null);
  return freeze({ kind: "InSet", child, values: freeze([...values]), hasNull });
}

export function like(
  left: Expression,
  right: Expression,
  escapeChar = "\\",
  caseInsensitive = false,
): Like {
  return freeze({ kind: "Like", left, right, escapeChar, caseInsensitive });
}

export function rlike(left: Expression, right: Expression, funcName?: string): RLike {
  return funcName === undefined
    ? freeze({ kind: "RLike", left, right })
    : freeze({ kind: "RLike", left, right, funcName });
}

export function caseWhen(
  branches: readonly (readonly [Expression, Expression])[],
  elseValue: Expression | null = null,
): CaseWhen {
  return freeze({
    kind: "CaseWhen",
    branches: freeze(branches.map((b) => freeze([b[0], b[1]] as const))),
    elseValue,
  });
}

export function ifExpr(predicate: Expression, trueValue: Expression, falseValue: Expression): If {
  return freeze({ kind: "If", predicate, trueValue, falseValue });
}

export function coalesce(children: readonly Expression[]): Coalesce {
  return freeze({ kind: "Coalesce", children: freeze([...children]) });
}

export function getStructField(child: Expression, ordinal: number, name: string): GetStructField {
  return freeze({ kind: "GetStructField", child, ordinal, name });
}

export function getArrayItem(
  child: Expression,
  ordinal: Expression,
  failOnError = true,
): GetArrayItem {
  return freeze({ kind: "GetArrayItem", child, ordinal, failOnError });
}

export function getMapValue(child: Expression, key: Expression): GetMapValue {
  return freeze({ kind: "GetMapValue", child, key });
}

export function scalarFunction(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable = true,
  deterministic = true,
  options: Readonly<Record<string, string | number | boolean | null>> = {},
): ScalarFunction {
  return freeze({
    kind: "ScalarFunction",
    name,
    args: freeze([...args]),
    dataType,
    nullable,
    deterministic,
    options: freeze({ ...options }),
  });
}

export function namedLambdaVariable(
  name: string,
  dataType: DataType,
  nullable = true,
  exprId: ExprId = newExprId(),
): NamedLambdaVariable {
  return freeze({ kind: "NamedLambdaVariable", name, dataType, nullable, exprId });
}

export function lambdaFunction(
  body: Expression,
  params: readonly NamedLambdaVariable[],
): LambdaFunction {
  return freeze({ kind: "LambdaFunction", body, params: freeze([...params]) });
}

export function aggregateFunction(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable = true,
  options: Readonly<Record<string, string | number | boolean | null>> = {},
): AggregateFunction {
  return freeze({
    kind: "AggregateFunction",
    name,
    args: freeze([...args]),
    dataType,
    nullable,
    options: freeze({ ...options }),
  });
}

export function windowFunction(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable = true,
  ignoreNulls = false,
): WindowFunction {
  return freeze({
    kind: "WindowFunction",
    name,
    args: freeze([...args]),
    dataType,
    nullable,
    ignoreNulls,
  });
}
