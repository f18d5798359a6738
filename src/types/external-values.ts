/**
 * Conversion between the values users see (Row fields, createDataFrame input) and the
 * internal representation documented in data-types.ts.
 *
 * External forms: boolean; number (byte, short, int, float, double); bigint (long,
 * day-time interval in microseconds); Decimal; string; Uint8Array; Date (date at UTC
 * midnight, timestamp to the millisecond); arrays; Map for maps; Row for structs.
 */
import { assertNever, type DataType, type StructType } from "./data-types.ts";
import { Decimal } from "./decimal.ts";
import { Row } from "./row.ts";

const MS_PER_DAY = 86_400_000;

export function toExternal(value: unknown, t: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (t.kind) {
    case "decimal":
      return new Decimal(value as bigint, t.scale);
    case "date":
      return new Date((value as number) * MS_PER_DAY);
    case "timestamp":
    case "timestamp_ntz":
      return new Date(Number((value as bigint) / 1000n));
    case "array":
      return (value as readonly unknown[]).map((v) => toExternal(v, t.elementType));
    case "map": {
      const m = value as { keys: readonly unknown[]; values: readonly unknown[] };
      const out = new Map<unknown, unknown>();
      m.keys.forEach((k, i) => {
        out.set(toExternal(k, t.keyType), toExternal(m.values[i], t.valueType));
      });
      return out;
    }
    case "struct":
      return rowFromInternal(t, value as readonly unknown[]);
    default:
      return value;
  }
}

export function rowFromInternal(schema: StructType, values: readonly unknown[]): Row {
  return new Row(
    schema,
    schema.fields.map((f, i) => toExternal(values[i], f.dataType)),
  );
}

/** Converts a user value to the internal form of `t`; throws TypeError on a mismatch. */
export function toInternal(value: unknown, t: DataType, path = "value"): unknown {
  if (value === null || value === undefined) return null;
  const bad = (): never => {
    throw new TypeError(`${path}: cannot use ${describe(value)} as ${t.kind}`);
  };
  switch (t.kind) {
    case "null":
      return null;
    case "boolean":
      return typeof value === "boolean" ? value : bad();
    case "byte":
    case "short":
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "bigint") return Number(value);
      return bad();
    case "long":
    case "daytime_interval":
      if (typeof value === "bigint") return value;
      if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
      return bad();
    case "float":
      return typeof value === "number" ? Math.fround(value) : bad();
    case "double":
      if (typeof value === "number") return value;
      if (typeof value === "bigint") return Number(value);
      return bad();
    case "decimal": {
      const d =
        value instanceof Decimal
          ? value
          : typeof value === "number" || typeof value === "string" || typeof value === "bigint"
            ? Decimal.parse(String(value))
            : bad();
      return rescale(d, t.scale);
    }
    case "string":
      return typeof value === "string" ? value : bad();
    case "binary":
      return value instanceof Uint8Array ? value : bad();
    case "date":
      if (value instanceof Date) return Math.floor(value.getTime() / MS_PER_DAY);
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return Math.floor(Date.parse(`${value}T00:00:00Z`) / MS_PER_DAY);
      }
      return bad();
    case "timestamp":
    case "timestamp_ntz":
      if (value instanceof Date) return BigInt(value.getTime()) * 1000n;
      if (typeof value === "bigint") return value;
      return bad();
    case "yearmonth_interval":
      return typeof value === "number" ? value : bad();
    case "array":
      return Array.isArray(value)
        ? value.map((v, i) => toInternal(v, t.elementType, `${path}[${i}]`))
        : bad();
    case "map": {
      const entries =
        value instanceof Map
          ? [...value.entries()]
          : typeof value === "object"
            ? Object.entries(value as object)
            : bad();
      return {
        keys: entries.map(([k]) => toInternal(k, t.keyType, `${path} key`)),
        values: entries.map(([k, v]) => toInternal(v, t.valueType, `${path}[${String(k)}]`)),
      };
    }
    case "struct": {
      if (value instanceof Row) {
        return t.fields.map((f, i) => toInternal(value.get(i), f.dataType, `${path}.${f.name}`));
      }
      if (Array.isArray(value)) {
        return t.fields.map((f, i) => toInternal(value[i], f.dataType, `${path}.${f.name}`));
      }
      if (typeof value === "object") {
        const o = value as Record<string, unknown>;
        return t.fields.map((f) => toInternal(o[f.name], f.dataType, `${path}.${f.name}`));
      }
      return bad();
    }
    default:
      return assertNever(t, "data type");
  }
}

function rescale(d: Decimal, scale: number): bigint {
  if (d.scale === scale) return d.unscaled;
  if (d.scale < scale) return d.unscaled * 10n ** BigInt(scale - d.scale);
  // Round half up, as Spark does when a value is given more digits than the type keeps.
  const div = 10n ** BigInt(d.scale - scale);
  const q = d.unscaled / div;
  const r = d.unscaled % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) return d.unscaled < 0n ? q - 1n : q + 1n;
  return q;
}

function describe(v: unknown): string {
  if (v instanceof Date) return "a Date";
  if (Array.isArray(v)) return "an array";
  return `${typeof v} ${String(v).slice(0, 40)}`;
}
