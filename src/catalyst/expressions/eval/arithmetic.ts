/**
 * Binary arithmetic and negation over internal values, with Spark's three modes: ANSI
 * raises ARITHMETIC_OVERFLOW / DIVIDE_BY_ZERO / REMAINDER_BY_ZERO /
 * NUMERIC_VALUE_OUT_OF_RANGE, LEGACY wraps integers (Java two's complement) and returns
 * null for a zero divisor or a decimal overflow, TRY returns null on any error.
 * Operands have been coerced by the analyzer: equal types, or decimals mixed with
 * integral operands; the result type comes from `typing.ts`.
 */
import type { DataType, DecimalType } from "../../../types/data-types.ts";
import type { ArithmeticOp, EvalMode } from "../expression.ts";
import { civilFromDays, daysFromCivil, daysInMonth, MICROS_PER_DAY } from "../values/datetime.ts";
import { divHalfUp, pow10 } from "../values/numbers.ts";
import { toPrecision } from "./cast.ts";
import {
  arithmeticOverflow,
  binaryArithmeticOverflow,
  divideByZero,
  remainderByZero,
  toSqlValue,
} from "./errors.ts";

const TRY_NAMES: Readonly<Record<ArithmeticOp, string>> = {
  "+": "try_add",
  "-": "try_subtract",
  "*": "try_multiply",
  "/": "try_divide",
  div: "try_divide",
  "%": "try_mod",
  pmod: "try_mod",
};

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

function zeroDivisor(op: ArithmeticOp, mode: EvalMode): null {
  if (mode === "ANSI") throw op === "%" || op === "pmod" ? remainderByZero() : divideByZero();
  return null;
}

function smallIntegral(
  op: ArithmeticOp,
  a: number,
  b: number,
  t: DataType,
  mode: EvalMode,
): number | null {
  let r: number;
  switch (op) {
    case "+":
      r = a + b;
      break;
    case "-":
      r = a - b;
      break;
    case "*":
      // integers have no -0 (JS gives 0 * -2 = -0)
      r = a * b + 0;
      break;
    case "%":
      if (b === 0) return zeroDivisor(op, mode);
      return a % b === 0 ? 0 : a % b;
    case "pmod": {
      if (b === 0) return zeroDivisor(op, mode);
      const m = a % b;
      return m < 0 ? (m + b) % b : m === 0 ? 0 : m;
    }
    default:
      throw new Error(`unexpected integral operator ${op}`);
  }
  const [lo, hi, bits] =
    t.kind === "byte"
      ? [-128, 127, 8]
      : t.kind === "short"
        ? [-32768, 32767, 16]
        : [INT_MIN, INT_MAX, 32];
  if (r >= lo && r <= hi) return r;
  if (mode === "TRY") return null;
  if (mode === "LEGACY") {
    if (bits === 32) return op === "*" ? Math.imul(a, b) : r | 0;
    return bits === 8 ? (r << 24) >> 24 : (r << 16) >> 16;
  }
  if (t.kind === "integer") throw arithmeticOverflow("overflow", TRY_NAMES[op]);
  const short: DataType = { kind: "short" };
  throw binaryArithmeticOverflow(toSqlValue(a, short), op, toSqlValue(b, short), TRY_NAMES[op]);
}

function longArith(op: ArithmeticOp, a: bigint, b: bigint, mode: EvalMode): bigint | null {
  let r: bigint;
  switch (op) {
    case "+":
      r = a + b;
      break;
    case "-":
      r = a - b;
      break;
    case "*":
      r = a * b;
      break;
    case "%":
      if (b === 0n) return zeroDivisor(op, mode);
      return a % b;
    case "pmod": {
      if (b === 0n) return zeroDivisor(op, mode);
      const m = a % b;
      return m < 0n ? (m + b) % b : m;
    }
    default:
      throw new Error(`unexpected integral operator ${op}`);
  }
  if (r >= LONG_MIN && r <= LONG_MAX) return r;
  if (mode === "TRY") return null;
  if (mode === "LEGACY") return BigInt.asIntN(64, r);
  throw arithmeticOverflow("overflow", TRY_NAMES[op]);
}

