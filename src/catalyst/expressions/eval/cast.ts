/**
 * CAST between Spark types over internal values, in the three evaluation modes:
 * ANSI raises CAST_INVALID_INPUT / CAST_OVERFLOW / NUMERIC_VALUE_OUT_OF_RANGE, TRY
 * returns null where ANSI would raise, LEGACY follows Spark's non-ANSI rules (Java
 * narrowing for integral overflow, null for malformed input).
 */
import {
  assertNever,
  type DataType,
  type DecimalType,
  type MapValue,
  type StructType,
} from "../../../types/data-types.ts";
import type { EvalMode } from "../expression.ts";
import { castToString } from "../format.ts";
import {
  floorDivBig,
  localToUtc,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  parseDate,
  parseTimestamp,
  parseTimestampNTZ,
  timestampToDate,
  utcToLocal,
} from "../values/datetime.ts";
import { parseDayTimeInterval, parseYearMonthInterval } from "../values/intervals.ts";
import {
  decimalToDouble,
  doubleToDecimalExact,
  fitsPrecision,
  parseDecimalText,
  pow10,
  rescale,
} from "../values/numbers.ts";
import { castInvalidInput, castOverflow, decimalOutOfRange } from "./errors.ts";

const utf8 = new TextEncoder();

/** Spark's UTF8String.trimAll: drops characters up to U+0020 at both ends. */
export function trimAll(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

interface IntRange {
  readonly bits: number;
  readonly min: bigint;
  readonly max: bigint;
}

const RANGES: Readonly<Record<"byte" | "short" | "integer" | "long", IntRange>> = {
  byte: { bits: 8, min: -128n, max: 127n },
  short: { bits: 16, min: -32768n, max: 32767n },
  integer: { bits: 32, min: -2147483648n, max: 2147483647n },
  long: { bits: 64, min: -9223372036854775808n, max: 9223372036854775807n },
};

type IntegralKind = keyof typeof RANGES;

function fromBig(x: bigint, to: IntegralKind): number | bigint {
  return to === "long" ? x : Number(x);
}

function wrap(x: bigint, to: IntegralKind): number | bigint {
  const w = BigInt.asIntN(RANGES[to].bits, x);
  return fromBig(w, to);
}

const TWO_POW_63 = 2 ** 63;

/** Java's (long) of a double: NaN -> 0, saturating at the long range. */
function javaDoubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= TWO_POW_63) return RANGES.long.max;
  if (d <= -TWO_POW_63) return RANGES.long.min;
  return BigInt(Math.trunc(d));
}

/** Java's (int) of a double. */
function javaDoubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d);
}

/** A cast in progress: where it goes, how it fails. */
interface CastEnv {
  readonly mode: EvalMode;
  readonly zone: string;
}

const envs = new Map<EvalMode, Map<string, CastEnv>>();

/** One shared settings object per (mode, zone): casts allocate nothing per value. */
function envFor(mode: EvalMode, zone: string): CastEnv {
  let byZone = envs.get(mode);
  if (!byZone) {
    byZone = new Map();
    envs.set(mode, byZone);
  }
  let env = byZone.get(zone);
  if (!env) {
    env = { mode, zone };
    byZone.set(zone, env);
  }
  return env;
}

function fail(env: CastEnv, err: () => Error): null {
  if (env.mode === "ANSI") throw err();
  return null;
}

const INTEGRAL_TYPES: Readonly<Record<IntegralKind, DataType>> = {
  byte: { kind: "byte" },
  short: { kind: "short" },
  integer: { kind: "integer" },
  long: { kind: "long" },
};

function checkBig(x: bigint, v: unknown, from: DataType, to: IntegralKind, env: CastEnv): unknown {
  const r = RANGES[to];
  if (x >= r.min && x <= r.max) return fromBig(x, to);
  if (env.mode === "LEGACY") return wrap(x, to);
  return fail(env, () => castOverflow(v, from, INTEGRAL_TYPES[to]));
}

