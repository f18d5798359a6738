/**
 * The type, nullability, foldability and determinism of resolved expressions. Function
 * nodes carry their own result type (fixed by the analyzer from the registry), so typing
 * never consults the registry.
 */
import {
  assertNever,
  BooleanT,
  type DataType,
  type DecimalType,
  DoubleT,
  decimalForIntegral,
  decimalType,
  LongT,
  MAX_DECIMAL_PRECISION,
  NullT,
} from "../../types/data-types.ts";
import { outputOf } from "../plans/output.ts";
import { childrenOf as directChildren } from "../trees/expression-tree.ts";
import type { ArithmeticOp, BinaryArithmetic, Expression } from "./expression.ts";

export class UnresolvedExpressionError extends Error {}

function unresolved(e: Expression): never {
  throw new UnresolvedExpressionError(`Invalid call on unresolved expression ${e.kind}`);
}

export function dataTypeOf(e: Expression): DataType {
  switch (e.kind) {
    case "Literal":
    case "AttributeReference":
    case "BoundReference":
    case "NamedLambdaVariable":
    case "Cast":
    case "ScalarFunction":
    case "AggregateFunction":
    case "WindowFunction":
      return e.dataType;
    case "OuterReference":
      return e.child.dataType;
    case "Alias":
    case "SortOrder":
    case "UnaryMinus":
      return dataTypeOf(e.child);
    case "BinaryArithmetic":
      return arithmeticResultType(e);
    case "BinaryComparison":
    case "And":
    case "Or":
    case "Not":
    case "IsNull":
    case "IsNotNull":
    case "In":
    case "InSet":
    case "Like":
    case "RLike":
    case "Exists":
    case "InSubquery":
      return BooleanT;
    case "CaseWhen":
      return firstNonNullType([
        ...e.branches.map((b) => b[1]),
        ...(e.elseValue ? [e.elseValue] : []),
      ]);
    case "If":
      return firstNonNullType([e.trueValue, e.falseValue]);
    case "Coalesce":
      return firstNonNullType(e.children);
    case "GetStructField": {
      const t = dataTypeOf(e.child);
      if (t.kind !== "struct") throw new Error("GetStructField over a non-struct");
      const f = t.fields[e.ordinal];
      if (!f) throw new Error("GetStructField ordinal out of range");
      return f.dataType;
    }
    case "GetArrayItem": {
      const t = dataTypeOf(e.child);
      if (t.kind !== "array") throw new Error("GetArrayItem over a non-array");
      return t.elementType;
    }
    case "GetMapValue": {
      const t = dataTypeOf(e.child);
      if (t.kind !== "map") throw new Error("GetMapValue over a non-map");
      return t.valueType;
    }
    case "LambdaFunction":
      return dataTypeOf(e.body);
    case "AggregateExpression":
      return e.fn.dataType;
    case "WindowExpression":
      return dataTypeOf(e.fn);
    case "ScalarSubquery": {
      const first = outputOf(e.plan)[0];
      if (!first) throw new Error("scalar subquery without output");
      return first.dataType;
    }
    case "ListQuery": {
      const first = outputOf(e.plan)[0];
      return first ? first.dataType : NullT;
    }
    case "WindowSpec":
    case "FrameBoundary":
    case "Generator":
      throw new Error(`${e.kind} has no data type`);
    case "UnresolvedAttribute":
    case "UnresolvedStar":
    case "UnresolvedFunction":
    case "UnresolvedAlias":
    case "UnresolvedExtractValue":
    case "UnresolvedNamedLambdaVariable":
    case "Parameter":
      return unresolved(e);
    default:
      return assertNever(e, "expression");
  }
}

function firstNonNullType(es: readonly Expression[]): DataType {
  for (const x of es) {
    const t = dataTypeOf(x);
    if (t.kind !== "null") return t;
  }
  return NullT;
}

export function nullableOf(e: Expression): boolean {
  switch (e.kind) {
    case "Literal":
      return e.value === null;
    case "AttributeReference":
    case "BoundReference":
    case "NamedLambdaVariable":
    case "ScalarFunction":
    case "AggregateFunction":
    case "WindowFunction":
      return e.nullable;
    case "OuterReference":
      return e.child.nullable;
    case "Alias":
    case "SortOrder":
    case "UnaryMinus":
    case "Not":
    case "InSet":
      return nullableOf(e.child);
    case "BinaryArithmetic":
      // Division and remainder yield null for a zero divisor outside ANSI mode; TRY
      // yields null on any error.
      if (e.evalMode === "TRY") return true;
      if (e.op === "/" || e.op === "div" || e.op === "%" || e.op === "pmod") {
        return e.evalMode !== "ANSI" || nullableOf(e.left) || nullableOf(e.right);
      }
      return nullableOf(e.left) || nullableOf(e.right);
    case "BinaryComparison":
      return e.op === "<=>" ? false : nullableOf(e.left) || nullableOf(e.right);
    case "And":
    case "Or":
    case "Like":
    case "RLike":
      return nullableOf(e.left) || nullableOf(e.right);
    case "IsNull":
    case "IsNotNull":
    case "Exists":
      return false;
    case "In":
      return nullableOf(e.value) || e.list.some(nullableOf);
    case "InSubquery":
      return true;
    case "CaseWhen":
      return (
        e.elseValue === null || nullableOf(e.elseValue) || e.branches.some((b) => nullableOf(b[1]))
      );
    case "If":
      return nullableOf(e.trueValue) || nullableOf(e.falseValue);
    case "Coalesce":
      return e.children.every(nullableOf);
    case "Cast":
      return (
        e.evalMode === "TRY" ||
        nullableOf(e.child) ||
        castForcesNullable(dataTypeOf(e.child), e.dataType, e.evalMode)
      );
    case "GetStructField": {
      const t = dataTypeOf(e.child);
      const f = t.kind === "struct" ? t.fields[e.ordinal] : undefined;
      return nullableOf(e.child) || (f?.nullable ?? true);
    }
    case "GetArrayItem":
    case "GetMapValue":
    case "ScalarSubquery":
    case "ListQuery":
      return true;
    case "LambdaFunction":
      return nullableOf(e.body);
    case "AggregateExpression":
      return e.fn.nullable;
    case "WindowExpression":
      return nullableOf(e.fn);
    case "WindowSpec":
    case "FrameBoundary":
    case "Generator":
      return true;
    case "UnresolvedAttribute":
    case "UnresolvedStar":
    case "UnresolvedFunction":
    case "UnresolvedAlias":
    case "UnresolvedExtractValue":
    case "UnresolvedNamedLambdaVariable":
    case "Parameter":
      return unresolved(e);
    default:
      return assertNever(e, "expression");
  }
}

