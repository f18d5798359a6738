/**
 * Spark's XORShiftRandom (what rand/randn use): a java.util.Random whose `next(bits)` is
 * an xorshift over a seed scrambled with Scala's MurmurHash3, so `rand(42)` gives the
 * same sequence as Spark for the same partition (seed + partitionIndex).
 */

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

function mix(h: number, k0: number): number {
  let k = Math.imul(k0, 0xcc9e2d51);
  k = rotl(k >>> 0, 15);
  k = Math.imul(k, 0x1b873593);
  let x = (h ^ k) >>> 0;
  x = rotl(x, 13);
  return (Math.imul(x, 5) + 0xe6546b64) >>> 0;
}

function mixLast(h: number, k0: number): number {
  let k = Math.imul(k0, 0xcc9e2d51);
  k = rotl(k >>> 0, 15);
  k = Math.imul(k, 0x1b873593);
  return (h ^ k) >>> 0;
}

function fmix(h0: number, length: number): number {
  let h = (h0 ^ length) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Scala's MurmurHash3.bytesHash. */
function bytesHash(data: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  let i = 0;
  let len = data.length;
  while (len >= 4) {
    const k =
      (data[i] ?? 0) |
      ((data[i + 1] ?? 0) << 8) |
      ((data[i + 2] ?? 0) << 16) |
      ((data[i + 3] ?? 0) << 24);
    h = mix(h, k >>> 0);
    i += 4;
    len -= 4;
  }
  let k = 0;
  if (len === 3) k ^= (data[i + 2] ?? 0) << 16;
  if (len >= 2) k ^= (data[i + 1] ?? 0) << 8;
  if (len >= 1) {
    k ^= data[i] ?? 0;
    h = mixLast(h, k >>> 0);
  }
  return fmix(h, data.length);
}

const ARRAY_SEED = 0x3c074a61;

function hashSeed(seed: bigint): bigint {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, seed));
  const low = bytesHash(bytes, ARRAY_SEED);
  const high = bytesHash(bytes, low);
  // the low word unsigned: `low & 0xffffffff` would be a negative int32 when its top bit is set
  return BigInt.asIntN(64, (BigInt(high | 0) << 32n) | BigInt(low >>> 0));
}

let taskPartition = 0;
let taskEpoch = 0;

/**
 * Called when a task starts on this thread: rand/randn streams restart, seeded with
 * `seed + partition` as Spark's Nondeterministic expressions are initialized per partition.
 */
export function beginTaskRandomness(partition: number): void {
  taskPartition = partition;
  taskEpoch++;
}

/** The partition and epoch of the task running on this thread. */
export function taskRandomness(): { readonly partition: number; readonly epoch: number } {
  return { partition: taskPartition, epoch: taskEpoch };
}

/** One stream of Spark's XORShiftRandom. */
export class XORShiftRandom {
  #seed: bigint;
  #nextGaussian: number | null = null;

  constructor(init: bigint) {
    this.#seed = hashSeed(init);
  }

  next(bits: number): number {
    let s = this.#seed;
    s = BigInt.asIntN(64, s ^ (s << 21n));
    s = BigInt.asIntN(64, s ^ (BigInt.asUintN(64, s) >> 35n));
    s = BigInt.asIntN(64, s ^ (s << 4n));
    this.#seed = s;
    return Number(BigInt.asIntN(32, s & ((1n << BigInt(bits)) - 1n)));
  }

  /** java.util.Random.nextDouble. */
  nextDouble(): number {
    const hi = BigInt(this.next(26));
    const lo = BigInt(this.next(27));
    return Number((hi << 27n) + lo) * 2 ** -53;
  }

  /** java.util.Random.nextGaussian (polar method). */
  nextGaussian(): number {
    if (this.#nextGaussian !== null) {
      const g = this.#nextGaussian;
      this.#nextGaussian = null;
      return g;
    }
    let v1 = 0;
    let v2 = 0;
    let s = 0;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const m = StrictMath_sqrt((-2 * Math.log(s)) / s);
    this.#nextGaussian = v2 * m;
    return v1 * m;
  }
}

function StrictMath_sqrt(x: number): number {
  return Math.sqrt(x);
}
