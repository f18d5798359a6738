/**
 * Column vectors in Apache Arrow's memory layout: one immutable representation for every
 * Spark type. See README.md for the layout table and the fast-access contract that
 * generated code relies on.
 */

import type {
  ArrayType,
  DataType,
  DecimalType,
  MapType,
  StructType,
} from "../../types/data-types.ts";
import { assertNever } from "../../types/data-types.ts";

/** Physical layout tag: one per distinct Arrow buffer shape. */
export type Layout =
  | "null"
  | "bool"
  | "i8"
  | "i16"
  | "i32"
  | "i64"
  | "f32"
  | "f64"
  | "d128"
  | "bytes"
  | "list"
  | "map"
  | "struct";

interface VectorBase<L extends Layout, T extends DataType> {
  readonly layout: L;
  readonly type: T;
  readonly length: number;
  /**
   * Validity bitmap in Arrow's LSB bit order: bit `i` (byte `i >> 3`, mask `1 << (i & 7)`)
   * is 1 when row `i` holds a value. `null` when the vector has no nulls.
   */
  readonly validity: Uint8Array | null;
  readonly nullCount: number;
}

/** Spark's void type. `validity` is an all-zero bitmap so `isNull` needs no special case. */
export interface NullVector extends VectorBase<"null", DataType> {}

/** boolean: values bit-packed as Arrow (LSB order, same bit addressing as validity). */
export interface BooleanVector extends VectorBase<"bool", DataType> {
  readonly values: Uint8Array;
}
/** byte. */
export interface Int8Vector extends VectorBase<"i8", DataType> {
  readonly values: Int8Array;
}
/** short. */
export interface Int16Vector extends VectorBase<"i16", DataType> {
  readonly values: Int16Array;
}
/** integer, date (days since epoch), year-month interval (months). */
export interface Int32Vector extends VectorBase<"i32", DataType> {
  readonly values: Int32Array;
}
/** long, timestamp, timestamp_ntz (microseconds), day-time interval (microseconds). */
export interface Int64Vector extends VectorBase<"i64", DataType> {
  readonly values: BigInt64Array;
}
/** float. */
export interface Float32Vector extends VectorBase<"f32", DataType> {
  readonly values: Float32Array;
}
/** double. */
export interface Float64Vector extends VectorBase<"f64", DataType> {
  readonly values: Float64Array;
}
/**
 * decimal as Arrow Decimal128: 16 bytes little-endian two's complement per value, viewed
 * as a BigInt64Array of `2 * length` words: `values[2 * i]` is the low word (signed),
 * `values[2 * i + 1]` the high word. For precision <= 18 the unscaled value always fits
 * in the low word, so `values[2 * i]` IS the unscaled value (no 128-bit arithmetic).
 */
export interface DecimalVector extends VectorBase<"d128", DecimalType> {
  readonly values: BigInt64Array;
}
/**
 * string and binary: UTF-8 (or raw) bytes in `data`; value `i` is
 * `data[offsets[i] .. offsets[i + 1])`. `offsets` has `length + 1` entries and may start
 * above 0 (zero-copy slices share `data`).
 */
export interface BytesVector extends VectorBase<"bytes", DataType> {
  readonly offsets: Int32Array;
  readonly data: Uint8Array;
}
/** array: elements of row `i` are `child[offsets[i] .. offsets[i + 1])`. */
export interface ListVector extends VectorBase<"list", ArrayType> {
  readonly offsets: Int32Array;
  readonly child: ColumnVector;
}
/**
 * map: entries of row `i` are `entries[offsets[i] .. offsets[i + 1])`; `entries` is a
 * non-null struct<key, value> (children[0] = keys, children[1] = values), as Arrow's Map.
 */
export interface MapVector extends VectorBase<"map", MapType> {
  readonly offsets: Int32Array;
  readonly entries: StructVector;
}
/** struct: one child per field, each of the struct's length. */
export interface StructVector extends VectorBase<"struct", StructType> {
  readonly children: readonly ColumnVector[];
}

