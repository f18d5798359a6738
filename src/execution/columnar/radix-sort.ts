/**
 * A stable least-significant-digit radix sort of row indices by sort keys of fixed width
 * (booleans, integers, longs, dates, timestamps, intervals, decimals up to 18 digits,
 * floats and doubles). Each key becomes an unsigned code of at most 64 bits whose order
 * is Spark's order for that key:
 *
 * - the value is mapped to an unsigned 64-bit word pair with the same order (sign bit
 *   flipped for integers; IEEE bits flipped by sign for doubles, after -0.0 -> 0.0 and
 *   every NaN -> one NaN above +Infinity, as Spark's NormalizeFloatingNumbers orders them);
 * - the minimum is subtracted, so a key only costs the bits of its range;
 * - DESC complements the code within the range; nulls take the code below (NULLS FIRST)
 *   or above (NULLS LAST) every value.
 *
 * Keys are then sorted digit by digit from the last key's lowest digit to the first key's
 * highest, each pass a counting sort that moves row indices and the current codes; a pass
 * whose digit is the same for every row is skipped. Stable, so equal rows keep input
 * order, as `sortIndices` promises.
 */

import type { SortKey } from "./compare.ts";
import type { ColumnVector } from "./vector.ts";

interface KeyCodes {
  /** High 32 bits of each row's code, or null when every code fits in 32 bits. */
  readonly hi: Uint32Array | null;
  readonly lo: Uint32Array;
  /** Bits of the high word used (0 when `hi` is null). */
  readonly hiBits: number;
  /** Bits of the low word used. */
  readonly loBits: number;
  /** Set for integral keys without nulls whose range fits 32 bits. */
  readonly decode?: Decode;
}

/** Whether every key of `keys` has a fixed-width code (see the file comment). */
export function radixSortable(keys: readonly SortKey[]): boolean {
  for (const k of keys) if (!fixedWidth(k.column)) return false;
  return true;
}

function fixedWidth(c: ColumnVector): boolean {
  switch (c.layout) {
    case "null":
    case "bool":
    case "i8":
    case "i16":
    case "i32":
    case "i64":
    case "f32":
    case "f64":
      return true;
    case "d128":
      return c.type.precision <= 18;
    default:
      return false;
  }
}

/**
 * The stable order of `n` rows by `keys`, or null when a key is not fixed-width (callers
 * then sort with a comparator).
 */
export function radixSortIndices(keys: readonly SortKey[], n: number): Int32Array | null {
  return radixSort(keys, n)?.order ?? null;
}

export interface RadixSorted {
  /** Row indices in sorted order. */
  readonly order: Int32Array;
  /**
   * The single key's column in sorted order, rebuilt from the sorted codes (so callers
   * need not gather it), when the sort has one integral key without nulls; else null.
   */
  readonly sortedKey: ColumnVector | null;
}

/** `radixSortIndices`, also returning the sorted key column when it can be rebuilt. */
export function radixSort(keys: readonly SortKey[], n: number): RadixSorted | null {
  if (!radixSortable(keys)) return null;
  const codes: KeyCodes[] = [];
  for (const k of keys) codes.push(...codesOf(k, n));
  // the words to sort by, least significant first
  const words: [Uint32Array, number][] = [];
  for (let k = codes.length - 1; k >= 0; k--) {
    const code = codes[k]!;
    if (code.loBits > 0) words.push([code.lo, code.loBits]);
    if (code.hi !== null && code.hiBits > 0) words.push([code.hi, code.hiBits]);
  }
  // the rebuilt key needs the sorted codes of the last word
  const decoding = keys.length === 1 && codes.length === 1 && codes[0]!.decode !== undefined;
  // while `identity`, rows are in input order and `perm` is not materialized
  let identity = true;
  let perm = new Int32Array(n);
  let permTmp = new Int32Array(n);
  let cur: Uint32Array | null = null;
  let curTmp: Uint32Array = new Uint32Array(n);
  const maxDigit = n >= 1 << 16 ? 11 : 8;
  for (let w = 0; w < words.length; w++) {
    const [word, bits] = words[w]!;
    if (identity) cur = word;
    else {
      cur ??= new Uint32Array(n);
      for (let i = 0; i < n; i++) cur[i] = word[perm[i]!]!;
    }
    const passes = Math.ceil(bits / maxDigit);
    const digit = Math.ceil(bits / passes);
    const mask = (1 << digit) - 1;
    const counts = histograms(word, passes, digit, mask);
    for (let p = 0; p < passes; p++) {
      const shift = p * digit;
      const count = counts.subarray(p << digit, (p + 1) << digit);
      if (!prefixSums(count, Math.min(digit, bits - shift), n)) continue;
      const lastPass = p === passes - 1 && (w < words.length - 1 || !decoding);
      scatter(cur, identity ? null : perm, curTmp, permTmp, count, shift, mask, !lastPass);
      identity = false;
      const tp = perm;
      perm = permTmp;
      permTmp = tp;
      const tc = cur;
      cur = curTmp;
      curTmp = tc;
    }
  }
  if (identity) for (let i = 0; i < n; i++) perm[i] = i;
  const only = codes[0];
  const sortedKey =
    decoding && only?.decode !== undefined && only.hi === null
      ? decodeKey(keys[0]!.column, only.decode, only.loBits === 0 ? null : (cur ?? only.lo), n)
      : null;
  return { order: perm, sortedKey };
}

