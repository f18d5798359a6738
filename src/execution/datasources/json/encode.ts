/**
 * JSON lines encoding as Spark's writer: one object per row, fields in schema order, null
 * fields omitted unless `ignoreNullFields` is false. Doubles print as Java does (`1.0E10`),
 * NaN and infinities as strings, decimals in plain notation, binary as base64, timestamps
 * with `timestampFormat` (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`), dates with `dateFormat`.
 */
import { castToString } from "../../../catalyst/expressions/format.ts";
import { formatDate } from "../../../catalyst/expressions/values/datetime.ts";
import {
  formatDecimal,
  formatDouble,
  formatFloat,
} from "../../../catalyst/expressions/values/numbers.ts";
import { formatWithPattern } from "../../../catalyst/functions/datetime-pattern.ts";
import type { DataType, MapValue, StructType } from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import type { ColumnVector } from "../../columnar/vector.ts";
import { getValue } from "../../columnar/vector.ts";
import { lowerKeys, optionBool, optionString } from "../options.ts";

export interface JsonEncoder {
  /** One JSON object per row, each followed by the line separator. */
  encode(batch: ColumnarBatch): string;
}

const DEFAULT_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
const DEFAULT_TIMESTAMP_NTZ = "yyyy-MM-dd'T'HH:mm:ss[.SSS]";

interface Style {
  readonly zone: string;
  readonly dateFormat: string | undefined;
  readonly tsFormat: string;
  readonly ntzFormat: string;
  readonly keepNulls: boolean;
}

export function jsonEncoder(
  schema: StructType,
  options: Readonly<Record<string, string>>,
  timeZone: string,
): JsonEncoder {
  const o = lowerKeys(options);
  const style: Style = {
    zone: timeZone,
    dateFormat: o.dateformat,
    tsFormat: optionString(o, "timestampformat", DEFAULT_TIMESTAMP),
    ntzFormat: optionString(o, "timestampntzformat", DEFAULT_TIMESTAMP_NTZ),
    keepNulls: !optionBool(o, "ignorenullfields", true),
  };
  const lineSep = optionString(o, "linesep", "\n");
  const names = schema.fields.map((f) => `${JSON.stringify(f.name)}:`);
  return {
    encode(batch) {
      const cols = batch.columns;
      let out = "";
      for (let r = 0; r < batch.numRows; r++) {
        let line = "{";
        let first = true;
        for (let c = 0; c < cols.length; c++) {
          const v = getValue(cols[c] as ColumnVector, r);
          if (v === null && !style.keepNulls) continue;
          if (!first) line += ",";
          first = false;
          line +=
            names[c] + jsonValue(v, (schema.fields[c] as { dataType: DataType }).dataType, style);
        }
        out += `${line}}${lineSep}`;
      }
      return out;
    },
  };
}

/** One value as Spark's JSON generator writes it. */
export function jsonValue(v: unknown, t: DataType, s: Style): string {
  if (v === null || v === undefined) return "null";
  switch (t.kind) {
    case "boolean":
      return v ? "true" : "false";
    case "byte":
    case "short":
    case "integer":
    case "long":
      return String(v);
    case "float": {
      const text = formatFloat(v as number);
      return Number.isFinite(v as number) ? text : JSON.stringify(text);
    }
    case "double": {
      const text = formatDouble(v as number);
      return Number.isFinite(v as number) ? text : JSON.stringify(text);
    }
    case "decimal":
      return formatDecimal(v as bigint, t.scale);
    case "string":
      return JSON.stringify(v);
    case "binary":
      return JSON.stringify(Buffer.from(v as Uint8Array).toString("base64"));
    case "date":
      return JSON.stringify(
        s.dateFormat === undefined
          ? formatDate(v as number)
          : formatWithPattern(BigInt(v as number) * 86_400_000_000n, "UTC", s.dateFormat),
      );
    case "timestamp":
      return JSON.stringify(formatWithPattern(v as bigint, s.zone, s.tsFormat));
    case "timestamp_ntz":
      return JSON.stringify(formatWithPattern(v as bigint, "UTC", s.ntzFormat));
    case "array":
      return `[${(v as readonly unknown[]).map((x) => jsonValue(x, t.elementType, s)).join(",")}]`;
    case "map": {
      const m = v as MapValue;
      const parts = m.keys.map(
        (k, i) =>
          `${JSON.stringify(castToString(k, t.keyType, s.zone))}:${jsonValue(m.values[i], t.valueType, s)}`,
      );
      return `{${parts.join(",")}}`;
    }
    case "struct": {
      const row = v as readonly unknown[];
      const parts: string[] = [];
      for (let i = 0; i < t.fields.length; i++) {
        const x = row[i];
        if ((x === null || x === undefined) && !s.keepNulls) continue;
        const f = t.fields[i] as { name: string; dataType: DataType };
        parts.push(`${JSON.stringify(f.name)}:${jsonValue(x, f.dataType, s)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return JSON.stringify(castToString(v, t, s.zone));
  }
}
