/**
 * Comparing and equating rows of vectors without decoding them, under Spark's semantics:
 * ordering as Spark's `ORDER BY` (NaN above every other double, -0.0 = 0.0, strings and
 * binary by unsigned bytes, false < true, arrays and structs element by element with a null
 * element below any value, shorter array first on a common prefix); equality as Spark's
 * grouping and join keys after NormalizeFloatingNumbers (NaN = NaN, -0.0 = 0.0).
 *
 * `comparator(a, b)` / `equality(a, b)` build one specialised function per pair of columns
 * (typed-array views created once); the returned `(i, j) => number` compares row `i` of `a`
 * with row `j` of `b` and allocates nothing for flat types. Maps are not orderable (Spark
 * rejects them in ORDER BY); their equality compares entries in order.
 */

import { assertNever } from "../../types/data-types.ts";
import { radixSortIndices } from "./radix-sort.ts";
import type { ColumnVector, MapVector } from "./vector.ts";

/** Compares row `i` of one vector with row `j` of another: negative, 0 or positive. */
export type RowComparator = (i: number, j: number) => number;
export type RowEquality = (i: number, j: number) => boolean;

function words(v: { readonly values: BigInt64Array }): Int32Array {
  return new Int32Array(v.values.buffer, v.values.byteOffset, 2 * v.values.length);
}

function cmpDouble(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xn = Number.isNaN(x);
  return xn === Number.isNaN(y) ? 0 : xn ? 1 : -1;
}

/**
 * Value comparator for two vectors of the same type, assuming both rows are non-null
 * (callers place nulls per their sort order; nested nulls are handled inside).
 */