function checkNumber(x: number, from: DataType, to: IntegralKind, env: CastEnv): unknown {
  if (to === "long") return BigInt(x);
  const r = RANGES[to];
  if (x >= Number(r.min) && x <= Number(r.max)) return x;
  return checkBig(BigInt(x), x, from, to, env);
}

function toIntegral(v: unknown, from: DataType, to: IntegralKind, env: CastEnv): unknown {
  const target = INTEGRAL_TYPES[to];
  const r = RANGES[to];
  switch (from.kind) {
    case "byte":
    case "short":
    case "integer":
      return checkNumber(v as number, from, to, env);
    case "long":
      return checkBig(v as bigint, v, from, to, env);
    case "boolean":
      return fromBig(v ? 1n : 0n, to);
    case "float":
    case "double": {
      const d = v as number;
      if (env.mode === "LEGACY") {
        if (to === "long") return javaDoubleToLong(d);
        return wrap(BigInt(javaDoubleToInt(d)), to);
      }
      if (!Number.isFinite(d)) return fail(env, () => castOverflow(v, from, target));
      if (to === "long") {
        // Spark compares with Long.MaxValue as a double (2^63), then saturates.
        if (Math.floor(d) <= TWO_POW_63 && Math.ceil(d) >= -TWO_POW_63) return javaDoubleToLong(d);
        return fail(env, () => castOverflow(v, from, target));
      }
      const t = Math.trunc(d);
      if (t < Number(r.min) - 1 || t > Number(r.max) + 1) {
        return fail(env, () => castOverflow(v, from, target));
      }
      const bt = BigInt(t);
      if (bt < r.min || bt > r.max) return fail(env, () => castOverflow(v, from, target));
      return fromBig(bt, to);
    }
    case "decimal": {
      const x = (v as bigint) / pow10(from.scale);
      return checkBig(x, v, from, to, env);
    }
    case "string": {
      const s = trimAll(v as string);
      const m = /^([+-]?\d+)(\.\d*)?$/.exec(s);
      if (!m || (m[2] !== undefined && env.mode !== "LEGACY")) {
        return fail(env, () => castInvalidInput(v, from, target));
      }
      const x = BigInt(m[1] ?? "0");
      if (x < r.min || x > r.max) return fail(env, () => castInvalidInput(v, from, target));
      return fromBig(x, to);
    }
    case "timestamp":
      return checkBig(floorDivBig(v as bigint, MICROS_PER_SECOND), v, from, to, env);
    case "date":
      return env.mode === "LEGACY" ? null : fail(env, () => castInvalidInput(v, from, target));
    case "daytime_interval":
      return checkBig((v as bigint) / dayTimeUnit(from.endField), v, from, to, env);
    case "yearmonth_interval":
      return checkBig(
        BigInt(from.endField === 0 ? Math.trunc((v as number) / 12) : (v as number)),
        v,
        from,
        to,
        env,
      );
    default:
      return unsupported(from, target);
  }
}

function dayTimeUnit(field: number): bigint {
  return [MICROS_PER_DAY, 3_600_000_000n, 60_000_000n, MICROS_PER_SECOND][field] ?? 1n;
}

