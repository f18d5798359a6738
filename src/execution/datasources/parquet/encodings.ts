/**
 * Parquet value and level encodings, decoded into typed arrays with no per-value objects:
 * the RLE/bit-packed hybrid (levels, dictionary indices, booleans), DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT. Encoders for the writer
 * (RLE hybrid) are at the end.
 */

export class EncodingError extends Error {}

/** A growable byte-array column: value `i` is `data[offsets[i] .. offsets[i + 1])`. */
export interface ByteArrays {
  offsets: Int32Array;
  data: Uint8Array;
  /** Number of values held. */
  count: number;
}

export function readVarint(buf: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let mul = 1;
  let pos = at.pos;
  for (let i = 0; i < 10; i++) {
    const b = buf[pos++];
    if (b === undefined) throw new EncodingError("truncated varint");
    result += (b & 0x7f) * mul;
    if (b < 0x80) {
      at.pos = pos;
      return result;
    }
    mul *= 128;
  }
  throw new EncodingError("varint too long");
}

function readZigzag(buf: Uint8Array, at: { pos: number }): number {
  const n = readVarint(buf, at);
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

/** Zigzag varint as a bigint (exact for the full 64-bit range). */
function readZigzagBig(buf: Uint8Array, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  let pos = at.pos;
  for (let i = 0; i < 10; i++) {
    const b = buf[pos++];
    if (b === undefined) throw new EncodingError("truncated varint");
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) break;
  }
  at.pos = pos;
  return (result >> 1n) ^ -(result & 1n);
}

/**
 * Unpacks `count` values of `width` bits (LSB first; of wider ones the low 32 bits) at byte `pos`
 * into `out[o..]`. Reads past the end of `buf` as zeros.
 */
export function unpackBits(
  buf: Uint8Array,
  pos: number,
  width: number,
  count: number,
  out: Int32Array,
  o: number,
): void {
  if (width === 0) {
    out.fill(0, o, o + count);
    return;
  }
  if (width === 8) {
    for (let i = 0; i < count; i++) out[o + i] = buf[pos + i] ?? 0;
    return;
  }
  if (width <= 25) {
    const mask = (1 << width) - 1;
    let bit = 0;
    // values whose 4-byte window lies inside the buffer, then the tail with bounds checks
    const safe = Math.max(0, Math.min(count, Math.floor(((buf.length - 4 - pos) * 8) / width)));
    let i = 0;
    // one unaligned 32-bit load per value (DataView reads compile to a single load)
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    for (; i < safe; i++) {
      out[o + i] = (view.getUint32(pos + (bit >>> 3), true) >>> (bit & 7)) & mask;
      bit += width;
    }
    for (; i < count; i++) {
      const b = pos + (bit >>> 3);
      const word =
        (buf[b] ?? 0) |
        ((buf[b + 1] ?? 0) << 8) |
        ((buf[b + 2] ?? 0) << 16) |
        ((buf[b + 3] ?? 0) << 24);
      out[o + i] = (word >>> (bit & 7)) & mask;
      bit += width;
    }
    return;
  }
  // wide values: the low 32 bits (INT32 deltas wrap modulo 2^32; DuckDB writes 33-bit ones)
  const low = Math.min(width, 32);
  let bit = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    for (let k = 0; k < low; k++) {
      const b = bit + k;
      if (((buf[pos + (b >>> 3)] ?? 0) >>> (b & 7)) & 1) v += 2 ** k;
    }
    out[o + i] = v | 0;
    bit += width;
  }
}

/**
 * Decodes `count` values of the RLE/bit-packed hybrid from `buf[pos..end)` into
 * `out[o..]`. Returns the position after the last run read.
 */
export function decodeRleHybrid(
  buf: Uint8Array,
  pos: number,
  end: number,
  width: number,
  count: number,
  out: Int32Array,
  o: number,
): number {
  const at = { pos };
  const byteWidth = (width + 7) >> 3;
  let i = 0;
  while (i < count) {
    if (at.pos >= end) {
      // some writers stop early when the tail is zeros
      out.fill(0, o + i, o + count);
      return at.pos;
    }
    const header = readVarint(buf, at);
    if ((header & 1) === 1) {
      const groups = header >>> 1;
      const n = Math.min(groups * 8, count - i);
      unpackBits(buf, at.pos, width, n, out, o + i);
      at.pos += groups * width;
      i += n;
    } else {
      const run = Math.min(header >>> 1, count - i);
      let v = 0;
      for (let k = 0; k < byteWidth; k++) v |= buf[at.pos + k]! << (8 * k);
      at.pos += byteWidth;
      out.fill(v, o + i, o + i + run);
      i += run;
    }
  }
  return at.pos;
}

