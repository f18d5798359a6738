/**
 * Helpers that generated code calls through its fixed `R` parameter: value accessors for
 * layouts without a one-line fast path, Spark's comparison of floating point values, and
 * the errors ANSI arithmetic raises. Everything here is a plain function of its arguments.
 */
// installs the built-in function registry the evaluator looks functions up in
import "../../catalyst/functions/index.ts";
import { evalArithmetic } from "../../catalyst/expressions/eval/arithmetic.ts";
import { evaluate } from "../../catalyst/expressions/eval/evaluate.ts";
import type { ArithmeticOp, EvalMode, Expression } from "../../catalyst/expressions/expression.ts";
import { compareStrings } from "../../catalyst/expressions/values/compare.ts";
import { FlintError } from "../../errors/index.ts";
import type { DataType } from "../../types/data-types.ts";
import {
  type BytesVector,
  type ColumnVector,
  type DecimalVector,
  getDecimalUnscaled,
  getString,
  getValue,
} from "../columnar/vector.ts";

const ANSI_CONF = '"spark.sql.ansi.enabled"';

function overflow(what: string, tryFn: string): never {
  throw new FlintError("ARITHMETIC_OVERFLOW", {
    message: `${what} overflow`,
    alternative: tryFn ? ` Use '${tryFn}' to tolerate overflow and return NULL instead.` : "",
    config: ANSI_CONF,
  });
}

function divideByZero(): never {
  throw new FlintError("DIVIDE_BY_ZERO", { config: ANSI_CONF });
}

/** Spark's total order on doubles: NaN equals NaN and is above every other value; -0 = 0. */
function cmpDouble(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

function str(v: BytesVector, i: number): string {
  return getString(v, i);
}

function bin(v: BytesVector, i: number): Uint8Array {
  return v.data.slice(v.offsets[i]!, v.offsets[i + 1]!);
}

function dec(v: DecimalVector, i: number): bigint {
  return getDecimalUnscaled(v, i);
}

function get(v: ColumnVector, i: number): unknown {
  return getValue(v, i);
}

/** Structural equality of internal values (bytes compared by content). */
function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }
  return false;
}

/** Java's string conversion of a double / float (`1.0`, `1.0E10`, `NaN`). */
function doubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Number.POSITIVE_INFINITY) return "Infinity";
  if (d === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [m, e] = d.toExponential().split("e") as [string, string];
  const mant = m.includes(".") ? m : `${m}.0`;
  return `${mant}E${e.startsWith("+") ? e.slice(1) : e}`;
}

function castInvalid(value: string, from: string, to: string): never {
  throw new FlintError("CAST_INVALID_INPUT", {
    expression: `'${value}'`,
    sourceType: `"${from}"`,
    targetType: `"${to}"`,
    ansiConfig: ANSI_CONF,
  });
}

function castOverflow(value: string, from: string, to: string): never {
  throw new FlintError("CAST_OVERFLOW", {
    value,
    sourceType: `"${from}"`,
    targetType: `"${to}"`,
    ansiConfig: ANSI_CONF,
  });
}

const INTEGRAL = /^[+-]?\d+$/;

/** String to integral per Spark (trimmed; null when invalid unless ANSI). */
function parseIntegral(s: string, bits: number, ansi: boolean, to: string): number | bigint | null {
  const t = s.trim();
  if (!INTEGRAL.test(t)) return ansi ? castInvalid(s, "STRING", to) : null;
  const v = BigInt(t);
  if (BigInt.asIntN(bits, v) !== v) return ansi ? castInvalid(s, "STRING", to) : null;
  return bits === 64 ? v : Number(v);
}

function parseDouble(s: string, ansi: boolean, to: string): number | null {
  const t = s.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return Number.NaN;
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) {
    return ansi ? castInvalid(s, "STRING", to) : null;
  }
  return Number.parseFloat(t);
}

/** The interpreted evaluator over one row of internal values (codegen's fallback). */
function interp(e: Expression, row: readonly unknown[]): unknown {
  return evaluate(e, row);
}

interface ArithMeta {
  readonly op: ArithmeticOp;
  readonly lt: DataType;
  readonly rt: DataType;
  readonly result: DataType;
  readonly mode: EvalMode;
}

/** The interpreter's arithmetic on non-null operands (generated code's exceptional cases). */
function arith(m: ArithMeta, a: unknown, b: unknown): unknown {
  return evalArithmetic(m.op, a, m.lt, b, m.rt, m.result, m.mode);
}

export const RUNTIME_HELPERS = Object.freeze({
  interp,
  arith,
  overflow,
  divideByZero,
  cmpDouble,
  compareStrings,
  str,
  bin,
  dec,
  get,
  eq,
  doubleToString,
  castOverflow,
  castInvalid,
  parseIntegral,
  parseDouble,
});

export type RuntimeHelpers = typeof RUNTIME_HELPERS;
