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

function integral(s: string, min: bigint, max: bigint): bigint {
  if (!INT_RE.test(s)) throw BAD;
  const v = BigInt(s);
  if (v < min || v > max) throw BAD;
  return v;
}

function fractional(s: string, o: TextValueOptions): number {
  if (s === o.nanValue) return Number.NaN;
  if (s === o.positiveInf) return Number.POSITIVE_INFINITY;
  if (s === o.negativeInf) return Number.NEGATIVE_INFINITY;
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
      return (s) => Number(integral(s, -128n, 127n));
    case "short":
      return (s) => Number(integral(s, -32768n, 32767n));
    case "integer":
      return (s) => Number(integral(s, -2147483648n, 2147483647n));
    case "long":
      return (s) => integral(s, -9223372036854775808n, 9223372036854775807n);
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
        const d = parseDecimalText(s.replace(/,/g, ""));
        if (d === null) throw BAD;
        let u = d.unscaled;
        if (d.scale > t.scale) {
          const div = pow10(d.scale - t.scale);
          const q = u / div;
          const r = u % div;
          u = q + (2n * (r < 0n ? -r : r) >= div ? (u < 0n ? -1n : 1n) : 0n);
        } else u *= pow10(t.scale - d.scale);
        if (!fitsPrecision(u, t.precision)) throw BAD;
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
      return (s) => {
        const d = parseDate(s);
        if (d === null) throw BAD;
        return d;
      };
    }
    case "timestamp": {
      const pattern = o.timestampFormat;
      if (pattern !== undefined) return (s) => patternMicros(s, pattern, o.timeZone);
      return (s) => {
        const v = parseTimestamp(s, o.timeZone);
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
