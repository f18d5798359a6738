/**
 * Spark's `xxhash64()`: XXH64 with seed 42, folded over the columns exactly like `hash()`
 * (same value encoding, see murmur3.ts; a null keeps the running seed).
 *
 * 64-bit arithmetic is done on pairs of unsigned 32-bit words held in module-level
 * registers (`R[0]!`, `R[1]!`): no bigint and no allocation per row. Seeds and results are
 * BigInt64Array (Spark's result type is bigint).
 */

import type { DataType, MapValue } from "../../types/data-types.ts";
import { assertNever } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { bigDecimalBytes, DECIMAL_BYTES, decimalBytesAt } from "./decimal-bytes.ts";
import { utf8IntoScratch } from "./murmur3.ts";

export const SPARK_XXHASH_SEED = 42n;

// primes as (high, low) words, as signed int32
const P1H = 0x9e3779b1 | 0;
const P1L = 0x85ebca87 | 0;
const P2H = 0xc2b2ae3d | 0;
const P2L = 0x27d4eb4f | 0;
const P3H = 0x165667b1 | 0;
const P3L = 0x9e3779f9 | 0;
const P4H = 0x85ebca77 | 0;
const P4L = 0xc2b2ae63 | 0;
const P5H = 0x27d4eb2f | 0;
const P5L = 0x165667c5 | 0;

// Result registers of the 64-bit helpers: R[0] = high word, R[1] = low word. A typed
// array, not module variables: storing a large number into a variable slot would box it.
const R = new Int32Array(2);
/** 2^-16: multiplying by it is exact and much cheaper than dividing by 65536. */
const INV_2_16 = 1 / 65536;

/** (ah, al) * (bh, bl) mod 2^64 into R. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a1 = al >>> 16;
  const a0 = al & 0xffff;
  const b1 = bl >>> 16;
  const b0 = bl & 0xffff;
  // high word of the 32x32 product of the low words; every step exact in doubles
  const t = a0 * b0;
  const w1 = a1 * b0 + (t >>> 16);
  const w2 = a0 * b1 + (w1 & 0xffff);
  const hi = a1 * b1 + (w1 - (w1 & 0xffff)) * INV_2_16 + (w2 - (w2 & 0xffff)) * INV_2_16;
  R[1] = Math.imul(al, bl);
  R[0] = hi + Math.imul(al, bh) + Math.imul(ah, bl);
}

/** (ah, al) + (bh, bl) mod 2^64 into R. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const l = (al >>> 0) + (bl >>> 0);
  R[1] = l;
  R[0] = ah + bh + (l > 0xffffffff ? 1 : 0);
}

/** rotate left by r (0 < r < 64) into R. */
function rotl(h: number, l: number, r: number): void {
  if (r >= 32) {
    const t = h;
    h = l;
    l = t;
    r -= 32;
  }
  if (r === 0) {
    R[0] = h;
    R[1] = l;
    return;
  }
  R[0] = (h << r) | (l >>> (32 - r));
  R[1] = (l << r) | (h >>> (32 - r));
}

/** fmix of (h, l) into R. */
function fmix(h: number, l: number): void {
  // h ^= h >>> 33
  l ^= h >>> 1;
  mul(h, l, P2H, P2L);
  h = R[0]!;
  l = R[1]!;
  // h ^= h >>> 29
  l ^= (l >>> 29) | (h << 3);
  h ^= h >>> 29;
  mul(h, l, P3H, P3L);
  // h ^= h >>> 32
  R[1] = R[1]! ^ R[0]!;
}

/** XXH64.hashInt(i, seed) into R. */
function hashInt(i: number, sh: number, sl: number): void {
  add(sh, sl, P5H, P5L);
  add(R[0]!, R[1]!, 0, 4);
  const h = R[0]!;
  const l = R[1]!;
  mul(0, i, P1H, P1L);
  rotl(h ^ R[0]!, l ^ R[1]!, 23);
  mul(R[0]!, R[1]!, P2H, P2L);
  add(R[0]!, R[1]!, P3H, P3L);
  fmix(R[0]!, R[1]!);
}

