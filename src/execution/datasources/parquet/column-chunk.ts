/**
 * Decodes one column chunk (all its pages) into definition/repetition levels and the dense
 * non-null values in typed arrays of the physical type. Assembly into Flint vectors (nulls,
 * nesting, logical types) is assemble.ts.
 */

import { decompress, Scratch } from "./codecs.ts";
import {
  type ByteArrays,
  decodeByteStreamSplit,
  decodeDeltaByteArray,
  decodeDeltaInt32,
  decodeDeltaInt64,
  decodeDeltaLengthBytes,
  decodePlainBytes,
  decodeRleBooleans,
  decodeRleHybrid,
  EncodingError,
  ensureBytes,
  readVarint,
  unpackBits,
} from "./encodings.ts";
import { type ColumnMetaData, ENC, PAGE, PT, parsePageHeader } from "./metadata.ts";
import type { LeafNode } from "./schema.ts";

/** Dense non-null values of one physical type. */
export type Dense =
  | { readonly kind: "bool"; bits: Uint8Array; count: number }
  | { readonly kind: "i32"; values: Int32Array; count: number }
  | { readonly kind: "i64"; values: BigInt64Array; count: number }
  | { readonly kind: "f32"; values: Float32Array; count: number }
  | { readonly kind: "f64"; values: Float64Array; count: number }
  | { readonly kind: "bytes"; acc: ByteArrays }
  | { readonly kind: "fixed"; data: Uint8Array; width: number; count: number };

export interface DecodedChunk {
  /** Number of level entries (values including nulls and empty lists). */
  readonly entries: number;
  /** Definition levels, or null when the column's max definition level is 0. */
  readonly defs: Int32Array | null;
  /** Repetition levels, or null when the column is not repeated. */
  readonly reps: Int32Array | null;
  readonly values: Dense;
}

export function denseCount(d: Dense): number {
  return d.kind === "bytes" ? d.acc.count : d.count;
}

/**
 * Dense storage for `n` values. Values that widen (decimals to 128 bits, UINT_32 to 64)
 * get room to be widened in place (assemble.ts), saving an allocation and a copy.
 */
function allocDense(leaf: LeafNode, n: number, byteHint: number): Dense {
  const wide =
    leaf.conversion === "decimal" || leaf.conversion === "uint64" || leaf.conversion === "uint32";
  switch (leaf.physical) {
    case PT.BOOLEAN:
      return { kind: "bool", bits: new Uint8Array((n + 7) >> 3), count: 0 };
    case PT.INT32: {
      const values = new Int32Array(new ArrayBuffer(n * (wide ? 16 : 4)), 0, n);
      return { kind: "i32", values, count: 0 };
    }
    case PT.INT64: {
      const values = new BigInt64Array(new ArrayBuffer(n * (wide ? 16 : 8)), 0, n);
      return { kind: "i64", values, count: 0 };
    }
    case PT.FLOAT:
      return { kind: "f32", values: new Float32Array(n), count: 0 };
    case PT.DOUBLE:
      return { kind: "f64", values: new Float64Array(n), count: 0 };
    case PT.BYTE_ARRAY:
      return {
        kind: "bytes",
        acc: {
          offsets: new Int32Array(n + 1),
          data: new Uint8Array(Math.max(64, byteHint)),
          count: 0,
        },
      };
    case PT.INT96:
      return { kind: "fixed", data: new Uint8Array(n * 12), width: 12, count: 0 };
    case PT.FIXED_LEN_BYTE_ARRAY:
      return {
        kind: "fixed",
        data: new Uint8Array(n * leaf.typeLength),
        width: leaf.typeLength,
        count: 0,
      };
    default:
      throw new EncodingError(`unknown physical type ${leaf.physical}`);
  }
}

function u32(buf: Uint8Array, p: number): number {
  return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
}

function bitsFor(maxLevel: number): number {
  return maxLevel === 0 ? 0 : 32 - Math.clz32(maxLevel);
}

