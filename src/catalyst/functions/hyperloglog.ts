/**
 * HyperLogLog++ as Spark's approx_count_distinct computes it, so estimates are equal:
 * values are hashed with XxHash64 (seed 42, floats normalized: -0.0 as 0.0), the top `p`
 * bits of the hash pick one of m = 2^p registers, which keeps the longest run of leading
 * zeros (+1) seen in the remaining bits; the estimate uses linear counting while registers
 * are empty and the count small, else the harmonic mean of the registers with the
 * empirical bias of the HLL++ paper subtracted below 5m.
 *
 * Registers are one byte each (Spark packs ten 6-bit registers per long: the values are
 * the same). `p` follows from the requested relative standard deviation (0.05 gives 9).
 */
import type { DataType } from "../../types/data-types.ts";
import { xxhashValue } from "./hash.ts";
import { BIASES, RAW_ESTIMATES } from "./hyperloglog-data.ts";

/** Raw estimates below which linear counting is used, per precision 4..18. */
const LINEAR_COUNTING_LIMITS = [
  10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 15500, 20000, 50000, 120000, 350000,
];

/** Neighbours averaged to interpolate the bias. */
const K = 6;

/** The precision for a relative standard deviation; at least 4 (rsd at most 0.39). */
export function hllPrecision(relativeSD: number): number {
  return Math.ceil((2 * Math.log(1.106 / relativeSD)) / Math.log(2));
}

export function hllRegisters(p: number): Uint8Array {
  return new Uint8Array(1 << p);
}

function normalized(v: unknown, t: DataType): unknown {
  if ((t.kind === "double" || t.kind === "float") && v === 0) return 0;
  return v;
}

/** Adds one non-null value to the registers. */
export function hllAdd(registers: Uint8Array, p: number, v: unknown, t: DataType): void {
  const x = BigInt.asUintN(64, xxhashValue(normalized(v, t), t, 42n));
  const idx = Number(x >> BigInt(64 - p));
  // leading zeros of the bits after the index, padded so there are at most 64 - p
  const w = BigInt.asUintN(64, (x << BigInt(p)) | (1n << BigInt(p - 1)));
  const hi = Number(w >> 32n);
  const zeros = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(w & 0xffffffffn));
  const pw = zeros + 1;
  if (pw > (registers[idx] as number)) registers[idx] = pw;
}

/** Folds `other` into `registers` (register-wise maximum). */
export function hllMerge(registers: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < registers.length; i++) {
    const o = other[i] as number;
    if (o > (registers[i] as number)) registers[i] = o;
  }
}

/** java.util.Arrays.binarySearch over doubles: the index, or -(insertion point) - 1. */
function binarySearch(a: readonly number[], key: number): number {
  let low = 0;
  let high = a.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const m = a[mid] as number;
    if (m < key) low = mid + 1;
    else if (m > key) high = mid - 1;
    else return mid;
  }
  return -(low + 1);
}

function bias(p: number, e: number): number {
  const estimates = RAW_ESTIMATES[p - 4] as readonly number[];
  const biases = BIASES[p - 4] as readonly number[];
  const n = estimates.length;
  const found = binarySearch(estimates, e);
  const nearest = found < 0 ? -(found + 1) : found;
  const distance = (i: number): number => (e - (estimates[i] as number)) ** 2;
  let low = Math.max(nearest - K + 1, 0);
  let high = Math.min(low + K, n);
  while (high < n && distance(high) < distance(low)) {
    low++;
    high++;
  }
  let sum = 0;
  for (let i = low; i < high; i++) sum += biases[i] as number;
  return sum / (high - low);
}

/** The cardinality estimate of the registers. */
export function hllEstimate(registers: Uint8Array, p: number): number {
  const m = registers.length;
  let zInverse = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const r = registers[i] as number;
    zInverse += 1 / 2 ** r;
    if (r === 0) zeros++;
  }
  const alpha = p === 4 ? 0.673 : p === 5 ? 0.697 : p === 6 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  const e = (alpha * m * m) / zInverse;
  const corrected = (): number => (p < 19 && e < 5 * m ? e - bias(p, e) : e);
  let estimate: number;
  if (zeros > 0) {
    const h = m * Math.log(m / zeros);
    const limit = LINEAR_COUNTING_LIMITS[p - 4] ?? 0;
    estimate = (p < 19 && h <= limit) || e <= 2.5 * m ? h : corrected();
  } else {
    estimate = corrected();
  }
  return Math.round(estimate);
}
