/**
 * CSV schema inference as Spark's CSVInferSchema: each field's type is tried in the order
 * int, long, decimal (integers too large for a long), double, date (preferDate), timestamp,
 * boolean, string, starting from the type found so far; column types merge by Spark's
 * tightest common type plus the CSV rules. Columns with no
 * value are strings. Header names are de-duplicated as Spark does.
 */
import { parseDouble } from "../../../catalyst/expressions/eval/cast.ts";
import { parseTimestampParts } from "../../../catalyst/expressions/values/datetime.ts";
import { digitCount, parseDecimalText } from "../../../catalyst/expressions/values/numbers.ts";
import { parseWithPattern } from "../../../catalyst/functions/datetime-pattern.ts";
import {
  BooleanT,
  type DataType,
  DateT,
  DoubleT,
  decimalType,
  IntegerT,
  LongT,
  NullT,
  StringT,
  type StructType,
  structField,
  structType,
  TimestampT,
} from "../../../types/data-types.ts";
import type { CsvReadOptions } from "./options.ts";

const INT_RE = /^[+-]?\d+$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function tryPattern(s: string, pattern: string): boolean {
  try {
    parseWithPattern(s, pattern);
    return true;
  } catch {
    return false;
  }
}

export class CsvTypeInference {
  readonly #o: CsvReadOptions;
  constructor(o: CsvReadOptions) {
    this.#o = o;
  }

  inferField(soFar: DataType, field: string): DataType {
    if (field === "" || field === this.#o.nullValue) return soFar;
    let t: DataType;
    switch (soFar.kind) {
      case "null":
      case "integer":
        t = this.#int(field);
        break;
      case "long":
        t = this.#long(field);
        break;
      case "decimal":
        t = this.#decimal(field);
        break;
      case "double":
        t = this.#double(field);
        break;
      case "date":
        t = this.#date(field);
        break;
      case "timestamp":
      case "timestamp_ntz":
        t = this.#timestamp(field);
        break;
      case "boolean":
        t = this.#boolean(field);
        break;
      default:
        t = StringT;
    }
    return compatibleCsvType(soFar, t) ?? StringT;
  }

  #int(s: string): DataType {
    if (INT_RE.test(s)) {
      const v = BigInt(s);
      if (v >= -2147483648n && v <= 2147483647n) return IntegerT;
    }
    return this.#long(s);
  }
  #long(s: string): DataType {
    if (INT_RE.test(s)) {
      const v = BigInt(s);
      if (v >= -9223372036854775808n && v <= 9223372036854775807n) return LongT;
    }
    return this.#decimal(s);
  }
  #decimal(s: string): DataType {
    if (/^[+-]?(\d+)$/.test(s)) {
      const d = parseDecimalText(s);
      if (d !== null) {
        const p = digitCount(d.unscaled < 0n ? -d.unscaled : d.unscaled);
        if (p <= 38) return decimalType(Math.max(p, 1), 0);
      }
    }
    return this.#double(s);
  }
  #double(s: string): DataType {
    const o = this.#o;
    if (s === o.nanValue || s === o.positiveInf || s === o.negativeInf) return DoubleT;
    const v = parseDouble(s);
    if (v !== null && (!Number.isNaN(v) || s === "NaN") && (Number.isFinite(v) || /inf/i.test(s)))
      return DoubleT;
    return o.preferDate ? this.#date(s) : this.#timestamp(s);
  }
  #date(s: string): DataType {
    const f = this.#o.dateFormat;
    if (f === undefined ? DATE_RE.test(s) : tryPattern(s, f)) return DateT;
    return this.#timestamp(s);
  }
  #timestamp(s: string): DataType {
    const f = this.#o.timestampFormat;
    if (f === undefined ? parseTimestampParts(s) !== null : tryPattern(s, f)) return TimestampT;
    return this.#boolean(s);
  }
  #boolean(s: string): DataType {
    const l = s.toLowerCase();
    return l === "true" || l === "false" ? BooleanT : StringT;
  }
}

const RANK: Readonly<Record<string, number>> = { integer: 1, long: 2, double: 4 };

/** The common type of two inferred CSV types, or undefined (then string). */
export function compatibleCsvType(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === b.kind && a.kind !== "decimal") return a;
  if (a.kind === "string" || b.kind === "string") return StringT;
  // A date column meeting timestamps widens to timestamp (what pyspark 4 infers).
  if (a.kind === "date" && (b.kind === "timestamp" || b.kind === "timestamp_ntz")) return b;
  if (b.kind === "date" && (a.kind === "timestamp" || a.kind === "timestamp_ntz")) return a;
  const ra = RANK[a.kind];
  const rb = RANK[b.kind];
  if (ra !== undefined && rb !== undefined) return ra > rb ? a : b;
  if (a.kind === "decimal" || b.kind === "decimal") {
    if (a.kind === "double" || b.kind === "double") return DoubleT;
    const da =
      a.kind === "decimal"
        ? a
        : a.kind === "long"
          ? decimalType(20, 0)
          : a.kind === "integer"
            ? decimalType(10, 0)
            : undefined;
    const db =
      b.kind === "decimal"
        ? b
        : b.kind === "long"
          ? decimalType(20, 0)
          : b.kind === "integer"
            ? decimalType(10, 0)
            : undefined;
    if (da === undefined || db === undefined || da.kind !== "decimal" || db.kind !== "decimal")
      return undefined;
    const scale = Math.max(da.scale, db.scale);
    const range = Math.max(da.precision - da.scale, db.precision - db.scale);
    return range + scale > 38 ? DoubleT : decimalType(range + scale, scale);
  }
  if (
    (a.kind === "timestamp" && b.kind === "timestamp_ntz") ||
    (a.kind === "timestamp_ntz" && b.kind === "timestamp")
  )
    return TimestampT;
  return undefined;
}

/** Column names from a header record: blanks become `_c<i>`, duplicates get their index. */
export function headerNames(header: readonly string[], nullValue: string): string[] {
  const names = header.map((h, i) => (h === "" || h === nullValue ? `_c${i}` : h));
  const lower = names.map((n) => n.toLowerCase());
  return names.map((n, i) =>
    lower.indexOf(lower[i] as string) !== lower.lastIndexOf(lower[i] as string) ? `${n}${i}` : n,
  );
}

/** The schema of the records' fields given the header names. */
export function schemaFromTypes(names: readonly string[], types: readonly DataType[]): StructType {
  return structType(
    names.map((n, i) => {
      const t = types[i] ?? NullT;
      return structField(n, t.kind === "null" ? StringT : t, true);
    }),
  );
}
