/**
 * The interpreted evaluator, compiled: each expression node becomes a closure over its
 * children's closures once, with its types, operator and settings resolved at compile
 * time, so evaluating a row does no type lookups, no dispatch on the node kind and no
 * allocation on the common paths. Compiled closures are cached per node (nodes are
 * immutable) and per evaluation context.
 *
 * Semantics are those of `evaluate.ts` (which delegates here); see there.
 */
import { internalError } from "../../../errors/index.ts";
import { assertNever, type DataType, type MapValue } from "../../../types/data-types.ts";
import type { ScalarFunctionDef } from "../../catalog/function-registry.ts";
import type { Expression, InSet } from "../expression.ts";
import { compareDoubles, compareValues, valuesEqual } from "../values/compare.ts";
import { evalArithmetic, evalNegate } from "./arithmetic.ts";
import { castValue } from "./cast.ts";
import { arithmeticOverflow, invalidArrayIndex } from "./errors.ts";
import type { EvalContext, LambdaValue } from "./evaluate.ts";
import { javaRegex, likeRegex } from "./regex.ts";

export type CompiledExpression = (row: readonly unknown[]) => unknown;

/** Hooks into evaluate.ts (lambda bindings, registry, types) without an import cycle. */
export interface CompileEnv {
  readonly typeOf: (e: Expression) => DataType;
  readonly scalarDef: (name: string, ctx: EvalContext) => ScalarFunctionDef;
  readonly lambdaValue: (id: number) => unknown;
}

const byContext = new WeakMap<EvalContext, WeakMap<Expression, CompiledExpression>>();