export type ColumnVector =
  | NullVector
  | BooleanVector
  | Int8Vector
  | Int16Vector
  | Int32Vector
  | Int64Vector
  | Float32Vector
  | Float64Vector
  | DecimalVector
  | BytesVector
  | ListVector
  | MapVector
  | StructVector;

/** Vectors whose values live in one typed array indexed by row. */
export type PrimitiveVector =
  | Int8Vector
  | Int16Vector
  | Int32Vector
  | Int64Vector
  | Float32Vector
  | Float64Vector;

export function layoutOf(type: DataType): Layout {
  switch (type.kind) {
    case "null":
      return "null";
    case "boolean":
      return "bool";
    case "byte":
      return "i8";
    case "short":
      return "i16";
    case "integer":
    case "date":
    case "yearmonth_interval":
      return "i32";
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return "i64";
    case "float":
      return "f32";
    case "double":
      return "f64";
    case "decimal":
      return "d128";
    case "string":
    case "binary":
      return "bytes";
    case "array":
      return "list";
    case "map":
      return "map";
    case "struct":
      return "struct";
    default:
      return assertNever(type, "data type");
  }
}

// ---------------------------------------------------------------------------------------
// Fast accessors (inline-friendly; what generated code should use or copy)

/** Whether row `i` is null: one bit test. */
export function isNull(v: ColumnVector, i: number): boolean {
  const bits = v.validity;
  return bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0;
}