function fractional(
  op: ArithmeticOp,
  a: number,
  b: number,
  isFloat: boolean,
  mode: EvalMode,
): number | null {
  let r: number;
  switch (op) {
    case "+":
      r = a + b;
      break;
    case "-":
      r = a - b;
      break;
    case "*":
      r = a * b;
      break;
    case "/":
      if (b === 0) return zeroDivisor(op, mode);
      r = a / b;
      break;
    case "%":
      if (b === 0) return zeroDivisor(op, mode);
      r = a % b;
      break;
    case "pmod": {
      if (b === 0) return zeroDivisor(op, mode);
      const m = a % b;
      r = m < 0 ? (m + b) % b : m;
      break;
    }
    default:
      throw new Error(`unexpected operator ${op}`);
  }
  return isFloat ? Math.fround(r) : r;
}

/** [unscaled, scale] of a decimal or integral operand. */
function asDecimal(v: unknown, t: DataType): [bigint, number] {
  if (t.kind === "decimal") return [v as bigint, t.scale];
  return [typeof v === "bigint" ? v : BigInt(v as number), 0];
}

function decimalArith(
  op: ArithmeticOp,
  l: unknown,
  lt: DataType,
  r: unknown,
  rt: DataType,
  result: DataType,
  mode: EvalMode,
): unknown {
  const [a, s1] = asDecimal(l, lt);
  const [b, s2] = asDecimal(r, rt);
  const s = Math.max(s1, s2);
  const fit = (x: bigint, scale: number): bigint | null =>
    toPrecision(x, scale, result as DecimalType, mode);
  switch (op) {
    case "+":
      return fit(a * pow10(s - s1) + b * pow10(s - s2), s);
    case "-":
      return fit(a * pow10(s - s1) - b * pow10(s - s2), s);
    case "*":
      return fit(a * b, s1 + s2);
    case "/": {
      if (b === 0n) return zeroDivisor(op, mode);
      const rs = (result as DecimalType).scale;
      // a/10^s1 / (b/10^s2) at scale rs = a * 10^(rs + s2 - s1) / b
      const e = rs + s2 - s1;
      const q = e >= 0 ? divHalfUp(a * pow10(e), b) : divHalfUp(a, b * pow10(-e));
      return fit(q, rs);
    }
    case "%": {
      if (b === 0n) return zeroDivisor(op, mode);
      return fit((a * pow10(s - s1)) % (b * pow10(s - s2)), s);
    }
    case "pmod": {
      if (b === 0n) return zeroDivisor(op, mode);
      const x = a * pow10(s - s1);
      const y = b * pow10(s - s2);
      const m = x % y;
      return fit(m < 0n ? (m + y) % y : m, s);
    }
    case "div": {
      if (b === 0n) return zeroDivisor(op, mode);
      const q = (a * pow10(s - s1)) / (b * pow10(s - s2));
      if (q < LONG_MIN || q > LONG_MAX) {
        if (mode === "ANSI") throw arithmeticOverflow("Overflow in integral divide", "try_divide");
        return mode === "TRY" ? null : BigInt.asIntN(64, q);
      }
      return q;
    }
    default:
      throw new Error(`unexpected operator ${op}`);
  }
}

function toNumber(v: unknown): number {
  return typeof v === "bigint" ? Number(v) : (v as number);
}