/** Decodes hybrid-encoded 1-bit values straight into an Arrow bitmap at bit `o`. */
export function decodeRleBooleans(
  buf: Uint8Array,
  pos: number,
  end: number,
  count: number,
  bits: Uint8Array,
  o: number,
): void {
  const tmp = new Int32Array(count);
  decodeRleHybrid(buf, pos, end, 1, count, tmp, 0);
  for (let i = 0; i < count; i++) {
    if (tmp[i] !== 0) bits[(o + i) >> 3]! |= 1 << ((o + i) & 7);
  }
}

// ---------------------------------------------------------------------------------------
// DELTA_BINARY_PACKED

/** Decodes DELTA_BINARY_PACKED int32 values into `out[o..]`; returns the end position. */
export function decodeDeltaInt32(
  buf: Uint8Array,
  pos: number,
  count: number,
  out: Int32Array,
  o: number,
): number {
  const at = { pos };
  const blockSize = readVarint(buf, at);
  const miniblocks = readVarint(buf, at);
  const total = readVarint(buf, at);
  let value = readZigzag(buf, at) | 0;
  const perMini = blockSize / miniblocks;
  if (!Number.isInteger(perMini) || perMini % 8 !== 0 || perMini === 0) {
    throw new EncodingError("invalid DELTA_BINARY_PACKED block header");
  }
  if (total > count)
    throw new EncodingError(`DELTA_BINARY_PACKED holds ${total} values, expected ${count}`);
  const n = Math.min(count, total);
  if (n > 0) out[o] = value;
  let i = 1;
  const deltas = new Int32Array(perMini);
  while (i < total) {
    const minDelta = readZigzag(buf, at) | 0;
    const widthsPos = at.pos;
    at.pos += miniblocks;
    for (let m = 0; m < miniblocks && i < total; m++) {
      const w = buf[widthsPos + m] ?? 0;
      if (w > 64) throw new EncodingError(`bit width ${w} in a DELTA_BINARY_PACKED block`);
      unpackBits(buf, at.pos, w, perMini, deltas, 0);
      at.pos += (perMini * w) >> 3;
      const take = Math.min(perMini, total - i);
      for (let k = 0; k < take; k++) {
        value = (value + minDelta + deltas[k]!) | 0;
        if (i < n) out[o + i] = value;
        i++;
      }
    }
  }
  return at.pos;
}

/** Decodes DELTA_BINARY_PACKED int64 values into `out[o..]`; returns the end position. */
export function decodeDeltaInt64(
  buf: Uint8Array,
  pos: number,
  count: number,
  out: BigInt64Array,
  o: number,
): number {
  const at = { pos };
  const blockSize = readVarint(buf, at);
  const miniblocks = readVarint(buf, at);
  const total = readVarint(buf, at);
  const value = readZigzagBig(buf, at);
  const perMini = blockSize / miniblocks;
  if (!Number.isInteger(perMini) || perMini % 8 !== 0 || perMini === 0) {
    throw new EncodingError("invalid DELTA_BINARY_PACKED block header");
  }
  if (total > count)
    throw new EncodingError(`DELTA_BINARY_PACKED holds ${total} values, expected ${count}`);
  const n = Math.min(count, total);
  // 64-bit arithmetic on 32-bit word pairs (exact in doubles): no bigint per value
  const words = new Int32Array(out.buffer, out.byteOffset, out.length * 2);
  let lo = Number(BigInt.asUintN(32, value));
  let hi = Number(BigInt.asIntN(32, value >> 32n));
  if (n > 0) {
    words[2 * o] = lo | 0;
    words[2 * o + 1] = hi;
  }
  let i = 1;
  const dlo = new Int32Array(perMini);
  const dhi = new Int32Array(perMini);
  while (i < total) {
    const minDelta = readZigzagBig(buf, at);
    const mlo = Number(BigInt.asUintN(32, minDelta));
    const mhi = Number(BigInt.asIntN(32, minDelta >> 32n));
    const widthsPos = at.pos;
    at.pos += miniblocks;
    for (let m = 0; m < miniblocks && i < total; m++) {
      const w = buf[widthsPos + m] ?? 0;
      if (w > 64) throw new EncodingError(`bit width ${w} in a DELTA_BINARY_PACKED block`);
      const take = Math.min(perMini, total - i);
      unpackBits(buf, at.pos, w, perMini, dlo, 0);
      if (w > 32) unpackHigh(buf, at.pos, w, perMini, dhi);
      else dhi.fill(0);
      for (let k = 0; k < take; k++) {
        const sum = lo + mlo + (dlo[k]! >>> 0);
        const carry = Math.floor(sum / 4294967296);
        lo = sum - carry * 4294967296;
        hi = (hi + mhi + dhi[k]! + carry) | 0;
        if (i < n) {
          words[2 * (o + i)] = lo | 0;
          words[2 * (o + i) + 1] = hi;
        }
        i++;
      }
      at.pos += (perMini * w) >> 3;
    }
  }
  return at.pos;
}