/** Whether a non-ANSI cast can produce null from a non-null input (Spark's forceNullable). */
function castForcesNullable(from: DataType, to: DataType, mode: string): boolean {
  if (mode === "ANSI") return false;
  if (from.kind === to.kind && from.kind !== "decimal") return false;
  if (to.kind === "string") return false;
  if (from.kind === "null") return true;
  if (from.kind === "string") return true;
  if (to.kind === "decimal") return true;
  if (
    (from.kind === "float" || from.kind === "double") &&
    to.kind !== "double" &&
    to.kind !== "float"
  ) {
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Arithmetic result types (Spark's DecimalPrecision with allowPrecisionLoss = true)

const MINIMUM_ADJUSTED_SCALE = 6;

/** Bounds a decimal result type to 38 digits, giving up scale down to 6 digits. */
export function adjustPrecisionScale(precision: number, scale: number): DecimalType {
  if (precision <= MAX_DECIMAL_PRECISION) return decimalType(precision, scale);
  if (scale < 0) return decimalType(MAX_DECIMAL_PRECISION, scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  const adjusted = Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale);
  return decimalType(MAX_DECIMAL_PRECISION, adjusted);
}

export function decimalResultType(op: ArithmeticOp, a: DecimalType, b: DecimalType): DataType {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (op) {
    case "+":
    case "-": {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case "*":
      return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
    case "/": {
      const scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
      return adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
    }
    case "%":
    case "pmod": {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
    case "div":
      return LongT;
    default:
      return assertNever(op, "arithmetic operator");
  }
}

function asDecimal(t: DataType): DecimalType | undefined {
  return t.kind === "decimal" ? t : decimalForIntegral(t);
}

/**
 * The result type of arithmetic whose operands the analyzer has already coerced: equal
 * types, or decimals (possibly with an integral operand) of any precision.
 */
export function arithmeticResultType(e: BinaryArithmetic): DataType {
  const l = dataTypeOf(e.left);
  const r = dataTypeOf(e.right);
  if (e.op === "div") return LongT;
  if (l.kind === "decimal" || r.kind === "decimal") {
    const a = asDecimal(l);
    const b = asDecimal(r);
    if (a && b) return decimalResultType(e.op, a, b);
  }
  if (e.op === "/" && l.kind !== "decimal") return DoubleT;
  if (l.kind === "null") return r;
  return l;
}

// ---------------------------------------------------------------------------------------
// Other properties

export function isDeterministic(e: Expression): boolean {
  switch (e.kind) {
    case "ScalarFunction":
      return e.deterministic && e.args.every(isDeterministic);
    case "ScalarSubquery":
    case "Exists":
    case "ListQuery":
      return true;
    default: {
      for (const c of directChildren(e)) if (!isDeterministic(c)) return false;
      return true;
    }
  }
}

/** Whether an expression can be evaluated once, at planning time. */
export function isFoldable(e: Expression): boolean {
  switch (e.kind) {
    case "Literal":
      return true;
    case "AttributeReference":
    case "BoundReference":
    case "OuterReference":
    case "NamedLambdaVariable":
    case "AggregateFunction":
    case "AggregateExpression":
    case "WindowFunction":
    case "WindowExpression":
    case "WindowSpec":
    case "FrameBoundary":
    case "Generator":
    case "ScalarSubquery":
    case "Exists":
    case "InSubquery":
    case "ListQuery":
    case "LambdaFunction":
    case "SortOrder":
    case "UnresolvedAttribute":
    case "UnresolvedStar":
    case "UnresolvedFunction":
    case "UnresolvedAlias":
    case "UnresolvedExtractValue":
    case "UnresolvedNamedLambdaVariable":
    case "Parameter":
      return false;
    case "ScalarFunction":
      return e.deterministic && e.args.every(isFoldable);
    case "Coalesce":
      return e.children.every(isFoldable);
    default:
      return directChildren(e).every(isFoldable);
  }
}

/** Whether the expression tree contains no unresolved node. */
export function isResolved(e: Expression): boolean {
  switch (e.kind) {
    case "UnresolvedAttribute":
    case "UnresolvedStar":
    case "UnresolvedFunction":
    case "UnresolvedAlias":
    case "UnresolvedExtractValue":
    case "UnresolvedNamedLambdaVariable":
    case "Parameter":
      return false;
    default:
      return directChildren(e).every(isResolved);
  }
}
