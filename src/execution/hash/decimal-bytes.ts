/**
 * Spark hashes decimals of precision > 18 over `BigInteger.toByteArray()` of the unscaled
 * value: the minimal big-endian two's complement bytes. These helpers write them into one
 * shared 16-byte buffer (no allocation per value) and return where they start.
 */

import type { DecimalVector } from "../columnar/vector.ts";

/** Holds the bytes of the last decimal converted: `DECIMAL_BYTES[start, 16)`. */
export const DECIMAL_BYTES = new Uint8Array(16);

/** Converts the 128-bit little-endian value at `src[at, at + 16)`; returns the start. */
function bigIntegerBytes(src: Uint8Array, at: number): number {
  for (let k = 0; k < 16; k++) DECIMAL_BYTES[k] = src[at + 15 - k]!;
  let s = 0;
  while (s < 15) {
    const b = DECIMAL_BYTES[s]!;
    const next = DECIMAL_BYTES[s + 1]!;
    if ((b === 0 && (next & 0x80) === 0) || (b === 0xff && (next & 0x80) !== 0)) s++;
    else break;
  }
  return s;
}

/** The bytes of decimal row `i` (Decimal128 words) into DECIMAL_BYTES; returns the start. */
export function decimalBytesAt(v: DecimalVector, i: number): number {
  const bytes = new Uint8Array(v.values.buffer, v.values.byteOffset, v.values.byteLength);
  return bigIntegerBytes(bytes, 16 * i);
}

const TMP = new BigInt64Array(2);
const TMP_BYTES = new Uint8Array(TMP.buffer);

/** The bytes of an unscaled decimal value into DECIMAL_BYTES; returns the start. */
export function bigDecimalBytes(unscaled: bigint): number {
  TMP[0] = unscaled;
  TMP[1] = unscaled >> 64n;
  return bigIntegerBytes(TMP_BYTES, 0);
}
