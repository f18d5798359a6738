/**
 * Literal typing, as Spark's AstBuilder types constants: integers are int when they fit,
 * else bigint, else decimal; `L S Y` suffixes force bigint/smallint/tinyint; numbers
 * with a fraction are exact decimals, with an exponent doubles; `D F BD` force double,
 * float, decimal. Typed literals (`DATE '..'`, `TIMESTAMP '..'`, `X'..'`, `INTERVAL ..`)
 * become values in the internal representation of `types/`.
 */
import type { Literal } from "../catalyst/expressions/expression.ts";
import { literal } from "../catalyst/expressions/factories.ts";
import { FlintError, type QueryContext } from "../errors/index.ts";
import {
  BinaryT,
  ByteT,
  DateT,
  DoubleT,
  dayTimeIntervalType,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  MAX_DECIMAL_PRECISION,
  ShortT,
  TimestampNTZT,
  TimestampT,
  yearMonthIntervalType,
} from "../types/data-types.ts";

const RANGES = {
  Y: { type: ByteT, name: "tinyint", min: -128n, max: 127n },
  S: { type: ShortT, name: "smallint", min: -32768n, max: 32767n },
  L: { type: LongT, name: "bigint", min: -(2n ** 63n), max: 2n ** 63n - 1n },
} as const;

function outOfRange(raw: string, r: (typeof RANGES)[keyof typeof RANGES], ctx: QueryContext) {
  return new FlintError(
    "INVALID_NUMERIC_LITERAL_RANGE",
    {
      rawStrippedQualifier: raw,
      minValue: String(r.min),
      maxValue: String(r.max),
      typeName: r.name,
    },
    { context: ctx },
  );
}

/** A decimal literal from its digits: unscaled value, precision, scale (Spark's rules). */
function decimalLiteral(text: string, ctx: QueryContext): Literal {
  let mantissa = text;
  let exp = 0;
  const e = text.search(/[eE]/);
  if (e >= 0) {
    mantissa = text.slice(0, e);
    exp = Number.parseInt(text.slice(e + 1), 10);
  }
  const neg = mantissa.startsWith("-");
  if (neg) mantissa = mantissa.slice(1);
  const dot = mantissa.indexOf(".");
  const intPart = dot >= 0 ? mantissa.slice(0, dot) : mantissa;
  const frac = dot >= 0 ? mantissa.slice(dot + 1) : "";
  let digits = (intPart + frac).replace(/^0+(?=\d)/, "");
  let scale = frac.length - exp;
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  const unscaled = BigInt(digits === "" ? "0" : digits);
  const significant = unscaled === 0n ? 1 : unscaled.toString().length;
  const precision = Math.max(significant, scale);
  if (precision > MAX_DECIMAL_PRECISION) {
    throw new FlintError(
      "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
      { maxPrecision: String(MAX_DECIMAL_PRECISION), precision: String(precision) },
      { context: ctx },
    );
  }
  return literal(neg ? -unscaled : unscaled, decimalType(precision, scale));
}

function floatRange(raw: string, typeName: "float" | "double", ctx: QueryContext): FlintError {
  const max = typeName === "float" ? "3.4028234663852886E+38" : "1.7976931348623157E+308";
  return new FlintError(
    "INVALID_NUMERIC_LITERAL_RANGE",
    { rawStrippedQualifier: raw, minValue: `-${max}`, maxValue: max, typeName },
    { context: ctx },
  );
}

function checkFinite(v: number, raw: string, typeName: "double", ctx: QueryContext): number {
  if (!Number.isFinite(v)) throw floatRange(raw, typeName, ctx);
  return v;
}

