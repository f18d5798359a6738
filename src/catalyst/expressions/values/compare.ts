/**
 * Spark's ordering and equality of internal values: NaN equals NaN and sorts above every
 * other number, -0.0 equals 0.0, strings compare by code point (as UTF-8 bytes do),
 * binary by unsigned bytes, arrays and structs element-wise with null first.
 */
import { assertNever, type DataType, type MapValue } from "../../../types/data-types.ts";

/** Compares two numbers with NaN greatest and -0 = 0. */
export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

function fixup(u: number): number {
  if (u >= 0xd800 && u <= 0xdfff) return u + 0x2000;
  if (u >= 0xe000) return u - 0x800;
  return u;
}

/** Compares strings by code point (the order of their UTF-8 bytes). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
      return fixup(x) < fixup(y) ? -1 : 1;
    }
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length === b.length ? 0 : 1;
}

function cmpNullable(a: unknown, b: unknown, t: DataType): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return compareValues(a, b, t);
}

/** Total order of two non-null values of type `t` (negative, 0, positive). */
export function compareValues(a: unknown, b: unknown, t: DataType): number {
  switch (t.kind) {
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case "float":
    case "double":
      return compareDoubles(a as number, b as number);
    case "long":
    case "decimal":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case "string":
      return compareStrings(a as string, b as string);
    case "boolean":
      return a === b ? 0 : a ? 1 : -1;
    case "binary":
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case "null":
      return 0;
    case "array": {
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = cmpNullable(x[i], y[i], t.elementType);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length === y.length ? 0 : 1;
    }
    case "struct": {
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      for (let i = 0; i < t.fields.length; i++) {
        const f = t.fields[i];
        if (!f) continue;
        const c = cmpNullable(x[i], y[i], f.dataType);
        if (c !== 0) return c;
      }
      return 0;
    }
    case "map": {
      // Maps are not orderable in SQL; compare entry-wise for determinism.
      const x = a as MapValue;
      const y = b as MapValue;
      const n = Math.min(x.keys.length, y.keys.length);
      for (let i = 0; i < n; i++) {
        const c =
          cmpNullable(x.keys[i], y.keys[i], t.keyType) ||
          cmpNullable(x.values[i], y.values[i], t.valueType);
        if (c !== 0) return c;
      }
      return x.keys.length - y.keys.length;
    }
    default:
      return assertNever(t, "data type");
  }
}

/** SQL equality of two non-null values (NaN = NaN, -0 = 0, arrays element-wise). */
export function valuesEqual(a: unknown, b: unknown, t: DataType): boolean {
  switch (t.kind) {
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
    case "long":
    case "decimal":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
    case "string":
    case "boolean":
      return a === b;
    case "float":
    case "double":
      return a === b || (Number.isNaN(a as number) && Number.isNaN(b as number));
    default:
      return compareValues(a, b, t) === 0;
  }
}
