/**
 * Decoded column chunks -> Flint column vectors: physical values convert to the Spark
 * type's layout (dense), then definition/repetition levels place them (nulls via the
 * `take` kernel with -1 indices; list/map offsets and struct validity from the levels of
 * the first leaf below each node, Dremel-style).
 *
 * A node's slots are the level entries `e` with `rep[e] <= R` and `def[e] >= D`, where
 * (R, D) is the node's context: (0, 0) at the top, (repLevel, elemDef) of the enclosing
 * list or map below it, unchanged through structs.
 */

import type { DataType, MapType, StructType } from "../../../types/data-types.ts";
import { mapEntriesType } from "../../columnar/builder.ts";
import { countNulls } from "../../columnar/index.ts";
import { take } from "../../columnar/kernels.ts";
import type { ColumnVector, MapVector, StructVector } from "../../columnar/vector.ts";
import type { DecodedChunk, Dense } from "./column-chunk.ts";
import type { LeafNode, PNode } from "./schema.ts";

const JULIAN_EPOCH_DAY = 2440588;
const MICROS_PER_DAY = 86400000000n;

/** Dense values of a leaf converted to its Spark type's layout (no nulls, `count` rows). */
export function denseVector(leaf: LeafNode, d: Dense): ColumnVector {
  const type = leaf.type;
  const base = { type, validity: null, nullCount: 0 } as const;
  switch (d.kind) {
    case "bool":
      return { ...base, layout: "bool", length: d.count, values: d.bits };
    case "f32":
      return { ...base, layout: "f32", length: d.count, values: d.values.subarray(0, d.count) };
    case "f64":
      return { ...base, layout: "f64", length: d.count, values: d.values.subarray(0, d.count) };
    case "bytes": {
      if (type.kind === "decimal")
        return decimalFromBytes(leaf, d.acc.offsets, d.acc.data, d.acc.count);
      return {
        ...base,
        layout: "bytes",
        length: d.acc.count,
        offsets: d.acc.offsets.subarray(0, d.acc.count + 1),
        data: d.acc.data,
      };
    }
    case "fixed": {
      const n = d.count;
      if (leaf.conversion === "int96") return int96Vector(leaf, d.data, n);
      const w = d.width;
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) offsets[i] = i * w;
      if (type.kind === "decimal") return decimalFromBytes(leaf, offsets, d.data, n);
      return { ...base, layout: "bytes", length: n, offsets, data: d.data.subarray(0, n * w) };
    }
    case "i32": {
      const n = d.count;
      const v = d.values.subarray(0, n);
      switch (leaf.conversion) {
        case "int8":
          return { ...base, layout: "i8", length: n, values: Int8Array.from(v) };
        case "int16":
          return { ...base, layout: "i16", length: n, values: Int16Array.from(v) };
        case "uint32": {
          const out = widened(v, 8 * n, BigInt64Array, n);
          const w = new Int32Array(out.buffer, out.byteOffset, 2 * n);
          for (let i = n - 1; i >= 0; i--) {
            w[2 * i] = v[i]!;
            w[2 * i + 1] = 0;
          }
          return { ...base, layout: "i64", length: n, values: out };
        }
        case "decimal": {
          const out = widened(v, 16 * n, BigInt64Array, 2 * n);
          const w = new Int32Array(out.buffer, out.byteOffset, 4 * n);
          // backwards: word 4i is at or after word i, so no value is overwritten unread
          for (let i = n - 1; i >= 0; i--) {
            const x = v[i]!;
            const s = x >> 31;
            w[4 * i] = x;
            w[4 * i + 1] = s;
            w[4 * i + 2] = s;
            w[4 * i + 3] = s;
          }
          return { ...base, type: leaf.type as never, layout: "d128", length: n, values: out };
        }
        default:
          return { ...base, layout: "i32", length: n, values: v };
      }
    }
    case "i64": {
      const n = d.count;
      const v = d.values.subarray(0, n);
      switch (leaf.conversion) {
        case "millis": {
          const out = new BigInt64Array(n);
          for (let i = 0; i < n; i++) out[i] = v[i]! * 1000n;
          return { ...base, layout: "i64", length: n, values: out };
        }
        case "decimal":
        case "uint64": {
          const src = new Int32Array(v.buffer, v.byteOffset, 2 * n);
          const out = widened(v, 16 * n, BigInt64Array, 2 * n);
          const w = new Int32Array(out.buffer, out.byteOffset, 4 * n);
          const signed = leaf.conversion === "decimal";
          for (let i = n - 1; i >= 0; i--) {
            const hi = src[2 * i + 1]!;
            const s = signed ? hi >> 31 : 0;
            w[4 * i] = src[2 * i]!;
            w[4 * i + 1] = hi;
            w[4 * i + 2] = s;
            w[4 * i + 3] = s;
          }
          return { ...base, type: leaf.type as never, layout: "d128", length: n, values: out };
        }
        default:
          return { ...base, layout: "i64", length: n, values: v };
      }
    }
    default: {
      const never: never = d;
      throw new Error(`unknown dense kind ${String(never)}`);
    }
  }
}

