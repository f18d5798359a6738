/**
 * CSV encoding as Spark's writer: a header line, then one line per row. Null is written as
 * `nullValue` (empty by default), an empty string as `emptyValue` (`""`), and a field is
 * quoted when it holds the separator, the quote, a line break or (with escapeQuotes) a quote
 * character, or when `quoteAll` is set. Leading and trailing white space is trimmed by
 * default (`ignoreLeadingWhiteSpace` / `ignoreTrailingWhiteSpace` are true for writing).
 * Timestamps use `timestampFormat` (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`), dates `dateFormat`.
 */

import { castToString } from "../../../catalyst/expressions/format.ts";
import { formatDate } from "../../../catalyst/expressions/values/datetime.ts";
import {
  formatDecimal,
  formatDouble,
  formatFloat,
} from "../../../catalyst/expressions/values/numbers.ts";
import { formatWithPattern } from "../../../catalyst/functions/datetime-pattern.ts";
import { FlintError } from "../../../errors/index.ts";
import type { DataType, StructType } from "../../../types/data-types.ts";
import { typeSql } from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import type { ColumnVector } from "../../columnar/vector.ts";
import { getValue, isNull } from "../../columnar/vector.ts";
import { lowerKeys, optionBool, optionString } from "../options.ts";

export interface CsvEncoder {
  header(): string;
  encode(batch: ColumnarBatch): string;
}

const DEFAULT_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
const DEFAULT_TIMESTAMP_NTZ = "yyyy-MM-dd'T'HH:mm:ss[.SSS]";

type Formatter = (v: ColumnVector, i: number) => string;

export function csvEncoder(
  schema: StructType,
  options: Readonly<Record<string, string>>,
  timeZone: string,
): CsvEncoder {
  const o = lowerKeys(options);
  const sep = optionString(o, "sep", optionString(o, "delimiter", ","));
  const quote = optionString(o, "quote", '"');
  const escapeChar = optionString(o, "escape", "\\");
  const quoteAll = optionBool(o, "quoteall", false);
  const escapeQuotes = optionBool(o, "escapequotes", true);
  const trimLeading = optionBool(o, "ignoreleadingwhitespace", true);
  const trimTrailing = optionBool(o, "ignoretrailingwhitespace", true);
  const nullValue = optionString(o, "nullvalue", "");
  const emptyValue = optionString(o, "emptyvalue", `${quote}${quote}`);
  const lineSep = optionString(o, "linesep", "\n");
  const dateFormat = o.dateformat;
  const tsFormat = optionString(o, "timestampformat", DEFAULT_TIMESTAMP);
  const ntzFormat = optionString(o, "timestampntzformat", DEFAULT_TIMESTAMP_NTZ);
  for (const f of schema.fields) {
    if (f.dataType.kind === "array" || f.dataType.kind === "map" || f.dataType.kind === "struct") {
      throw new FlintError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", {
        columnName: `\`${f.name}\``,
        columnType: `"${typeSql(f.dataType)}"`,
        format: "CSV",
      });
    }
  }
  const formatters = schema.fields.map((f) =>
    formatterFor(f.dataType, timeZone, dateFormat, tsFormat, ntzFormat),
  );

  const needsQuote = (s: string): boolean => {
    if (s.includes(sep) || s.includes("\n") || s.includes("\r")) return true;
    return escapeQuotes && s.includes(quote);
  };
  const field = (raw: string): string => {
    let s = raw;
    if (trimLeading) s = s.replace(/^\s+/, "");
    if (trimTrailing) s = s.replace(/\s+$/, "");
    if (s.length === 0) return raw.length === 0 ? emptyValue : quoteAll ? quote + quote : "";
    if (!quoteAll && !needsQuote(s)) return s;
    return quote + (escapeQuotes ? s.split(quote).join(escapeChar + quote) : s) + quote;
  };

  return {
    header: () => schema.fields.map((f) => field(f.name)).join(sep) + lineSep,
    encode(batch) {
      const n = batch.numRows;
      const cols = batch.columns;
      const parts: string[] = new Array<string>(n);
      const cells: string[] = new Array<string>(cols.length);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < cols.length; c++) {
          const v = cols[c] as ColumnVector;
          cells[c] = isNull(v, r) ? nullValue : field((formatters[c] as Formatter)(v, r));
        }
        parts[r] = cells.join(sep);
      }
      return n === 0 ? "" : parts.join(lineSep) + lineSep;
    },
  };
}

function formatterFor(
  t: DataType,
  zone: string,
  dateFormat: string | undefined,
  tsFormat: string,
  ntzFormat: string,
): Formatter {
  switch (t.kind) {
    case "double":
      return (v, i) => formatDouble(getValue(v, i) as number);
    case "float":
      return (v, i) => formatFloat(getValue(v, i) as number);
    case "decimal":
      return (v, i) => formatDecimal(getValue(v, i) as bigint, t.scale);
    case "date":
      return dateFormat === undefined
        ? (v, i) => formatDate(getValue(v, i) as number)
        : (v, i) =>
            formatWithPattern(
              BigInt(getValue(v, i) as number) * 86_400_000_000n,
              "UTC",
              dateFormat,
            );
    case "timestamp":
      return (v, i) => formatWithPattern(getValue(v, i) as bigint, zone, tsFormat);
    case "timestamp_ntz":
      return (v, i) => formatWithPattern(getValue(v, i) as bigint, "UTC", ntzFormat);
    case "string":
      return (v, i) => getValue(v, i) as string;
    default:
      return (v, i) => castToString(getValue(v, i), t, zone);
  }
}
