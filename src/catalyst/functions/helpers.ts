/**
 * Building blocks for library entries: a declarative scalar definition (expected argument
 * types, default arguments, result type, evaluation) whose `bind` inserts Spark's
 * implicit casts and reports DATATYPE_MISMATCH failures with Spark's parameters.
 */
import {
  type AbstractType,
  abstractTypeSql,
  findWiderCommonType,
  implicitCast,
} from "../../types/coercion.ts";
import { type DataType, typeSql } from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import {
  type BindContext,
  type FunctionInfo,
  isTypeCheckFailure,
  type ScalarFunctionDef,
  type TypeCheckFailure,
} from "../catalog/function-registry.ts";
import type { Expression, ScalarFunction } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import { dataTypeOf, isFoldable, nullableOf } from "../expressions/typing.ts";

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];

/** Spark's `ordinalNumber`: 0 -> "first". */
export function ordinalWord(i: number): string {
  return ORDINALS[i] ?? `${i + 1}th`;
}

export function quotedType(t: DataType): string {
  return `"${typeSql(t)}"`;
}

export function failure(
  subClass: string,
  messageParameters: Readonly<Record<string, string>>,
): TypeCheckFailure {
  return { failure: true, errorClass: subClass, messageParameters };
}

export function unexpectedInputType(
  i: number,
  expected: AbstractType,
  arg: Expression,
): TypeCheckFailure {
  return failure("UNEXPECTED_INPUT_TYPE", {
    paramIndex: ordinalWord(i),
    requiredType: abstractTypeSql(expected),
    inputSql: toSqlExpr(arg),
    inputType: quotedType(dataTypeOf(arg)),
  });
}

/** An implicit (analyzer-inserted) cast; the identity when the type already matches. */
export function castTo(e: Expression, t: DataType, ctx: BindContext): Expression {
  const from = dataTypeOf(e);
  if (from === t || JSON.stringify(from) === JSON.stringify(t)) return e;
  if (e.kind === "Literal" && e.value === null) return literal(null, t);
  return Object.freeze({
    kind: "Cast",
    child: e,
    dataType: t,
    evalMode: "ANSI",
    timeZoneId: ctx.sessionTimeZone,
    implicit: true,
  });
}

/** Casts each argument to its expected type, or fails with UNEXPECTED_INPUT_TYPE. */
export function coerceArgs(
  args: readonly Expression[],
  expected: readonly AbstractType[],
  ctx: BindContext,
): Expression[] | TypeCheckFailure {
  const out: Expression[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Expression;
    const want = expected[Math.min(i, expected.length - 1)] ?? "any";
    const from = dataTypeOf(a);
    const to = implicitCast(from, want);
    if (to === undefined) {
      if (from.kind === "null") {
        out.push(a);
        continue;
      }
      return unexpectedInputType(i, want, a);
    }
    out.push(castTo(a, to, ctx));
  }
  return out;
}

/** Casts all arguments to their wider common type, or fails with DATA_DIFF_TYPES. */
export function coerceToCommonType(
  name: string,
  args: readonly Expression[],
  ctx: BindContext,
  finder: (ts: readonly DataType[]) => DataType | undefined = findWiderCommonType,
): { args: Expression[]; type: DataType } | TypeCheckFailure {
  const types = args.map(dataTypeOf);
  const t = finder(types);
  if (t === undefined) {
    return failure("DATA_DIFF_TYPES", {
      functionName: `\`${name}\``,
      dataType: `[${types.map(quotedType).join(", ")}]`,
    });
  }
  return { args: args.map((a) => castTo(a, t, ctx)), type: t };
}

export type Options = Readonly<Record<string, string | number | boolean | null>>;

export function call(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable: boolean,
  deterministic = true,
  options: Options = {},
): ScalarFunction {
  return Object.freeze({
    kind: "ScalarFunction",
    name,
    args: Object.freeze([...args]),
    dataType,
    nullable,
    deterministic,
    options: Object.freeze({ ...options }),
  });
}

export interface SimpleScalar {
  readonly name: string;
  readonly info: FunctionInfo;
  /** Expected type per argument; the last one repeats for variadic functions. */
  readonly args: readonly AbstractType[];
  readonly minArgs?: number;
  readonly maxArgs?: number;
  /** Appended in order when a call has fewer than `maxArgs` arguments. */
  readonly defaults?: readonly Expression[];
  readonly result: DataType | ((types: readonly DataType[], ctx: BindContext) => DataType);
  /** Default: nullable when any argument is (null in, null out). */
  readonly nullable?: boolean | ((args: readonly Expression[]) => boolean);
  readonly deterministic?: boolean;
  readonly nullSafe?: boolean;
  readonly options?: (ctx: BindContext, args: readonly Expression[]) => Options;
  /** Extra checks after coercion (constant arguments, ...). */
  readonly check?: (args: readonly Expression[]) => TypeCheckFailure | undefined;
  readonly eval: (args: readonly unknown[], call: ScalarFunction) => unknown;
  /** The name shown in column names (`CEIL`), if not `name`. */
  readonly prettyName?: string;
}

/** A scalar function definition from a declarative spec. */
export function scalar(spec: SimpleScalar): ScalarFunctionDef {
  const minArgs = spec.minArgs ?? spec.args.length;
  const maxArgs = spec.maxArgs ?? spec.args.length;
  const def: ScalarFunctionDef = {
    kind: "scalar",
    name: spec.name,
    info: spec.info,
    minArgs,
    maxArgs,
    bind: (rawArgs, ctx) => {
      let args = rawArgs;
      if (spec.defaults && args.length < maxArgs && Number.isFinite(maxArgs)) {
        const missing = maxArgs - args.length;
        const from = spec.defaults.length - missing;
        if (from >= 0) args = [...args, ...spec.defaults.slice(from)];
      }
      const coerced = coerceArgs(args, spec.args, ctx);
      if (!Array.isArray(coerced)) return coerced;
      const bad = spec.check?.(coerced);
      if (bad) return bad;
      const types = coerced.map(dataTypeOf);
      const dataType = typeof spec.result === "function" ? spec.result(types, ctx) : spec.result;
      const nullable =
        typeof spec.nullable === "function"
          ? spec.nullable(coerced)
          : (spec.nullable ?? coerced.some(nullableOf));
      return call(
        spec.prettyName ?? spec.name,
        coerced,
        dataType,
        nullable,
        spec.deterministic ?? true,
        spec.options?.(ctx, coerced) ?? {},
      );
    },
    eval: spec.eval,
    ...(spec.nullSafe ? { nullSafe: true } : {}),
  };
  return def;
}

/** The same definition under another name (`substr` for `substring`), shown as that name. */
export function alias(def: ScalarFunctionDef, name: string): ScalarFunctionDef {
  return {
    ...def,
    name,
    bind: (args, ctx) => {
      const bound = def.bind(args, ctx);
      if (
        !isTypeCheckFailure(bound) &&
        bound.kind === "ScalarFunction" &&
        bound.name === def.name
      ) {
        return Object.freeze({ ...bound, name });
      }
      return bound;
    },
  };
}

/** Whether an argument is a constant (foldable) expression. */
export function isConstant(e: Expression): boolean {
  return isFoldable(e);
}

export function info(
  group: string,
  usage: string,
  examples?: string,
  since = "1.0.0",
  args?: string,
): FunctionInfo {
  return {
    usage,
    group,
    since,
    ...(examples !== undefined ? { examples } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
  };
}