/** Byte view of a fixed-width dense buffer. */
function bytesOf(d: Dense): { bytes: Uint8Array; width: number } | null {
  switch (d.kind) {
    case "i32":
    case "f32":
      return {
        bytes: new Uint8Array(d.values.buffer, d.values.byteOffset, d.values.byteLength),
        width: 4,
      };
    case "i64":
    case "f64":
      return {
        bytes: new Uint8Array(d.values.buffer, d.values.byteOffset, d.values.byteLength),
        width: 8,
      };
    case "fixed":
      return { bytes: d.data, width: d.width };
    default:
      return null;
  }
}

function addCount(d: Dense, n: number): void {
  if (d.kind === "bytes") d.acc.count += n;
  else d.count += n;
}

/** PLAIN values into `d`. */
function decodePlain(buf: Uint8Array, pos: number, end: number, n: number, d: Dense): void {
  if (d.kind === "bytes") {
    decodePlainBytes(buf, pos, end, n, d.acc);
    return;
  }
  if (d.kind === "bool") {
    if (pos + ((n + 7) >> 3) > end) throw new EncodingError("boolean values run past the page");
    const o = d.count;
    if ((o & 7) === 0) d.bits.set(buf.subarray(pos, pos + ((n + 7) >> 3)), o >> 3);
    else {
      for (let i = 0; i < n; i++) {
        if ((buf[pos + (i >> 3)]! >> (i & 7)) & 1) d.bits[(o + i) >> 3]! |= 1 << ((o + i) & 7);
      }
    }
    d.count += n;
    return;
  }
  const view = bytesOf(d)!;
  const len = n * view.width;
  if (pos + len > end) throw new EncodingError("values run past the page");
  view.bytes.set(buf.subarray(pos, pos + len), d.count * view.width);
  d.count += n;
}

let indexScratch = new Int32Array(1024);
function scratchOf(n: number): Int32Array {
  if (indexScratch.length < n) indexScratch = new Int32Array(Math.max(n, indexScratch.length * 2));
  return indexScratch;
}

function checkIndices(idx: Int32Array, n: number, size: number): void {
  let bad = 0;
  for (let i = 0; i < n; i++) bad |= (size - 1 - idx[i]!) | idx[i]!;
  if (bad < 0) throw new EncodingError(`dictionary index out of range ${size}`);
}

function gather32(
  src: Int32Array | Float32Array,
  idx: Int32Array,
  n: number,
  out: Int32Array | Float32Array,
  o: number,
): void {
  for (let i = 0; i < n; i++) out[o + i] = src[idx[i]!]!;
}

function gatherWords(
  src: Int32Array,
  idx: Int32Array,
  n: number,
  out: Int32Array,
  o: number,
): void {
  for (let i = 0; i < n; i++) {
    const k = idx[i]! << 1;
    out[o + 2 * i] = src[k]!;
    out[o + 2 * i + 1] = src[k + 1]!;
  }
}

function wordsOf(a: BigInt64Array | Float64Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length * 2);
}

/** Longest value of a byte-array dictionary (computed once per dictionary). */
const maxLengths = new WeakMap<ByteArrays, number>();
function maxLength(a: ByteArrays): number {
  let m = maxLengths.get(a);
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < a.count; i++) m = Math.max(m, a.offsets[i + 1]! - a.offsets[i]!);
    maxLengths.set(a, m);
  }
  return m;
}

