/**
 * Schema inference for `createDataFrame(rows)` without a schema, following PySpark:
 * integers -> bigint, other numbers -> double, strings, booleans, bigint -> bigint,
 * Date -> timestamp, Decimal -> decimal(38,18), Uint8Array -> binary, arrays -> array,
 * Map and plain nested objects -> map, Row -> struct. Types of all rows are merged.
 */
import { FlintError } from "../errors/index.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  type DataType,
  DoubleT,
  decimalType,
  LongT,
  mapType,
  NullT,
  StringT,
  type StructField,
  type StructType,
  structField,
  structType,
  TimestampT,
} from "../types/data-types.ts";
import { Decimal } from "../types/decimal.ts";
import { Row } from "../types/row.ts";

export type InputRow = Row | readonly unknown[] | Readonly<Record<string, unknown>>;

export function inferSchema(rows: readonly InputRow[], names?: readonly string[]): StructType {
  const fields = new Map<string, DataType>();
  const order: string[] = [];
  for (const row of rows) {
    for (const [name, value] of entriesOf(row, names)) {
      if (!fields.has(name)) {
        fields.set(name, NullT);
        order.push(name);
      }
      fields.set(name, merge(fields.get(name) ?? NullT, inferType(value), name));
    }
  }
  const out: StructField[] = order.map((n) => {
    const t = fields.get(n) ?? NullT;
    if (containsNull(t)) {
      throw new FlintError("CANNOT_DETERMINE_TYPE", {}, {});
    }
    return structField(n, t, true);
  });
  return structType(out);
}

function containsNull(t: DataType): boolean {
  if (t.kind === "null") return true;
  if (t.kind === "array") return containsNull(t.elementType);
  if (t.kind === "map") return containsNull(t.keyType) || containsNull(t.valueType);
  if (t.kind === "struct") return t.fields.some((f) => containsNull(f.dataType));
  return false;
}

export function entriesOf(row: InputRow, names?: readonly string[]): [string, unknown][] {
  if (row instanceof Row) return row.schema.fields.map((f, i) => [f.name, row.get(i)]);
  if (Array.isArray(row)) return row.map((v, i) => [names?.[i] ?? `_${i + 1}`, v]);
  // PySpark turns a dict into a Row with its keys sorted.
  return Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function inferType(v: unknown): DataType {
  if (v === null || v === undefined) return NullT;
  switch (typeof v) {
    case "boolean":
      return BooleanT;
    case "number":
      return Number.isInteger(v) ? LongT : DoubleT;
    case "bigint":
      return LongT;
    case "string":
      return StringT;
    default:
      break;
  }
  if (v instanceof Date) return TimestampT;
  if (v instanceof Decimal) return decimalType(38, 18);
  if (v instanceof Uint8Array) return BinaryT;
  if (v instanceof Row) {
    return structType(v.schema.fields.map((f, i) => structField(f.name, inferType(v.get(i)))));
  }
  if (Array.isArray(v)) {
    return arrayType(v.reduce<DataType>((t, x) => merge(t, inferType(x), "element"), NullT));
  }
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
  let k: DataType = NullT;
  let val: DataType = NullT;
  for (const [key, x] of entries) {
    k = merge(k, inferType(key), "key");
    val = merge(val, inferType(x), "value");
  }
  return mapType(k, val);
}

function merge(a: DataType, b: DataType, name: string): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === b.kind) {
    if (a.kind === "array" && b.kind === "array") {
      return arrayType(merge(a.elementType, b.elementType, name));
    }
    if (a.kind === "map" && b.kind === "map") {
      return mapType(merge(a.keyType, b.keyType, name), merge(a.valueType, b.valueType, name));
    }
    return a;
  }
  if ((a.kind === "long" && b.kind === "double") || (a.kind === "double" && b.kind === "long")) {
    return DoubleT;
  }
  throw new FlintError("CANNOT_MERGE_TYPE", {
    dataTypeA: a.kind,
    dataTypeB: b.kind,
    fieldName: name,
  });
}