/** Bits 32 .. width-1 of `count` packed values of `width` (> 32) bits. */
function unpackHigh(
  buf: Uint8Array,
  pos: number,
  width: number,
  count: number,
  out: Int32Array,
): void {
  for (let i = 0; i < count; i++) {
    let v = 0;
    const base = i * width;
    for (let b = 32; b < width; b++) {
      const bit = base + b;
      if (((buf[pos + (bit >>> 3)] ?? 0) >>> (bit & 7)) & 1) v += 2 ** (b - 32);
    }
    out[i] = v | 0;
  }
}

// ---------------------------------------------------------------------------------------
// byte arrays

export function appendBytes(acc: ByteArrays, src: Uint8Array, start: number, len: number): void {
  const at = acc.offsets[acc.count]!;
  if (at + len > acc.data.length) {
    let cap = Math.max(64, acc.data.length * 2);
    while (cap < at + len) cap *= 2;
    const d = new Uint8Array(cap);
    d.set(acc.data.subarray(0, at));
    acc.data = d;
  }
  const data = acc.data;
  if (len <= 64) for (let k = 0; k < len; k++) data[at + k] = src[start + k]!;
  else data.set(src.subarray(start, start + len), at);
  acc.offsets[++acc.count] = at + len;
}

export function ensureBytes(acc: ByteArrays, extra: number): void {
  const at = acc.offsets[acc.count]!;
  if (at + extra <= acc.data.length) return;
  let cap = Math.max(64, acc.data.length * 2);
  while (cap < at + extra) cap *= 2;
  const d = new Uint8Array(cap);
  d.set(acc.data.subarray(0, at));
  acc.data = d;
}