function gatherBytes(src: ByteArrays, idx: Int32Array, n: number, acc: ByteArrays): void {
  const so = src.offsets;
  const sd = src.data;
  const base = acc.offsets[acc.count]!;
  const bound = base + n * maxLength(src);
  if (bound > acc.data.length) {
    let total = base;
    for (let i = 0; i < n; i++) total += so[idx[i]! + 1]! - so[idx[i]!]!;
    if (total > acc.data.length) {
      let cap = Math.max(64, acc.data.length * 2);
      while (cap < total) cap *= 2;
      const nd = new Uint8Array(cap);
      nd.set(acc.data.subarray(0, base));
      acc.data = nd;
    }
  }
  const data = acc.data;
  const offsets = acc.offsets;
  let at = base;
  let c = acc.count;
  for (let i = 0; i < n; i++) {
    const k = idx[i]!;
    const s = so[k]!;
    const len = so[k + 1]! - s;
    if (len <= 64) for (let j = 0; j < len; j++) data[at + j] = sd[s + j]!;
    else data.set(sd.subarray(s, s + len), at);
    at += len;
    offsets[++c] = at;
  }
  acc.count = c;
}

/** 32-bit word view of 4- and 8-byte dense values. */
function wordsView(d: Dense): { words: Int32Array; stride: 1 | 2 } | null {
  switch (d.kind) {
    case "i32":
      return { words: d.values, stride: 1 };
    case "f32":
      return {
        words: new Int32Array(d.values.buffer, d.values.byteOffset, d.values.length),
        stride: 1,
      };
    case "i64":
    case "f64":
      return { words: wordsOf(d.values), stride: 2 };
    default:
      return null;
  }
}

/**
 * RLE_DICTIONARY data of fixed-width values: runs decoded and values gathered in one pass
 * (RLE runs become fills), as 32-bit words (`stride` per value) into `out` from word `o`.
 */
function gatherDictWords(
  buf: Uint8Array,
  pos: number,
  end: number,
  width: number,
  n: number,
  dict: Int32Array,
  stride: 1 | 2,
  dictSize: number,
  out: Int32Array,
  o: number,
): void {
  const at = { pos };
  const byteWidth = (width + 7) >> 3;
  let i = 0;
  while (i < n) {
    let run: number;
    let v = 0;
    if (at.pos >= end) {
      run = n - i; // writers may stop early when the tail is index 0
    } else {
      const header = readVarint(buf, at);
      if ((header & 1) === 1) {
        const groups = header >>> 1;
        const cnt = Math.min(groups * 8, n - i);
        const idx = scratchOf(cnt);
        unpackBits(buf, at.pos, width, cnt, idx, 0);
        at.pos += groups * width;
        checkIndices(idx, cnt, dictSize);
        if (stride === 1) {
          for (let j = 0; j < cnt; j++) out[o + i + j] = dict[idx[j]!]!;
        } else {
          for (let j = 0; j < cnt; j++) {
            const k = idx[j]! << 1;
            const w = o + 2 * (i + j);
            out[w] = dict[k]!;
            out[w + 1] = dict[k + 1]!;
          }
        }
        i += cnt;
        continue;
      }
      run = Math.min(header >>> 1, n - i);
      for (let k = 0; k < byteWidth; k++) v |= buf[at.pos + k]! << (8 * k);
      at.pos += byteWidth;
    }
    if (v >>> 0 >= dictSize)
      throw new EncodingError(`dictionary index ${v} out of range ${dictSize}`);
    if (stride === 1) out.fill(dict[v]!, o + i, o + i + run);
    else {
      const lo = dict[2 * v]!;
      const hi = dict[2 * v + 1]!;
      for (let j = 0; j < run; j++) {
        out[o + 2 * (i + j)] = lo;
        out[o + 2 * (i + j) + 1] = hi;
      }
    }
    i += run;
  }
}