function unsupported(from: DataType, to: DataType): never {
  throw new Error(`cast from ${from.kind} to ${to.kind} is not supported`);
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;

/** Java's Double.parseDouble plus Spark's special literals; null when malformed. */
export function parseDouble(text: string): number | null {
  const s = trimAll(text);
  if (FLOAT_RE.test(s)) {
    const last = s.charCodeAt(s.length - 1);
    return Number(last >= 0x40 ? s.slice(0, -1) : s);
  }
  switch (s.toLowerCase()) {
    case "nan":
    case "+nan":
    case "-nan":
      return Number.NaN;
    case "inf":
    case "+inf":
    case "infinity":
    case "+infinity":
      return Number.POSITIVE_INFINITY;
    case "-inf":
    case "-infinity":
      return Number.NEGATIVE_INFINITY;
    default:
      return null;
  }
}

function toFractional(v: unknown, from: DataType, to: "float" | "double", env: CastEnv): unknown {
  const round = to === "float" ? Math.fround : (x: number): number => x;
  switch (from.kind) {
    case "byte":
    case "short":
    case "integer":
    case "float":
    case "double":
      return round(v as number);
    case "long":
      return round(Number(v as bigint));
    case "boolean":
      return v ? 1 : 0;
    case "decimal":
      return round(decimalToDouble(v as bigint, from.scale));
    case "string": {
      const d = parseDouble(v as string);
      if (d === null) return fail(env, () => castInvalidInput(v, from, { kind: to }));
      return round(d);
    }
    case "timestamp":
      return round(Number(v as bigint) / 1e6);
    case "date":
      return env.mode === "LEGACY"
        ? null
        : fail(env, () => castInvalidInput(v, from, { kind: to }));
    default:
      return unsupported(from, { kind: to });
  }
}

/** Fits an exact decimal value to `to`, rounding HALF_UP; null/raise when too wide. */
export function toPrecision(
  unscaled: bigint,
  scale: number,
  to: DecimalType,
  mode: EvalMode,
): bigint | null {
  const r = rescale(unscaled, scale, to.scale);
  if (fitsPrecision(r, to.precision)) return r;
  if (mode === "ANSI") throw decimalOutOfRange(unscaled, scale, to.precision, to.scale);
  return null;
}

function toDecimal(v: unknown, from: DataType, to: DecimalType, env: CastEnv): unknown {
  switch (from.kind) {
    case "byte":
    case "short":
    case "integer":
      return toPrecision(BigInt(v as number), 0, to, env.mode);
    case "long":
      return toPrecision(v as bigint, 0, to, env.mode);
    case "boolean":
      return toPrecision(v ? 1n : 0n, 0, to, env.mode);
    case "decimal":
      return toPrecision(v as bigint, from.scale, to, env.mode);
    case "float":
    case "double": {
      const d = v as number;
      if (!Number.isFinite(d)) return null;
      const x = doubleToDecimalExact(from.kind === "float" ? Number(String(d)) : d);
      return toPrecision(x.unscaled, x.scale, to, env.mode);
    }
    case "string": {
      const x = parseDecimalText(trimAll(v as string));
      if (!x) return fail(env, () => castInvalidInput(v, from, to));
      return toPrecision(x.unscaled, x.scale, to, env.mode);
    }
    case "timestamp": {
      const d = Number(v as bigint) / 1e6;
      const x = doubleToDecimalExact(d);
      return toPrecision(x.unscaled, x.scale, to, env.mode);
    }
    case "daytime_interval": {
      const unit = dayTimeUnit(from.endField);
      return toPrecision(v as bigint, 0, to, env.mode) === null
        ? null
        : toPrecision(((v as bigint) * pow10(6)) / unit, 6, to, env.mode);
    }
    case "yearmonth_interval":
      return toPrecision(
        BigInt(from.endField === 0 ? Math.trunc((v as number) / 12) : (v as number)),
        0,
        to,
        env.mode,
      );
    case "date":
      return env.mode === "LEGACY" ? null : fail(env, () => castInvalidInput(v, from, to));
    default:
      return unsupported(from, to);
  }
}

const TRUE_STRINGS = new Set(["t", "true", "y", "yes", "1"]);
const FALSE_STRINGS = new Set(["f", "false", "n", "no", "0"]);

function toBoolean(v: unknown, from: DataType, env: CastEnv): unknown {
  switch (from.kind) {
    case "byte":
    case "short":
    case "integer":
    case "float":
    case "double":
      return (v as number) !== 0;
    case "long":
    case "decimal":
    case "timestamp":
      return (v as bigint) !== 0n;
    case "string": {
      const s = trimAll(v as string).toLowerCase();
      if (TRUE_STRINGS.has(s)) return true;
      if (FALSE_STRINGS.has(s)) return false;
      return fail(env, () => castInvalidInput(v, from, { kind: "boolean" }));
    }
    case "date":
      return null;
    default:
      return unsupported(from, { kind: "boolean" });
  }
}

function toTimestamp(v: unknown, from: DataType, env: CastEnv): unknown {
  const target: DataType = { kind: "timestamp" };
  switch (from.kind) {
    case "string": {
      const t = parseTimestamp(v as string, env.zone);
      return t === null ? fail(env, () => castInvalidInput(v, from, target)) : t;
    }
    case "date":
      return localToUtc(BigInt(v as number) * MICROS_PER_DAY, env.zone);
    case "timestamp_ntz":
      return localToUtc(v as bigint, env.zone);
    case "boolean":
      return v ? 1n : 0n;
    case "byte":
    case "short":
    case "integer":
      return BigInt(v as number) * MICROS_PER_SECOND;
    case "long": {
      const x = (v as bigint) * MICROS_PER_SECOND;
      if (x > RANGES.long.max || x < RANGES.long.min) {
        return fail(env, () => castOverflow(v, from, target));
      }
      return x;
    }
    case "float":
    case "double": {
      const d = v as number;
      if (!Number.isFinite(d)) return fail(env, () => castOverflow(v, from, target));
      return BigInt(Math.trunc(d * 1e6));
    }
    case "decimal": {
      const x = ((v as bigint) * MICROS_PER_SECOND) / pow10(from.scale);
      return x;
    }
    default:
      return unsupported(from, target);
  }
}

function toTimestampNTZ(v: unknown, from: DataType, env: CastEnv): unknown {
  switch (from.kind) {
    case "string": {
      const t = parseTimestampNTZ(v as string);
      return t === null ? fail(env, () => castInvalidInput(v, from, { kind: "timestamp_ntz" })) : t;
    }
    case "date":
      return BigInt(v as number) * MICROS_PER_DAY;
    case "timestamp":
      return utcToLocal(v as bigint, env.zone);
    default:
      return unsupported(from, { kind: "timestamp_ntz" });
  }
}

function toDate(v: unknown, from: DataType, env: CastEnv): unknown {
  switch (from.kind) {
    case "string": {
      const d = parseDate(v as string);
      return d === null ? fail(env, () => castInvalidInput(v, from, { kind: "date" })) : d;
    }
    case "timestamp":
      return timestampToDate(v as bigint, env.zone);
    case "timestamp_ntz":
      return Number(floorDivBig(v as bigint, MICROS_PER_DAY));
    default:
      return unsupported(from, { kind: "date" });
  }
}

function toBinary(v: unknown, from: DataType): unknown {
  switch (from.kind) {
    case "string":
      return utf8.encode(v as string);
    case "byte":
    case "short":
    case "integer":
    case "long": {
      const bytes = RANGES[from.kind].bits / 8;
      let x = BigInt.asUintN(bytes * 8, typeof v === "bigint" ? v : BigInt(v as number));
      const out = new Uint8Array(bytes);
      for (let i = bytes - 1; i >= 0; i--) {
        out[i] = Number(x & 0xffn);
        x >>= 8n;
      }
      return out;
    }
    default:
      return unsupported(from, { kind: "binary" });
  }
}

function toInterval(v: unknown, from: DataType, to: DataType, env: CastEnv): unknown {
  if (from.kind === "string") {
    const parsed =
      to.kind === "daytime_interval"
        ? parseDayTimeInterval(v as string, to)
        : to.kind === "yearmonth_interval"
          ? parseYearMonthInterval(v as string, to)
          : null;
    return parsed === null ? fail(env, () => castInvalidInput(v, from, to)) : parsed;
  }
  if (to.kind === "daytime_interval") {
    const unit = dayTimeUnit(to.endField);
    switch (from.kind) {
      case "daytime_interval":
        return ((v as bigint) / dayTimeUnit(to.endField)) * dayTimeUnit(to.endField);
      case "byte":
      case "short":
      case "integer":
        return BigInt(v as number) * unit;
      case "long":
        return (v as bigint) * unit;
      case "decimal":
        return ((v as bigint) * unit) / pow10(from.scale);
      default:
        break;
    }
  } else if (to.kind === "yearmonth_interval") {
    const unit = to.endField === 0 ? 12 : 1;
    switch (from.kind) {
      case "yearmonth_interval":
        return to.endField === 0 ? Math.trunc((v as number) / 12) * 12 : v;
      case "byte":
      case "short":
      case "integer":
        return (v as number) * unit;
      case "long":
        return Number(v as bigint) * unit;
      case "decimal":
        return Math.trunc(decimalToDouble(v as bigint, from.scale) * unit);
      default:
        break;
    }
  }
  return fail(env, () => castInvalidInput(v, from, to));
}

/**
 * Casts a non-null internal value of type `from` to type `to`. Returns null where the
 * mode says so (TRY on any failure, LEGACY on malformed input). `zone` is the session
 * time zone for casts between strings, dates and timestamps.
 */
export function castValue(
  v: unknown,
  from: DataType,
  to: DataType,
  mode: EvalMode,
  zone: string,
): unknown {
  if (v === null || v === undefined) return null;
  if (
    from.kind === to.kind &&
    from.kind !== "decimal" &&
    from.kind !== "array" &&
    from.kind !== "map" &&
    from.kind !== "struct" &&
    from.kind !== "daytime_interval" &&
    from.kind !== "yearmonth_interval"
  ) {
    return v;
  }
  const env = envFor(mode, zone);
  try {
    return castWith(v, from, to, env);
  } catch (e) {
    if (mode === "TRY") return null;
    throw e;
  }
}

function castWith(v: unknown, from: DataType, to: DataType, env: CastEnv): unknown {
  if (from.kind === "null") return null;
  switch (to.kind) {
    case "byte":
    case "short":
    case "integer":
    case "long":
      return toIntegral(v, from, to.kind, env);
    case "float":
    case "double":
      return toFractional(v, from, to.kind, env);
    case "decimal":
      return toDecimal(v, from, to, env);
    case "boolean":
      return toBoolean(v, from, env);
    case "string":
      return castToString(v, from, env.zone);
    case "binary":
      return toBinary(v, from);
    case "date":
      return toDate(v, from, env);
    case "timestamp":
      return toTimestamp(v, from, env);
    case "timestamp_ntz":
      return toTimestampNTZ(v, from, env);
    case "daytime_interval":
    case "yearmonth_interval":
      return toInterval(v, from, to, env);
    case "array": {
      if (from.kind !== "array") return unsupported(from, to);
      const a = v as readonly unknown[];
      const out = new Array<unknown>(a.length);
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        out[i] =
          x === null || x === undefined ? null : castWith(x, from.elementType, to.elementType, env);
      }
      return out;
    }
    case "map": {
      if (from.kind !== "map") return unsupported(from, to);
      const m = v as MapValue;
      const keys = m.keys.map((k) => castWith(k, from.keyType, to.keyType, env));
      const values = m.values.map((x) =>
        x === null || x === undefined ? null : castWith(x, from.valueType, to.valueType, env),
      );
      return { keys, values };
    }
    case "struct": {
      if (from.kind !== "struct") return unsupported(from, to);
      return castStruct(v as readonly unknown[], from, to, env);
    }
    case "null":
      return null;
    default:
      return assertNever(to, "data type");
  }
}

function castStruct(
  s: readonly unknown[],
  from: StructType,
  to: StructType,
  env: CastEnv,
): unknown[] {
  const out = new Array<unknown>(to.fields.length);
  for (let i = 0; i < to.fields.length; i++) {
    const f = from.fields[i];
    const t = to.fields[i];
    const x = s[i];
    out[i] =
      x === null || x === undefined || !f || !t ? null : castWith(x, f.dataType, t.dataType, env);
  }
  return out;
}
