/**
 * Thrift's compact protocol, the encoding of Parquet's footer and page headers: a generic
 * reader (a struct becomes a sparse array indexed by field id) and a small writer.
 * Metadata only: nothing here runs per value.
 */

export type ThriftValue = number | boolean | Uint8Array | ThriftStruct | ThriftList;
export type ThriftStruct = (ThriftValue | undefined)[];
export interface ThriftList {
  readonly list: ThriftValue[];
}

const T_STOP = 0;
const T_TRUE = 1;
const T_FALSE = 2;
const T_BYTE = 3;
const T_I16 = 4;
const T_I32 = 5;
const T_I64 = 6;
const T_DOUBLE = 7;
const T_BINARY = 8;
const T_LIST = 9;
const T_SET = 10;
const T_MAP = 11;
const T_STRUCT = 12;

/** Thrown for malformed input; callers wrap it in a FlintError naming the file. */
export class ThriftError extends Error {}

export class ThriftReader {
  pos: number;
  readonly buf: Uint8Array;
  readonly end: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new ThriftError("unexpected end of Thrift data");
    return this.buf[this.pos++]!;
  }

  /** Unsigned varint as a number (exact up to 2^53). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new ThriftError("varint too long");
  }

  zigzag(): number {
    const n = this.varint();
    // n is even -> n / 2, odd -> -(n + 1) / 2; exact for |n| < 2^53.
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  private value(type: number): ThriftValue {
    switch (type) {
      case T_TRUE:
        return true;
      case T_FALSE:
        return false;
      case T_BYTE: {
        const b = this.byte();
        return b > 127 ? b - 256 : b;
      }
      case T_I16:
      case T_I32:
      case T_I64:
        return this.zigzag();
      case T_DOUBLE: {
        if (this.pos + 8 > this.end) throw new ThriftError("unexpected end of Thrift data");
        const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(
          0,
          true,
        );
        this.pos += 8;
        return v;
      }
      case T_BINARY: {
        const len = this.varint();
        if (this.pos + len > this.end) throw new ThriftError("binary runs past the end");
        const v = this.buf.subarray(this.pos, this.pos + len);
        this.pos += len;
        return v;
      }
      case T_LIST:
      case T_SET: {
        const h = this.byte();
        let size = h >> 4;
        if (size === 15) size = this.varint();
        const et = h & 0x0f;
        if (size > this.end - this.pos) throw new ThriftError("list size past the end");
        const list: ThriftValue[] = new Array(size);
        for (let i = 0; i < size; i++) {
          if (et === T_TRUE || et === T_FALSE) list[i] = this.byte() === T_TRUE;
          else list[i] = this.value(et);
        }
        return { list };
      }
      case T_MAP: {
        const size = this.varint();
        if (size === 0) return { list: [] };
        const kv = this.byte();
        const list: ThriftValue[] = [];
        for (let i = 0; i < size; i++) {
          list.push(this.value(kv >> 4), this.value(kv & 0x0f));
        }
        return { list };
      }
      case T_STRUCT:
        return this.struct();
      default:
        throw new ThriftError(`unknown Thrift compact type ${type}`);
    }
  }

  struct(): ThriftStruct {
    const out: ThriftStruct = [];
    let last = 0;
    for (;;) {
      const h = this.byte();
      const type = h & 0x0f;
      if (type === T_STOP) return out;
      const delta = h >> 4;
      const id = delta === 0 ? this.zigzag() : last + delta;
      last = id;
      const v = this.value(type);
      if (id >= 0 && id < 64) out[id] = v;
    }
  }
}

// ---------------------------------------------------------------------------------------
// typed field access

export function fInt(s: ThriftStruct, id: number): number | undefined {
  const v = s[id];
  return typeof v === "number" ? v : undefined;
}
export function fBool(s: ThriftStruct, id: number): boolean | undefined {
  const v = s[id];
  return typeof v === "boolean" ? v : undefined;
}
export function fBin(s: ThriftStruct, id: number): Uint8Array | undefined {
  const v = s[id];
  return v instanceof Uint8Array ? v : undefined;
}
const decoder = new TextDecoder();
export function fStr(s: ThriftStruct, id: number): string | undefined {
  const v = fBin(s, id);
  return v === undefined ? undefined : decoder.decode(v);
}
export function fStruct(s: ThriftStruct, id: number): ThriftStruct | undefined {
  const v = s[id];
  return Array.isArray(v) ? v : undefined;
}
export function fList(s: ThriftStruct, id: number): ThriftValue[] {
  const v = s[id];
  return v !== undefined && typeof v === "object" && "list" in v ? v.list : [];
}

// ---------------------------------------------------------------------------------------
// writer

/** Builds compact-protocol bytes; structs are written field by field in id order. */
export class ThriftWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private lastId: number[] = [];
  private last = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 128) {
      this.buf[this.len++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.len++] = n;
  }
  private zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  private header(id: number, type: number): void {
    const delta = id - this.last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last = id;
  }

  beginStruct(id: number): void {
    this.header(id, T_STRUCT);
    this.lastId.push(this.last);
    this.last = 0;
  }
  endStruct(): void {
    this.byte(T_STOP);
    this.last = this.lastId.pop() ?? 0;
  }
  /** Starts a struct that is an element of a list (no field header). */
  beginElement(): void {
    this.lastId.push(this.last);
    this.last = 0;
  }
  i32(id: number, v: number): void {
    this.header(id, T_I32);
    this.zigzag(v);
  }
  i16(id: number, v: number): void {
    this.header(id, T_I16);
    this.zigzag(v);
  }
  /** An i8 field (one raw byte). */
  i8(id: number, v: number): void {
    this.header(id, T_BYTE);
    this.byte(v & 0xff);
  }
  i64(id: number, v: number): void {
    this.header(id, T_I64);
    this.zigzag(v);
  }
  bool(id: number, v: boolean): void {
    this.header(id, v ? T_TRUE : T_FALSE);
  }
  binary(id: number, v: Uint8Array): void {
    this.header(id, T_BINARY);
    this.rawBinary(v);
  }
  string(id: number, v: string): void {
    this.binary(id, new TextEncoder().encode(v));
  }
  rawBinary(v: Uint8Array): void {
    this.varint(v.length);
    this.ensure(v.length);
    this.buf.set(v, this.len);
    this.len += v.length;
  }
  /** A list header; the caller then writes `size` elements (raw values or elements). */
  listHeader(id: number, elemType: "i32" | "binary" | "struct", size: number): void {
    this.header(id, T_LIST);
    const t = elemType === "i32" ? T_I32 : elemType === "binary" ? T_BINARY : T_STRUCT;
    if (size < 15) this.byte((size << 4) | t);
    else {
      this.byte(0xf0 | t);
      this.varint(size);
    }
  }
  rawI32(v: number): void {
    this.zigzag(v);
  }
  /** Appends bytes produced by another writer (e.g. list elements). */
  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** The bytes written so far (no closing stop byte). */
  body(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
  /** Ends the top-level struct and returns the bytes. */
  finish(): Uint8Array {
    this.byte(T_STOP);
    return this.buf.slice(0, this.len);
  }
}
