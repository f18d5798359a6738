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
import type { DataType } from "../../../types/data-types.ts";
import type { FunctionRegistry, ScalarFunctionDef } from "../../catalog/function-registry.ts";
import type { Expression, LambdaFunction, NamedLambdaVariable } from "../expression.ts";
import { dataTypeOf } from "../typing.ts";
import { type CompiledExpression, type CompileEnv, compileWith } from "./compile.ts";

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

function scalarDefByName(name: string, ctx: EvalContext): ScalarFunctionDef {
  let registry = ctx.registry;
  if (!registry) {
    if (!defaultRegistry && registryLoader) defaultRegistry = registryLoader();
    registry = defaultRegistry;
  }
  const def = registry?.lookup(name);
  if (def?.kind !== "scalar") throw internalError(`no scalar function ${name}`);
  return def;
}

const EMPTY_CTX: EvalContext = {};

const ENV: CompileEnv = {
  typeOf,
  scalarDef: (name, ctx) => scalarDefByName(name, ctx),
  lambdaValue: (id) => lambdaBindings.get(id),
};

/**
 * Compiles an expression to a function of a row (cached per node and context); use it
 * to evaluate one expression over many rows.
 */
export function compileExpression(e: Expression, ctx: EvalContext = EMPTY_CTX): CompiledExpression {
  return compileWith(e, ctx, ENV);
}

/** Evaluates a bound expression against one row of internal values. */
export function evaluate(
  e: Expression,
  row: readonly unknown[],
  ctx: EvalContext = EMPTY_CTX,
): unknown {
  return compileWith(e, ctx, ENV)(row);
}