/** Types a numeric token (with an optional leading minus already folded into `text`). */
export function numericLiteral(text: string, ctx: QueryContext): Literal {
  const upper = text.toUpperCase();
  if (upper.endsWith("BD")) return decimalLiteral(text.slice(0, -2), ctx);
  const last = upper[upper.length - 1] ?? "";
  const body = text.slice(0, -1);
  if (last === "D") return literal(checkFinite(Number(body), body, "double", ctx), DoubleT);
  if (last === "F") {
    const v = Number(body);
    if (Math.abs(v) > 3.4028234663852886e38) throw floatRange(body, "float", ctx);
    return literal(Math.fround(v), FloatT);
  }
  if (last === "L" || last === "S" || last === "Y") {
    const r = RANGES[last];
    const v = BigInt(body);
    if (v < r.min || v > r.max) throw outOfRange(body, r, ctx);
    return literal(last === "L" ? v : Number(v), r.type);
  }
  if (/[eE]/.test(text)) return literal(checkFinite(Number(text), text, "double", ctx), DoubleT);
  if (text.includes(".")) return decimalLiteral(text, ctx);
  const v = BigInt(text);
  if (v >= -2147483648n && v <= 2147483647n) return literal(Number(v), IntegerT);
  if (v >= RANGES.L.min && v <= RANGES.L.max) return literal(v, LongT);
  return decimalLiteral(text, ctx);
}

function invalidTyped(valueType: string, value: string, ctx: QueryContext): FlintError {
  return new FlintError(
    "INVALID_TYPED_LITERAL",
    { valueType: `"${valueType}"`, value: `'${value}'` },
    { context: ctx },
  );
}

const DAY_MS = 86400000;

/** Days since the epoch of a proleptic Gregorian date. */
function epochDay(y: number, m: number, d: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.floor(dt.getTime() / DAY_MS);
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31];
  const days = [...dim, 31, 30, 31, 30, 31][m - 1] ?? 31;
  return d <= days;
}

/** `DATE 'yyyy[-m[-d]]'` (trailing time part ignored, as Spark's stringToDate). */
/** Today's date (days since the epoch) in `timeZone`. */
function today(timeZone: string): number {
  const now = Date.now();
  return Math.floor((now + (zoneOffsetMinutes(timeZone, now) ?? 0) * 60000) / DAY_MS);
}

/** Spark's special date strings: `epoch`, `today`, `yesterday`, `tomorrow`. */
function specialDate(value: string, timeZone: string): number | undefined {
  switch (value.trim().toLowerCase()) {
    case "epoch":
      return 0;
    case "today":
      return today(timeZone);
    case "yesterday":
      return today(timeZone) - 1;
    case "tomorrow":
      return today(timeZone) + 1;
    default:
      return undefined;
  }
}

export function dateLiteral(value: string, ctx: QueryContext, timeZone = "UTC"): Literal {
  const special = specialDate(value, timeZone);
  if (special !== undefined) return literal(special, DateT);
  // anything after a space or `T` is ignored, but only once the day is given
  const m = /^\s*([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ].*)?)?)?\s*$/.exec(value);
  if (!m) throw invalidTyped("DATE", value, ctx);
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  if (!validDate(y, mo, d)) throw invalidTyped("DATE", value, ctx);
  return literal(epochDay(y, mo, d), DateT);
}

/** The offset in minutes of `zone` at the given UTC instant (`Z`, `+hh:mm`, or a region). */
function zoneOffsetMinutes(zone: string, utcMs: number): number | undefined {
  const z = zone.trim();
  if (z === "" || z === "Z" || /^(UTC|GMT|UT)$/i.test(z)) return 0;
  const fixed = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i.exec(z);
  if (fixed) {
    const sign = fixed[1] === "-" ? -1 : 1;
    return sign * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0) + Number(fixed[4] ?? 0) / 60);
  }
  try {
    const fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: z,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 60000);
  } catch {
    return undefined;
  }
}

/**
 * `TIMESTAMP '...'` / `TIMESTAMP_NTZ '...'`: microseconds since the epoch. A timestamp
 * without a zone is read in `timeZone` (LTZ) or as local wall time (NTZ).
 */
