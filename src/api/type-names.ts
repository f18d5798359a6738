/**
 * Type names accepted by `cast("int")` and simple DDL before the SQL parser handles the
 * full grammar: Spark's simple type names, `decimal(p,s)`, and `array<...>`/`map<...>`.
 */
import {
  arrayType,
  BinaryT,
  BooleanT,
  ByteT,
  type DataType,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  mapType,
  ShortT,
  StringT,
  TimestampNTZT,
  TimestampT,
} from "../types/data-types.ts";

const SIMPLE: Readonly<Record<string, DataType>> = {
  boolean: BooleanT,
  tinyint: ByteT,
  byte: ByteT,
  smallint: ShortT,
  short: ShortT,
  int: IntegerT,
  integer: IntegerT,
  bigint: LongT,
  long: LongT,
  float: FloatT,
  real: FloatT,
  double: DoubleT,
  string: StringT,
  binary: BinaryT,
  date: DateT,
  timestamp: TimestampT,
  timestamp_ltz: TimestampT,
  timestamp_ntz: TimestampNTZT,
  decimal: decimalType(10, 0),
  dec: decimalType(10, 0),
  numeric: decimalType(10, 0),
};

export function parseTypeName(text: string): DataType {
  const s = text.trim().toLowerCase();
  const simple = SIMPLE[s];
  if (simple) return simple;
  const dec = /^(?:decimal|dec|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(s);
  if (dec) return decimalType(Number(dec[1]), Number(dec[2] ?? 0));
  const arr = /^array\s*<(.*)>$/.exec(s);
  if (arr?.[1]) return arrayType(parseTypeName(arr[1]));
  const map = /^map\s*<(.*)>$/.exec(s);
  if (map?.[1]) {
    const [k, v] = splitTopLevel(map[1]);
    if (k && v) return mapType(parseTypeName(k), parseTypeName(v));
  }
  throw new TypeError(`Unsupported data type string: ${text}`);
}

function splitTopLevel(s: string): string[] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "<" || ch === "(") depth++;
    else if (ch === ">" || ch === ")") depth--;
    else if (ch === "," && depth === 0) return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s];
}