/** PLAIN byte arrays: 4-byte little-endian length, then the bytes. */
export function decodePlainBytes(
  buf: Uint8Array,
  pos: number,
  end: number,
  count: number,
  acc: ByteArrays,
): number {
  ensureBytes(acc, end - pos);
  const offsets = acc.offsets;
  const data = acc.data;
  let at = offsets[acc.count]!;
  let c = acc.count;
  for (let i = 0; i < count; i++) {
    const len =
      (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0;
    pos += 4;
    if (pos + len > end) throw new EncodingError("byte array runs past the page");
    if (len <= 64) for (let k = 0; k < len; k++) data[at + k] = buf[pos + k]!;
    else data.set(buf.subarray(pos, pos + len), at);
    pos += len;
    at += len;
    offsets[++c] = at;
  }
  acc.count = c;
  return pos;
}

export function decodeDeltaLengthBytes(
  buf: Uint8Array,
  pos: number,
  end: number,
  count: number,
  acc: ByteArrays,
): number {
  const lengths = new Int32Array(count);
  let p = decodeDeltaInt32(buf, pos, count, lengths, 0);
  ensureBytes(acc, end - p);
  for (let i = 0; i < count; i++) {
    const len = lengths[i]!;
    if (len < 0 || p + len > end) throw new EncodingError("byte array runs past the page");
    appendBytes(acc, buf, p, len);
    p += len;
  }
  return p;
}

export function decodeDeltaByteArray(
  buf: Uint8Array,
  pos: number,
  end: number,
  count: number,
  acc: ByteArrays,
): number {
  const prefixes = new Int32Array(count);
  const lengths = new Int32Array(count);
  let p = decodeDeltaInt32(buf, pos, count, prefixes, 0);
  p = decodeDeltaInt32(buf, p, count, lengths, 0);
  let prevStart = acc.offsets[acc.count]!;
  let prevLen = 0;
  for (let i = 0; i < count; i++) {
    const pre = prefixes[i]!;
    const len = lengths[i]!;
    if (pre > prevLen || len < 0 || p + len > end)
      throw new EncodingError("corrupt DELTA_BYTE_ARRAY");
    ensureBytes(acc, pre + len);
    const at = acc.offsets[acc.count]!;
    acc.data.copyWithin(at, prevStart, prevStart + pre);
    acc.data.set(buf.subarray(p, p + len), at + pre);
    p += len;
    acc.offsets[++acc.count] = at + pre + len;
    prevStart = at;
    prevLen = pre + len;
  }
  return p;
}

/** BYTE_STREAM_SPLIT: byte `j` of value `i` is at `j * count + i`; writes `count * width` bytes. */
export function decodeByteStreamSplit(
  buf: Uint8Array,
  pos: number,
  count: number,
  width: number,
  out: Uint8Array,
  o: number,
): number {
  if (pos + count * width > buf.length)
    throw new EncodingError("BYTE_STREAM_SPLIT runs past the page");
  for (let j = 0; j < width; j++) {
    const base = pos + j * count;
    for (let i = 0; i < count; i++) out[o + i * width + j] = buf[base + i]!;
  }
  return pos + count * width;
}

// ---------------------------------------------------------------------------------------
// encoders (writer)

/** Bits needed for values up to `max`. */
export function bitWidth(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}

/** A growable byte sink. */
export class ByteSink {
  buf: Uint8Array;
  len = 0;
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 128) {
      this.buf[this.len++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.len++] = n;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  u32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.len] = v & 0xff;
    b[this.len + 1] = (v >>> 8) & 0xff;
    b[this.len + 2] = (v >>> 16) & 0xff;
    b[this.len + 3] = (v >>> 24) & 0xff;
    this.len += 4;
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/**
 * Encodes `values[0..count)` with the RLE/bit-packed hybrid: runs of 8+ equal values as RLE
 * runs, everything else as bit-packed groups of 8.
 */
export function encodeRleHybrid(
  values: Int32Array,
  count: number,
  width: number,
  out: ByteSink,
): void {
  const byteWidth = (width + 7) >> 3;
  let i = 0;
  while (i < count) {
    const v = values[i]!;
    let run = 1;
    while (i + run < count && values[i + run] === v) run++;
    if (run >= 8) {
      out.varint(run * 2);
      out.ensure(byteWidth);
      for (let k = 0; k < byteWidth; k++) out.buf[out.len++] = (v >>> (8 * k)) & 0xff;
      i += run;
      continue;
    }
    // bit-pack groups of 8 until a long run starts
    let end = i;
    while (end < count) {
      let r = 1;
      const x = values[end]!;
      while (end + r < count && values[end + r] === x && r < 8) r++;
      if (r >= 8 && (end - i) % 8 === 0) break;
      end++;
    }
    const groups = Math.ceil((end - i) / 8);
    out.varint((groups << 1) | 1);
    const nbytes = groups * width;
    out.ensure(nbytes);
    const base = out.len;
    out.buf.fill(0, base, base + nbytes);
    for (let k = 0; k < groups * 8; k++) {
      const x = i + k < end ? values[i + k]! : 0;
      const bit = k * width;
      for (let b = 0; b < width; b++) {
        if ((x >>> b) & 1) {
          const p = bit + b;
          out.buf[base + (p >>> 3)]! |= 1 << (p & 7);
        }
      }
    }
    out.len += nbytes;
    i = Math.min(end, i + groups * 8);
  }
}