export function comparator(a: ColumnVector, b: ColumnVector): RowComparator {
  switch (a.layout) {
    case "null":
      return () => 0;
    case "bool": {
      const x = a.values;
      const y = (b as typeof a).values;
      return (i, j) => ((x[i >> 3]! >> (i & 7)) & 1) - ((y[j >> 3]! >> (j & 7)) & 1);
    }
    case "i8":
    case "i16":
    case "i32": {
      const x = a.values;
      const y = (b as typeof a).values;
      return (i, j) => {
        const p = x[i]!;
        const q = y[j]!;
        return p < q ? -1 : p > q ? 1 : 0;
      };
    }
    case "i64": {
      const x = words(a);
      const y = words(b as typeof a);
      return (i, j) => {
        const ph = x[2 * i + 1]!;
        const qh = y[2 * j + 1]!;
        if (ph !== qh) return ph < qh ? -1 : 1;
        const pl = x[2 * i]! >>> 0;
        const ql = y[2 * j]! >>> 0;
        return pl < ql ? -1 : pl > ql ? 1 : 0;
      };
    }
    case "f32":
    case "f64": {
      const x = a.values;
      const y = (b as typeof a).values;
      return (i, j) => cmpDouble(x[i]!, y[j]!);
    }
    case "d128": {
      const x = words(a);
      const y = words(b as typeof a);
      return (i, j) => {
        const ph = x[4 * i + 3]!;
        const qh = y[4 * j + 3]!;
        if (ph !== qh) return ph < qh ? -1 : 1;
        for (let k = 2; k >= 0; k--) {
          const p = x[4 * i + k]! >>> 0;
          const q = y[4 * j + k]! >>> 0;
          if (p !== q) return p < q ? -1 : 1;
        }
        return 0;
      };
    }
    case "bytes": {
      const xd = a.data;
      const xo = a.offsets;
      const bb = b as typeof a;
      const yd = bb.data;
      const yo = bb.offsets;
      return (i, j) => {
        let p = xo[i]!;
        const pe = xo[i + 1]!;
        let q = yo[j]!;
        const qe = yo[j + 1]!;
        const n = Math.min(pe - p, qe - q);
        for (let k = 0; k < n; k++) {
          const d = xd[p++]! - yd[q++]!;
          if (d !== 0) return d;
        }
        return pe - p - (qe - q);
      };
    }
    case "list": {
      const bb = b as typeof a;
      const xo = a.offsets;
      const yo = bb.offsets;
      const inner = nullsFirst(a.child, bb.child);
      return (i, j) => {
        const p = xo[i]!;
        const q = yo[j]!;
        const pn = xo[i + 1]! - p;
        const qn = yo[j + 1]! - q;
        const n = Math.min(pn, qn);
        for (let k = 0; k < n; k++) {
          const c = inner(p + k, q + k);
          if (c !== 0) return c;
        }
        return pn - qn;
      };
    }
    case "map":
      throw new Error("map values are not orderable");
    case "struct": {
      const bb = b as typeof a;
      const fields = a.children.map((c, f) => nullsFirst(c, bb.children[f]!));
      return (i, j) => {
        for (let f = 0; f < fields.length; f++) {
          const c = fields[f]!(i, j);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    default:
      return assertNever(a, "vector");
  }
}

/** Comparator where a null sorts below any value (Spark's order inside arrays/structs). */
export function nullsFirst(a: ColumnVector, b: ColumnVector): RowComparator {
  const cmp = comparator(a, b);
  const xb = a.validity;
  const yb = b.validity;
  if (xb === null && yb === null) return cmp;
  return (i, j) => {
    const xn = xb !== null && (xb[i >> 3]! & (1 << (i & 7))) === 0;
    const yn = yb !== null && (yb[j >> 3]! & (1 << (j & 7))) === 0;
    if (xn || yn) return xn === yn ? 0 : xn ? -1 : 1;
    return cmp(i, j);
  };
}

/** One key of a sort: its column, direction and where nulls go. */
export interface SortKey {
  readonly column: ColumnVector;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** Comparator of whole rows `i` of keys `a` and `j` of keys `b` (same types and orders). */
export function keysComparator(a: readonly SortKey[], b: readonly SortKey[] = a): RowComparator {
  const cmps = a.map((k, n) => {
    const other = b[n]!.column;
    const cmp = comparator(k.column, other);
    const xb = k.column.validity;
    const yb = other.validity;
    const sign = k.descending ? -1 : 1;
    const nullSign = k.nullsFirst ? -1 : 1;
    return (i: number, j: number): number => {
      const xn = xb !== null && (xb[i >> 3]! & (1 << (i & 7))) === 0;
      const yn = yb !== null && (yb[j >> 3]! & (1 << (j & 7))) === 0;
      if (xn || yn) return xn === yn ? 0 : xn ? nullSign : -nullSign;
      return sign * cmp(i, j);
    };
  });
  if (cmps.length === 1) return cmps[0]!;
  return (i, j) => {
    for (let k = 0; k < cmps.length; k++) {
      const c = cmps[k]!(i, j);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Below this many rows a comparator sort beats the radix sort's fixed passes. */
const RADIX_MIN_ROWS = 512;

/**
 * Row order of `n` rows by `keys`, stable (equal rows keep their input order): a radix
 * sort when every key is fixed-width, else a comparator sort.
 */
export function sortIndices(keys: readonly SortKey[], n: number): Int32Array {
  if (keys.length > 0 && n >= RADIX_MIN_ROWS) {
    const radix = radixSortIndices(keys, n);
    if (radix !== null) return radix;
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (keys.length === 0 || n < 2) return idx;
  const cmp = keysComparator(keys);
  return idx.sort((i, j) => cmp(i, j) || i - j);
}

// ---------------------------------------------------------------------------------------
// Equality (grouping and join keys)

/**
 * Equality of row `i` of `a` and row `j` of `b` as grouping keys: nulls equal each other,
 * NaN equals NaN, -0.0 equals 0.0, strings by bytes. (Joins skip null keys before calling.)
 */
export function equality(a: ColumnVector, b: ColumnVector): RowEquality {
  const xb = a.validity;
  const yb = b.validity;
  const eq = valueEquality(a, b);
  if (xb === null && yb === null) return eq;
  return (i, j) => {
    const xn = xb !== null && (xb[i >> 3]! & (1 << (i & 7))) === 0;
    const yn = yb !== null && (yb[j >> 3]! & (1 << (j & 7))) === 0;
    if (xn || yn) return xn === yn;
    return eq(i, j);
  };
}

function valueEquality(a: ColumnVector, b: ColumnVector): RowEquality {
  switch (a.layout) {
    case "null":
      return () => true;
    case "i8":
    case "i16":
    case "i32": {
      const x = a.values;
      const y = (b as typeof a).values;
      return (i, j) => x[i] === y[j];
    }
    case "bool":
    case "i64":
    case "f32":
    case "f64":
    case "d128": {
      const cmp = comparator(a, b);
      return (i, j) => cmp(i, j) === 0;
    }
    case "bytes": {
      const xd = a.data;
      const xo = a.offsets;
      const yd = (b as typeof a).data;
      const yo = (b as typeof a).offsets;
      return (i, j) => {
        const p = xo[i]!;
        const q = yo[j]!;
        const n = xo[i + 1]! - p;
        if (n !== yo[j + 1]! - q) return false;
        for (let k = 0; k < n; k++) if (xd[p + k] !== yd[q + k]) return false;
        return true;
      };
    }
    case "list": {
      const bb = b as typeof a;
      const inner = equality(a.child, bb.child);
      return (i, j) => {
        const p = a.offsets[i]!;
        const q = bb.offsets[j]!;
        const n = a.offsets[i + 1]! - p;
        if (n !== bb.offsets[j + 1]! - q) return false;
        for (let k = 0; k < n; k++) if (!inner(p + k, q + k)) return false;
        return true;
      };
    }
    case "struct": {
      const bb = b as typeof a;
      const fields = a.children.map((c, f) => equality(c, bb.children[f]!));
      return (i, j) => {
        for (let f = 0; f < fields.length; f++) if (!fields[f]!(i, j)) return false;
        return true;
      };
    }
    case "map":
      return mapEquality(a, b as MapVector);
    default:
      return assertNever(a, "vector");
  }
}

function mapEquality(a: MapVector, b: MapVector): RowEquality {
  const [ak, av] = a.entries.children as [ColumnVector, ColumnVector];
  const [bk, bv] = b.entries.children as [ColumnVector, ColumnVector];
  const keys = equality(ak, bk);
  const values = equality(av, bv);
  return (i, j) => {
    const p = a.offsets[i]!;
    const q = b.offsets[j]!;
    const n = a.offsets[i + 1]! - p;
    if (n !== b.offsets[j + 1]! - q) return false;
    for (let k = 0; k < n; k++) if (!keys(p + k, q + k) || !values(p + k, q + k)) return false;
    return true;
  };
}