/** XXH64.hashLong((vh, vl), seed) into R. */
function hashLong(vh: number, vl: number, sh: number, sl: number): void {
  add(sh, sl, P5H, P5L);
  add(R[0]!, R[1]!, 0, 8);
  const h = R[0]!;
  const l = R[1]!;
  mul(vh, vl, P2H, P2L);
  rotl(R[0]!, R[1]!, 31);
  mul(R[0]!, R[1]!, P1H, P1L);
  rotl(h ^ R[0]!, l ^ R[1]!, 27);
  mul(R[0]!, R[1]!, P1H, P1L);
  add(R[0]!, R[1]!, P4H, P4L);
  fmix(R[0]!, R[1]!);
}

function word(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
}

/** One XXH64 stripe lane: v = rotl(v + w * P2, 31) * P1, into R. */
function round(vh: number, vl: number, wh: number, wl: number): void {
  mul(wh, wl, P2H, P2L);
  add(vh, vl, R[0]!, R[1]!);
  rotl(R[0]!, R[1]!, 31);
  mul(R[0]!, R[1]!, P1H, P1L);
}

/** hash ^= round(0, v); hash = hash * P1 + P4, into R. */
function mergeRound(hh: number, hl: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul(hh ^ R[0]!, hl ^ R[1]!, P1H, P1L);
  add(R[0]!, R[1]!, P4H, P4L);
}

/** XXH64.hashUnsafeBytes over `b[start, end)` into R. */
function hashBytes(b: Uint8Array, start: number, end: number, sh: number, sl: number): void {
  const len = end - start;
  let p = start;
  let hh: number;
  let hl: number;
  if (len >= 32) {
    add(sh, sl, P1H, P1L);
    add(R[0]!, R[1]!, P2H, P2L);
    let v1h = R[0]!;
    let v1l = R[1]!;
    add(sh, sl, P2H, P2L);
    let v2h = R[0]!;
    let v2l = R[1]!;
    let v3h = sh;
    let v3l = sl;
    // seed - P1 = seed + (2^64 - P1)
    add(sh, sl, ~P1H, ~P1L);
    add(R[0]!, R[1]!, 0, 1);
    let v4h = R[0]!;
    let v4l = R[1]!;
    const limit = end - 32;
    do {
      round(v1h, v1l, word(b, p + 4), word(b, p));
      v1h = R[0]!;
      v1l = R[1]!;
      round(v2h, v2l, word(b, p + 12), word(b, p + 8));
      v2h = R[0]!;
      v2l = R[1]!;
      round(v3h, v3l, word(b, p + 20), word(b, p + 16));
      v3h = R[0]!;
      v3l = R[1]!;
      round(v4h, v4l, word(b, p + 28), word(b, p + 24));
      v4h = R[0]!;
      v4l = R[1]!;
      p += 32;
    } while (p <= limit);
    rotl(v1h, v1l, 1);
    hh = R[0]!;
    hl = R[1]!;
    rotl(v2h, v2l, 7);
    add(hh, hl, R[0]!, R[1]!);
    hh = R[0]!;
    hl = R[1]!;
    rotl(v3h, v3l, 12);
    add(hh, hl, R[0]!, R[1]!);
    hh = R[0]!;
    hl = R[1]!;
    rotl(v4h, v4l, 18);
    add(hh, hl, R[0]!, R[1]!);
    mergeRound(R[0]!, R[1]!, v1h, v1l);
    mergeRound(R[0]!, R[1]!, v2h, v2l);
    mergeRound(R[0]!, R[1]!, v3h, v3l);
    mergeRound(R[0]!, R[1]!, v4h, v4l);
  } else {
    add(sh, sl, P5H, P5L);
  }
  add(R[0]!, R[1]!, 0, len);
  hh = R[0]!;
  hl = R[1]!;
  while (p <= end - 8) {
    mul(word(b, p + 4), word(b, p), P2H, P2L);
    rotl(R[0]!, R[1]!, 31);
    mul(R[0]!, R[1]!, P1H, P1L);
    rotl(hh ^ R[0]!, hl ^ R[1]!, 27);
    mul(R[0]!, R[1]!, P1H, P1L);
    add(R[0]!, R[1]!, P4H, P4L);
    hh = R[0]!;
    hl = R[1]!;
    p += 8;
  }
  if (p + 4 <= end) {
    mul(0, word(b, p), P1H, P1L);
    rotl(hh ^ R[0]!, hl ^ R[1]!, 23);
    mul(R[0]!, R[1]!, P2H, P2L);
    add(R[0]!, R[1]!, P3H, P3L);
    hh = R[0]!;
    hl = R[1]!;
    p += 4;
  }
  while (p < end) {
    mul(0, b[p]!, P5H, P5L);
    rotl(hh ^ R[0]!, hl ^ R[1]!, 11);
    mul(R[0]!, R[1]!, P1H, P1L);
    hh = R[0]!;
    hl = R[1]!;
    p++;
  }
  fmix(hh, hl);
}