function intervalArith(
  op: ArithmeticOp,
  l: unknown,
  lt: DataType,
  r: unknown,
  rt: DataType,
  mode: EvalMode,
): unknown {
  if (lt.kind === "yearmonth_interval" && (op === "+" || op === "-") && rt.kind === lt.kind) {
    const x = op === "+" ? (l as number) + (r as number) : (l as number) - (r as number);
    if (x < INT_MIN || x > INT_MAX) {
      if (mode === "ANSI") throw arithmeticOverflow("integer overflow", null);
      return null;
    }
    return x;
  }
  if (
    (lt.kind === "daytime_interval" || lt.kind === "timestamp" || lt.kind === "timestamp_ntz") &&
    rt.kind === "daytime_interval" &&
    (op === "+" || op === "-")
  ) {
    return longArith(op, l as bigint, r as bigint, mode);
  }
  if (lt.kind === "date" && (rt.kind === "integer" || rt.kind === "short" || rt.kind === "byte")) {
    if (op === "+") return (l as number) + (r as number);
    if (op === "-") return (l as number) - (r as number);
  }
  if (lt.kind === "date" && rt.kind === "yearmonth_interval" && (op === "+" || op === "-")) {
    // Spark's DateAddYMInterval: the day clamps to the target month's length
    const [y, m, d] = civilFromDays(l as number);
    const total = y * 12 + (m - 1) + (op === "+" ? (r as number) : -(r as number));
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12 + 1;
    return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
  }
  if (lt.kind === "date" && rt.kind === "daytime_interval" && (op === "+" || op === "-")) {
    const days = (r as bigint) / MICROS_PER_DAY;
    return op === "+" ? (l as number) + Number(days) : (l as number) - Number(days);
  }
  throw new Error(`unsupported arithmetic ${lt.kind} ${op} ${rt.kind}`);
}

/**
 * Evaluates `l op r` for non-null operands of types `lt`/`rt`, producing a value of
 * `result` type.
 */
export function evalArithmetic(
  op: ArithmeticOp,
  l: unknown,
  lt: DataType,
  r: unknown,
  rt: DataType,
  result: DataType,
  mode: EvalMode,
): unknown {
  if (lt.kind === "decimal" || rt.kind === "decimal") {
    if (result.kind === "decimal" || op === "div")
      return decimalArith(op, l, lt, r, rt, result, mode);
  }
  if (op === "/") {
    return fractional(op, toNumber(l), toNumber(r), false, mode);
  }
  if (op === "div") {
    const a = typeof l === "bigint" ? l : BigInt(Math.trunc(l as number));
    const b = typeof r === "bigint" ? r : BigInt(Math.trunc(r as number));
    if (b === 0n) return zeroDivisor(op, mode);
    const q = a / b;
    if (q > LONG_MAX) {
      if (mode === "ANSI") throw arithmeticOverflow("Overflow in integral divide", "try_divide");
      return mode === "TRY" ? null : BigInt.asIntN(64, q);
    }
    return q;
  }
  switch (result.kind) {
    case "byte":
    case "short":
    case "integer":
      return smallIntegral(op, l as number, r as number, result, mode);
    case "long":
      return longArith(
        op,
        typeof l === "bigint" ? l : BigInt(l as number),
        typeof r === "bigint" ? r : BigInt(r as number),
        mode,
      );
    case "float":
      return fractional(op, toNumber(l), toNumber(r), true, mode);
    case "double":
      return fractional(op, toNumber(l), toNumber(r), false, mode);
    default:
      return intervalArith(op, l, lt, r, rt, mode);
  }
}

/** `-x` for a non-null value of type `t`. */
export function evalNegate(v: unknown, t: DataType, mode: EvalMode): unknown {
  switch (t.kind) {
    case "byte":
    case "short":
    case "integer": {
      const x = v as number;
      const min = t.kind === "byte" ? -128 : t.kind === "short" ? -32768 : INT_MIN;
      if (x === min) {
        if (mode === "ANSI") throw arithmeticOverflow("overflow", null);
        return mode === "TRY" ? null : x;
      }
      return x === 0 ? 0 : -x;
    }
    case "long":
    case "daytime_interval": {
      const x = v as bigint;
      if (x === LONG_MIN) {
        if (mode === "ANSI") throw arithmeticOverflow("overflow", null);
        return mode === "TRY" ? null : x;
      }
      return -x;
    }
    case "decimal":
      return -(v as bigint);
    case "float":
    case "double":
      return -(v as number);
    case "yearmonth_interval": {
      const x = v as number;
      if (x === INT_MIN) {
        if (mode === "ANSI") throw arithmeticOverflow("overflow", null);
        return null;
      }
      return x === 0 ? 0 : -x;
    }
    default:
      throw new Error(`cannot negate ${t.kind}`);
  }
}