export function compileWith(e: Expression, ctx: EvalContext, env: CompileEnv): CompiledExpression {
  let cache = byContext.get(ctx);
  if (!cache) {
    cache = new WeakMap();
    byContext.set(ctx, cache);
  }
  let f = cache.get(e);
  if (!f) {
    f = build(e, ctx, env);
    cache.set(e, f);
  }
  return f;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;
const TRY_NAMES = { "+": "try_add", "-": "try_subtract", "*": "try_multiply" } as const;

function build(e: Expression, ctx: EvalContext, env: CompileEnv): CompiledExpression {
  const c = (x: Expression): CompiledExpression => compileWith(x, ctx, env);
  switch (e.kind) {
    case "Literal": {
      const v = e.value === undefined ? null : e.value;
      return () => v;
    }
    case "BoundReference": {
      const o = e.ordinal;
      return (row) => {
        const v = row[o];
        return v === undefined ? null : v;
      };
    }
    case "NamedLambdaVariable": {
      const id = e.exprId;
      return () => {
        const v = env.lambdaValue(id);
        return v === undefined ? null : v;
      };
    }
    case "Alias":
    case "SortOrder":
      return c(e.child);
    case "BinaryArithmetic": {
      const l = c(e.left);
      const r = c(e.right);
      const lt = env.typeOf(e.left);
      const rt = env.typeOf(e.right);
      const res = env.typeOf(e);
      const { op, evalMode: mode } = e;
      if (mode === "ANSI" && (op === "+" || op === "-" || op === "*")) {
        if (res.kind === "integer" && lt.kind === "integer" && rt.kind === "integer") {
          const alt = TRY_NAMES[op];
          return (row) => {
            const a = l(row);
            if (a === null) return null;
            const b = r(row);
            if (b === null) return null;
            const x = a as number;
            const y = b as number;
            // integers have no -0 (JS gives 0 * -2 = -0)
            const s = op === "+" ? x + y : op === "-" ? x - y : x * y + 0;
            if (s > INT_MAX || s < INT_MIN) throw arithmeticOverflow("overflow", alt);
            return s;
          };
        }
        if (res.kind === "long" && lt.kind === "long" && rt.kind === "long") {
          const alt = TRY_NAMES[op];
          return (row) => {
            const a = l(row);
            if (a === null) return null;
            const b = r(row);
            if (b === null) return null;
            const x = a as bigint;
            const y = b as bigint;
            const s = op === "+" ? x + y : op === "-" ? x - y : x * y;
            if (s > LONG_MAX || s < LONG_MIN) throw arithmeticOverflow("overflow", alt);
            return s;
          };
        }
        if (res.kind === "double" && lt.kind === "double" && rt.kind === "double") {
          return (row) => {
            const a = l(row);
            if (a === null) return null;
            const b = r(row);
            if (b === null) return null;
            const x = a as number;
            const y = b as number;
            return op === "+" ? x + y : op === "-" ? x - y : x * y;
          };
        }
      }
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return evalArithmetic(op, a, lt, b, rt, res, mode);
      };
    }
    case "UnaryMinus": {
      const f = c(e.child);
      const t = env.typeOf(e);
      const mode = e.evalMode;
      return (row) => {
        const v = f(row);
        return v === null ? null : evalNegate(v, t, mode);
      };
    }
    case "BinaryComparison": {
      const l = c(e.left);
      const r = c(e.right);
      const lt = env.typeOf(e.left);
      const t = lt.kind === "null" ? env.typeOf(e.right) : lt;
      const op = e.op;
      if (op === "<=>") {
        return (row) => {
          const a = l(row);
          const b = r(row);
          if (a === null || b === null) return a === null && b === null;
          return valuesEqual(a, b, t);
        };
      }
      if (op === "=") {
        return (row) => {
          const a = l(row);
          if (a === null) return null;
          const b = r(row);
          if (b === null) return null;
          return valuesEqual(a, b, t);
        };
      }
      const numeric =
        t.kind === "integer" ||
        t.kind === "short" ||
        t.kind === "byte" ||
        t.kind === "date" ||
        t.kind === "long" ||
        t.kind === "timestamp" ||
        t.kind === "timestamp_ntz" ||
        t.kind === "decimal";
      const fractional = t.kind === "double" || t.kind === "float";
      const cmp = numeric
        ? (a: unknown, b: unknown): number =>
            (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
        : fractional
          ? (a: unknown, b: unknown): number => compareDoubles(a as number, b as number)
          : (a: unknown, b: unknown): number => compareValues(a, b, t);
      const test =
        op === "<"
          ? (x: number): boolean => x < 0
          : op === "<="
            ? (x: number): boolean => x <= 0
            : op === ">"
              ? (x: number): boolean => x > 0
              : (x: number): boolean => x >= 0;
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return test(cmp(a, b));
      };
    }
    case "And": {
      const l = c(e.left);
      const r = c(e.right);
      return (row) => {
        const a = l(row);
        if (a === false) return false;
        const b = r(row);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    case "Or": {
      const l = c(e.left);
      const r = c(e.right);
      return (row) => {
        const a = l(row);
        if (a === true) return true;
        const b = r(row);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    case "Not": {
      const f = c(e.child);
      return (row) => {
        const v = f(row);
        return v === null ? null : !v;
      };
    }
    case "IsNull": {
      const f = c(e.child);
      return (row) => f(row) === null;
    }
    case "IsNotNull": {
      const f = c(e.child);
      return (row) => f(row) !== null;
    }
    case "In": {
      const v = c(e.value);
      const items = e.list.map(c);
      const t = env.typeOf(e.value);
      return (row) => {
        const x = v(row);
        if (x === null) return null;
        let sawNull = false;
        for (const item of items) {
          const y = item(row);
          if (y === null) sawNull = true;
          else if (valuesEqual(x, y, t)) return true;
        }
        return sawNull ? null : false;
      };
    }
    case "InSet":
      return compileInSet(e, c(e.child), env.typeOf(e.child));
    case "Like": {
      const l = c(e.left);
      const r = c(e.right);
      const { escapeChar, caseInsensitive } = e;
      return (row) => {
        const s = l(row);
        if (s === null) return null;
        const p = r(row);
        if (p === null) return null;
        return likeRegex(p as string, escapeChar, caseInsensitive).test(s as string);
      };
    }
    case "RLike": {
      const l = c(e.left);
      const r = c(e.right);
      return (row) => {
        const s = l(row);
        if (s === null) return null;
        const p = r(row);
        if (p === null) return null;
        const re = javaRegex(p as string);
        re.lastIndex = 0;
        return re.test(s as string);
      };
    }
    case "CaseWhen": {
      const conds = e.branches.map((b) => c(b[0]));
      const values = e.branches.map((b) => c(b[1]));
      const otherwise = e.elseValue ? c(e.elseValue) : null;
      const n = conds.length;
      return (row) => {
        for (let i = 0; i < n; i++) {
          if ((conds[i] as CompiledExpression)(row) === true)
            return (values[i] as CompiledExpression)(row);
        }
        return otherwise ? otherwise(row) : null;
      };
    }
    case "If": {
      const p = c(e.predicate);
      const a = c(e.trueValue);
      const b = c(e.falseValue);
      return (row) => (p(row) === true ? a(row) : b(row));
    }
    case "Coalesce": {
      const fs = e.children.map(c);
      return (row) => {
        for (const f of fs) {
          const v = f(row);
          if (v !== null) return v;
        }
        return null;
      };
    }
    case "Cast": {
      const f = c(e.child);
      const from = env.typeOf(e.child);
      const to = e.dataType;
      const mode = e.evalMode;
      const zone = e.timeZoneId ?? ctx.sessionTimeZone ?? "UTC";
      return (row) => {
        const v = f(row);
        return v === null ? null : castValue(v, from, to, mode, zone);
      };
    }
    case "GetStructField": {
      const f = c(e.child);
      const o = e.ordinal;
      return (row) => {
        const v = f(row);
        if (v === null) return null;
        const x = (v as readonly unknown[])[o];
        return x === undefined ? null : x;
      };
    }
    case "GetArrayItem": {
      const f = c(e.child);
      const g = c(e.ordinal);
      const failOnError = e.failOnError;
      return (row) => {
        const a = f(row);
        if (a === null) return null;
        const o = g(row);
        if (o === null) return null;
        const arr = a as readonly unknown[];
        const i = typeof o === "bigint" ? Number(o) : (o as number);
        if (i < 0 || i >= arr.length) {
          if (failOnError) throw invalidArrayIndex(i, arr.length);
          return null;
        }
        const x = arr[i];
        return x === undefined ? null : x;
      };
    }
    case "GetMapValue": {
      const f = c(e.child);
      const g = c(e.key);
      const mt = env.typeOf(e.child);
      const kt = mt.kind === "map" ? mt.keyType : env.typeOf(e.key);
      return (row) => {
        const m = f(row);
        if (m === null) return null;
        const k = g(row);
        if (k === null) return null;
        const mv = m as MapValue;
        for (let i = 0; i < mv.keys.length; i++) {
          if (valuesEqual(mv.keys[i], k, kt)) {
            const x = mv.values[i];
            return x === undefined ? null : x;
          }
        }
        return null;
      };
    }
    case "ScalarFunction": {
      const def = env.scalarDef(e.name, ctx);
      const args = e.args.map(c);
      const n = args.length;
      const buf = new Array<unknown>(n);
      const nullSafe = def.nullSafe === true;
      const call = e;
      const fn = def.eval;
      // The buffer is reused for the next row: a definition must not keep it.
      return (row) => {
        for (let i = 0; i < n; i++) {
          const v = (args[i] as CompiledExpression)(row);
          if (v === null && !nullSafe) return null;
          buf[i] = v;
        }
        return fn(buf, call);
      };
    }
    case "LambdaFunction": {
      const fn = e;
      return (row) => {
        const lv: LambdaValue = { kind: "lambda", fn, row, ctx };
        return lv;
      };
    }
    case "AttributeReference": {
      const name = `${e.name}#${e.exprId}`;
      return () => {
        throw internalError(`cannot evaluate unbound attribute ${name}`);
      };
    }
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
    case "Parameter": {
      const kind = e.kind;
      return () => {
        throw internalError(`${kind} cannot be evaluated row by row`);
      };
    }
    default:
      return assertNever(e, "expression");
  }
}

function compileInSet(e: InSet, f: CompiledExpression, t: DataType): CompiledExpression {
  const hasNull = e.hasNull;
  if (t.kind === "binary" || t.kind === "array" || t.kind === "struct" || t.kind === "map") {
    const values = e.values.filter((x) => x !== null);
    return (row) => {
      const v = f(row);
      if (v === null) return null;
      for (const x of values) if (valuesEqual(v, x, t)) return true;
      return hasNull ? null : false;
    };
  }
  const set = new Set(e.values.filter((x) => x !== null));
  return (row) => {
    const v = f(row);
    if (v === null) return null;
    if (set.has(v)) return true;
    return hasNull ? null : false;
  };
}
