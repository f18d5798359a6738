/** Hash functions: hash (Spark's Murmur3, seed 42), md5, sha1, sha2, crc32. */
import { createHash } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";
import {
  assertNever,
  BinaryT,
  type DataType,
  IntegerT,
  LongT,
  type MapValue,
  StringT,
} from "../../types/data-types.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import type { Expression } from "../expressions/expression.ts";
import { call, info, scalar } from "./helpers.ts";

const G = "hash_funcs";
const utf8 = new TextEncoder();

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixK1(k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = rotl(x, 15);
  return Math.imul(x, 0x1b873593);
}

function mixH1(h: number, k: number): number {
  let x = h ^ k;
  x = rotl(x, 13);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

function fmix(h0: number, len: number): number {
  let h = h0 ^ len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export function murmur3Int(i: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(i | 0)), 4);
}

export function murmur3Long(l: bigint, seed: number): number {
  const low = Number(BigInt.asIntN(32, l));
  const high = Number(BigInt.asIntN(32, l >> 32n));
  let h = mixH1(seed, mixK1(low));
  h = mixH1(h, mixK1(high));
  return fmix(h, 8);
}

/** Spark's Murmur3_x86_32.hashUnsafeBytes (the tail is mixed byte by byte, signed). */
export function murmur3Bytes(b: Uint8Array, seed: number): number {
  const aligned = b.length - (b.length % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) {
    const k =
      (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24);
    h = mixH1(h, mixK1(k));
  }
  for (let i = aligned; i < b.length; i++) {
    const signed = ((b[i] ?? 0) << 24) >> 24;
    h = mixH1(h, mixK1(signed));
  }
  return fmix(h, b.length);
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

function bigIntToBytes(v: bigint): Uint8Array {
  // Java's BigInteger.toByteArray: minimal two's complement, big-endian.
  const n = Math.ceil(((v < 0n ? -v : v).toString(2).length + 2) / 8);
  const hex = BigInt.asUintN(8 * n, v)
    .toString(16)
    .padStart(2 * n, "0");
  let bytes = Uint8Array.from(Buffer.from(hex, "hex"));
  while (
    bytes.length > 1 &&
    ((bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0) ||
      (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0x80) !== 0))
  ) {
    bytes = bytes.slice(1);
  }
  return bytes;
}

/** Spark's Murmur3 hash of one value of type `t` with `seed` (null leaves the seed). */
export function murmur3Value(v: unknown, t: DataType, seed: number): number {
  if (v === null || v === undefined) return seed;
  switch (t.kind) {
    case "null":
      return seed;
    case "boolean":
      return murmur3Int(v ? 1 : 0, seed);
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      return murmur3Int(v as number, seed);
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return murmur3Long(v as bigint, seed);
    case "float": {
      const x = v as number;
      f32[0] = x === 0 ? 0 : x;
      return murmur3Int(Number.isNaN(x) ? 0x7fc00000 : (i32[0] ?? 0), seed);
    }
    case "double": {
      const x = v as number;
      f64[0] = Number.isNaN(x) ? Number.NaN : x === 0 ? 0 : x;
      return murmur3Long(Number.isNaN(x) ? 0x7ff8000000000000n : (i64[0] ?? 0n), seed);
    }
    case "decimal":
      return t.precision <= 18
        ? murmur3Long(v as bigint, seed)
        : murmur3Bytes(bigIntToBytes(v as bigint), seed);
    case "string":
      return murmur3Bytes(utf8.encode(v as string), seed);
    case "binary":
      return murmur3Bytes(v as Uint8Array, seed);
    case "array": {
      let h = seed;
      for (const x of v as readonly unknown[]) h = murmur3Value(x, t.elementType, h);
      return h;
    }
    case "map": {
      const m = v as MapValue;
      let h = seed;
      for (let i = 0; i < m.keys.length; i++) {
        h = murmur3Value(m.keys[i], t.keyType, h);
        h = murmur3Value(m.values[i], t.valueType, h);
      }
      return h;
    }
    case "struct": {
      let h = seed;
      const s = v as readonly unknown[];
      t.fields.forEach((f, i) => {
        h = murmur3Value(s[i], f.dataType, h);
      });
      return h;
    }
    default:
      return assertNever(t, "data type");
  }
}