export function timestampLiteral(
  value: string,
  ntz: boolean,
  timeZone: string,
  ctx: QueryContext,
): Literal {
  const typeName = ntz ? "TIMESTAMP_NTZ" : "TIMESTAMP";
  const lower = value.trim().toLowerCase();
  const specialDay = specialDate(lower, timeZone);
  if (specialDay !== undefined || lower === "now") {
    // special values: `epoch`, `now`, and midnight of `today` / `yesterday` / `tomorrow`
    const wallMicros =
      lower === "now"
        ? BigInt(Date.now() + (ntz ? (zoneOffsetMinutes(timeZone, Date.now()) ?? 0) * 60000 : 0)) *
          1000n
        : BigInt(specialDay ?? 0) * 86400000000n;
    if (ntz || lower === "now" || lower === "epoch") {
      return literal(wallMicros, ntz ? TimestampNTZT : TimestampT);
    }
    const ms = Number(wallMicros / 1000n);
    const offset = zoneOffsetMinutes(timeZone, ms) ?? 0;
    return literal(wallMicros - BigInt(Math.round(offset * 60)) * 1000000n, TimestampT);
  }
  const parts = splitTimestamp(value.trim(), timeZone);
  if (!parts) throw invalidTyped(typeName, value, ctx);
  const { y, mo, d, h, mi, s, fraction, zone: zoneText } = parts;
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    throw invalidTyped(typeName, value, ctx);
  }
  const frac = fraction.padEnd(6, "0").slice(0, 6);
  const wall =
    BigInt(epochDay(y, mo, d)) * 86400000000n +
    BigInt(((h ?? 0) * 3600 + (mi ?? 0) * 60 + (s ?? 0)) * 1000000) +
    BigInt(frac === "" ? 0 : Number(frac));
  if (ntz) return literal(wall, TimestampNTZT);
  const zone = zoneText ?? timeZone;
  const wallMs = Number(wall / 1000n);
  let offset = zoneOffsetMinutes(zone, wallMs);
  if (offset === undefined) throw invalidTyped(typeName, value, ctx);
  // a second pass with the offset at the resulting instant handles DST transitions
  offset = zoneOffsetMinutes(zone, wallMs - offset * 60000) ?? offset;
  return literal(wall - BigInt(Math.round(offset * 60)) * 1000000n, TimestampT);
}

interface TimestampParts {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  readonly fraction: string;
  readonly zone: string | undefined;
}

const TIME_RE = /^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?/;
const ZONE_RE =
  /^(?:Z|[+-]\d{1,2}(?::?\d{2})?(?::?\d{2})?|(?:UTC|GMT|UT)(?:[+-]\d{1,2}(?::?\d{2})?(?::?\d{2})?)?|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)$/;

/**
 * The fields of a timestamp string in the forms Spark's `stringToTimestamp` accepts:
 * `yyyy[-m[-d]][( |T)h[:m[:s[.fraction]]]][zone]` or a time `[T]h:m[:s[.f]][zone]` (today).
 */
