/**
 * The contract between the analyzer, the evaluators and the function library. A function
 * is data: a name, documentation, and how to bind (type-check and coerce) a call. The
 * library's entries live in `src/catalyst/functions/`; this file only defines their shape
 * and the registry that looks them up by name (case-insensitively).
 */
import type { DataType } from "../../types/data-types.ts";
import type { AggregateFunction, Expression, ScalarFunction } from "../expressions/expression.ts";

/** What `DESCRIBE FUNCTION EXTENDED` shows; `examples` are checked by a test. */
export interface FunctionInfo {
  readonly usage: string;
  readonly arguments?: string;
  /** Spark's format: `> SELECT fn(1);\n 2` blocks. */
  readonly examples?: string;
  readonly since?: string;
  readonly group: string;
}

/** Settings of the session that binding may depend on. */
export interface BindContext {
  readonly ansi: boolean;
  readonly sessionTimeZone: string;
  /** The session's current database (current_database() is bound to it). */
  readonly currentDatabase?: string | undefined;
}

/** A type-check failure; the analyzer turns it into `DATATYPE_MISMATCH.<subClass>`. */
export interface TypeCheckFailure {
  readonly failure: true;
  readonly errorClass: string;
  readonly messageParameters: Readonly<Record<string, string>>;
}

export interface ScalarFunctionDef {
  readonly kind: "scalar";
  readonly name: string;
  readonly info: FunctionInfo;
  /** Number of arguments accepted; checked before `bind` (WRONG_NUM_ARGS). */
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * Type-checks resolved arguments, inserting implicit casts, and returns the bound
   * call, or a failure. May rewrite to another expression entirely (as Spark's
   * RuntimeReplaceable: `nvl(a, b)` -> `coalesce(a, b)`).
   */
  readonly bind: (args: readonly Expression[], ctx: BindContext) => Expression | TypeCheckFailure;
  /**
   * Interpreted evaluation over internal values. Unless `nullSafe`, it is only called
   * when every argument is non-null (a null argument yields null).
   */
  readonly eval: (args: readonly unknown[], call: ScalarFunction) => unknown;
  readonly nullSafe?: boolean;
}

export interface AggregateFunctionDef {
  readonly kind: "aggregate";
  readonly name: string;
  readonly info: FunctionInfo;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly bind: (
    args: readonly Expression[],
    ctx: BindContext,
  ) => AggregateFunction | TypeCheckFailure;
  /** The types of the partial aggregation buffer (what crosses the shuffle). */
  readonly bufferTypes: (fn: AggregateFunction) => readonly DataType[];
}

export interface WindowFunctionDef {
  readonly kind: "window";
  readonly name: string;
  readonly info: FunctionInfo;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly bind: (args: readonly Expression[], ctx: BindContext) => Expression | TypeCheckFailure;
}

export interface GeneratorDef {
  readonly kind: "generator";
  readonly name: string;
  readonly info: FunctionInfo;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly bind: (args: readonly Expression[], ctx: BindContext) => Expression | TypeCheckFailure;
}

export type FunctionDef =
  | ScalarFunctionDef
  | AggregateFunctionDef
  | WindowFunctionDef
  | GeneratorDef;

export function isTypeCheckFailure(x: unknown): x is TypeCheckFailure {
  return typeof x === "object" && x !== null && (x as { failure?: unknown }).failure === true;
}

/** Functions by lower-cased name. Immutable once built; sessions may layer temporary ones. */
export class FunctionRegistry {
  readonly #functions: ReadonlyMap<string, FunctionDef>;

  constructor(defs: readonly FunctionDef[]) {
    const m = new Map<string, FunctionDef>();
    for (const d of defs) m.set(d.name.toLowerCase(), d);
    this.#functions = m;
  }

  lookup(name: string): FunctionDef | undefined {
    return this.#functions.get(name.toLowerCase());
  }

  names(): string[] {
    return [...this.#functions.keys()].sort();
  }

  withFunctions(defs: readonly FunctionDef[]): FunctionRegistry {
    return new FunctionRegistry([...this.#functions.values(), ...defs]);
  }
}
