/**
 * Spark's `hash()`: Murmur3 x86 32-bit, seed 42, folded over the columns (the hash of one
 * column is the seed of the next; a null keeps the running seed). Values are hashed as
 * Spark's Murmur3HashFunction does: byte/short/int/date/year-month interval and booleans
 * (1/0) as a 4-byte int; long/timestamp/day-time interval as an 8-byte long; float/double
 * by their IEEE bits after -0.0 -> 0.0 and NaN -> the canonical NaN; strings and binary
 * over their bytes with Spark's tail handling (each trailing byte mixed on its own, sign
 * extended); decimals of precision <= 18 as their unscaled long, larger ones over the
 * bytes of Java's `BigInteger.toByteArray`; arrays, maps (key then value per entry) and
 * structs element by element.
 *
 * All arithmetic is 32-bit (`Math.imul`, `| 0`): no bigint, no allocation per row. Long
 * values are read as two 32-bit words through an Int32Array view of the BigInt64Array.
 */

import type { DataType, MapValue } from "../../types/data-types.ts";
import { assertNever } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import type { ColumnVector, StructVector } from "../columnar/vector.ts";
import { bigDecimalBytes, DECIMAL_BYTES, decimalBytesAt } from "./decimal-bytes.ts";

export const SPARK_HASH_SEED = 42;

const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Murmur3_x86_32.hashInt. */
export function murmur3Int(i: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(i)), 4);
}

/** Murmur3_x86_32.hashLong, the long given as its low and high 32-bit words. */
export function murmur3LongWords(lo: number, hi: number, seed: number): number {
  return fmix(mixH1(mixH1(seed, mixK1(lo)), mixK1(hi)), 8);
}

export function murmur3Long(l: bigint, seed: number): number {
  L64[0] = l;
  return murmur3LongWords(L64_WORDS[0]!, L64_WORDS[1]!, seed);
}

/** Murmur3_x86_32.hashUnsafeBytes over `bytes[start, end)` (Spark's tail handling). */
export function murmur3Bytes(bytes: Uint8Array, start: number, end: number, seed: number): number {
  const len = end - start;
  const aligned = start + (len - (len & 3));
  let h = seed;
  let p = start;
  for (; p < aligned; p += 4) {
    const w = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
    h = mixH1(h, mixK1(w));
  }
  for (; p < end; p++) h = mixH1(h, mixK1((bytes[p]! << 24) >> 24));
  return fmix(h, len);
}

const F32 = new Float32Array(1);
const F32_BITS = new Int32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BITS = new Int32Array(F64.buffer);

export function murmur3Float(f: number, seed: number): number {
  if (f === 0) return murmur3Int(0, seed);
  if (Number.isNaN(f)) return murmur3Int(0x7fc00000, seed);
  F32[0] = f;
  return murmur3Int(F32_BITS[0]!, seed);
}

export function murmur3Double(d: number, seed: number): number {
  if (d === 0) return murmur3LongWords(0, 0, seed);
  if (Number.isNaN(d)) return murmur3LongWords(0, 0x7ff80000, seed);
  F64[0] = d;
  return murmur3LongWords(F64_BITS[0]!, F64_BITS[1]!, seed);
}

const L64 = new BigInt64Array(1);
const L64_WORDS = new Int32Array(L64.buffer);

// ---------------------------------------------------------------------------------------
// Vectorized

/**
 * Folds column `v` into per-row running hashes: for each non-null row `i`,
 * `seeds[i] = hash(v[i], seeds[i])`. Start with `seeds.fill(42)` and call once per column
 * to get Spark's `hash(c1, c2, ...)`.
 */
export function murmur3Column(v: ColumnVector, seeds: Int32Array): void {
  const n = v.length;
  const bits = v.validity;
  switch (v.layout) {
    case "null":
      return;
    case "bool": {
      const vals = v.values;
      for (let i = 0; i < n; i++) {
        const m = 1 << (i & 7);
        if (bits !== null && (bits[i >> 3]! & m) === 0) continue;
        seeds[i] = murmur3Int((vals[i >> 3]! & m) !== 0 ? 1 : 0, seeds[i]!);
      }
      return;
    }
    case "i8":
    case "i16":
    case "i32": {
      const vals = v.values;
      if (bits === null) {
        for (let i = 0; i < n; i++) seeds[i] = murmur3Int(vals[i]!, seeds[i]!);
      } else {
        for (let i = 0; i < n; i++) {
          if ((bits[i >> 3]! & (1 << (i & 7))) !== 0) seeds[i] = murmur3Int(vals[i]!, seeds[i]!);
        }
      }
      return;
    }
    case "i64": {
      const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        seeds[i] = murmur3LongWords(w[2 * i]!, w[2 * i + 1]!, seeds[i]!);
      }
      return;
    }
    case "f32": {
      const vals = v.values;
      const w = new Int32Array(vals.buffer, vals.byteOffset, n);
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        const f = vals[i]!;
        const b = f === 0 ? 0 : Number.isNaN(f) ? 0x7fc00000 : w[i]!;
        seeds[i] = murmur3Int(b, seeds[i]!);
      }
      return;
    }
    case "f64": {
      const vals = v.values;
      const w = new Int32Array(vals.buffer, vals.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        const d = vals[i]!;
        if (d === 0) seeds[i] = murmur3LongWords(0, 0, seeds[i]!);
        else if (Number.isNaN(d)) seeds[i] = murmur3LongWords(0, 0x7ff80000, seeds[i]!);
        else seeds[i] = murmur3LongWords(w[2 * i]!, w[2 * i + 1]!, seeds[i]!);
      }
      return;
    }
    case "d128": {
      const w = new Int32Array(v.values.buffer, v.values.byteOffset, 4 * n);
      const small = v.type.precision <= 18;
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        if (small) {
          seeds[i] = murmur3LongWords(w[4 * i]!, w[4 * i + 1]!, seeds[i]!);
        } else {
          const s = decimalBytesAt(v, i);
          seeds[i] = murmur3Bytes(DECIMAL_BYTES, s, 16, seeds[i]!);
        }
      }
      return;
    }
    case "bytes": {
      const data = v.data;
      const offs = v.offsets;
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        seeds[i] = murmur3Bytes(data, offs[i]!, offs[i + 1]!, seeds[i]!);
      }
      return;
    }
    case "list":
    case "map":
    case "struct":
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        seeds[i] = murmur3At(v, i, seeds[i]!);
      }
      return;
    default:
      assertNever(v, "vector");
  }
}