/** How codes map back to values: `value = min + code` (ASC) or `min + range - code` (DESC). */
interface Decode {
  readonly minHi: number;
  readonly minLo: number;
  readonly range: number;
  readonly descending: boolean;
}

/** The key column rebuilt from sorted codes (`sorted` null: every code is 0). */
function decodeKey(
  column: ColumnVector,
  d: Decode,
  sorted: Uint32Array | null,
  n: number,
): ColumnVector | null {
  const { minHi, minLo, range, descending } = d;
  switch (column.layout) {
    case "i8":
    case "i16":
    case "i32": {
      const out =
        column.layout === "i8"
          ? new Int8Array(n)
          : column.layout === "i16"
            ? new Int16Array(n)
            : new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const c = sorted === null ? 0 : sorted[i]!;
        out[i] = ((minLo + (descending ? range - c : c)) ^ 0x80000000) | 0;
      }
      return { ...column, validity: null, nullCount: 0, length: n, values: out } as ColumnVector;
    }
    case "i64": {
      const out = new BigInt64Array(n);
      const w = new Int32Array(out.buffer);
      if (sorted !== null && minLo + range < 4294967296) {
        // every value shares the high word: no carries
        const hi = (minHi ^ 0x80000000) | 0;
        if (descending) {
          const top = minLo + range;
          for (let i = 0; i < n; i++) {
            w[2 * i] = (top - sorted[i]!) | 0;
            w[2 * i + 1] = hi;
          }
        } else {
          for (let i = 0; i < n; i++) {
            w[2 * i] = (minLo + sorted[i]!) | 0;
            w[2 * i + 1] = hi;
          }
        }
        return { ...column, validity: null, nullCount: 0, length: n, values: out };
      }
      for (let i = 0; i < n; i++) {
        const c = sorted === null ? 0 : sorted[i]!;
        const sum = minLo + (descending ? range - c : c);
        const carry = sum >= 4294967296 ? 1 : 0;
        w[2 * i] = sum | 0;
        w[2 * i + 1] = ((minHi + carry) ^ 0x80000000) | 0;
      }
      return { ...column, validity: null, nullCount: 0, length: n, values: out };
    }
    default:
      return null;
  }
}

/** Digit counts of every pass over `word` in one read (counts do not depend on order). */
function histograms(word: Uint32Array, passes: number, digit: number, mask: number): Int32Array {
  const counts = new Int32Array(passes << digit);
  const n = word.length;
  if (passes === 1) {
    for (let i = 0; i < n; i++) counts[word[i]! & mask]!++;
  } else if (passes === 2) {
    const b1 = 1 << digit;
    for (let i = 0; i < n; i++) {
      const v = word[i]!;
      counts[v & mask]!++;
      counts[b1 + ((v >>> digit) & mask)]!++;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = word[i]!;
      for (let p = 0; p < passes; p++) counts[(p << digit) + ((v >>> (p * digit)) & mask)]!++;
    }
  }
  return counts;
}

/**
 * Turns digit counts into start offsets; false (the pass can be skipped) when every row
 * has the same digit.
 */
function prefixSums(count: Int32Array, digitBits: number, n: number): boolean {
  const buckets = 1 << digitBits;
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    const c = count[b]!;
    if (c === n) return false;
    count[b] = sum;
    sum += c;
  }
  return true;
}

