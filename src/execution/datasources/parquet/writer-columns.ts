/**
 * Writer column work: shredding vectors into definition/repetition levels per leaf,
 * PLAIN value bytes, min/max/null_count statistics and string dictionaries.
 */

import type {
  BooleanVector,
  BytesVector,
  ColumnVector,
  DecimalVector,
  ListVector,
  MapVector,
  StructVector,
} from "../../columnar/vector.ts";
import { PT } from "./metadata.ts";
import type { WLeaf, WNode } from "./writer-schema.ts";

// ---------------------------------------------------------------------------------------
// shredding

export class IntSink {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** Makes room for `k` more values; returns the backing array (write at `n..n + k`). */
  reserve(k: number): Int32Array {
    if (this.n + k > this.a.length) {
      const b = new Int32Array(Math.max(this.n + k, this.a.length * 2));
      b.set(this.a.subarray(0, this.n));
      this.a = b;
    }
    return this.a;
  }
  view(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

export interface Shredded {
  readonly defs: IntSink;
  readonly reps: IntSink;
  /** Indices of the non-null values into `source`. */
  readonly values: IntSink;
  source: ColumnVector | null;
}

function isNullAt(v: ColumnVector, i: number): boolean {
  const bits = v.validity;
  return bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0;
}

function emitNull(node: WNode, def: number, rep: number, out: Shredded[]): void {
  switch (node.kind) {
    case "leaf": {
      const s = out[node.leaf]!;
      s.defs.push(def);
      s.reps.push(rep);
      return;
    }
    case "struct":
      for (const f of node.fields) emitNull(f, def, rep, out);
      return;
    case "list":
      emitNull(node.element, def, rep, out);
      return;
    case "map":
      emitNull(node.key, def, rep, out);
      emitNull(node.value, def, rep, out);
      return;
    default: {
      const never: never = node;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
}

export function shred(
  node: WNode,
  v: ColumnVector,
  i: number,
  def: number,
  rep: number,
  out: Shredded[],
): void {
  if (node.optional) {
    if (isNullAt(v, i) || v.layout === "null") {
      emitNull(node, def, rep, out);
      return;
    }
    def++;
  }
  switch (node.kind) {
    case "leaf": {
      const s = out[node.leaf]!;
      s.source = v;
      s.defs.push(def);
      s.reps.push(rep);
      s.values.push(i);
      return;
    }
    case "struct": {
      const children = (v as StructVector).children;
      for (let k = 0; k < node.fields.length; k++)
        shred(node.fields[k]!, children[k]!, i, def, rep, out);
      return;
    }
    case "list":
    case "map": {
      const lv = v as ListVector | MapVector;
      const s = lv.offsets[i]!;
      const e = lv.offsets[i + 1]!;
      if (s === e) {
        emitNull(node, def, rep, out);
        return;
      }
      for (let k = s; k < e; k++) {
        const r = k === s ? rep : node.repLevel;
        if (node.kind === "list") shred(node.element, (lv as ListVector).child, k, def + 1, r, out);
        else {
          const entries = (lv as MapVector).entries;
          shred(node.key, entries.children[0]!, k, def + 1, r, out);
          shred(node.value, entries.children[1]!, k, def + 1, r, out);
        }
      }
      return;
    }
    default: {
      const never: never = node;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// values

const MICROS_PER_DAY = 86_400_000_000n;
const JULIAN_DAY_OF_EPOCH = 2_440_588n;

/**
 * Timestamps as INT96 (8 bytes of nanoseconds in the day, then the 4-byte Julian day, both
 * little-endian, as Spark and Impala write them) or as INT64 milliseconds (floor).
 */
function timestampValues(
  unit: "int96" | "millis",
  src: ColumnVector,
  idx: Int32Array,
  from: number,
  to: number,
): Uint8Array {
  const n = to - from;
  const vals = (src as { values: BigInt64Array }).values;
  if (unit === "millis") {
    const out = new BigInt64Array(n);
    for (let k = 0; k < n; k++) {
      const v = vals[idx[from + k]!]!;
      const q = v / 1000n;
      out[k] = v < 0n && q * 1000n !== v ? q - 1n : q;
    }
    return new Uint8Array(out.buffer);
  }
  const out = new Uint8Array(12 * n);
  const view = new DataView(out.buffer);
  for (let k = 0; k < n; k++) {
    const v = vals[idx[from + k]!]!;
    let day = v / MICROS_PER_DAY;
    let rem = v - day * MICROS_PER_DAY;
    if (rem < 0n) {
      rem += MICROS_PER_DAY;
      day -= 1n;
    }
    view.setBigInt64(12 * k, rem * 1000n, true);
    view.setInt32(12 * k + 8, Number(day + JULIAN_DAY_OF_EPOCH), true);
  }
  return out;
}

/** PLAIN bytes of the values `idx[from..to)` of `src`. */
export function plainValues(
  leaf: WLeaf,
  src: ColumnVector,
  idx: Int32Array,
  from: number,
  to: number,
): Uint8Array {
  const n = to - from;
  if (leaf.timestampUnit !== undefined)
    return timestampValues(leaf.timestampUnit, src, idx, from, to);
  switch (leaf.physical) {
    case PT.BOOLEAN: {
      const out = new Uint8Array((n + 7) >> 3);
      const bits = (src as BooleanVector).values;
      for (let k = 0; k < n; k++) {
        const i = idx[from + k]!;
        if ((bits[i >> 3]! >> (i & 7)) & 1) out[k >> 3]! |= 1 << (k & 7);
      }
      return out;
    }
    case PT.INT32: {
      const out = new Int32Array(n);
      if (src.layout === "d128") {
        const w = new Int32Array(src.values.buffer, src.values.byteOffset, src.values.length * 2);
        for (let k = 0; k < n; k++) out[k] = w[4 * idx[from + k]!]!;
      } else {
        const vals = (src as { values: Int32Array | Int16Array | Int8Array }).values;
        for (let k = 0; k < n; k++) out[k] = vals[idx[from + k]!]!;
      }
      return new Uint8Array(out.buffer);
    }
    case PT.INT64:
    case PT.DOUBLE: {
      const out = new Int32Array(2 * n);
      const vals = (src as { values: BigInt64Array | Float64Array }).values;
      const w = new Int32Array(vals.buffer, vals.byteOffset, vals.length * 2);
      const stride = src.layout === "d128" ? 4 : 2;
      for (let k = 0; k < n; k++) {
        const i = stride * idx[from + k]!;
        out[2 * k] = w[i]!;
        out[2 * k + 1] = w[i + 1]!;
      }
      return new Uint8Array(out.buffer);
    }
    case PT.FLOAT: {
      const out = new Float32Array(n);
      const vals = (src as { values: Float32Array }).values;
      for (let k = 0; k < n; k++) out[k] = vals[idx[from + k]!]!;
      return new Uint8Array(out.buffer);
    }
    case PT.BYTE_ARRAY: {
      const bv = src as BytesVector;
      let total = 0;
      for (let k = from; k < to; k++) total += bv.offsets[idx[k]! + 1]! - bv.offsets[idx[k]!]!;
      const out = new Uint8Array(total + 4 * n);
      let p = 0;
      for (let k = from; k < to; k++) {
        const s = bv.offsets[idx[k]!]!;
        const e = bv.offsets[idx[k]! + 1]!;
        const len = e - s;
        out[p] = len & 0xff;
        out[p + 1] = (len >>> 8) & 0xff;
        out[p + 2] = (len >>> 16) & 0xff;
        out[p + 3] = len >>> 24;
        out.set(bv.data.subarray(s, e), p + 4);
        p += 4 + len;
      }
      return out;
    }
    case PT.FIXED_LEN_BYTE_ARRAY: {
      const w = leaf.typeLength;
      const out = new Uint8Array(w * n);
      const dv = src as DecimalVector;
      const bytes = new Uint8Array(dv.values.buffer, dv.values.byteOffset, dv.values.byteLength);
      for (let k = 0; k < n; k++) {
        const o = 16 * idx[from + k]!;
        for (let j = 0; j < w; j++) out[k * w + j] = bytes[o + w - 1 - j]!;
      }
      return out;
    }
    default:
      throw new Error(`unknown physical type ${leaf.physical}`);
  }
}

// ---------------------------------------------------------------------------------------
// statistics

export interface Stats {
  min: Uint8Array | undefined;
  max: Uint8Array | undefined;
  nulls: number;
}

function cmpBytes(
  a: Uint8Array,
  as: number,
  ae: number,
  b: Uint8Array,
  bs: number,
  be: number,
): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const d = a[as + i]! - b[bs + i]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

function le32(v: number): Uint8Array {
  return new Uint8Array(new Int32Array([v]).buffer);
}

export function statsOf(
  leaf: WLeaf,
  src: ColumnVector | null,
  idx: Int32Array,
  nulls: number,
): Stats {
  const n = idx.length;
  // INT96 has no defined order (parquet-mr writes no min/max); millis: null count only
  if (src === null || n === 0 || leaf.timestampUnit !== undefined) {
    return { min: undefined, max: undefined, nulls };
  }
  switch (src.layout) {
    case "bool": {
      let lo = 1;
      let hi = 0;
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        const b = (src.values[i >> 3]! >> (i & 7)) & 1;
        lo = Math.min(lo, b);
        hi = Math.max(hi, b);
      }
      return { min: Uint8Array.of(lo), max: Uint8Array.of(hi), nulls };
    }
    case "i8":
    case "i16":
    case "i32": {
      let lo = 2 ** 31;
      let hi = -(2 ** 31) - 1;
      for (let k = 0; k < n; k++) {
        const x = src.values[idx[k]!]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      return { min: le32(lo), max: le32(hi), nulls };
    }
    case "f32":
    case "f64": {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      let any = false;
      for (let k = 0; k < n; k++) {
        const x = src.values[idx[k]!]!;
        if (Number.isNaN(x)) continue;
        any = true;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      if (!any) return { min: undefined, max: undefined, nulls };
      if (lo === 0) lo = -0;
      if (hi === 0) hi = 0;
      const enc = (x: number): Uint8Array =>
        new Uint8Array(
          (src.layout === "f32" ? new Float32Array([x]) : new Float64Array([x])).buffer,
        );
      return { min: enc(lo), max: enc(hi), nulls };
    }
    case "i64": {
      let lo = src.values[idx[0]!]!;
      let hi = lo;
      for (let k = 1; k < n; k++) {
        const x = src.values[idx[k]!]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const enc = (x: bigint): Uint8Array => new Uint8Array(new BigInt64Array([x]).buffer);
      return { min: enc(lo), max: enc(hi), nulls };
    }
    case "d128": {
      const words = src.values;
      const get = (i: number): bigint => {
        const lo = words[2 * i]!;
        const hi = words[2 * i + 1]!;
        return (hi << 64n) | BigInt.asUintN(64, lo);
      };
      let lo = get(idx[0]!);
      let hi = lo;
      for (let k = 1; k < n; k++) {
        const x = get(idx[k]!);
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const enc = (x: bigint): Uint8Array => {
        if (leaf.physical === PT.INT32) return le32(Number(x));
        if (leaf.physical === PT.INT64) return new Uint8Array(new BigInt64Array([x]).buffer);
        const w = leaf.typeLength;
        const out = new Uint8Array(w);
        let v = BigInt.asUintN(8 * w, x);
        for (let j = w - 1; j >= 0; j--) {
          out[j] = Number(v & 0xffn);
          v >>= 8n;
        }
        return out;
      };
      return { min: enc(lo), max: enc(hi), nulls };
    }
    case "bytes": {
      const o = src.offsets;
      const d = src.data;
      let lo = idx[0]!;
      let hi = lo;
      for (let k = 1; k < n; k++) {
        const i = idx[k]!;
        if (cmpBytes(d, o[i]!, o[i + 1]!, d, o[lo]!, o[lo + 1]!) < 0) lo = i;
        if (cmpBytes(d, o[i]!, o[i + 1]!, d, o[hi]!, o[hi + 1]!) > 0) hi = i;
      }
      return { min: d.slice(o[lo]!, o[lo + 1]!), max: d.slice(o[hi]!, o[hi + 1]!), nulls };
    }
    default:
      return { min: undefined, max: undefined, nulls };
  }
}

// ---------------------------------------------------------------------------------------
// dictionary

export interface Dict {
  /** Dictionary index per value (aligned with the value indices). */
  readonly ids: Int32Array;
  /** Value index (into the source) of each dictionary entry. */
  readonly entries: Int32Array;
}

const MAX_DICT_BYTES = 1 << 20;

/** Most distinct values a dictionary may hold before we give up (bounded by bytes too). */
const MAX_DICT_ENTRIES = 1 << 16;

/**
 * Dictionary of the values `idx` of `src`, or null when it would not pay. An open-addressing
 * table of entry numbers keyed by an FNV-1a hash of the bytes: no JS string per value.
 */
export function buildDict(src: BytesVector, idx: Int32Array): Dict | null {
  const n = idx.length;
  if (n === 0) return null;
  const offsets = src.offsets;
  const data = src.data;
  const capacity = 1 << Math.min(17, 32 - Math.clz32(Math.min(n, MAX_DICT_ENTRIES) * 2));
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const ids = new Int32Array(n);
  const entries = new Int32Array(Math.min(n, MAX_DICT_ENTRIES));
  let count = 0;
  let bytes = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    let h = 0x811c9dc5;
    for (let j = s; j < e; j++) h = Math.imul(h ^ data[j]!, 0x01000193);
    let slot = (h ^ (h >>> 15)) & mask;
    let id = -1;
    for (;;) {
      const cand = table[slot]!;
      if (cand < 0) break;
      const ci = entries[cand]!;
      const cs = offsets[ci]!;
      const ce = offsets[ci + 1]!;
      if (ce - cs === e - s) {
        let same = true;
        for (let j = 0; j < e - s; j++) {
          if (data[cs + j] !== data[s + j]) {
            same = false;
            break;
          }
        }
        if (same) {
          id = cand;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (id < 0) {
      id = count++;
      // give up on high-cardinality columns, and before the table gets crowded
      bytes += e - s + 4;
      if (bytes > MAX_DICT_BYTES || count > (k + 1) / 2 + 1024 || count * 2 > capacity) return null;
      entries[id] = i;
      table[slot] = id;
    }
    ids[k] = id;
  }
  return { ids, entries: entries.slice(0, count) };
}
