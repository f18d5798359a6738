/**
 * The build side of a hash join on one integral key column (byte, short, int, date, long,
 * timestamp, ...): an open-addressing table whose slot holds the key and the first build
 * row with that key side by side in one Int32Array, so a probe touches one cache line;
 * build rows with equal keys are chained in insertion order through `next`. Null keys are
 * never inserted and never match (SQL `=`).
 *
 * Same contract as `JoinIndex` (key-table.ts): `probe` gives each probe row its first
 * matching build row or -1, `nextMatch(row)` the following ones. The slot comes from a
 * multiplicative hash of the key words (the table is private to the join, so it need not
 * be Spark's Murmur3).
 */
import type { ColumnVector } from "../columnar/vector.ts";

const GOLDEN = 0x9e3779b1 | 0;
const MIX = 0x85ebca6b | 0;
const FILTER_MIX = 0xc2b2ae35 | 0;

/** Whether `v` is a key column this index takes (one integral column). */
export function isLongJoinKey(v: ColumnVector): boolean {
  return v.layout === "i64" || v.layout === "i32" || v.layout === "i16" || v.layout === "i8";
}

/**
 * Join keys as 32-bit word pairs (`2 * i` low, `2 * i + 1` high) and the rows where a key
 * is null: one integral key as its 64-bit value (ints sign-extended), or two integral keys
 * as their low words when `pairs` (rows where either does not fit in 32 bits go to
 * `wide`, a probe row that cannot match an index of fitting keys).
 */
export interface KeyWords {
  readonly words: Int32Array;
  readonly valid: Uint8Array | null;
  /** Rows of a two-key pair with a key outside 32 bits (null when there are none). */
  readonly wide: Uint8Array | null;
}

/** Whether `keys` can be indexed by LongJoinIndex: one or two integral key columns. */
export function longJoinKeys(keys: readonly ColumnVector[]): boolean {
  return (keys.length === 1 || keys.length === 2) && keys.every(isLongJoinKey);
}

function valueWords(v: ColumnVector, n: number): Int32Array {
  switch (v.layout) {
    case "i64":
      return new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
    case "i32":
    case "i16":
    case "i8": {
      const src = v.values;
      const w = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const x = src[i]!;
        w[2 * i] = x;
        w[2 * i + 1] = x >> 31;
      }
      return w;
    }
    default:
      throw new Error(`not an integral join key: ${v.layout}`);
  }
}

/** Validity of rows where every key is non-null (null: no nulls). */
function bothValid(keys: readonly ColumnVector[], n: number): Uint8Array | null {
  const bitmaps = keys.map((k) => k.validity).filter((v) => v !== null);
  if (bitmaps.length === 0) return null;
  if (bitmaps.length === 1) return bitmaps[0]!;
  const out = new Uint8Array((n + 7) >> 3);
  for (let b = 0; b < out.length; b++) out[b] = bitmaps[0]![b]! & bitmaps[1]![b]!;
  return out;
}

/** The words of one or two integral key columns (see `KeyWords`). */
export function keyWords(keys: readonly ColumnVector[], n: number): KeyWords {
  const valid = bothValid(keys, n);
  if (keys.length === 1) return { words: valueWords(keys[0]!, n), valid, wide: null };
  const a = valueWords(keys[0]!, n);
  const b = valueWords(keys[1]!, n);
  const words = new Int32Array(2 * n);
  let wide: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const al = a[2 * i]!;
    const bl = b[2 * i]!;
    words[2 * i] = al;
    words[2 * i + 1] = bl;
    if (a[2 * i + 1] !== al >> 31 || b[2 * i + 1] !== bl >> 31) {
      wide ??= new Uint8Array(n);
      wide[i] = 1;
    }
  }
  return { words, valid, wide };
}

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * Layout: when every build key fits in 32 bits (`narrow`), a slot is `[key, first + 1]`,
 * else `[low, high, first + 1, 0]` (first + 1 = 0: empty). A bit filter with 16 bits per
 * build row answers most misses without touching the table.
 */
export class LongJoinIndex {
  readonly #table: Int32Array;
  readonly #narrow: boolean;
  readonly #shift: number;
  readonly #mask: number;
  readonly #filter: Uint32Array;
  readonly #filterShift: number;
  readonly #next: Int32Array;
  /** Whether some key has more than one build row. */
  readonly hasDuplicates: boolean;
  readonly numRows: number;

  /**
   * Indexes `n` build rows by their key words; null when a two-key row does not fit in 32
   * bits per key (callers then use the general JoinIndex).
   */
  static build(keys: KeyWords, n: number): LongJoinIndex | null {
    return keys.wide === null ? new LongJoinIndex(keys, n) : null;
  }

