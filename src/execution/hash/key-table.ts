/**
 * Vectorized hash tables over key columns, for hash aggregation (group ids) and hash
 * joins (build-row chains). Keys are hashed a batch at a time with Spark's Murmur3
 * (`murmur3Column`) and compared in place with `equality` from columnar/compare.ts: no
 * per-row key objects or strings. Grouping semantics: null = null, NaN = NaN, -0.0 = 0.0.
 *
 * Layout: open addressing with linear probing over an Int32Array of `group id + 1`
 * (0 = empty), the group's hash kept beside it to skip most key comparisons. Slots come
 * from the top bits of `hash * golden ratio`, so the keys of one shuffle partition (whose
 * hashes share their residue mod the partition count) still spread over the table.
 *
 * Distinct keys stay where they arrived: a group remembers (chunk, row), a chunk being the
 * key columns of one input batch, trimmed with `take` when few of its rows were new.
 */

import type { DataType } from "../../types/data-types.ts";
import { createBuilder } from "../columnar/builder.ts";
import { equality, type RowEquality } from "../columnar/compare.ts";
import { concat, take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { murmur3Column, SPARK_HASH_SEED } from "./murmur3.ts";

const GOLDEN = 0x9e3779b1 | 0;

export interface KeyTableOptions {
  /**
   * Whether a null key column is a key value of its own (grouping, the default) or makes
   * the row match nothing (join keys: such rows get -1 and are never inserted).
   */
  readonly nullsAreKeys?: boolean;
  /** Expected number of distinct keys (sizes the table; it grows anyway). */
  readonly capacity?: number;
}

export class KeyTable {
  readonly #nullsAreKeys: boolean;
  #bits: number;
  #slots: Int32Array;
  #hashes: Int32Array;
  #chunkOf: Int32Array;
  #rowOf: Int32Array;
  #intKey: Int32Array;
  #intKeyHi: Int32Array;
  #intNull: Uint8Array;
  readonly #chunks: (readonly ColumnVector[])[] = [];
  #numGroups = 0;
  #types: readonly DataType[] = [];

  constructor(options: KeyTableOptions = {}) {
    this.#nullsAreKeys = options.nullsAreKeys ?? true;
    const cap = Math.max(16, options.capacity ?? 16);
    this.#bits = Math.max(5, Math.ceil(Math.log2(cap * 2)));
    this.#slots = new Int32Array(1 << this.#bits);
    this.#hashes = new Int32Array(cap);
    this.#chunkOf = new Int32Array(cap);
    this.#rowOf = new Int32Array(cap);
    this.#intKey = new Int32Array(cap);
    this.#intKeyHi = new Int32Array(cap);
    this.#intNull = new Uint8Array(cap);
  }

  get numGroups(): number {
    return this.#numGroups;
  }

  /** Group id of each of the `n` rows of `keys`, inserting keys not seen before. */
  findOrInsert(keys: readonly ColumnVector[], n: number, out = new Int32Array(n)): Int32Array {
    return this.#run(keys, n, out, true);
  }

  /** Group id of each row, or -1 when its key is absent (or null for join tables). */
  find(keys: readonly ColumnVector[], n: number, out = new Int32Array(n)): Int32Array {
    return this.#run(keys, n, out, false);
  }

  /** The distinct keys in group id order, one vector per key column. */
  keys(): ColumnVector[] {
    const width = this.#types.length;
    const out: ColumnVector[] = [];
    if (this.#numGroups === 0) return this.#types.map((t) => createBuilder(t, 0).finish());
    // gather per chunk, then concatenate in group order (groups of a chunk are contiguous
    // except after compaction, so gather by explicit indices)
    const parts: ColumnVector[][] = [];
    let g = 0;
    while (g < this.#numGroups) {
      const c = this.#chunkOf[g]!;
      let e = g;
      while (e < this.#numGroups && this.#chunkOf[e] === c) e++;
      const rows = this.#rowOf.slice(g, e);
      parts.push(this.#chunks[c]!.map((col) => take(col, rows)));
      g = e;
    }
    for (let k = 0; k < width; k++) out.push(concat(parts.map((p) => p[k]!)));
    return out;
  }

  #run(keys: readonly ColumnVector[], n: number, out: Int32Array, insert: boolean): Int32Array {
    if (this.#types.length === 0) this.#types = keys.map((k) => k.type);
    const hashes = new Int32Array(n).fill(SPARK_HASH_SEED);
    for (const k of keys) murmur3Column(k, hashes);
    const skip = this.#nullsAreKeys ? null : nullRows(keys, n);
    const chunk = this.#chunks.length;
    let firstNew = -1;
    // equality between this batch's keys and each chunk's, built lazily
    const eqs: (RowEquality | undefined)[] = [];
    // one integral key column: compare values directly (kept per group in #intKey)
    const only = keys.length === 1 ? keys[0]! : undefined;
    // (a long key compares as two 32-bit words: low in #intKey, high in #intKeyHi)
    const longs =
      only?.layout === "i64"
        ? new Int32Array(only.values.buffer, only.values.byteOffset, 2 * only.values.length)
        : null;
    const ints =
      only !== undefined && (only.layout === "i32" || only.layout === "i16" || only.layout === "i8")
        ? only.values
        : longs;
    const step = longs !== null ? 2 : 1;
    const intBits = only?.validity ?? null;
    // the table's arrays in locals; reloaded after an insert (which may grow them)
    let slots = this.#slots;
    let groupHash = this.#hashes;
    let intKey = this.#intKey;
    let intNulls = this.#intNull;
    let intKeyHi = this.#intKeyHi;
    let shift = 32 - this.#bits;
    let mask = (1 << this.#bits) - 1;
    for (let i = 0; i < n; i++) {
      if (skip !== null && skip[i] === 1) {
        out[i] = -1;
        continue;
      }
      const h = hashes[i]!;
      let s = Math.imul(h, GOLDEN) >>> shift;
      let found = -1;
      const intNull =
        ints !== null && intBits !== null && (intBits[i >> 3]! & (1 << (i & 7))) === 0;
      const v = ints === null ? 0 : ints[step * i]!;
      const vh = longs === null ? 0 : longs[2 * i + 1]!;
      for (;;) {
        const slot = slots[s]!;
        if (slot === 0) break;
        const g = slot - 1;
        if (ints !== null) {
          if (
            groupHash[g] === h &&
            (intNull
              ? intNulls[g] === 1
              : intNulls[g] === 0 && intKey[g] === v && intKeyHi[g] === vh)
          ) {
            found = g;
            break;
          }
        } else if (groupHash[g] === h) {
          const c = this.#chunkOf[g]!;
          let eq = eqs[c];
          if (eq === undefined) {
            eq = c === chunk ? keysEquality(keys, keys) : keysEquality(this.#chunks[c]!, keys);
            eqs[c] = eq;
          }
          if (eq(this.#rowOf[g]!, i)) {
            found = g;
            break;
          }
        }
        s = (s + 1) & mask;
      }
      if (found < 0 && insert) {
        if (firstNew < 0) {
          firstNew = this.#numGroups;
          this.#chunks.push(keys);
        }
        found = this.#add(h, chunk, i, s);
        slots = this.#slots;
        groupHash = this.#hashes;
        intKey = this.#intKey;
        intNulls = this.#intNull;
        intKeyHi = this.#intKeyHi;
        shift = 32 - this.#bits;
        mask = (1 << this.#bits) - 1;
        intKey[found] = v;
        intKeyHi[found] = vh;
        intNulls[found] = intNull ? 1 : 0;
      }
      out[i] = found;
    }
    if (firstNew >= 0) this.#compact(chunk, firstNew, n);
    return out;
  }

  #add(h: number, chunk: number, row: number, slot: number): number {
    const g = this.#numGroups++;
    if (g >= this.#hashes.length) {
      const cap = this.#hashes.length * 2;
      this.#hashes = grown(this.#hashes, cap);
      this.#chunkOf = grown(this.#chunkOf, cap);
      this.#rowOf = grown(this.#rowOf, cap);
      this.#intKey = grown(this.#intKey, cap);
      this.#intKeyHi = grown(this.#intKeyHi, cap);
      const nulls = new Uint8Array(cap);
      nulls.set(this.#intNull);
      this.#intNull = nulls;
    }
    this.#hashes[g] = h;
    this.#chunkOf[g] = chunk;
    this.#rowOf[g] = row;
    this.#slots[slot] = g + 1;
    if (2 * this.#numGroups > this.#slots.length) this.#rehash();
    return g;
  }

  #rehash(): void {
    this.#bits++;
    const slots = new Int32Array(1 << this.#bits);
    const shift = 32 - this.#bits;
    const mask = slots.length - 1;
    for (let g = 0; g < this.#numGroups; g++) {
      let s = Math.imul(this.#hashes[g]!, GOLDEN) >>> shift;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = g + 1;
    }
    this.#slots = slots;
  }

  /** Keeps only the new keys of a chunk when they are a minority of its rows. */
  #compact(chunk: number, firstNew: number, n: number): void {
    const count = this.#numGroups - firstNew;
    if (count * 2 > n) return;
    const rows = this.#rowOf.slice(firstNew, this.#numGroups);
    this.#chunks[chunk] = this.#chunks[chunk]!.map((col) => take(col, rows));
    for (let k = 0; k < count; k++) this.#rowOf[firstNew + k] = k;
  }
}

function grown(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** 1 for rows where any key column is null. */
function nullRows(keys: readonly ColumnVector[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const k of keys) {
    const bits = k.validity;
    if (bits === null) continue;
    out ??= new Uint8Array(n);
    for (let i = 0; i < n; i++) if ((bits[i >> 3]! & (1 << (i & 7))) === 0) out[i] = 1;
  }
  return out;
}

function keysEquality(a: readonly ColumnVector[], b: readonly ColumnVector[]): RowEquality {
  const eqs = a.map((col, k) => equality(col, b[k]!));
  if (eqs.length === 1) return eqs[0]!;
  return (i, j) => {
    for (let k = 0; k < eqs.length; k++) if (!eqs[k]!(i, j)) return false;
    return true;
  };
}

/**
 * A hash join's build side: rows added batch after batch are numbered from 0; rows with
 * equal keys are chained in insertion order. Rows with a null key column are never
 * matched (SQL `=`); pass `{ nullsAreKeys: true }` for null-safe `<=>` joins.
 */
export class JoinIndex {
  readonly #table: KeyTable;
  #head = new Int32Array(16);
  #tail = new Int32Array(16);
  #next = new Int32Array(16);
  #numRows = 0;

  constructor(options: KeyTableOptions = {}) {
    this.#table = new KeyTable({ nullsAreKeys: false, ...options });
  }

  /** Number of build rows added (including those with null keys). */
  get numRows(): number {
    return this.#numRows;
  }

  /** Adds `n` build rows; they get the next row numbers. */
  add(keys: readonly ColumnVector[], n: number): void {
    const gids = this.#table.findOrInsert(keys, n);
    const base = this.#numRows;
    const total = base + n;
    if (total > this.#next.length)
      this.#next = grown(this.#next, Math.max(total, 2 * this.#next.length));
    const groups = this.#table.numGroups;
    if (groups > this.#head.length) {
      const cap = Math.max(groups, 2 * this.#head.length);
      const head = grown(this.#head, cap);
      const tail = grown(this.#tail, cap);
      head.fill(-1, this.#head.length);
      this.#head = head;
      this.#tail = tail;
    }
    if (base === 0) this.#head.fill(-1);
    for (let i = 0; i < n; i++) {
      const row = base + i;
      this.#next[row] = -1;
      const g = gids[i]!;
      if (g < 0) continue;
      if (this.#head[g] === -1) this.#head[g] = row;
      else this.#next[this.#tail[g]!] = row;
      this.#tail[g] = row;
    }
    this.#numRows = total;
  }

  /**
   * The first matching build row of each probe row, or -1. Further matches:
   * `for (let r = first[i]; r >= 0; r = index.nextMatch(r))`.
   */
  probe(keys: readonly ColumnVector[], n: number): Int32Array {
    const out = this.#table.find(keys, n);
    for (let i = 0; i < n; i++) {
      const g = out[i]!;
      out[i] = g < 0 ? -1 : this.#head[g]!;
    }
    return out;
  }

  /** The build row after `row` with the same key, or -1. */
  nextMatch(row: number): number {
    return this.#next[row]!;
  }
}