/** Bit `i` of an Arrow bitmap (validity or boolean values). */
export function getBit(bits: Uint8Array, i: number): boolean {
  return (bits[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** The boolean at row `i` (ignores validity). */
export function getBoolean(v: BooleanVector, i: number): boolean {
  return (v.values[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Unscaled decimal at row `i` as a bigint (ignores validity). */
export function getDecimalUnscaled(v: DecimalVector, i: number): bigint {
  const lo = v.values[2 * i]!;
  const hi = v.values[2 * i + 1]!;
  if (hi === (lo < 0n ? -1n : 0n)) return lo;
  return (hi << 64n) | BigInt.asUintN(64, lo);
}

/** Byte length of string/binary value `i`. */
export function byteLength(v: BytesVector, i: number): number {
  return v.offsets[i + 1]! - v.offsets[i]!;
}

/** Number of elements of array/map row `i`. */
export function elementCount(v: ListVector | MapVector, i: number): number {
  return v.offsets[i + 1]! - v.offsets[i]!;
}

// ---------------------------------------------------------------------------------------
// UTF-8 (strings are compared and hashed as bytes; decode only when a JS string is needed)

const DECODER = new TextDecoder("utf-8");

/**
 * Decodes `bytes[start, end)` as UTF-8. Short ASCII values are built with
 * `String.fromCharCode` without allocating a view; everything else goes to TextDecoder.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 24) {
    let s = "";
    for (let p = start; p < end; p++) {
      const b = bytes[p]!;
      if (b >= 0x80) return DECODER.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return DECODER.decode(bytes.subarray(start, end));
}

/** The string at row `i` (ignores validity). */
export function getString(v: BytesVector, i: number): string {
  return decodeUtf8(v.data, v.offsets[i]!, v.offsets[i + 1]!);
}

/** The bytes of row `i` as a view (no copy; do not mutate). */
export function getBytesView(v: BytesVector, i: number): Uint8Array {
  return v.data.subarray(v.offsets[i]!, v.offsets[i + 1]!);
}

/**
 * Compares value `i` of `a` with value `j` of `b` as unsigned bytes (Spark's UTF8String
 * binary order, which is code point order): negative, 0 or positive.
 */
export function compareBytesAt(a: BytesVector, i: number, b: BytesVector, j: number): number {
  const ad = a.data;
  const bd = b.data;
  let p = a.offsets[i]!;
  const pe = a.offsets[i + 1]!;
  let q = b.offsets[j]!;
  const qe = b.offsets[j + 1]!;
  const n = Math.min(pe - p, qe - q);
  for (let k = 0; k < n; k++) {
    const d = ad[p++]! - bd[q++]!;
    if (d !== 0) return d;
  }
  return pe - a.offsets[i]! - (qe - b.offsets[j]!);
}

/** Whether value `i` of `a` and value `j` of `b` hold the same bytes. */
export function equalBytesAt(a: BytesVector, i: number, b: BytesVector, j: number): boolean {
  const p = a.offsets[i]!;
  const q = b.offsets[j]!;
  const n = a.offsets[i + 1]! - p;
  if (n !== b.offsets[j + 1]! - q) return false;
  const ad = a.data;
  const bd = b.data;
  for (let k = 0; k < n; k++) if (ad[p + k] !== bd[q + k]) return false;
  return true;
}

/**
 * Decodes every value of a string vector (null -> null). Short ASCII values are built with
 * `String.fromCharCode`; longer or non-ASCII values go through one Buffer view over the
 * data (Node's native latin1/UTF-8 slicing), created once per call.
 */
export function decodeStrings(v: BytesVector): (string | null)[] {
  const out = new Array<string | null>(v.length);
  const data = v.data;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const offs = v.offsets;
  const bits = v.validity;
  for (let i = 0; i < v.length; i++) {
    if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) {
      out[i] = null;
      continue;
    }
    const s = offs[i]!;
    const e = offs[i + 1]!;
    let p = s;
    if (e - s <= 24) {
      let str = "";
      for (; p < e; p++) {
        const b = data[p]!;
        if (b >= 0x80) break;
        str += String.fromCharCode(b);
      }
      if (p === e) {
        out[i] = str;
        continue;
      }
    }
    for (; p < e; p++) if (data[p]! >= 0x80) break;
    out[i] = buf.toString(p === e ? "latin1" : "utf8", s, e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Slow, convenient accessors (interpreter, tests, row conversion)

/**
 * The value at row `i` in the internal representation of `src/types/data-types.ts`
 * (null when the row is null). Allocates for bigint, strings and nested values.
 */
export function getValue(v: ColumnVector, i: number): unknown {
  if (isNull(v, i)) return null;
  switch (v.layout) {
    case "null":
      return null;
    case "bool":
      return getBoolean(v, i);
    case "i8":
    case "i16":
    case "i32":
    case "i64":
    case "f32":
    case "f64":
      return v.values[i];
    case "d128":
      return getDecimalUnscaled(v, i);
    case "bytes":
      return v.type.kind === "string" ? getString(v, i) : getBytesView(v, i).slice();
    case "list": {
      const s = v.offsets[i]!;
      const e = v.offsets[i + 1]!;
      const out = new Array<unknown>(e - s);
      for (let k = s; k < e; k++) out[k - s] = getValue(v.child, k);
      return out;
    }
    case "map": {
      const s = v.offsets[i]!;
      const e = v.offsets[i + 1]!;
      const keys = new Array<unknown>(e - s);
      const values = new Array<unknown>(e - s);
      const [kv, vv] = v.entries.children as [ColumnVector, ColumnVector];
      for (let k = s; k < e; k++) {
        keys[k - s] = getValue(kv, k);
        values[k - s] = getValue(vv, k);
      }
      return { keys, values };
    }
    case "struct": {
      const out = new Array<unknown>(v.children.length);
      for (let f = 0; f < v.children.length; f++) out[f] = getValue(v.children[f]!, i);
      return out;
    }
    default:
      return assertNever(v, "vector");
  }
}

/** Every value of the vector, as `getValue` returns them. */
export function toValues(v: ColumnVector): unknown[] {
  if (v.layout === "bytes" && v.type.kind === "string") return decodeStrings(v);
  const out = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = getValue(v, i);
  return out;
}

// ---------------------------------------------------------------------------------------
// Bitmaps

/** Number of bytes for an Arrow bitmap of `n` bits. */
export function bitmapBytes(n: number): number {
  return (n + 7) >> 3;
}

/** Number of zero bits among the first `n` bits. */
export function countNulls(bits: Uint8Array | null, n: number): number {
  if (bits === null) return 0;
  let set = 0;
  const full = n >> 3;
  for (let b = 0; b < full; b++) set += POPCOUNT[bits[b]!]!;
  for (let i = full << 3; i < n; i++) if ((bits[i >> 3]! & (1 << (i & 7))) !== 0) set++;
  return n - set;
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();
