/**
 * The interpreted evaluator: the reference semantics of every expression that can
 * appear in a resolved, bound plan. `evaluate(expr, row)` reads `BoundReference`s by
 * ordinal from `row` and returns the internal value (see `types/data-types.ts`), or
 * null. The code generator is checked against this evaluator.
 *
 * Nothing here allocates per value on the common paths (arithmetic, comparisons, casts
 * of primitives, CASE/IF/COALESCE, IN); per-node facts (types, compiled patterns, IN
 * sets, registry entries) are cached in WeakMaps keyed by the immutable nodes.
 */
import { internalError } from "../../../errors/index.ts";
import { assertNever, type DataType, type MapValue } from "../../../types/data-types.ts";
import type { FunctionRegistry, ScalarFunctionDef } from "../../catalog/function-registry.ts";
import type {
  Expression,
  InSet,
  LambdaFunction,
  NamedLambdaVariable,
  ScalarFunction,
} from "../expression.ts";
import { dataTypeOf } from "../typing.ts";
import { compareValues, valuesEqual } from "../values/compare.ts";
import { evalArithmetic, evalNegate } from "./arithmetic.ts";
import { castValue } from "./cast.ts";
import { invalidArrayIndex } from "./errors.ts";
import { javaRegex, likeRegex } from "./regex.ts";

/** Settings evaluation may need; everything has a default. */
export interface EvalContext {
  /** Where `ScalarFunction`s are looked up (default: the built-in library). */
  readonly registry?: FunctionRegistry | undefined;
  /** Session time zone for casts whose node carries none (default UTC). */
  readonly sessionTimeZone?: string | undefined;
}

/** A lambda evaluated in a row: higher-order functions call it through `applyLambda`. */
export interface LambdaValue {
  readonly kind: "lambda";
  readonly fn: LambdaFunction;
  readonly row: readonly unknown[];
  readonly ctx: EvalContext;
}

export function isLambdaValue(v: unknown): v is LambdaValue {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "lambda";
}

/** Values of lambda variables currently bound, by expression id (evaluation is synchronous). */
const lambdaBindings = new Map<number, unknown>();

/** Calls a lambda with its arguments bound to its parameters, in order. */
export function applyLambda(lv: LambdaValue, ...args: unknown[]): unknown {
  const params = lv.fn.params;
  const saved: unknown[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p?.kind !== "NamedLambdaVariable") throw internalError("unresolved lambda parameter");
    saved.push(lambdaBindings.has(p.exprId) ? lambdaBindings.get(p.exprId) : undefined);
    lambdaBindings.set(p.exprId, i < args.length ? args[i] : null);
  }
  try {
    return evaluate(lv.fn.body, lv.row, lv.ctx);
  } finally {
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as NamedLambdaVariable;
      const s = saved[i];
      if (s === undefined) lambdaBindings.delete(p.exprId);
      else lambdaBindings.set(p.exprId, s);
    }
  }
}

const typeCache = new WeakMap<Expression, DataType>();

/** `dataTypeOf`, memoised per node (nodes are immutable). */
export function typeOf(e: Expression): DataType {
  let t = typeCache.get(e);
  if (t === undefined) {
    t = dataTypeOf(e);
    typeCache.set(e, t);
  }
  return t;
}

let defaultRegistry: FunctionRegistry | undefined;
let registryLoader: (() => FunctionRegistry) | undefined;

/** Installs the registry used when the context names none (the library does this). */
export function setDefaultRegistryLoader(load: () => FunctionRegistry): void {
  registryLoader = load;
  defaultRegistry = undefined;
}

const defCache = new WeakMap<ScalarFunction, ScalarFunctionDef>();

function scalarDef(e: ScalarFunction, ctx: EvalContext): ScalarFunctionDef {
  const cached = defCache.get(e);
  if (cached) return cached;
  let registry = ctx.registry;
  if (!registry) {
    if (!defaultRegistry && registryLoader) defaultRegistry = registryLoader();
    registry = defaultRegistry;
  }
  const def = registry?.lookup(e.name);
  if (def?.kind !== "scalar") throw internalError(`no scalar function ${e.name}`);
  defCache.set(e, def);
  return def;
}