const hash: ScalarFunctionDef = {
  kind: "scalar",
  name: "hash",
  info: info(
    G,
    "hash(expr1, expr2, ...) - Returns a hash value of the arguments.",
    "\n    > SELECT hash('Spark', array(123), 2);\n     -1321691492\n  ",
    "2.0.0",
  ),
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args) => call("hash", args, IntegerT, false),
  eval: (args, c) => {
    let h = 42;
    for (let i = 0; i < args.length; i++)
      h = murmur3Value(args[i], typeOf(c.args[i] as Expression), h);
    return h;
  },
};

function digest(name: string, algo: string, usage: string, example: string): ScalarFunctionDef {
  return scalar({
    name,
    info: info(G, usage, example, "1.5.0"),
    args: [BinaryT],
    result: StringT,
    eval: ([b]) =>
      createHash(algo)
        .update(b as Uint8Array)
        .digest("hex"),
  });
}

const sha2 = scalar({
  name: "sha2",
  info: info(
    G,
    "sha2(expr, bitLength) - Returns a checksum of SHA-2 family as a hex string of `expr`. SHA-224, SHA-256, SHA-384, and SHA-512 are supported. Bit length of 0 is equivalent to 256.",
    "\n    > SELECT sha2('Spark', 256);\n     529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b\n  ",
    "1.5.0",
  ),
  args: [BinaryT, IntegerT],
  result: StringT,
  nullable: true,
  eval: ([b, n]) => {
    const bits = n === 0 ? 256 : (n as number);
    if (![224, 256, 384, 512].includes(bits)) return null;
    return createHash(`sha${bits}`)
      .update(b as Uint8Array)
      .digest("hex");
  },
});

const crc32 = scalar({
  name: "crc32",
  info: info(
    G,
    "crc32(expr) - Returns a cyclic redundancy check value of the `expr` as a bigint.",
    "\n    > SELECT crc32('Spark');\n     1557323817\n  ",
    "1.5.0",
  ),
  args: [BinaryT],
  result: LongT,
  eval: ([b]) => BigInt(zlibCrc32(b as Uint8Array)),
});

// ---------------------------------------------------------------------------------------
// xxhash64 (Spark's XXH64, seed 42), over 64-bit BigInt arithmetic

const M64 = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

function rotl64(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M64;
}

function mul64(a: bigint, b: bigint): bigint {
  return (a * b) & M64;
}

function fmix64(h0: bigint): bigint {
  let h = h0;
  h ^= h >> 33n;
  h = mul64(h, P2);
  h ^= h >> 29n;
  h = mul64(h, P3);
  h ^= h >> 32n;
  return h;
}

export function xxhashInt(i: number, seed: bigint): bigint {
  let h = (seed + P5 + 4n) & M64;
  h ^= mul64(BigInt(i >>> 0), P1);
  h = (mul64(rotl64(h, 23n), P2) + P3) & M64;
  return fmix64(h);
}

export function xxhashLong(l: bigint, seed: bigint): bigint {
  let h = (seed + P5 + 8n) & M64;
  h ^= mul64(rotl64(mul64(BigInt.asUintN(64, l), P2), 31n), P1);
  h = (mul64(rotl64(h, 27n), P1) + P4) & M64;
  return fmix64(h);
}

function round64(v: bigint, input: bigint): bigint {
  return mul64(rotl64((v + mul64(input, P2)) & M64, 31n), P1);
}

function mergeRound(h: bigint, v: bigint): bigint {
  const x = h ^ round64(0n, v);
  return (mul64(x, P1) + P4) & M64;
}