/**
 * One stable counting-sort pass on the digit `(code >>> shift) & mask`: moves rows from
 * (`cur`, `perm`; `perm` null = input order) to (`curOut`, `permOut`), codes only when
 * `moveCodes` (a later pass reads them).
 */
function scatter(
  cur: Uint32Array,
  perm: Int32Array | null,
  curOut: Uint32Array,
  permOut: Int32Array,
  count: Int32Array,
  shift: number,
  mask: number,
  moveCodes: boolean,
): void {
  const n = cur.length;
  if (perm === null) {
    if (moveCodes) {
      for (let i = 0; i < n; i++) {
        const v = cur[i]!;
        const at = count[(v >>> shift) & mask]!++;
        permOut[at] = i;
        curOut[at] = v;
      }
    } else {
      for (let i = 0; i < n; i++) permOut[count[(cur[i]! >>> shift) & mask]!++] = i;
    }
  } else if (moveCodes) {
    for (let i = 0; i < n; i++) {
      const v = cur[i]!;
      const at = count[(v >>> shift) & mask]!++;
      permOut[at] = perm[i]!;
      curOut[at] = v;
    }
  } else {
    for (let i = 0; i < n; i++) permOut[count[(cur[i]! >>> shift) & mask]!++] = perm[i]!;
  }
}

