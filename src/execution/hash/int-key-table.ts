/**
 * Group ids for one integral key column whose values fall in a narrow range, by direct
 * addressing: `ids[value - base]` holds `group id + 1`. No hashing and one memory access
 * per row, which is what grouping by a small-cardinality or dense integer key needs
 * (ten groups; a million groups numbered 0..999,999).
 *
 * It gives the same group ids as `KeyTable` (first-seen order). `findOrInsert` returns
 * null for a batch it cannot take (a null key, a value outside 32 bits, or a range that
 * would grow past the limit); the caller then moves its groups to a `KeyTable` (inserting
 * `keys()` gives ids 0..n-1 again) and runs the batch there.
 *
 * Longs are read as two 32-bit words (no bigint): a value fits when its high word is the
 * sign extension of its low word.
 */
import type { DataType } from "../../types/data-types.ts";
import { createBuilder } from "../columnar/builder.ts";
import type { ColumnVector } from "../columnar/vector.ts";

/** Largest range of key values addressed directly (entries of 4 bytes: 16 MB at most). */
const MAX_SPAN = 1 << 22;

export class IntKeyTable {
  #type: DataType | undefined;
  #wide = false;
  #base = 0;
  /** group id + 1 per value - base (0 = not seen). */
  #ids: Int32Array = new Int32Array(0);
  /** The key of each group, in group id order. */
  #keys: Int32Array = new Int32Array(16);
  #numGroups = 0;

  get numGroups(): number {
    return this.#numGroups;
  }

  /** Bytes held by the direct table and the keys (for memory accounting). */
  get byteSize(): number {
    return this.#ids.byteLength + this.#keys.byteLength;
  }

  /** Whether the first batch of keys can use a direct table at all. */
  static accepts(keys: readonly ColumnVector[]): boolean {
    const k = keys.length === 1 ? keys[0] : undefined;
    return k !== undefined && (k.layout === "i32" || k.layout === "i64");
  }

  /**
   * Group id per row, or null when this batch does not fit. Rows before the one that did
   * not fit may have added groups: their ids stay valid, and moving the groups to a
   * KeyTable and running the whole batch there gives every row the id it would have had.
   */
  findOrInsert(
    keys: readonly ColumnVector[],
    n: number,
    out = new Int32Array(n),
  ): Int32Array | null {
    const k = keys[0];
    if (keys.length !== 1 || k === undefined || n === 0) return n === 0 ? out : null;
    if (k.layout !== "i32" && k.layout !== "i64") return null;
    if (k.nullCount > 0) return null;
    if (this.#type === undefined) {
      this.#type = k.type;
      this.#wide = k.layout === "i64";
    } else if (this.#wide !== (k.layout === "i64")) return null;
    if (k.layout === "i64") {
      const words = new Int32Array(k.values.buffer, k.values.byteOffset, 2 * n);
      return this.#longs(words, n, out);
    }
    return this.#ints(k.values, n, out);
  }

  /** One pass over (low, high) words: a long outside 32 bits refuses the batch. */
  #longs(words: Int32Array, n: number, out: Int32Array): Int32Array | null {
    let ids = this.#ids;
    let base = this.#base;
    for (let i = 0; i < n; i++) {
      const v = words[2 * i]!;
      if (words[2 * i + 1] !== v >> 31) return null;
      const at = (v - base) >>> 0;
      if (at < ids.length) {
        const g = ids[at]! - 1;
        out[i] = g >= 0 ? g : this.#insert(v, at);
        continue;
      }
      if (!this.#coverRest(words, 2, i, n)) return null;
      ids = this.#ids;
      base = this.#base;
      i--;
    }
    return out;
  }

  #ints(values: Int32Array, n: number, out: Int32Array): Int32Array | null {
    let ids = this.#ids;
    let base = this.#base;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      const at = (v - base) >>> 0;
      if (at < ids.length) {
        const g = ids[at]! - 1;
        out[i] = g >= 0 ? g : this.#insert(v, at);
        continue;
      }
      if (!this.#coverRest(values, 1, i, n)) return null;
      ids = this.#ids;
      base = this.#base;
      i--;
    }
    return out;
  }

  #insert(v: number, at: number): number {
    const g = this.#numGroups++;
    if (g >= this.#keys.length) {
      const grown = new Int32Array(2 * this.#keys.length);
      grown.set(this.#keys);
      this.#keys = grown;
    }
    this.#keys[g] = v;
    (this.#ids as Int32Array)[at] = g + 1;
    return g;
  }

  /** Widens the table to the range of rows [from, n) (values at `step * i`); false when too wide. */
  #coverRest(values: Int32Array, step: number, from: number, n: number): boolean {
    let lo = 2147483647;
    let hi = -2147483648;
    for (let i = from; i < n; i++) {
      const v = values[step * i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return this.#cover(lo, hi);
  }

  /** Makes [lo, hi] addressable; false when that would exceed the limits. */
  #cover(lo: number, hi: number): boolean {
    const size = this.#ids.length;
    if (size > 0 && lo >= this.#base && hi - this.#base < size) return true;
    const from = size === 0 ? lo : Math.min(lo, this.#base);
    const to = size === 0 ? hi : Math.max(hi, this.#base + size - 1);
    const span = to - from + 1;
    if (span > MAX_SPAN) return false;
    // room to grow on both sides without reallocating at every batch
    const want = Math.min(MAX_SPAN, Math.max(span, 2 * size, 1024));
    const slack = want - span;
    let start = from - Math.floor(slack / 2);
    if (size === 0 || from < this.#base) start = Math.min(start, from);
    if (start > from) start = from;
    if (start + want - 1 < to) start = to - want + 1;
    const ids = new Int32Array(want);
    if (size > 0) ids.set(this.#ids, this.#base - start);
    this.#ids = ids;
    this.#base = start;
    return true;
  }

  /** The distinct keys in group id order (one column). */
  keys(type?: DataType): ColumnVector[] {
    const n = this.#numGroups;
    const t = this.#type ?? type;
    if (t === undefined) throw new Error("IntKeyTable.keys() before any key was seen");
    if (n === 0) return [createBuilder(t, 0).finish()];
    if (!this.#wide) {
      const values = this.#keys.slice(0, n);
      return [{ layout: "i32", type: t, length: n, validity: null, nullCount: 0, values }];
    }
    const values = new BigInt64Array(n);
    const words = new Int32Array(values.buffer);
    for (let g = 0; g < n; g++) {
      const v = this.#keys[g]!;
      words[2 * g] = v;
      words[2 * g + 1] = v >> 31;
    }
    return [{ layout: "i64", type: t, length: n, validity: null, nullCount: 0, values }];
  }
}
