/**
 * Vector kernels every operator needs: take (gather), filter, slice, concat. Each is one
 * loop per buffer over typed arrays; nested types recurse on their children once per call,
 * never per row.
 */

import { assertNever } from "../../types/data-types.ts";
import { nullVector, structVector } from "./builder.ts";
import type {
  BooleanVector,
  BytesVector,
  ColumnVector,
  ListVector,
  MapVector,
  StructVector,
} from "./vector.ts";
import { countNulls } from "./vector.ts";

// ---------------------------------------------------------------------------------------
// Bitmap helpers

/** Copies `n` bits from `src` at `srcStart` into `dst` at `dstStart` (dst bits must be 0). */
export function copyBits(
  src: Uint8Array,
  srcStart: number,
  dst: Uint8Array,
  dstStart: number,
  n: number,
): void {
  if ((srcStart & 7) === 0 && (dstStart & 7) === 0) {
    const whole = n >> 3;
    dst.set(src.subarray(srcStart >> 3, (srcStart >> 3) + whole), dstStart >> 3);
    for (let k = whole << 3; k < n; k++) {
      const s = srcStart + k;
      if ((src[s >> 3]! & (1 << (s & 7))) !== 0) {
        const d = dstStart + k;
        dst[d >> 3]! |= 1 << (d & 7);
      }
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const s = srcStart + k;
    if ((src[s >> 3]! & (1 << (s & 7))) !== 0) {
      const d = dstStart + k;
      dst[d >> 3]! |= 1 << (d & 7);
    }
  }
}

function setAllBits(dst: Uint8Array, start: number, n: number): void {
  for (let k = start; k < start + n; k++) dst[k >> 3]! |= 1 << (k & 7);
}

/** Bits `[start, start + n)` of `bits` as a new bitmap starting at bit 0 (a view when aligned). */
function sliceBits(bits: Uint8Array, start: number, n: number): Uint8Array {
  if ((start & 7) === 0 && (n & 7) === 0) return bits.subarray(start >> 3, (start + n) >> 3);
  const out = new Uint8Array((n + 7) >> 3);
  copyBits(bits, start, out, 0, n);
  return out;
}

// ---------------------------------------------------------------------------------------
// take

/**
 * Gathers rows: output row `k` is input row `indices[k]`; a negative index produces a null
 * (outer joins). Indices may repeat and come in any order.
 */
export function take(v: ColumnVector, indices: Int32Array): ColumnVector {
  const n = indices.length;
  if (v.layout === "null") return nullVector(v.type, n);
  const validity = takeValidity(v.validity, indices);
  const nullCount = validity === null ? 0 : countNulls(validity, n);
  switch (v.layout) {
    case "bool": {
      const src = v.values;
      const out = new Uint8Array((n + 7) >> 3);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        if (i >= 0 && (src[i >> 3]! & (1 << (i & 7))) !== 0) out[k >> 3]! |= 1 << (k & 7);
      }
      return { layout: "bool", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "i8": {
      const src = v.values;
      const out = new Int8Array(n);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        out[k] = i >= 0 ? src[i]! : 0;
      }
      return { layout: "i8", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "i16": {
      const src = v.values;
      const out = new Int16Array(n);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        out[k] = i >= 0 ? src[i]! : 0;
      }
      return { layout: "i16", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "i32": {
      const src = v.values;
      const out = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        out[k] = i >= 0 ? src[i]! : 0;
      }
      return { layout: "i32", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "i64": {
      // gather as pairs of 32-bit words: no bigint allocation per row
      const src = new Int32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
      const out = new BigInt64Array(n);
      gatherWords(src, new Int32Array(out.buffer), indices, 2);
      return { layout: "i64", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "f32": {
      const src = v.values;
      const out = new Float32Array(n);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        out[k] = i >= 0 ? src[i]! : 0;
      }
      return { layout: "f32", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "f64": {
      const src = v.values;
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const i = indices[k]!;
        out[k] = i >= 0 ? src[i]! : 0;
      }
      return { layout: "f64", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "d128": {
      const src = new Int32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
      const out = new BigInt64Array(2 * n);
      gatherWords(src, new Int32Array(out.buffer), indices, 4);
      return { layout: "d128", type: v.type, length: n, validity, nullCount, values: out };
    }
    case "bytes":
      return takeBytes(v, indices, validity, nullCount);
    case "list": {
      const [offsets, childIdx] = takeRanges(v.offsets, indices);
      const child = take(v.child, childIdx);
      return { layout: "list", type: v.type, length: n, validity, nullCount, offsets, child };
    }
    case "map": {
      const [offsets, childIdx] = takeRanges(v.offsets, indices);
      const entries = take(v.entries, childIdx) as StructVector;
      return { layout: "map", type: v.type, length: n, validity, nullCount, offsets, entries };
    }
    case "struct": {
      const children = v.children.map((c) => take(c, indices));
      return structVector(v.type, n, children, validity, nullCount);
    }
    default:
      return assertNever(v, "vector");
  }
}

function gatherWords(src: Int32Array, dst: Int32Array, indices: Int32Array, w: number): void {
  // the 64-bit case (longs, timestamps, decimals of up to 18 digits) spelled out: a fixed
  // two-word copy runs about twice as fast as the loop over `w`
  if (w === 2) {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i < 0) continue;
      dst[2 * k] = src[2 * i]!;
      dst[2 * k + 1] = src[2 * i + 1]!;
    }
    return;
  }
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (i < 0) continue;
    const s = i * w;
    const d = k * w;
    for (let j = 0; j < w; j++) dst[d + j] = src[s + j]!;
  }
}

function takeValidity(bits: Uint8Array | null, indices: Int32Array): Uint8Array | null {
  const n = indices.length;
  if (bits === null) {
    let anyNeg = false;
    for (let k = 0; k < n; k++) {
      if (indices[k]! < 0) {
        anyNeg = true;
        break;
      }
    }
    if (!anyNeg) return null;
  }
  const out = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    if (i >= 0 && (bits === null || (bits[i >> 3]! & (1 << (i & 7))) !== 0)) {
      out[k >> 3]! |= 1 << (k & 7);
    } else {
      nulls++;
    }
  }
  return nulls === 0 ? null : out;
}

function takeBytes(
  v: BytesVector,
  indices: Int32Array,
  validity: Uint8Array | null,
  nullCount: number,
): BytesVector {
  const n = indices.length;
  const so = v.offsets;
  const src = v.data;
  const offsets = new Int32Array(n + 1);
  // one random read of the source offsets per row: remember where each value starts
  const starts = new Int32Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    if (i >= 0) {
      const s = so[i]!;
      starts[k] = s;
      total += so[i + 1]! - s;
    }
    offsets[k + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let k = 0; k < n; k++) {
    let p = offsets[k]!;
    const e = offsets[k + 1]!;
    const len = e - p;
    if (len === 0) continue;
    const s = starts[k]!;
    if (len < 64) {
      for (let q = s; p < e; q++) data[p++] = src[q]!;
    } else {
      data.set(src.subarray(s, s + len), p);
    }
  }
  return { layout: "bytes", type: v.type, length: n, validity, nullCount, offsets, data };
}

/** New offsets (from 0) and the child indices for gathering variable-length ranges. */
function takeRanges(so: Int32Array, indices: Int32Array): [Int32Array, Int32Array] {
  const n = indices.length;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    if (i >= 0) total += so[i + 1]! - so[i]!;
    offsets[k + 1] = total;
  }
  const childIdx = new Int32Array(total);
  let p = 0;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    if (i < 0) continue;
    for (let q = so[i]!; q < so[i + 1]!; q++) childIdx[p++] = q;
  }
  return [offsets, childIdx];
}

// ---------------------------------------------------------------------------------------
// filter

/** Indices of rows where `predicate` is true (null counts as false, as in Spark's Filter). */
export function selectedIndices(predicate: BooleanVector): Int32Array {
  const n = predicate.length;
  const vals = predicate.values;
  const bits = predicate.validity;
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const mask = 1 << (i & 7);
    if ((vals[i >> 3]! & mask) !== 0 && (bits === null || (bits[i >> 3]! & mask) !== 0)) {
      out[m++] = i;
    }
  }
  return out.subarray(0, m);
}

/** Indices of rows whose byte in `mask` is non-zero (one byte per row). */
export function indicesFromMask(mask: Uint8Array): Int32Array {
  const out = new Int32Array(mask.length);
  let m = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) out[m++] = i;
  return out.subarray(0, m);
}

/** Rows of `v` where `predicate` is true (null = false). */
export function filter(v: ColumnVector, predicate: BooleanVector): ColumnVector {
  return take(v, selectedIndices(predicate));
}

// ---------------------------------------------------------------------------------------
// slice

/**
 * Rows `[start, end)` of `v`. Zero-copy for values (typed-array views; variable-length
 * data keeps its offsets, which then no longer start at 0); bitmaps are copied only when
 * `start` is not a multiple of 8.
 */
export function slice(v: ColumnVector, start: number, end: number): ColumnVector {
  const s = Math.max(0, Math.min(start, v.length));
  const e = Math.max(s, Math.min(end, v.length));
  const n = e - s;
  if (s === 0 && n === v.length) return v;
  if (v.layout === "null") return nullVector(v.type, n);
  const validity = v.validity === null ? null : sliceBits(v.validity, s, n);
  const nullCount = validity === null ? 0 : countNulls(validity, n);
  const base = { length: n, validity: nullCount === 0 ? null : validity, nullCount };
  switch (v.layout) {
    case "bool":
      return { ...base, layout: "bool", type: v.type, values: sliceBits(v.values, s, n) };
    case "i8":
      return { ...base, layout: "i8", type: v.type, values: v.values.subarray(s, e) };
    case "i16":
      return { ...base, layout: "i16", type: v.type, values: v.values.subarray(s, e) };
    case "i32":
      return { ...base, layout: "i32", type: v.type, values: v.values.subarray(s, e) };
    case "i64":
      return { ...base, layout: "i64", type: v.type, values: v.values.subarray(s, e) };
    case "f32":
      return { ...base, layout: "f32", type: v.type, values: v.values.subarray(s, e) };
    case "f64":
      return { ...base, layout: "f64", type: v.type, values: v.values.subarray(s, e) };
    case "d128":
      return { ...base, layout: "d128", type: v.type, values: v.values.subarray(2 * s, 2 * e) };
    case "bytes":
      return {
        ...base,
        layout: "bytes",
        type: v.type,
        offsets: v.offsets.subarray(s, e + 1),
        data: v.data,
      };
    case "list":
      return {
        ...base,
        layout: "list",
        type: v.type,
        offsets: v.offsets.subarray(s, e + 1),
        child: v.child,
      };
    case "map":
      return {
        ...base,
        layout: "map",
        type: v.type,
        offsets: v.offsets.subarray(s, e + 1),
        entries: v.entries,
      };
    case "struct":
      return structVector(
        v.type,
        n,
        v.children.map((c) => slice(c, s, e)),
        base.validity,
        nullCount,
      );
    default:
      return assertNever(v, "vector");
  }
}

/**
 * The same values with offsets starting at 0 and children trimmed to the used range
 * (what Arrow IPC writers and concat want). Returns `v` itself when already compact.
 */
export function compactOffsets<V extends BytesVector | ListVector | MapVector>(v: V): V {
  const o0 = v.offsets[0]!;
  const on = v.offsets[v.length]!;
  if (v.layout === "bytes") {
    if (o0 === 0 && on === v.data.length) return v;
    return { ...v, offsets: rebase(v.offsets, o0), data: v.data.subarray(o0, on) };
  }
  if (v.layout === "list") {
    if (o0 === 0 && on === v.child.length) return v;
    return { ...v, offsets: rebase(v.offsets, o0), child: slice(v.child, o0, on) };
  }
  if (o0 === 0 && on === v.entries.length) return v;
  return { ...v, offsets: rebase(v.offsets, o0), entries: slice(v.entries, o0, on) };
}

function rebase(offsets: Int32Array, o0: number): Int32Array {
  if (o0 === 0) return offsets;
  const out = new Int32Array(offsets.length);
  for (let i = 0; i < offsets.length; i++) out[i] = offsets[i]! - o0;
  return out;
}

// ---------------------------------------------------------------------------------------
// concat

/** One vector holding the rows of `vs` in order (all of the same type, at least one). */
export function concat(vs: readonly ColumnVector[]): ColumnVector {
  const first = vs[0];
  if (first === undefined) throw new Error("concat needs at least one vector");
  if (vs.length === 1) return first;
  let n = 0;
  let nulls = 0;
  for (const v of vs) {
    n += v.length;
    nulls += v.nullCount;
  }
  if (first.layout === "null") return nullVector(first.type, n);
  let validity: Uint8Array | null = null;
  if (nulls > 0) {
    validity = new Uint8Array((n + 7) >> 3);
    let at = 0;
    for (const v of vs) {
      if (v.validity === null) setAllBits(validity, at, v.length);
      else copyBits(v.validity, 0, validity, at, v.length);
      at += v.length;
    }
  }
  const base = { type: first.type, length: n, validity, nullCount: nulls };
  switch (first.layout) {
    case "bool": {
      const values = new Uint8Array((n + 7) >> 3);
      let at = 0;
      for (const v of vs) {
        copyBits((v as BooleanVector).values, 0, values, at, v.length);
        at += v.length;
      }
      return { ...base, layout: "bool", values };
    }
    case "i8":
      return { ...base, layout: "i8", values: concatTyped(vs, new Int8Array(n), 1) };
    case "i16":
      return { ...base, layout: "i16", values: concatTyped(vs, new Int16Array(n), 1) };
    case "i32":
      return { ...base, layout: "i32", values: concatTyped(vs, new Int32Array(n), 1) };
    case "i64":
      return { ...base, layout: "i64", values: concatTyped(vs, new BigInt64Array(n), 1) };
    case "f32":
      return { ...base, layout: "f32", values: concatTyped(vs, new Float32Array(n), 1) };
    case "f64":
      return { ...base, layout: "f64", values: concatTyped(vs, new Float64Array(n), 1) };
    case "d128":
      return {
        ...base,
        type: first.type,
        layout: "d128",
        values: concatTyped(vs, new BigInt64Array(2 * n), 2),
      };
    case "bytes": {
      const parts = vs.map((v) => compactOffsets(v as BytesVector));
      let total = 0;
      for (const p of parts) total += p.data.length;
      const data = new Uint8Array(total);
      const offsets = new Int32Array(n + 1);
      let row = 0;
      let pos = 0;
      for (const p of parts) {
        data.set(p.data, pos);
        for (let i = 1; i <= p.length; i++) offsets[row + i] = p.offsets[i]! + pos;
        row += p.length;
        pos += p.data.length;
      }
      return { ...base, layout: "bytes", offsets, data };
    }
    case "list": {
      const parts = vs.map((v) => compactOffsets(v as ListVector));
      const offsets = concatOffsets(parts, n);
      return {
        ...base,
        type: first.type,
        layout: "list",
        offsets,
        child: concat(parts.map((p) => p.child)),
      };
    }
    case "map": {
      const parts = vs.map((v) => compactOffsets(v as MapVector));
      const offsets = concatOffsets(parts, n);
      const entries = concat(parts.map((p) => p.entries)) as StructVector;
      return { ...base, type: first.type, layout: "map", offsets, entries };
    }
    case "struct": {
      const children = first.children.map((_, f) =>
        concat(vs.map((v) => (v as StructVector).children[f]!)),
      );
      return structVector(first.type, n, children, validity, nulls);
    }
    default:
      return assertNever(first, "vector");
  }
}

function concatTyped<
  T extends Int8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array,
>(vs: readonly ColumnVector[], out: T, width: number): T {
  let at = 0;
  for (const v of vs) {
    const values = (v as unknown as { readonly values: T }).values;
    (out as Int32Array).set(values as Int32Array, at);
    at += v.length * width;
  }
  return out;
}

function concatOffsets(parts: readonly (ListVector | MapVector)[], n: number): Int32Array {
  const offsets = new Int32Array(n + 1);
  let row = 0;
  let pos = 0;
  for (const p of parts) {
    for (let i = 1; i <= p.length; i++) offsets[row + i] = p.offsets[i]! + pos;
    row += p.length;
    pos += p.offsets[p.length]!;
  }
  return offsets;
}