export function xxhashBytes(b: Uint8Array, seed: bigint): bigint {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const len = b.length;
  let off = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & M64;
    let v2 = (seed + P2) & M64;
    let v3 = seed & M64;
    let v4 = (seed - P1) & M64;
    while (off <= len - 32) {
      v1 = round64(v1, view.getBigUint64(off, true));
      v2 = round64(v2, view.getBigUint64(off + 8, true));
      v3 = round64(v3, view.getBigUint64(off + 16, true));
      v4 = round64(v4, view.getBigUint64(off + 24, true));
      off += 32;
    }
    h = (rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n)) & M64;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = (seed + P5) & M64;
  }
  h = (h + BigInt(len)) & M64;
  while (off <= len - 8) {
    h ^= mul64(rotl64(mul64(view.getBigUint64(off, true), P2), 31n), P1);
    h = (mul64(rotl64(h, 27n), P1) + P4) & M64;
    off += 8;
  }
  if (off + 4 <= len) {
    h ^= mul64(BigInt(view.getUint32(off, true)), P1);
    h = (mul64(rotl64(h, 23n), P2) + P3) & M64;
    off += 4;
  }
  while (off < len) {
    h ^= mul64(BigInt(b[off] ?? 0), P5);
    h = mul64(rotl64(h, 11n), P1);
    off++;
  }
  return fmix64(h);
}

/** Spark's xxhash64 of one value of type `t` (unsigned 64-bit state; null keeps the seed). */
export function xxhashValue(v: unknown, t: DataType, seed: bigint): bigint {
  if (v === null || v === undefined) return seed;
  switch (t.kind) {
    case "null":
      return seed;
    case "boolean":
      return xxhashInt(v ? 1 : 0, seed);
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      return xxhashInt(v as number, seed);
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return xxhashLong(v as bigint, seed);
    case "float": {
      const x = v as number;
      f32[0] = x === 0 ? 0 : x;
      return xxhashInt(Number.isNaN(x) ? 0x7fc00000 : (i32[0] ?? 0), seed);
    }
    case "double": {
      const x = v as number;
      f64[0] = x === 0 ? 0 : x;
      return xxhashLong(Number.isNaN(x) ? 0x7ff8000000000000n : (i64[0] ?? 0n), seed);
    }
    case "decimal":
      return t.precision <= 18
        ? xxhashLong(v as bigint, seed)
        : xxhashBytes(bigIntToBytes(v as bigint), seed);
    case "string":
      return xxhashBytes(utf8.encode(v as string), seed);
    case "binary":
      return xxhashBytes(v as Uint8Array, seed);
    case "array": {
      let h = seed;
      for (const x of v as readonly unknown[]) h = xxhashValue(x, t.elementType, h);
      return h;
    }
    case "map": {
      const m = v as MapValue;
      let h = seed;
      for (let i = 0; i < m.keys.length; i++) {
        h = xxhashValue(m.keys[i], t.keyType, h);
        h = xxhashValue(m.values[i], t.valueType, h);
      }
      return h;
    }
    case "struct": {
      let h = seed;
      const s = v as readonly unknown[];
      t.fields.forEach((f, i) => {
        h = xxhashValue(s[i], f.dataType, h);
      });
      return h;
    }
    default:
      return assertNever(t, "data type");
  }
}

const xxhash64: ScalarFunctionDef = {
  kind: "scalar",
  name: "xxhash64",
  info: info(
    G,
    "xxhash64(expr1, expr2, ...) - Returns a 64-bit hash value of the arguments. Hash seed is 42.",
    "\n    > SELECT xxhash64('Spark', array(123), 2);\n     5602566077635097486\n  ",
    "3.0.0",
  ),
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args) => call("xxhash64", args, LongT, false),
  eval: (args, c) => {
    let h = 42n;
    for (let i = 0; i < args.length; i++)
      h = xxhashValue(args[i], typeOf(c.args[i] as Expression), h);
    return BigInt.asIntN(64, h);
  },
};

export const HASH_FUNCTIONS: readonly ScalarFunctionDef[] = [
  xxhash64,
  hash,
  digest(
    "md5",
    "md5",
    "md5(expr) - Returns an MD5 128-bit checksum as a hex string of `expr`.",
    "\n    > SELECT md5('Spark');\n     8cde774d6f7333752ed72cacddb05126\n  ",
  ),
  digest(
    "sha1",
    "sha1",
    "sha1(expr) - Returns a sha1 hash value as a hex string of the `expr`.",
    "\n    > SELECT sha1('Spark');\n     85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c\n  ",
  ),
  digest(
    "sha",
    "sha1",
    "sha(expr) - Returns a sha1 hash value as a hex string of the `expr`.",
    "\n    > SELECT sha('Spark');\n     85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c\n  ",
  ),
  sha2,
  crc32,
];