function bitLength(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

/**
 * Codes of a long key without nulls whose range fits in 32 bits, in two passes (range,
 * then `value - min` from the low words alone); null when the range is wider.
 */
function narrowLongCodes(values: BigInt64Array, descending: boolean, n: number): KeyCodes | null {
  const w = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  if (n === 0) return null;
  let minHi = w[1]!;
  let minLo = w[0]! >>> 0;
  let maxHi = minHi;
  let maxLo = minLo;
  for (let i = 1; i < n; i++) {
    const h = w[2 * i + 1]!;
    const l = w[2 * i]! >>> 0;
    if (h < minHi || (h === minHi && l < minLo)) {
      minHi = h;
      minLo = l;
    }
    if (h > maxHi || (h === maxHi && l > maxLo)) {
      maxHi = h;
      maxLo = l;
    }
  }
  // range = max - min must fit in 32 bits
  const borrow = maxLo < minLo ? 1 : 0;
  if (maxHi - minHi - borrow !== 0) return null;
  const range = (maxLo - minLo) >>> 0;
  const lo = new Uint32Array(n);
  if (descending) for (let i = 0; i < n; i++) lo[i] = (maxLo - w[2 * i]!) >>> 0;
  else for (let i = 0; i < n; i++) lo[i] = (w[2 * i]! - minLo) >>> 0;
  return {
    hi: null,
    lo,
    hiBits: 0,
    loBits: bitLength(range),
    decode: { minHi: (minHi ^ 0x80000000) >>> 0, minLo, range, descending },
  };
}

/**
 * The codes of one key (see the file comment): one code, or a null flag then the values
 * when nulls and the values' range together need 65 bits.
 */
function codesOf(key: SortKey, n: number): KeyCodes[] {
  const c = key.column;
  if (c.layout === "i64" && c.nullCount === 0) {
    const narrow = narrowLongCodes(c.values, key.descending, n);
    if (narrow !== null) return [narrow];
  }
  const lo = new Uint32Array(n);
  let hi: Uint32Array | null = null;
  switch (c.layout) {
    case "null":
      return [];
    case "bool": {
      const v = c.values;
      for (let i = 0; i < n; i++) lo[i] = (v[i >> 3]! >> (i & 7)) & 1;
      break;
    }
    case "i8":
    case "i16":
    case "i32": {
      const v = c.values;
      for (let i = 0; i < n; i++) lo[i] = (v[i]! ^ 0x80000000) >>> 0;
      break;
    }
    case "i64":
    case "d128": {
      const stride = c.layout === "i64" ? 2 : 4;
      const w = new Int32Array(c.values.buffer, c.values.byteOffset, stride * n);
      hi = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        lo[i] = w[stride * i]!;
        hi[i] = (w[stride * i + 1]! ^ 0x80000000) >>> 0;
      }
      break;
    }
    case "f32":
    case "f64": {
      const v = c.values;
      const norm = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        norm[i] = x === 0 ? 0 : x;
      }
      const w = new Int32Array(norm.buffer);
      hi = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        let h = w[2 * i + 1]!;
        let l = w[2 * i]!;
        if (Number.isNaN(norm[i])) {
          h = 0x7ff80000;
          l = 0;
        }
        if (h < 0) {
          hi[i] = ~h >>> 0;
          lo[i] = ~l >>> 0;
        } else {
          hi[i] = (h | 0x80000000) >>> 0;
          lo[i] = l;
        }
      }
      break;
    }
    default:
      throw new Error(`not a fixed-width sort key: ${c.layout}`);
  }
  const bits = c.validity;
  // range of the valid codes (unsigned 64-bit as hi * 2^32 + lo)
  let minHi = 0xffffffff;
  let minLo = 0xffffffff;
  let maxHi = 0;
  let maxLo = 0;
  let any = false;
  for (let i = 0; i < n; i++) {
    if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
    any = true;
    const h = hi === null ? 0 : hi[i]!;
    const l = lo[i]!;
    if (h < minHi || (h === minHi && l < minLo)) {
      minHi = h;
      minLo = l;
    }
    if (h > maxHi || (h === maxHi && l > maxLo)) {
      maxHi = h;
      maxLo = l;
    }
  }
  if (!any) return [];
  // range = max - min
  let rangeLo = (maxLo - minLo) >>> 0;
  let rangeHi = (maxHi - minHi - (maxLo < minLo ? 1 : 0)) >>> 0;
  if (c.nullCount > 0 && rangeHi === 0xffffffff && rangeLo === 0xffffffff) {
    // no code left for null: a 1-bit null key first, then the values (nulls as 0)
    const flags = new Uint32Array(n);
    const nullFlag = key.nullsFirst ? 0 : 1;
    for (let i = 0; i < n; i++) {
      const isNull = bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0;
      flags[i] = isNull ? nullFlag : 1 - nullFlag;
    }
    const values = codesOf({ ...key, column: { ...c, validity: null, nullCount: 0 } }, n);
    return [{ hi: null, lo: flags, hiBits: 0, loBits: 1 }, ...values];
  }
  const hasNulls = c.nullCount > 0;
  if (hasNulls) {
    rangeLo = (rangeLo + 1) >>> 0;
    if (rangeLo === 0) rangeHi = (rangeHi + 1) >>> 0;
  }
  const desc = key.descending;
  const nullCode = key.nullsFirst ? 0 : 1;
  // codes: value - min (+1 when nulls come first), complemented within the range for DESC
  const valueRangeLo = hasNulls ? (rangeLo - 1) >>> 0 : rangeLo;
  const valueRangeHi = hasNulls && rangeLo === 0 ? (rangeHi - 1) >>> 0 : rangeHi;
  const offset = hasNulls && key.nullsFirst ? 1 : 0;
  const useHi = rangeHi !== 0;
  const outHi = useHi ? (hi ?? new Uint32Array(n)) : null;
  for (let i = 0; i < n; i++) {
    if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) {
      // NULLS FIRST -> 0, NULLS LAST -> range
      if (nullCode === 0) {
        lo[i] = 0;
        if (outHi !== null) outHi[i] = 0;
      } else {
        lo[i] = rangeLo;
        if (outHi !== null) outHi[i] = rangeHi;
      }
      continue;
    }
    const h = hi === null ? 0 : hi[i]!;
    const l = lo[i]!;
    let dl = (l - minLo) >>> 0;
    let dh = (h - minHi - (l < minLo ? 1 : 0)) >>> 0;
    if (desc) {
      const nl = (valueRangeLo - dl) >>> 0;
      dh = (valueRangeHi - dh - (valueRangeLo < dl ? 1 : 0)) >>> 0;
      dl = nl;
    }
    if (offset === 1) {
      dl = (dl + 1) >>> 0;
      if (dl === 0) dh = (dh + 1) >>> 0;
    }
    lo[i] = dl;
    if (outHi !== null) outHi[i] = dh;
  }
  const codes: KeyCodes = {
    hi: outHi,
    lo,
    hiBits: useHi ? bitLength(rangeHi) : 0,
    loBits: useHi ? 32 : bitLength(rangeLo),
  };
  const integral =
    c.layout === "i8" || c.layout === "i16" || c.layout === "i32" || c.layout === "i64";
  if (!integral || hasNulls || useHi) return [codes];
  return [{ ...codes, decode: { minHi, minLo, range: rangeLo, descending: desc } }];
}