// ---------------------------------------------------------------------------------------
// Vectorized: seeds live as (high, low) word pairs in an Int32Array view of a BigInt64Array

function hashFloatInto(f: number, w: Int32Array, k: number): void {
  F32[0] = f === 0 ? 0 : f;
  const bits = Number.isNaN(f) ? 0x7fc00000 : F32_BITS[0]!;
  hashInt(bits, w[k + 1]!, w[k]!);
  w[k] = R[1]!;
  w[k + 1] = R[0]!;
}

function hashDoubleInto(d: number, w: Int32Array, k: number): void {
  if (Number.isNaN(d)) {
    hashLong(0x7ff80000, 0, w[k + 1]!, w[k]!);
  } else {
    F64[0] = d === 0 ? 0 : d;
    hashLong(F64_BITS[1]!, F64_BITS[0]!, w[k + 1]!, w[k]!);
  }
  w[k] = R[1]!;
  w[k + 1] = R[0]!;
}

const F32 = new Float32Array(1);
const F32_BITS = new Int32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BITS = new Int32Array(F64.buffer);

/**
 * Folds column `v` into per-row running 64-bit hashes: for each non-null row `i`,
 * `seeds[i] = xxhash64(v[i], seeds[i])`. Start with `seeds.fill(42n)`.
 */
export function xxhash64Column(v: ColumnVector, seeds: BigInt64Array): void {
  const n = v.length;
  const bits = v.validity;
  const s = new Int32Array(seeds.buffer, seeds.byteOffset, 2 * n);
  if (v.layout === "i64" || (v.layout === "d128" && v.type.precision <= 18)) {
    // read the longs as word pairs through one view: no bigint per row
    const x = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * v.values.length);
    const stride = v.layout === "i64" ? 2 : 4;
    for (let i = 0; i < n; i++) {
      if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const k = 2 * i;
      hashLong(x[stride * i + 1]!, x[stride * i]!, s[k + 1]!, s[k]!);
      s[k] = R[1]!;
      s[k + 1] = R[0]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
    xxhashAtInto(v, i, s, 2 * i);
  }
}

/** Hashes row `i` of `v` into the seed held at words `w[k]` (low), `w[k + 1]` (high). */
function xxhashAtInto(v: ColumnVector, i: number, w: Int32Array, k: number): void {
  const bits = v.validity;
  if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) return;
  switch (v.layout) {
    case "null":
      return;
    case "bool":
      hashInt((v.values[i >> 3]! & (1 << (i & 7))) !== 0 ? 1 : 0, w[k + 1]!, w[k]!);
      break;
    case "i8":
    case "i16":
    case "i32":
      hashInt(v.values[i]!, w[k + 1]!, w[k]!);
      break;
    case "i64":
      VAL[0] = v.values[i]!;
      hashLong(VAL_WORDS[1]!, VAL_WORDS[0]!, w[k + 1]!, w[k]!);
      break;
    case "f32":
      hashFloatInto(v.values[i]!, w, k);
      return;
    case "f64":
      hashDoubleInto(v.values[i]!, w, k);
      return;
    case "d128": {
      if (v.type.precision <= 18) {
        VAL[0] = v.values[2 * i]!;
        hashLong(VAL_WORDS[1]!, VAL_WORDS[0]!, w[k + 1]!, w[k]!);
      } else {
        const st = decimalBytesAt(v, i);
        hashBytes(DECIMAL_BYTES, st, 16, w[k + 1]!, w[k]!);
      }
      break;
    }
    case "bytes":
      hashBytes(v.data, v.offsets[i]!, v.offsets[i + 1]!, w[k + 1]!, w[k]!);
      break;
    case "list":
      for (let e = v.offsets[i]!; e < v.offsets[i + 1]!; e++) xxhashAtInto(v.child, e, w, k);
      return;
    case "map": {
      const [keys, values] = v.entries.children as [ColumnVector, ColumnVector];
      for (let e = v.offsets[i]!; e < v.offsets[i + 1]!; e++) {
        xxhashAtInto(keys, e, w, k);
        xxhashAtInto(values, e, w, k);
      }
      return;
    }
    case "struct":
      for (let f = 0; f < v.children.length; f++) xxhashAtInto(v.children[f]!, i, w, k);
      return;
    default:
      assertNever(v, "vector");
  }
  w[k] = R[1]!;
  w[k + 1] = R[0]!;
}