function splitTimestamp(text: string, timeZone: string): TimestampParts | undefined {
  let rest = text;
  let y: number;
  let mo = 1;
  let d = 1;
  const date = /^([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(rest);
  const timeOnly = /^T?\d{1,2}:/.test(rest) && !/^\d{4}/.test(rest);
  if (date && !timeOnly) {
    y = Number(date[1]);
    mo = date[2] ? Number(date[2]) : 1;
    d = date[3] ? Number(date[3]) : 1;
    rest = rest.slice(date[0].length);
    if (rest === "") return { y, mo, d, h: 0, mi: 0, s: 0, fraction: "", zone: undefined };
    if (rest[0] !== " " && rest[0] !== "T") return undefined;
    rest = rest.slice(1);
  } else if (timeOnly) {
    if (rest.startsWith("T")) rest = rest.slice(1);
    const today = new Date(Date.now() + (zoneOffsetMinutes(timeZone, Date.now()) ?? 0) * 60000);
    y = today.getUTCFullYear();
    mo = today.getUTCMonth() + 1;
    d = today.getUTCDate();
  } else return undefined;
  const time = TIME_RE.exec(rest);
  let h = 0;
  let mi = 0;
  let s = 0;
  let fraction = "";
  if (time) {
    h = Number(time[1]);
    mi = Number(time[2] ?? 0);
    s = Number(time[3] ?? 0);
    fraction = time[4] ?? "";
    rest = rest.slice(time[0].length);
  }
  const zoneText = rest.trim();
  if (zoneText === "") return { y, mo, d, h, mi, s, fraction, zone: undefined };
  if (!ZONE_RE.test(zoneText)) return undefined;
  return { y, mo, d, h, mi, s, fraction, zone: zoneText };
}

/** `X'0A1b'`: a binary literal (an odd number of digits gets a leading zero). */
export function binaryLiteral(hex: string, ctx: QueryContext): Literal {
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw invalidTyped("X", hex, ctx);
  const h = hex.length % 2 === 1 ? `0${hex}` : hex;
  const bytes = new Uint8Array(h.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return literal(bytes, BinaryT);
}

// ---------------------------------------------------------------------------------------
// Intervals

const UNIT_ORDER = ["YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"] as const;
type Unit = (typeof UNIT_ORDER)[number] | "MILLISECOND" | "MICROSECOND" | "NANOSECOND";

/** Normalizes `days`, `HOURS`, ... to a unit name, or undefined. */
export function intervalUnitOf(word: string): Unit | undefined {
  const u = word.toUpperCase();
  const s = u.endsWith("S") ? u.slice(0, -1) : u;
  const all: readonly string[] = [...UNIT_ORDER, "MILLISECOND", "MICROSECOND", "NANOSECOND"];
  return all.includes(s) ? (s as Unit) : undefined;
}

const MICROS: Readonly<Record<string, bigint>> = {
  WEEK: 7n * 86400000000n,
  DAY: 86400000000n,
  HOUR: 3600000000n,
  MINUTE: 60000000n,
  SECOND: 1000000n,
  MILLISECOND: 1000n,
  MICROSECOND: 1n,
};

/** Nanoseconds are accepted in interval literals and truncated to microseconds. */
const NANOS_PER_UNIT = 1000n;

const DT_FIELD: Readonly<Record<string, number>> = {
  WEEK: 0,
  DAY: 0,
  HOUR: 1,
  MINUTE: 2,
  SECOND: 3,
  MILLISECOND: 3,
  MICROSECOND: 3,
  NANOSECOND: 3,
};

/** Parses a decimal number string into micro-units of `unitMicros` (exact). */
function scaledValue(value: string, unitMicros: bigint): bigint | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(value);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const sign = m[1] === "-" ? -1n : 1n;
  const whole = BigInt(m[2] || "0") * unitMicros;
  const fracDigits = (m[3] ?? "").slice(0, 9).padEnd(9, "0");
  const frac = (BigInt(fracDigits) * unitMicros) / 1000000000n;
  return sign * (whole + frac);
}

/**
 * `INTERVAL <value> <unit> [<value> <unit> ...]`: year-month parts give a year-month
 * interval (months), day-time parts a day-time interval (microseconds); the type spans
 * the first to the last unit, as Spark's ANSI interval literals.
 */
export function multiUnitInterval(
  parts: readonly (readonly [string, string])[],
  input: string,
  ctx: QueryContext,
): Literal {
  let months = 0;
  let micros = 0n;
  let ymFields: number[] = [];
  let dtFields: number[] = [];
  for (const [value, unitWord] of parts) {
    const unit = intervalUnitOf(unitWord);
    if (!unit) {
      throw new FlintError(
        "INVALID_INTERVAL_FORMAT.INVALID_UNIT",
        { input, unit: unitWord },
        { context: ctx },
      );
    }
    if (unit === "YEAR" || unit === "MONTH") {
      if (!/^\s*[+-]?\d+\s*$/.test(value)) {
        throw new FlintError(
          "INVALID_INTERVAL_FORMAT.INVALID_VALUE",
          { input, value },
          { context: ctx },
        );
      }
      months += Number(value) * (unit === "YEAR" ? 12 : 1);
      ymFields = [...ymFields, unit === "YEAR" ? 0 : 1];
    } else {
      const v =
        unit === "NANOSECOND"
          ? ((x) => (x === undefined ? undefined : x / NANOS_PER_UNIT))(scaledValue(value, 1n))
          : scaledValue(value, MICROS[unit] ?? 1n);
      if (v === undefined) {
        throw new FlintError(
          "INVALID_INTERVAL_FORMAT.INVALID_VALUE",
          { input, value },
          { context: ctx },
        );
      }
      micros += v;
      dtFields = [...dtFields, DT_FIELD[unit] ?? 3];
    }
  }
  if (ymFields.length > 0 && dtFields.length > 0) {
    throw new FlintError("INVALID_INTERVAL_FORMAT", { input }, { context: ctx });
  }
  if (ymFields.length > 0) {
    return literal(months, yearMonthIntervalType(Math.min(...ymFields), Math.max(...ymFields)));
  }
  return literal(micros, dayTimeIntervalType(Math.min(...dtFields), Math.max(...dtFields)));
}

/** `INTERVAL '1 day 2 hours'`: the units are inside the string. */
export function stringInterval(value: string, ctx: QueryContext): Literal {
  const words = value
    .trim()
    .replace(/^interval\s+/i, "")
    .split(/\s+/)
    .filter((w) => w !== "");
  if (words.length === 0 || words.length % 2 !== 0) {
    throw new FlintError(
      "INVALID_TYPED_LITERAL",
      { valueType: '"INTERVAL"', value: `'${value}'` },
      {
        context: ctx,
      },
    );
  }
  const parts: (readonly [string, string])[] = [];
  for (let i = 0; i < words.length; i += 2) parts.push([words[i] ?? "", words[i + 1] ?? ""]);
  return multiUnitInterval(parts, value, ctx);
}

/** `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 02:03:04.5' DAY TO SECOND`, ... */
export function unitToUnitInterval(
  value: string,
  from: string,
  to: string,
  ctx: QueryContext,
): Literal {
  const f = intervalUnitOf(from);
  const t = intervalUnitOf(to);
  const input = value;
  const bad = (): FlintError =>
    new FlintError("INVALID_INTERVAL_FORMAT", { input }, { context: ctx });
  if (!f || !t) throw bad();
  let v = value.trim();
  let sign = 1n;
  if (v.startsWith("-")) {
    sign = -1n;
    v = v.slice(1);
  } else if (v.startsWith("+")) v = v.slice(1);
  if (f === "YEAR" && t === "MONTH") {
    const m = /^(\d+)-(\d+)$/.exec(v);
    if (!m || Number(m[2]) > 11) throw bad();
    return literal(Number(sign) * (Number(m[1]) * 12 + Number(m[2])), yearMonthIntervalType(0, 1));
  }
  const fi = DT_FIELD[f];
  const ti = DT_FIELD[t];
  if (fi === undefined || ti === undefined || fi >= ti || f === "WEEK") throw bad();
  // fields from `from` to `to`: day separated by a space, the others by colons
  const re = [/^(\d+)/, /(\d{1,2})/, /(\d{1,2})/, /(\d{1,2}(?:\.\d{1,9})?)/];
  const sep = [" ", ":", ":"];
  let pattern = "";
  for (let i = fi; i <= ti; i++) {
    const field = i === fi && i < 3 ? "(\\d+)" : (re[i]?.source.replace("^", "") ?? "");
    pattern +=
      (i > fi ? sep[i - 1] : "") + (i === fi && i === 3 ? "(\\d+(?:\\.\\d{1,9})?)" : field);
  }
  const m = new RegExp(`^${pattern}$`).exec(v);
  if (!m) throw bad();
  let micros = 0n;
  const units = [MICROS.DAY ?? 0n, MICROS.HOUR ?? 0n, MICROS.MINUTE ?? 0n, MICROS.SECOND ?? 0n];
  for (let i = fi; i <= ti; i++) {
    const part = m[i - fi + 1] ?? "0";
    if (i > fi && i < 3 && Number(part) > (i === 1 ? 23 : 59)) throw bad();
    micros += scaledValue(part, units[i] ?? 1n) ?? 0n;
  }
  return literal(sign * micros, dayTimeIntervalType(fi, ti));
}