const argBuffers = new WeakMap<ScalarFunction, unknown[]>();

function evalScalarFunction(e: ScalarFunction, row: readonly unknown[], ctx: EvalContext): unknown {
  const def = scalarDef(e, ctx);
  let args = argBuffers.get(e);
  if (!args || args.length !== e.args.length) {
    args = new Array<unknown>(e.args.length);
    argBuffers.set(e, args);
  }
  const nullSafe = def.nullSafe === true;
  for (let i = 0; i < e.args.length; i++) {
    const a = e.args[i] as Expression;
    const v = evaluate(a, row, ctx);
    if (v === null && !nullSafe) return null;
    args[i] = v;
  }
  // The buffer is reused for the next row: a definition must not keep `args`.
  return def.eval(args, e);
}

const inSets = new WeakMap<InSet, Set<unknown>>();

function inSetContains(e: InSet, v: unknown): boolean {
  const t = typeOf(e.child);
  if (t.kind === "binary" || t.kind === "array" || t.kind === "struct" || t.kind === "map") {
    for (const x of e.values) if (x !== null && valuesEqual(v, x, t)) return true;
    return false;
  }
  let s = inSets.get(e);
  if (!s) {
    s = new Set(e.values.filter((x) => x !== null));
    inSets.set(e, s);
  }
  return s.has(v);
}

function toIndex(v: unknown): number {
  return typeof v === "bigint" ? Number(v) : (v as number);
}

const EMPTY_CTX: EvalContext = {};

