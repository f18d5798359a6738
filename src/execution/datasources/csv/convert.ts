/**
 * Text to typed values for CSV fields (Spark's UnivocityParser converters). A converter
 * throws BadValue when the text is not a value of the type; the caller turns that into a
 * malformed record.
 */
import { parseDouble } from "../../../catalyst/expressions/eval/cast.ts";
import {
  localToUtc,
  MICROS_PER_DAY,
  parseDate,
  parseTimestamp,
  parseTimestampNTZ,
} from "../../../catalyst/expressions/values/datetime.ts";
import {
  fitsPrecision,
  parseDecimalText,
  pow10,
} from "../../../catalyst/expressions/values/numbers.ts";
import { parseWithPattern } from "../../../catalyst/functions/datetime-pattern.ts";
import { FlintError } from "../../../errors/index.ts";
import type { DataType } from "../../../types/data-types.ts";
import { typeSql } from "../../../types/data-types.ts";

export class BadValue extends Error {}

const BAD = new BadValue("bad value");
const INT_RE = /^[+-]?\d+$/;

export interface TextValueOptions {
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  readonly timeZone: string;
}

/** A small decimal integer (at most 9 digits, optional sign) as a number, or undefined. */
function smallInt(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 10) return undefined;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
    if (n === 1) return undefined;
  } else if (n > 9) return undefined;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

function integral(s: string, min: bigint, max: bigint): bigint {
  if (!INT_RE.test(s)) throw BAD;
  const v = BigInt(s);
  if (v < min || v > max) throw BAD;
  return v;
}

function smallIntegral(s: string, min: number, max: number): number {
  const v = smallInt(s);
  if (v !== undefined) {
    if (v < min || v > max) throw BAD;
    return v;
  }
  return Number(integral(s, BigInt(min), BigInt(max)));
}

/** Memoizes a text parser over recent distinct texts (dates and timestamps repeat). */
function memo<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const v = f(s);
    if (cache.size >= 4096) cache.clear();
    cache.set(s, v);
    return v;
  };
}

const PLAIN_NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function fractional(s: string, o: TextValueOptions): number {
  if (s === o.nanValue) return Number.NaN;
  if (s === o.positiveInf) return Number.POSITIVE_INFINITY;
  if (s === o.negativeInf) return Number.NEGATIVE_INFINITY;
  if (PLAIN_NUMBER_RE.test(s)) return Number(s);
  const v = parseDouble(s);
  if (v === null || (Number.isNaN(v) && s !== "NaN")) throw BAD;
  return v;
}

/** Micros of a pattern-parsed text: its own offset if it had one, else the zone's. */
export function patternMicros(text: string, pattern: string, zone: string): bigint {
  try {
    const f = parseWithPattern(text, pattern);
    return f.offsetSeconds !== null
      ? f.local - BigInt(f.offsetSeconds) * 1_000_000n
      : localToUtc(f.local, zone);
  } catch {
    throw BAD;
  }
}

/** A converter from a field's text to the internal value of `t`. */
export function textConverter(
  t: DataType,
  o: TextValueOptions,
  format: string,
  column: string,
): (s: string) => unknown {
  switch (t.kind) {
    case "byte":
      return (s) => smallIntegral(s, -128, 127);
    case "short":
      return (s) => smallIntegral(s, -32768, 32767);
    case "integer":
      return (s) => smallIntegral(s, -2147483648, 2147483647);
    case "long":
      return (s) => {
        const v = smallInt(s);
        return v !== undefined
          ? BigInt(v)
          : integral(s, -9223372036854775808n, 9223372036854775807n);
      };
    case "float":
      return (s) => Math.fround(fractional(s, o));
    case "double":
      return (s) => fractional(s, o);
    case "boolean":
      return (s) => {
        const l = s.toLowerCase();
        if (l === "true") return true;
        if (l === "false") return false;
        throw BAD;
      };
    case "decimal":
      return (s) => {
        const u = decimalFromText(s.replace(/,/g, ""), t);
        if (u === null) throw BAD;
        return u;
      };
    case "string":
      return (s) => s;
    case "binary":
      return (s) => new Uint8Array(Buffer.from(s, "utf8"));
    case "date": {
      const pattern = o.dateFormat;
      if (pattern !== undefined) {
        return (s) => {
          const micros = patternMicros(s, pattern, "UTC");
          return Number(
            (micros - (((micros % MICROS_PER_DAY) + MICROS_PER_DAY) % MICROS_PER_DAY)) /
              MICROS_PER_DAY,
          );
        };
      }
      const parse = memo(parseDate);
      return (s) => {
        const d = parse(s);
        if (d === null) throw BAD;
        return d;
      };
    }
    case "timestamp": {
      const pattern = o.timestampFormat;
      if (pattern !== undefined) return (s) => patternMicros(s, pattern, o.timeZone);
      const parse = memo((s: string) => parseTimestamp(s, o.timeZone));
      return (s) => {
        const v = parse(s);
        if (v === null) throw BAD;
        return v;
      };
    }
    case "timestamp_ntz": {
      const pattern = o.timestampNTZFormat;
      if (pattern !== undefined) return (s) => patternMicros(s, pattern, "UTC");
      return (s) => {
        const v = parseTimestampNTZ(s);
        if (v === null) throw BAD;
        return v;
      };
    }
    default:
      throw new FlintError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", {
        columnName: `\`${column}\``,
        columnType: `"${typeSql(t)}"`,
        format,
      });
  }
}

/**
 * A decimal written as text (`12.345`, `1e3`) as the unscaled value of `t`, rounded half
 * up to its scale; null when it is not a number or does not fit the precision.
 */
export function decimalFromText(
  text: string,
  t: { readonly precision: number; readonly scale: number },
): bigint | null {
  const d = parseDecimalText(text);
  if (d === null) return null;
  let u = d.unscaled;
  if (d.scale > t.scale) {
    const div = pow10(d.scale - t.scale);
    const q = u / div;
    const r = u % div;
    u = q + (2n * (r < 0n ? -r : r) >= div ? (u < 0n ? -1n : 1n) : 0n);
  } else u *= pow10(t.scale - d.scale);
  return fitsPrecision(u, t.precision) ? u : null;
}