  private constructor(keys: KeyWords, n: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(Math.max(1, n) * 2)));
    const slots = 1 << bits;
    const w = keys.words;
    const valid = keys.valid;
    let narrow = true;
    for (let row = 0; row < n && narrow; row++)
      if (!isNull(valid, row) && w[2 * row + 1] !== w[2 * row]! >> 31) narrow = false;
    const stride = narrow ? 2 : 4;
    const table = new Int32Array(slots * stride);
    const tail = new Int32Array(slots);
    const next = new Int32Array(Math.max(1, n));
    const shift = 32 - bits;
    const mask = slots - 1;
    const filterBits = Math.min(30, bits + 3);
    const filter = new Uint32Array(1 << (filterBits - 5));
    const filterShift = 32 - filterBits;
    let dup = false;
    for (let row = 0; row < n; row++) {
      next[row] = -1;
      if (isNull(valid, row)) continue;
      const lo = w[2 * row]!;
      const hi = w[2 * row + 1]!;
      const f = Math.imul(lo ^ Math.imul(hi, MIX), FILTER_MIX) >>> filterShift;
      filter[f >>> 5]! |= 1 << (f & 31);
      let s = Math.imul(lo ^ Math.imul(hi, MIX), GOLDEN) >>> shift;
      for (;;) {
        const at = s * stride;
        const head = narrow ? table[at + 1]! : table[at + 2]!;
        if (head === 0) {
          table[at] = lo;
          if (narrow) table[at + 1] = row + 1;
          else {
            table[at + 1] = hi;
            table[at + 2] = row + 1;
          }
          tail[s] = row;
          break;
        }
        if (table[at] === lo && (narrow || table[at + 1] === hi)) {
          next[tail[s]!] = row;
          tail[s] = row;
          dup = true;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    this.#table = table;
    this.#narrow = narrow;
    this.#shift = shift;
    this.#mask = mask;
    this.#filter = filter;
    this.#filterShift = filterShift;
    this.#next = next;
    this.hasDuplicates = dup;
    this.numRows = n;
  }

  /** The first matching build row of each of the `n` probe rows, or -1. */
  probe(keys: KeyWords, n: number, out = new Int32Array(n)): Int32Array {
    if (this.#narrow) this.#probeNarrow(keys.words, keys.valid, n, out);
    else this.#probeWide(keys.words, keys.valid, n, out);
    const wide = keys.wide;
    if (wide !== null) for (let i = 0; i < n; i++) if (wide[i] === 1) out[i] = -1;
    return out;
  }

  #probeNarrow(w: Int32Array, valid: Uint8Array | null, n: number, out: Int32Array): void {
    const table = this.#table;
    const shift = this.#shift;
    const mask = this.#mask;
    const filter = this.#filter;
    const filterShift = this.#filterShift;
    for (let i = 0; i < n; i++) {
      out[i] = -1;
      if (isNull(valid, i)) continue;
      const lo = w[2 * i]!;
      const hi = w[2 * i + 1]!;
      if (hi !== lo >> 31) continue;
      const h = lo ^ Math.imul(hi, MIX);
      const f = Math.imul(h, FILTER_MIX) >>> filterShift;
      if ((filter[f >>> 5]! & (1 << (f & 31))) === 0) continue;
      let s = Math.imul(h, GOLDEN) >>> shift;
      for (;;) {
        const head = table[2 * s + 1]!;
        if (head === 0) break;
        if (table[2 * s] === lo) {
          out[i] = head - 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  #probeWide(w: Int32Array, valid: Uint8Array | null, n: number, out: Int32Array): void {
    const table = this.#table;
    const shift = this.#shift;
    const mask = this.#mask;
    const filter = this.#filter;
    const filterShift = this.#filterShift;
    for (let i = 0; i < n; i++) {
      out[i] = -1;
      if (isNull(valid, i)) continue;
      const lo = w[2 * i]!;
      const hi = w[2 * i + 1]!;
      const h = lo ^ Math.imul(hi, MIX);
      const f = Math.imul(h, FILTER_MIX) >>> filterShift;
      if ((filter[f >>> 5]! & (1 << (f & 31))) === 0) continue;
      let s = Math.imul(h, GOLDEN) >>> shift;
      for (;;) {
        const at = 4 * s;
        const head = table[at + 2]!;
        if (head === 0) break;
        if (table[at] === lo && table[at + 1] === hi) {
          out[i] = head - 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  /** The build row after `row` with the same key, or -1. */
  nextMatch(row: number): number {
    return this.#next[row]!;
  }
}