/** Evaluates a bound expression against one row of internal values. */
export function evaluate(
  e: Expression,
  row: readonly unknown[],
  ctx: EvalContext = EMPTY_CTX,
): unknown {
  switch (e.kind) {
    case "Literal":
      return e.value;
    case "BoundReference": {
      const v = row[e.ordinal];
      return v === undefined ? null : v;
    }
    case "NamedLambdaVariable": {
      const v = lambdaBindings.get(e.exprId);
      return v === undefined ? null : v;
    }
    case "Alias":
    case "SortOrder":
      return evaluate(e.child, row, ctx);
    case "BinaryArithmetic": {
      const l = evaluate(e.left, row, ctx);
      if (l === null) return null;
      const r = evaluate(e.right, row, ctx);
      if (r === null) return null;
      return evalArithmetic(e.op, l, typeOf(e.left), r, typeOf(e.right), typeOf(e), e.evalMode);
    }
    case "UnaryMinus": {
      const v = evaluate(e.child, row, ctx);
      return v === null ? null : evalNegate(v, typeOf(e), e.evalMode);
    }
    case "BinaryComparison": {
      const l = evaluate(e.left, row, ctx);
      const r = evaluate(e.right, row, ctx);
      if (e.op === "<=>") {
        if (l === null || r === null) return l === null && r === null;
        return valuesEqual(l, r, typeOf(e.left));
      }
      if (l === null || r === null) return null;
      const t = typeOf(e.left);
      switch (e.op) {
        case "=":
          return valuesEqual(l, r, t.kind === "null" ? typeOf(e.right) : t);
        case "<":
          return compareValues(l, r, t) < 0;
        case "<=":
          return compareValues(l, r, t) <= 0;
        case ">":
          return compareValues(l, r, t) > 0;
        case ">=":
          return compareValues(l, r, t) >= 0;
        default:
          return assertNever(e.op, "comparison");
      }
    }
    case "And": {
      const l = evaluate(e.left, row, ctx);
      if (l === false) return false;
      const r = evaluate(e.right, row, ctx);
      if (r === false) return false;
      return l === null || r === null ? null : true;
    }
    case "Or": {
      const l = evaluate(e.left, row, ctx);
      if (l === true) return true;
      const r = evaluate(e.right, row, ctx);
      if (r === true) return true;
      return l === null || r === null ? null : false;
    }
    case "Not": {
      const v = evaluate(e.child, row, ctx);
      return v === null ? null : !v;
    }
    case "IsNull":
      return evaluate(e.child, row, ctx) === null;
    case "IsNotNull":
      return evaluate(e.child, row, ctx) !== null;
    case "In": {
      const v = evaluate(e.value, row, ctx);
      if (v === null) return null;
      const t = typeOf(e.value);
      let sawNull = false;
      for (const item of e.list) {
        const x = evaluate(item, row, ctx);
        if (x === null) sawNull = true;
        else if (valuesEqual(v, x, t)) return true;
      }
      return sawNull ? null : false;
    }
    case "InSet": {
      const v = evaluate(e.child, row, ctx);
      if (v === null) return null;
      if (inSetContains(e, v)) return true;
      return e.hasNull ? null : false;
    }
    case "Like": {
      const l = evaluate(e.left, row, ctx);
      if (l === null) return null;
      const r = evaluate(e.right, row, ctx);
      if (r === null) return null;
      return likeRegex(r as string, e.escapeChar, e.caseInsensitive).test(l as string);
    }
    case "RLike": {
      const l = evaluate(e.left, row, ctx);
      if (l === null) return null;
      const r = evaluate(e.right, row, ctx);
      if (r === null) return null;
      const re = javaRegex(r as string);
      re.lastIndex = 0;
      return re.test(l as string);
    }
    case "CaseWhen": {
      for (const [cond, value] of e.branches) {
        if (evaluate(cond, row, ctx) === true) return evaluate(value, row, ctx);
      }
      return e.elseValue ? evaluate(e.elseValue, row, ctx) : null;
    }
    case "If":
      return evaluate(e.predicate, row, ctx) === true
        ? evaluate(e.trueValue, row, ctx)
        : evaluate(e.falseValue, row, ctx);
    case "Coalesce": {
      for (const c of e.children) {
        const v = evaluate(c, row, ctx);
        if (v !== null) return v;
      }
      return null;
    }
    case "Cast": {
      const v = evaluate(e.child, row, ctx);
      if (v === null) return null;
      return castValue(
        v,
        typeOf(e.child),
        e.dataType,
        e.evalMode,
        e.timeZoneId ?? ctx.sessionTimeZone ?? "UTC",
      );
    }
    case "GetStructField": {
      const v = evaluate(e.child, row, ctx);
      if (v === null) return null;
      const x = (v as readonly unknown[])[e.ordinal];
      return x === undefined ? null : x;
    }
    case "GetArrayItem": {
      const a = evaluate(e.child, row, ctx);
      if (a === null) return null;
      const o = evaluate(e.ordinal, row, ctx);
      if (o === null) return null;
      const arr = a as readonly unknown[];
      const i = toIndex(o);
      if (i < 0 || i >= arr.length) {
        if (e.failOnError) throw invalidArrayIndex(i, arr.length);
        return null;
      }
      const x = arr[i];
      return x === undefined ? null : x;
    }
    case "GetMapValue": {
      const m = evaluate(e.child, row, ctx);
      if (m === null) return null;
      const k = evaluate(e.key, row, ctx);
      if (k === null) return null;
      const mt = typeOf(e.child);
      const kt = mt.kind === "map" ? mt.keyType : typeOf(e.key);
      const mv = m as MapValue;
      for (let i = 0; i < mv.keys.length; i++) {
        if (valuesEqual(mv.keys[i], k, kt)) {
          const x = mv.values[i];
          return x === undefined ? null : x;
        }
      }
      return null;
    }
    case "ScalarFunction":
      return evalScalarFunction(e, row, ctx);
    case "LambdaFunction": {
      const lv: LambdaValue = { kind: "lambda", fn: e, row, ctx };
      return lv;
    }
    case "AttributeReference":
      throw internalError(`cannot evaluate unbound attribute ${e.name}#${e.exprId}`);
    case "OuterReference":
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
    case "UnresolvedAttribute":
    case "UnresolvedStar":
    case "UnresolvedFunction":
    case "UnresolvedAlias":
    case "UnresolvedExtractValue":
    case "UnresolvedNamedLambdaVariable":
    case "Parameter":
      throw internalError(`${e.kind} cannot be evaluated row by row`);
    default:
      return assertNever(e, "expression");
  }
}