/** The hash of row `i` of `v` with running seed `seed` (null keeps the seed). */
export function murmur3At(v: ColumnVector, i: number, seed: number): number {
  const bits = v.validity;
  if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) return seed;
  switch (v.layout) {
    case "null":
      return seed;
    case "bool":
      return murmur3Int((v.values[i >> 3]! & (1 << (i & 7))) !== 0 ? 1 : 0, seed);
    case "i8":
    case "i16":
    case "i32":
      return murmur3Int(v.values[i]!, seed);
    case "i64":
      L64[0] = v.values[i]!;
      return murmur3LongWords(L64_WORDS[0]!, L64_WORDS[1]!, seed);
    case "f32":
      return murmur3Float(v.values[i]!, seed);
    case "f64":
      return murmur3Double(v.values[i]!, seed);
    case "d128": {
      if (v.type.precision <= 18) {
        L64[0] = v.values[2 * i]!;
        return murmur3LongWords(L64_WORDS[0]!, L64_WORDS[1]!, seed);
      }
      return murmur3Bytes(DECIMAL_BYTES, decimalBytesAt(v, i), 16, seed);
    }
    case "bytes":
      return murmur3Bytes(v.data, v.offsets[i]!, v.offsets[i + 1]!, seed);
    case "list": {
      let h = seed;
      for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) h = murmur3At(v.child, k, h);
      return h;
    }
    case "map": {
      const [keys, values] = v.entries.children as [ColumnVector, ColumnVector];
      let h = seed;
      for (let k = v.offsets[i]!; k < v.offsets[i + 1]!; k++) {
        h = murmur3At(keys, k, h);
        h = murmur3At(values, k, h);
      }
      return h;
    }
    case "struct":
      return murmur3StructAt(v, i, seed);
    default:
      return assertNever(v, "vector");
  }
}

function murmur3StructAt(v: StructVector, i: number, seed: number): number {
  let h = seed;
  for (let f = 0; f < v.children.length; f++) h = murmur3At(v.children[f]!, i, h);
  return h;
}

/** Spark's `hash(columns...)` for every row of a batch (seed 42). */
export function murmur3Batch(batch: ColumnarBatch, columns?: readonly number[]): Int32Array {
  const seeds = new Int32Array(batch.numRows).fill(SPARK_HASH_SEED);
  const cols = columns ?? batch.columns.map((_, c) => c);
  for (const c of cols) murmur3Column(batch.columns[c]!, seeds);
  return seeds;
}

// ---------------------------------------------------------------------------------------
// Values (interpreter)

const ENCODER = new TextEncoder();
let scratch = new Uint8Array(256);

/** UTF-8 bytes of `s` in a shared scratch buffer; returns the byte length. */
export function utf8IntoScratch(s: string): Uint8Array {
  if (3 * s.length > scratch.length) scratch = new Uint8Array(3 * s.length);
  const n = ENCODER.encodeInto(s, scratch).written;
  return scratch.subarray(0, n);
}

/** Murmur3 hash of one value in the internal representation (`hash(value)` with `seed`). */
export function murmur3Value(value: unknown, type: DataType, seed: number): number {
  if (value === null || value === undefined) return seed;
  switch (type.kind) {
    case "null":
      return seed;
    case "boolean":
      return murmur3Int(value ? 1 : 0, seed);
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      return murmur3Int(value as number, seed);
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return murmur3Long(value as bigint, seed);
    case "float":
      return murmur3Float(value as number, seed);
    case "double":
      return murmur3Double(value as number, seed);
    case "decimal":
      if (type.precision <= 18) return murmur3Long(value as bigint, seed);
      return murmur3Bytes(DECIMAL_BYTES, bigDecimalBytes(value as bigint), 16, seed);
    case "string": {
      const b = utf8IntoScratch(value as string);
      return murmur3Bytes(b, 0, b.length, seed);
    }
    case "binary": {
      const b = value as Uint8Array;
      return murmur3Bytes(b, 0, b.length, seed);
    }
    case "array": {
      let h = seed;
      for (const e of value as readonly unknown[]) h = murmur3Value(e, type.elementType, h);
      return h;
    }
    case "map": {
      const m = value as MapValue;
      let h = seed;
      for (let k = 0; k < m.keys.length; k++) {
        h = murmur3Value(m.keys[k], type.keyType, h);
        h = murmur3Value(m.values[k], type.valueType, h);
      }
      return h;
    }
    case "struct": {
      const row = value as readonly unknown[];
      let h = seed;
      for (let f = 0; f < type.fields.length; f++)
        h = murmur3Value(row[f], type.fields[f]!.dataType, h);
      return h;
    }
    default:
      return assertNever(type, "data type");
  }
}