/** Dictionary indices -> values appended to `d`. */
function gather(dict: Dense, idx: Int32Array, n: number, d: Dense): void {
  checkIndices(idx, n, denseCount(dict));
  switch (d.kind) {
    case "i32":
    case "f32":
      gather32((dict as typeof d).values, idx, n, d.values, d.count);
      d.count += n;
      return;
    case "i64":
    case "f64":
      // as 32-bit word pairs: no bigint traffic
      gatherWords(wordsOf((dict as typeof d).values), idx, n, wordsOf(d.values), 2 * d.count);
      d.count += n;
      return;
    case "bool": {
      const src = (dict as typeof d).bits;
      for (let i = 0; i < n; i++) {
        const k = idx[i]!;
        if ((src[k >> 3]! >> (k & 7)) & 1) d.bits[(d.count + i) >> 3]! |= 1 << ((d.count + i) & 7);
      }
      d.count += n;
      return;
    }
    case "bytes":
      gatherBytes((dict as typeof d).acc, idx, n, d.acc);
      return;
    case "fixed": {
      const src = (dict as typeof d).data;
      const w = d.width;
      for (let i = 0; i < n; i++) {
        const k = idx[i]! * w;
        const o = (d.count + i) * w;
        for (let j = 0; j < w; j++) d.data[o + j] = src[k + j]!;
      }
      d.count += n;
      return;
    }
    default: {
      const never: never = d;
      throw new EncodingError(`unknown dense kind ${String(never)}`);
    }
  }
}

function decodeValues(
  encoding: number,
  buf: Uint8Array,
  pos: number,
  end: number,
  n: number,
  d: Dense,
  dict: Dense | null,
): void {
  switch (encoding) {
    case ENC.PLAIN:
      decodePlain(buf, pos, end, n, d);
      return;
    case ENC.PLAIN_DICTIONARY:
    case ENC.RLE_DICTIONARY: {
      if (dict === null)
        throw new EncodingError("dictionary-encoded page without a dictionary page");
      const width = buf[pos]!;
      const words = wordsView(d);
      if (words !== null) {
        // fixed-width values: decode runs and gather in one pass
        const stride = words.stride;
        gatherDictWords(
          buf,
          pos + 1,
          end,
          width,
          n,
          wordsView(dict)!.words,
          stride,
          denseCount(dict),
          words.words,
          d.kind === "bytes" ? 0 : d.count * stride,
        );
        addCount(d, n);
        return;
      }
      const idx = scratchOf(n);
      decodeRleHybrid(buf, pos + 1, end, width, n, idx, 0);
      gather(dict, idx, n, d);
      return;
    }
    case ENC.RLE:
      if (d.kind !== "bool") throw new EncodingError("RLE values are only defined for booleans");
      decodeRleBooleans(buf, pos + 4, pos + 4 + u32(buf, pos), n, d.bits, d.count);
      d.count += n;
      return;
    case ENC.DELTA_BINARY_PACKED:
      if (d.kind === "i32") {
        decodeDeltaInt32(buf, pos, n, d.values, d.count);
        d.count += n;
      } else if (d.kind === "i64") {
        decodeDeltaInt64(buf, pos, n, d.values, d.count);
        d.count += n;
      } else throw new EncodingError("DELTA_BINARY_PACKED is only defined for INT32 and INT64");
      return;
    case ENC.DELTA_LENGTH_BYTE_ARRAY:
      if (d.kind !== "bytes")
        throw new EncodingError("DELTA_LENGTH_BYTE_ARRAY on a non-BYTE_ARRAY column");
      decodeDeltaLengthBytes(buf, pos, end, n, d.acc);
      return;
    case ENC.DELTA_BYTE_ARRAY: {
      if (d.kind === "bytes") {
        decodeDeltaByteArray(buf, pos, end, n, d.acc);
        return;
      }
      if (d.kind !== "fixed") throw new EncodingError("DELTA_BYTE_ARRAY on a numeric column");
      const tmp: ByteArrays = {
        offsets: new Int32Array(n + 1),
        data: new Uint8Array(n * d.width),
        count: 0,
      };
      decodeDeltaByteArray(buf, pos, end, n, tmp);
      d.data.set(tmp.data.subarray(0, n * d.width), d.count * d.width);
      d.count += n;
      return;
    }
    case ENC.BYTE_STREAM_SPLIT: {
      const view = bytesOf(d);
      if (view === null) throw new EncodingError("BYTE_STREAM_SPLIT on a variable-width column");
      decodeByteStreamSplit(buf, pos, n, view.width, view.bytes, denseCount(d) * view.width);
      addCount(d, n);
      return;
    }
    default:
      throw new EncodingError(`encoding #${encoding} is not supported`);
  }
}