/**
 * A `length`-element array over the same buffer as `v` when it has room for `bytes`
 * (column-chunk.ts allocates widening columns so), else a new one. Callers fill it
 * backwards from `v`.
 */
function widened<T>(
  v: Int32Array | BigInt64Array,
  bytes: number,
  make: new (buffer: ArrayBuffer, byteOffset: number, length: number) => T,
  length: number,
): T {
  if (v.byteOffset === 0 && v.buffer.byteLength >= bytes && v.buffer instanceof ArrayBuffer) {
    return new make(v.buffer, 0, length);
  }
  const copy = new ArrayBuffer(Math.max(bytes, v.byteLength));
  new Uint8Array(copy).set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  return new make(copy, 0, length);
}

function int96Vector(leaf: LeafNode, data: Uint8Array, n: number): ColumnVector {
  const out = new BigInt64Array(n);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < n; i++) {
    const nanos = dv.getBigInt64(12 * i, true);
    const day = dv.getInt32(12 * i + 8, true);
    out[i] = BigInt(day - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanos / 1000n;
  }
  return { layout: "i64", type: leaf.type, length: n, validity: null, nullCount: 0, values: out };
}

/** Big-endian two's complement byte strings -> Decimal128 little-endian words. */
function decimalFromBytes(
  leaf: LeafNode,
  offsets: Int32Array,
  data: Uint8Array,
  n: number,
): ColumnVector {
  const out = new BigInt64Array(2 * n);
  const bytes = new Uint8Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const s = offsets[i]!;
    const e = offsets[i + 1]!;
    const len = Math.min(e - s, 16);
    const o = 16 * i;
    for (let k = 0; k < len; k++) bytes[o + k] = data[e - 1 - k]!;
    if (e > s && (data[s]! & 0x80) !== 0) bytes.fill(0xff, o + len, o + 16);
  }
  return {
    layout: "d128",
    type: leaf.type as never,
    length: n,
    validity: null,
    nullCount: 0,
    values: out,
  };
}

// ---------------------------------------------------------------------------------------
// levels -> nesting

export interface LeafData {
  readonly chunk: DecodedChunk;
  /** Dense vector of the leaf's values, built once. */
  readonly dense: ColumnVector;
}

/** Entries `e` with `rep[e] <= r` and `def[e] >= d`; null means all entries. */
function slotsOf(chunk: DecodedChunk, r: number, d: number): Int32Array | null {
  const { reps, defs, entries } = chunk;
  if (reps === null && d === 0) return null;
  const out = new Int32Array(entries);
  let n = 0;
  for (let e = 0; e < entries; e++) {
    if ((reps === null || reps[e]! <= r) && (defs === null || defs[e]! >= d)) out[n++] = e;
  }
  return out.subarray(0, n);
}