/** Spark's `xxhash64(columns...)` for every row of a batch (seed 42). */
export function xxhash64Batch(batch: ColumnarBatch, columns?: readonly number[]): BigInt64Array {
  const seeds = new BigInt64Array(batch.numRows).fill(SPARK_XXHASH_SEED);
  const cols = columns ?? batch.columns.map((_, c) => c);
  for (const c of cols) xxhash64Column(batch.columns[c]!, seeds);
  return seeds;
}

// ---------------------------------------------------------------------------------------
// Values (interpreter)

const ONE = new BigInt64Array(1);
const ONE_WORDS = new Int32Array(ONE.buffer);
const VAL = new BigInt64Array(1);
const VAL_WORDS = new Int32Array(VAL.buffer);

/** XXH64 hash of one value in the internal representation with `seed`. */
export function xxhash64Value(value: unknown, type: DataType, seed: bigint): bigint {
  ONE[0] = seed;
  xxhashValueInto(value, type);
  return ONE[0]!;
}

function xxhashValueInto(value: unknown, type: DataType): void {
  if (value === null || value === undefined) return;
  const sh = ONE_WORDS[1]!;
  const sl = ONE_WORDS[0]!;
  switch (type.kind) {
    case "null":
      return;
    case "boolean":
      hashInt(value ? 1 : 0, sh, sl);
      break;
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      hashInt(value as number, sh, sl);
      break;
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      VAL[0] = value as bigint;
      hashLong(VAL_WORDS[1]!, VAL_WORDS[0]!, sh, sl);
      break;
    case "float":
      hashFloatInto(value as number, ONE_WORDS, 0);
      return;
    case "double":
      hashDoubleInto(value as number, ONE_WORDS, 0);
      return;
    case "decimal":
      if (type.precision <= 18) {
        VAL[0] = value as bigint;
        hashLong(VAL_WORDS[1]!, VAL_WORDS[0]!, sh, sl);
      } else {
        hashBytes(DECIMAL_BYTES, bigDecimalBytes(value as bigint), 16, sh, sl);
      }
      break;
    case "string": {
      const b = utf8IntoScratch(value as string);
      hashBytes(b, 0, b.length, sh, sl);
      break;
    }
    case "binary": {
      const b = value as Uint8Array;
      hashBytes(b, 0, b.length, sh, sl);
      break;
    }
    case "array":
      for (const e of value as readonly unknown[]) xxhashValueInto(e, type.elementType);
      return;
    case "map": {
      const m = value as MapValue;
      for (let k = 0; k < m.keys.length; k++) {
        xxhashValueInto(m.keys[k], type.keyType);
        xxhashValueInto(m.values[k], type.valueType);
      }
      return;
    }
    case "struct": {
      const row = value as readonly unknown[];
      for (let f = 0; f < type.fields.length; f++)
        xxhashValueInto(row[f], type.fields[f]!.dataType);
      return;
    }
    default:
      assertNever(type, "data type");
  }
  ONE_WORDS[0] = R[1]!;
  ONE_WORDS[1] = R[0]!;
}