function countDefined(defs: Int32Array, from: number, n: number, maxDef: number): number {
  let c = 0;
  for (let i = from; i < from + n; i++) if (defs[i] === maxDef) c++;
  return c;
}

/**
 * Decodes all pages of a column chunk. `buf` holds the chunk's bytes (from its first page
 * header); `md` is its metadata.
 */
export function decodeChunk(buf: Uint8Array, leaf: LeafNode, md: ColumnMetaData): DecodedChunk {
  const total = md.numValues;
  const maxDef = leaf.defLevel;
  const maxRep = leaf.maxRep;
  const defs = maxDef > 0 ? new Int32Array(total) : null;
  const reps = maxRep > 0 ? new Int32Array(total) : null;
  const values = allocDense(leaf, total, Math.min(md.totalUncompressedSize, 1 << 30));
  let dict: Dense | null = null;
  const scratch = new Scratch();
  let pos = 0;
  let entries = 0;
  const defBits = bitsFor(maxDef);
  const repBits = bitsFor(maxRep);
  while (entries < total) {
    if (pos >= buf.length) throw new EncodingError("column chunk ends before all its values");
    const { header, end } = parsePageHeader(buf, pos);
    const bodyEnd = end + header.compressedSize;
    if (bodyEnd > buf.length) throw new EncodingError("page runs past the column chunk");
    const body = buf.subarray(end, bodyEnd);
    if (header.type === PAGE.DICTIONARY_PAGE && header.dictionaryPage !== undefined) {
      const page = decompress(md.codec, body, header.uncompressedSize, scratch);
      const n = header.dictionaryPage.numValues;
      dict = allocDense(leaf, n, page.length);
      decodePlain(page, 0, page.length, n, dict);
      if (dict.kind === "bytes" && values.kind === "bytes" && n > 0) {
        // size the output from the dictionary's mean length: no repeated doubling
        const mean = dict.acc.offsets[n]! / n;
        ensureBytes(values.acc, Math.ceil(mean * (total - entries)) + 64);
      }
    } else if (header.type === PAGE.DATA_PAGE && header.dataPage !== undefined) {
      const dp = header.dataPage;
      const page = decompress(md.codec, body, header.uncompressedSize, scratch);
      const n = Math.min(dp.numValues, total - entries);
      let p = 0;
      if (reps !== null) {
        const len = u32(page, p);
        decodeRleHybrid(page, p + 4, p + 4 + len, repBits, n, reps, entries);
        p += 4 + len;
      }
      let defined = n;
      if (defs !== null) {
        const len = u32(page, p);
        decodeRleHybrid(page, p + 4, p + 4 + len, defBits, n, defs, entries);
        p += 4 + len;
        defined = countDefined(defs, entries, n, maxDef);
      }
      decodeValues(dp.encoding, page, p, page.length, defined, values, dict);
      entries += n;
    } else if (header.type === PAGE.DATA_PAGE_V2 && header.dataPageV2 !== undefined) {
      const dp = header.dataPageV2;
      const n = Math.min(dp.numValues, total - entries);
      const repLen = dp.repetitionLevelsByteLength;
      const defLen = dp.definitionLevelsByteLength;
      if (reps !== null) decodeRleHybrid(body, 0, repLen, repBits, n, reps, entries);
      let defined = n;
      if (defs !== null) {
        decodeRleHybrid(body, repLen, repLen + defLen, defBits, n, defs, entries);
        defined = countDefined(defs, entries, n, maxDef);
      }
      const rest = body.subarray(repLen + defLen);
      const size = header.uncompressedSize - repLen - defLen;
      const page = dp.isCompressed ? decompress(md.codec, rest, size, scratch) : rest;
      decodeValues(dp.encoding, page, 0, page.length, defined, values, dict);
      entries += n;
    }
    pos = bodyEnd;
  }
  return { entries, defs, reps, values };
}