function validityOf(
  chunk: DecodedChunk,
  starts: Int32Array | null,
  count: number,
  defLevel: number,
): Uint8Array | null {
  const defs = chunk.defs;
  if (defs === null || defLevel === 0) return null;
  const bits = new Uint8Array((count + 7) >> 3);
  let nulls = 0;
  for (let s = 0; s < count; s++) {
    const e = starts === null ? s : starts[s]!;
    if (defs[e]! >= defLevel) bits[s >> 3]! |= 1 << (s & 7);
    else nulls++;
  }
  return nulls === 0 ? null : bits;
}

function firstLeaf(n: PNode): LeafNode {
  switch (n.kind) {
    case "leaf":
      return n;
    case "struct":
      return firstLeaf(n.fields[0]!);
    case "list":
      return firstLeaf(n.element);
    case "map":
      return firstLeaf(n.key);
    default: {
      const never: never = n;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
}

/** Offsets from slot starts and the element starts inside them. */
function offsetsOf(
  starts: Int32Array | null,
  count: number,
  elems: Int32Array | null,
  entries: number,
): Int32Array {
  const offsets = new Int32Array(count + 1);
  let k = 0;
  const ne = elems === null ? entries : elems.length;
  for (let s = 0; s < count; s++) {
    const end = s + 1 < count ? (starts === null ? s + 1 : starts[s + 1]!) : entries;
    while (k < ne && (elems === null ? k : elems[k]!) < end) k++;
    offsets[s + 1] = k;
  }
  return offsets;
}

/** Builds the vector of `node` in context (r, d) from the decoded leaves (by column index). */
export function assemble(
  node: PNode,
  leaves: ReadonlyMap<number, LeafData>,
  r = 0,
  d = 0,
): ColumnVector {
  const leaf = firstLeaf(node);
  const data = leaves.get(leaf.column);
  if (data === undefined) throw new Error(`column ${leaf.column} was not decoded`);
  const chunk = data.chunk;
  const starts = slotsOf(chunk, r, d);
  const count = starts === null ? chunk.entries : starts.length;
  switch (node.kind) {
    case "leaf": {
      const defs = chunk.defs;
      if (defs === null) return data.dense;
      if (starts === null && data.dense.length === count) return data.dense;
      const idx = new Int32Array(count);
      const max = node.defLevel;
      let k = 0;
      for (let s = 0; s < count; s++) {
        const e = starts === null ? s : starts[s]!;
        idx[s] = defs[e] === max ? k++ : -1;
      }
      return take(data.dense, idx);
    }
    case "struct": {
      const validity = validityOf(chunk, starts, count, node.defLevel);
      const children = node.fields.map((f) => assemble(f, leaves, r, d));
      return structOf(node.type, count, children, validity);
    }
    case "list":
    case "map": {
      const validity = validityOf(chunk, starts, count, node.defLevel);
      const elems = slotsOf(chunk, node.repLevel, node.elemDef);
      const offsets = offsetsOf(starts, count, elems, chunk.entries);
      const nullCount = countNulls(validity, count);
      if (node.kind === "list") {
        const child = assemble(node.element, leaves, node.repLevel, node.elemDef);
        return {
          layout: "list",
          type: node.type as never,
          length: count,
          validity,
          nullCount,
          offsets,
          child,
        };
      }
      const keys = assemble(node.key, leaves, node.repLevel, node.elemDef);
      const values = assemble(node.value, leaves, node.repLevel, node.elemDef);
      const mt = node.type as MapType;
      const entries = structOf(mapEntriesType(mt), keys.length, [keys, values], null);
      const out: MapVector = {
        layout: "map",
        type: mt,
        length: count,
        validity,
        nullCount,
        offsets,
        entries,
      };
      return out;
    }
    default: {
      const never: never = node;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
}

function structOf(
  type: DataType,
  length: number,
  children: readonly ColumnVector[],
  validity: Uint8Array | null,
): StructVector {
  return {
    layout: "struct",
    type: type as StructType,
    length,
    validity,
    nullCount: countNulls(validity, length),
    children,
  };
}
