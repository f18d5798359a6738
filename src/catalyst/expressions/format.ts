/**
 * Values as text, in the three forms Spark prints them:
 * - `castToString`: `CAST(x AS STRING)` (nested: `[1, null]`, `{a -> 1}`, `{1, null}`);
 * - `toShowString`: `DataFrame.show()` cells (as the cast, but null is `NULL` and binary hex);
 * - `toHiveString`: `spark-sql` / golden-file output (`NULL`, `[1,null]`, `{"a":1}`,
 *   strings quoted inside collections, map entries sorted).
 * Values use the internal representation (see `types/data-types.ts`).
 */
import { assertNever, type DataType, type MapValue } from "../../types/data-types.ts";
import { formatDate, formatLocalMicros, formatTimestamp } from "./values/datetime.ts";
import {
  dayTimeToAnsiString,
  dayTimeToHiveString,
  yearMonthToAnsiString,
  yearMonthToHiveString,
} from "./values/intervals.ts";
import { formatDecimal, formatDouble, formatFloat } from "./values/numbers.ts";

const utf8 = new TextDecoder("utf-8");

function hexBytes(b: Uint8Array): string {
  const parts: string[] = [];
  for (const x of b) parts.push(x.toString(16).toUpperCase().padStart(2, "0"));
  return `[${parts.join(" ")}]`;
}

type Style = "cast" | "show";

function toStringStyled(v: unknown, t: DataType, zone: string, style: Style): string {
  switch (t.kind) {
    case "null":
      return style === "show" ? "NULL" : "null";
    case "boolean":
      return v ? "true" : "false";
    case "byte":
    case "short":
    case "integer":
    case "long":
      return String(v);
    case "float":
      return formatFloat(v as number);
    case "double":
      return formatDouble(v as number);
    case "decimal":
      return formatDecimal(v as bigint, t.scale);
    case "string":
      return v as string;
    case "binary":
      return style === "show" ? hexBytes(v as Uint8Array) : utf8.decode(v as Uint8Array);
    case "date":
      return formatDate(v as number);
    case "timestamp":
      return formatTimestamp(v as bigint, zone);
    case "timestamp_ntz":
      return formatLocalMicros(v as bigint);
    case "daytime_interval":
      return dayTimeToAnsiString(v as bigint, t);
    case "yearmonth_interval":
      return yearMonthToAnsiString(v as number, t);
    case "array": {
      const a = v as readonly unknown[];
      const nul = style === "show" ? "NULL" : "null";
      let out = "[";
      for (let i = 0; i < a.length; i++) {
        if (i > 0) out += ", ";
        const x = a[i];
        out += x === null || x === undefined ? nul : toStringStyled(x, t.elementType, zone, style);
      }
      return `${out}]`;
    }
    case "map": {
      const m = v as MapValue;
      const nul = style === "show" ? "NULL" : "null";
      let out = "{";
      for (let i = 0; i < m.keys.length; i++) {
        if (i > 0) out += ", ";
        out += toStringStyled(m.keys[i], t.keyType, zone, style);
        out += " -> ";
        const x = m.values[i];
        out += x === null || x === undefined ? nul : toStringStyled(x, t.valueType, zone, style);
      }
      return `${out}}`;
    }
    case "struct": {
      const s = v as readonly unknown[];
      const nul = style === "show" ? "NULL" : "null";
      let out = "{";
      for (let i = 0; i < t.fields.length; i++) {
        if (i > 0) out += ", ";
        const x = s[i];
        const f = t.fields[i];
        out +=
          x === null || x === undefined || f === undefined
            ? nul
            : toStringStyled(x, f.dataType, zone, style);
      }
      return `${out}}`;
    }
    default:
      return assertNever(t, "data type");
  }
}

/** `CAST(value AS STRING)` of a non-null value of type `t`. */
export function castToString(value: unknown, t: DataType, timeZone = "UTC"): string {
  return toStringStyled(value, t, timeZone, "cast");
}

/** A `DataFrame.show()` cell (Spark 4 prints null as `NULL`, binary as `[AB CD]`). */
export function toShowString(value: unknown, t: DataType, timeZone = "UTC"): string {
  if (value === null || value === undefined) return "NULL";
  return toStringStyled(value, t, timeZone, "show");
}

function hive(v: unknown, t: DataType, nested: boolean, zone: string): string {
  if (v === null || v === undefined) return nested ? "null" : "NULL";
  switch (t.kind) {
    case "string":
      return nested ? `"${v as string}"` : (v as string);
    case "daytime_interval":
      return dayTimeToHiveString(v as bigint);
    case "yearmonth_interval":
      return yearMonthToHiveString(v as number);
    case "binary":
      return utf8.decode(v as Uint8Array);
    case "array": {
      const a = v as readonly unknown[];
      return `[${a.map((x) => hive(x, t.elementType, true, zone)).join(",")}]`;
    }
    case "map": {
      const m = v as MapValue;
      const entries = m.keys.map(
        (k, i) => `${hive(k, t.keyType, true, zone)}:${hive(m.values[i], t.valueType, true, zone)}`,
      );
      entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.join(",")}}`;
    }
    case "struct": {
      const s = v as readonly unknown[];
      return `{${t.fields.map((f, i) => `"${f.name}":${hive(s[i], f.dataType, true, zone)}`).join(",")}}`;
    }
    default:
      return toStringStyled(v, t, zone, "cast");
  }
}

/** Spark's `HiveResult.toHiveString`: how `spark-sql` and golden files print a value. */
export function toHiveString(value: unknown, t: DataType, timeZone = "UTC"): string {
  return hive(value, t, false, timeZone);
}
