/**
 * Aggregate functions as the hash aggregate runs them: per-group buffers in flat arrays
 * indexed by group id (no per-row objects), with update (raw input), merge (partial
 * buffers) and evaluate. Buffer layout follows Spark's so partial results cross the
 * shuffle in Spark's shape: sum -> [sum], count -> [count], min/max -> [value],
 * avg -> [sum, count].
 */

import type { FunctionRegistry } from "../../catalyst/catalog/function-registry.ts";
import type { AggregateFunction } from "../../catalyst/expressions/expression.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import { compareStrings } from "../../catalyst/expressions/values/compare.ts";
import {
  type AggBuffer,
  type AggregateImpl,
  aggregateImpl,
} from "../../catalyst/functions/aggregate-impl.ts";
import { builtinRegistry } from "../../catalyst/functions/index.ts";
import { FlintError } from "../../errors/index.ts";
import type { DataType } from "../../types/data-types.ts";
import { BooleanT, type DecimalType, DoubleT, LongT } from "../../types/data-types.ts";
import { createBuilder } from "../columnar/builder.ts";
import { type ColumnVector, getDecimalUnscaled, getValue, isNull } from "../columnar/vector.ts";

export interface BufferField {
  readonly name: string;
  readonly dataType: DataType;
}

/** Per-group state of one aggregate in one task. */
export interface AggState {
  /** Makes room for groups [0, n). */
  ensure(n: number): void;
  update(g: number, args: readonly ColumnVector[], i: number): void;
  merge(g: number, buffers: readonly ColumnVector[], i: number): void;
  /** Folds rows [0, n) of `args` into groups `gids` (vectorized update). */
  updateBatch(gids: Int32Array, args: readonly ColumnVector[], n: number): void;
  /** Folds buffer rows [0, n) into groups `gids`. */
  mergeBatch(gids: Int32Array, buffers: readonly ColumnVector[], n: number): void;
  /** Buffer columns for groups [0, n) (partial output). */
  buffers(n: number): ColumnVector[];
  /** Final values for groups [0, n). */
  result(n: number): ColumnVector;
}

export interface AggImpl {
  readonly bufferFields: (fn: AggregateFunction) => readonly BufferField[];
  readonly create: (fn: AggregateFunction, ansi: boolean) => AggState;
}

function vector(type: DataType, values: readonly unknown[], n: number): ColumnVector {
  const b = createBuilder(type, n);
  for (let g = 0; g < n; g++) b.append(values[g] ?? null);
  return b.finish();
}

function argType(fn: AggregateFunction): DataType {
  const a = fn.args[0];
  if (a === undefined) return LongT;
  return dataTypeOf(a);
}

function isBigType(t: DataType): boolean {
  return t.kind === "long" || t.kind === "decimal";
}

function overflowSum(): never {
  throw new FlintError("ARITHMETIC_OVERFLOW", {
    message: "long overflow",
    alternative: " Use 'try_sum' to tolerate overflow and return NULL instead.",
    config: '"spark.sql.ansi.enabled"',
  });
}

/**
 * A long vector of the integral doubles `values[0, n)` (|x| < 2^53), written as 32-bit
 * words (no bigint per value); NaN (or a row beyond `values`) is null.
 */
function longsFromDoubles(type: DataType, values: Float64Array, n: number): ColumnVector {
  // decimals: Decimal128, four 32-bit words per value, the upper two repeating the sign
  const stride = type.kind === "decimal" ? 4 : 2;
  const out = new BigInt64Array((stride >> 1) * n);
  const w = new Int32Array(out.buffer);
  let validity: Uint8Array | null = null;
  let nulls = 0;
  for (let g = 0; g < n; g++) {
    const x = values[g] ?? Number.NaN;
    if (Number.isNaN(x)) {
      validity ??= new Uint8Array((n + 7) >> 3).fill(0xff);
      validity[g >> 3]! &= ~(1 << (g & 7));
      nulls++;
      continue;
    }
    const hi = Math.floor(x / 4294967296);
    w[stride * g] = x - hi * 4294967296;
    w[stride * g + 1] = hi;
    if (stride === 4) {
      w[4 * g + 2] = hi >> 31;
      w[4 * g + 3] = hi >> 31;
    }
  }
  return type.kind === "decimal"
    ? { layout: "d128", type, length: n, validity, nullCount: nulls, values: out }
    : { layout: "i64", type, length: n, validity, nullCount: nulls, values: out };
}

/** Batch methods as loops over the per-row ones (states override them with fast paths). */
abstract class RowState implements AggState {
  abstract ensure(n: number): void;
  abstract update(g: number, args: readonly ColumnVector[], i: number): void;
  abstract merge(g: number, buffers: readonly ColumnVector[], i: number): void;
  abstract buffers(n: number): ColumnVector[];
  abstract result(n: number): ColumnVector;
  updateBatch(gids: Int32Array, args: readonly ColumnVector[], n: number): void {
    for (let i = 0; i < n; i++) this.update(gids[i] as number, args, i);
  }
  mergeBatch(gids: Int32Array, buffers: readonly ColumnVector[], n: number): void {
    for (let i = 0; i < n; i++) this.merge(gids[i] as number, buffers, i);
  }
}

/** Sum of bigint-backed (long, decimal) or double values; null when no non-null input. */
class SumState extends RowState {
  readonly values: unknown[] = [];
  /** try_sum: groups whose sum overflowed (their result is null). */
  readonly overflowed: boolean[] = [];
  readonly type: DataType;
  readonly ansi: boolean;
  readonly tryMode: boolean;
  constructor(type: DataType, ansi: boolean, tryMode = false) {
    super();
    this.type = type;
    this.ansi = ansi;
    this.tryMode = tryMode;
  }
  /**
   * Long sums without bigint: values of magnitude below 2^52 (read as two 32-bit words)
   * accumulate exactly in doubles per group; a group's double is folded into its bigint
   * sum before it could lose precision, and before anything reads `values`.
   */
  /** NaN for a group without input since the last fold (no second array to touch per row). */
  #acc = new Float64Array(0);
  #dirty = false;

  /** Whether any group's sum lives in `values` (else the sums are all in #acc). */
  #big = false;

  /** The sums straight from the double accumulators, when no group needed a bigint. */
  #fastLongs(n: number): ColumnVector | undefined {
    if (this.tryMode || this.#big) return undefined;
    // a decimal sum below 2^52 fits any precision of at least 16 digits
    const fits =
      this.type.kind === "long" || (this.type.kind === "decimal" && this.type.precision >= 16);
    if (!fits) return undefined;
    return longsFromDoubles(this.type, this.#acc, n);
  }

  /** Folds group g's double accumulator into its bigint sum (with the overflow checks of add). */
  #fold(g: number): void {
    this.#big = true;
    const a = this.#acc[g]!;
    this.#acc[g] = Number.NaN;
    const cur = this.values[g];
    if (cur === null || cur === undefined) {
      this.values[g] = BigInt(a);
      return;
    }
    this.add(g, BigInt(a));
  }

  /** Folds every pending accumulator; call before reading `values`. */
  #settle(): void {
    // every path but the long fast path reads or writes `values` after settling
    this.#big = true;
    if (!this.#dirty) return;
    this.#dirty = false;
    const acc = this.#acc;
    for (let g = 0; g < acc.length; g++) if (!Number.isNaN(acc[g]!)) this.#fold(g);
  }

  #updateLongs(gids: Int32Array, v: ColumnVector & { layout: "i64" | "d128" }, n: number): void {
    if (this.#acc.length < this.values.length) {
      const acc = new Float64Array(Math.max(this.values.length, 2 * this.#acc.length));
      acc.fill(Number.NaN, this.#acc.length);
      acc.set(this.#acc);
      this.#acc = acc;
    }
    const acc = this.#acc;
    // a long is two 32-bit words; a decimal of up to 18 digits is its low 64-bit word
    // (the high word only repeats the sign), four 32-bit words per value
    const stride = v.layout === "i64" ? 2 : 4;
    const words = new Int32Array(v.values.buffer, v.values.byteOffset, stride * n);
    const bits = v.validity;
    this.#dirty = true;
    for (let i = 0; i < n; i++) {
      if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const g = gids[i]!;
      const w = stride * i;
      const hi = words[w + 1]!;
      // (a decimal's upper 64 bits must only repeat the sign for the value to be small)
      if (
        hi >= -0x100000 &&
        hi < 0x100000 &&
        (stride === 2 || (words[w + 2] === hi >> 31 && words[w + 3] === hi >> 31))
      ) {
        // |x| < 2^52 and |acc| < 2^52: the double sum is exact
        const a0 = acc[g]!;
        const a = (Number.isNaN(a0) ? 0 : a0) + (hi * 4294967296 + (words[w]! >>> 0));
        acc[g] = a;
        if (a >= 4503599627370496 || a <= -4503599627370496) this.#fold(g);
      } else {
        if (!Number.isNaN(acc[g]!)) this.#fold(g);
        this.add(g, v.layout === "i64" ? v.values[i]! : getDecimalUnscaled(v, i));
      }
    }
  }

  override updateBatch(gids: Int32Array, args: readonly ColumnVector[], n: number): void {
    const v = args[0] as ColumnVector;
    if (this.tryMode) {
      this.#settle();
      super.updateBatch(gids, args, n);
      return;
    }
    if (this.type.kind === "long" && v.layout === "i64") {
      this.#updateLongs(gids, v, n);
      return;
    }
    if (this.type.kind === "decimal" && v.layout === "d128") {
      this.#updateLongs(gids, v, n);
      return;
    }
    this.#settle();
    // fast path: int input into a long sum, accumulated exactly in doubles per batch
    if (
      this.type.kind === "long" &&
      (v.layout === "i32" || v.layout === "i16" || v.layout === "i8")
    ) {
      const vals = v.values;
      const bits = v.validity;
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        const g = gids[i]!;
        const cur = this.values[g];
        this.values[g] = cur === null ? BigInt(vals[i]!) : (cur as bigint) + BigInt(vals[i]!);
      }
      if (this.ansi)
        for (const x of this.values)
          if (x !== null && x !== BigInt.asIntN(64, x as bigint)) overflowSum();
      return;
    }
    if (this.type.kind === "double" && v.layout === "f64") {
      const vals = v.values;
      const bits = v.validity;
      for (let i = 0; i < n; i++) {
        if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
        const g = gids[i]!;
        const cur = this.values[g];
        this.values[g] = (cur === null ? 0 : (cur as number)) + vals[i]!;
      }
      return;
    }
    super.updateBatch(gids, args, n);
  }
  override mergeBatch(gids: Int32Array, buffers: readonly ColumnVector[], n: number): void {
    const v = buffers[0] as ColumnVector;
    // a long sum's buffer merges as its input would (no overflow flag outside try_sum)
    if (
      !this.tryMode &&
      ((this.type.kind === "long" && v.layout === "i64") ||
        (this.type.kind === "decimal" && v.layout === "d128"))
    ) {
      this.#updateLongs(gids, v, n);
      return;
    }
    this.#settle();
    super.mergeBatch(gids, buffers, n);
  }
  ensure(n: number): void {
    while (this.values.length < n) {
      this.values.push(null);
      this.overflowed.push(false);
    }
  }
  add(g: number, x: unknown): void {
    this.#big = true;
    const cur = this.values[g];
    if (isBigType(this.type)) {
      const v = typeof x === "bigint" ? x : BigInt(x as number);
      const s = cur === null ? v : (cur as bigint) + v;
      if (this.type.kind === "long" && s !== BigInt.asIntN(64, s)) {
        if (this.tryMode) this.overflowed[g] = true;
        else if (this.ansi) overflowSum();
        this.values[g] = BigInt.asIntN(64, s);
        return;
      }
      this.values[g] = s;
    } else {
      this.values[g] = (cur === null ? 0 : (cur as number)) + Number(x);
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    this.#settle();
    const v = args[0] as ColumnVector;
    if (!isNull(v, i)) this.add(g, getValue(v, i));
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.update(g, buffers, i);
    const flag = buffers[1];
    if (flag !== undefined && getValue(flag, i) === true) this.overflowed[g] = true;
  }
  buffers(n: number): ColumnVector[] {
    const fast = this.#fastLongs(n);
    if (fast !== undefined) return [fast];
    this.#settle();
    const sums = vector(this.type, this.values, n);
    return this.tryMode ? [sums, vector(BooleanT, this.overflowed, n)] : [sums];
  }
  result(n: number): ColumnVector {
    const fast = this.#fastLongs(n);
    if (fast !== undefined) return fast;
    this.#settle();
    const out = this.values.slice(0, n);
    const limit = this.type.kind === "decimal" ? 10n ** BigInt(this.type.precision) : 0n;
    for (let g = 0; g < n; g++) {
      if (this.overflowed[g]) out[g] = null;
      else if (this.type.kind === "decimal" && out[g] !== null) {
        const v = out[g] as bigint;
        if ((v < 0n ? -v : v) >= limit) {
          if (this.ansi && !this.tryMode) {
            throw new FlintError("ARITHMETIC_OVERFLOW", {
              message: "Overflow in sum of decimals",
              alternative: " Use 'try_sum' to tolerate overflow and return NULL instead.",
              config: '"spark.sql.ansi.enabled"',
            });
          }
          out[g] = null;
        }
      }
    }
    return vector(this.type, out, n);
  }
}

/** Values of a group collected into an array (collect_list; collect_set drops repeats). */
class CollectState extends RowState {
  readonly lists: unknown[][] = [];
  readonly seen: Set<string>[] = [];
  readonly type: DataType;
  readonly distinct: boolean;
  constructor(type: DataType, distinct: boolean) {
    super();
    this.type = type;
    this.distinct = distinct;
  }
  ensure(n: number): void {
    while (this.lists.length < n) {
      this.lists.push([]);
      this.seen.push(new Set());
    }
  }
  #add(g: number, x: unknown): void {
    if (this.distinct) {
      const key =
        typeof x === "string"
          ? `s${x}`
          : JSON.stringify(x, (_k, v) =>
              typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v,
            );
      const seen = this.seen[g] as Set<string>;
      if (seen.has(key)) return;
      seen.add(key);
    }
    (this.lists[g] as unknown[]).push(x);
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (!isNull(v, i)) this.#add(g, getValue(v, i));
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    const v = buffers[0] as ColumnVector;
    if (isNull(v, i)) return;
    for (const x of getValue(v, i) as unknown[]) this.#add(g, x);
  }
  buffers(n: number): ColumnVector[] {
    return [this.result(n)];
  }
  result(n: number): ColumnVector {
    return vector(this.type, this.lists, n);
  }
}

/** bool_and / every (all) and bool_or / some / any (exists) over non-null booleans. */
class BoolState extends RowState {
  readonly values: (boolean | null)[] = [];
  readonly all: boolean;
  constructor(all: boolean) {
    super();
    this.all = all;
  }
  ensure(n: number): void {
    while (this.values.length < n) this.values.push(null);
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (isNull(v, i)) return;
    const x = getValue(v, i) as boolean;
    const cur = this.values[g];
    this.values[g] = cur === null || cur === undefined ? x : this.all ? cur && x : cur || x;
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.update(g, buffers, i);
  }
  buffers(n: number): ColumnVector[] {
    return [this.result(n)];
  }
  result(n: number): ColumnVector {
    return vector(BooleanT, this.values, n);
  }
}

/** Zeros shared by every global aggregate (never written): see `globalGroupIds`. */
let zeroIds = new Int32Array(4096);

/**
 * Group ids of `n` rows of a global aggregate (all 0). States recognise these views and
 * skip the per-row group lookup (count(*) adds n).
 */
export function globalGroupIds(n: number): Int32Array {
  if (zeroIds.length < n) zeroIds = new Int32Array(Math.max(n, 2 * zeroIds.length));
  return zeroIds.length === n ? zeroIds : zeroIds.subarray(0, n);
}

function isGlobal(gids: Int32Array): boolean {
  return gids.buffer === zeroIds.buffer;
}

class CountState extends RowState {
  counts = new Float64Array(16);
  readonly star: boolean;
  override updateBatch(gids: Int32Array, args: readonly ColumnVector[], n: number): void {
    const c = this.counts;
    if (this.star && isGlobal(gids)) {
      c[0]! += n;
      return;
    }
    if (this.star || args.every((a) => a.validity === null)) {
      for (let i = 0; i < n; i++) c[gids[i]!]! += 1;
      return;
    }
    super.updateBatch(gids, args, n);
  }
  constructor(fn: AggregateFunction) {
    super();
    // count(*) is count(1): a literal argument never null
    this.star = fn.args.every((a) => a.kind === "Literal" && a.value !== null);
  }
  ensure(n: number): void {
    if (n > this.counts.length) {
      const c = new Float64Array(Math.max(n, this.counts.length * 2));
      c.set(this.counts);
      this.counts = c;
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    if (!this.star) for (const a of args) if (isNull(a, i)) return;
    this.counts[g]! += 1;
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.counts[g]! += Number(getValue(buffers[0] as ColumnVector, i) as bigint);
  }
  override mergeBatch(gids: Int32Array, buffers: readonly ColumnVector[], n: number): void {
    const v = buffers[0] as ColumnVector;
    if (v.layout !== "i64" || v.validity !== null) {
      super.mergeBatch(gids, buffers, n);
      return;
    }
    // counts stay far below 2^53: add the two words as a double
    const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
    const c = this.counts;
    for (let i = 0; i < n; i++) c[gids[i]!]! += w[2 * i + 1]! * 4294967296 + (w[2 * i]! >>> 0);
  }
  buffers(n: number): ColumnVector[] {
    return [this.result(n)];
  }
  result(n: number): ColumnVector {
    return longsFromDoubles(LongT, this.counts, n);
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  // strings by code point (UTF-8 byte order), as Spark's min/max
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return a.length - b.length;
  }
  return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
}

class MinMaxState extends RowState {
  readonly values: unknown[] = [];
  readonly type: DataType;
  readonly sign: number;
  constructor(type: DataType, sign: number) {
    super();
    this.type = type;
    this.sign = sign;
  }
  ensure(n: number): void {
    while (this.values.length < n) this.values.push(null);
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (isNull(v, i)) return;
    const x = getValue(v, i);
    const cur = this.values[g];
    if (cur === null || compareValues(x, cur) * this.sign < 0) this.values[g] = x;
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.update(g, buffers, i);
  }
  buffers(n: number): ColumnVector[] {
    return [vector(this.type, this.values, n)];
  }
  result(n: number): ColumnVector {
    return vector(this.type, this.values, n);
  }
}

class AvgState extends RowState {
  sums = new Float64Array(16);
  counts = new Float64Array(16);
  ensure(n: number): void {
    if (n > this.sums.length) {
      const cap = Math.max(n, this.sums.length * 2);
      const s = new Float64Array(cap);
      s.set(this.sums);
      this.sums = s;
      const c = new Float64Array(cap);
      c.set(this.counts);
      this.counts = c;
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (isNull(v, i)) return;
    this.sums[g]! += Number(getValue(v, i));
    this.counts[g]! += 1;
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    const [s, c] = buffers as [ColumnVector, ColumnVector];
    if (!isNull(s, i)) this.sums[g]! += getValue(s, i) as number;
    this.counts[g]! += Number(getValue(c, i) as bigint);
  }
  buffers(n: number): ColumnVector[] {
    const counts = new BigInt64Array(n);
    for (let g = 0; g < n; g++) counts[g] = BigInt(this.counts[g]!);
    return [
      {
        layout: "f64",
        type: DoubleT,
        length: n,
        validity: null,
        nullCount: 0,
        values: this.sums.slice(0, n),
      },
      { layout: "i64", type: LongT, length: n, validity: null, nullCount: 0, values: counts },
    ];
  }
  result(n: number): ColumnVector {
    const b = createBuilder(DoubleT, n);
    for (let g = 0; g < n; g++) {
      if (this.counts[g] === 0) b.appendNull();
      else b.append(this.sums[g]! / this.counts[g]!);
    }
    return b.finish();
  }
}

/** first / last / any_value: the first (or last) value seen, nulls included unless ignoring them. */
class FirstLastState extends RowState {
  readonly values: unknown[] = [];
  readonly seen: boolean[] = [];
  readonly type: DataType;
  readonly last: boolean;
  readonly ignoreNulls: boolean;
  constructor(type: DataType, last: boolean, ignoreNulls: boolean) {
    super();
    this.type = type;
    this.last = last;
    this.ignoreNulls = ignoreNulls;
  }
  ensure(n: number): void {
    while (this.values.length < n) {
      this.values.push(null);
      this.seen.push(false);
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (this.ignoreNulls && isNull(v, i)) return;
    if (this.seen[g] && !this.last) return;
    this.values[g] = getValue(v, i);
    this.seen[g] = true;
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    const [v, seen] = buffers as [ColumnVector, ColumnVector];
    if (getValue(seen, i) !== true) return;
    if (this.seen[g] && !this.last) return;
    this.values[g] = getValue(v, i);
    this.seen[g] = true;
  }
  buffers(n: number): ColumnVector[] {
    return [vector(this.type, this.values, n), vector(BooleanT, this.seen, n)];
  }
  result(n: number): ColumnVector {
    return vector(this.type, this.values, n);
  }
}

function firstLast(last: boolean): AggImpl {
  return {
    bufferFields: (fn) => [
      { name: last ? "last" : "first", dataType: fn.dataType },
      { name: "valueSet", dataType: BooleanT },
    ],
    create: (fn) => {
      const ignore = fn.args[1]?.kind === "Literal" && fn.args[1].value === true;
      return new FirstLastState(fn.dataType, last, ignore || fn.options.ignoreNulls === true);
    },
  };
}

const AVG: AggImpl = {
  bufferFields: (fn) => [
    { name: "sum", dataType: argType(fn).kind === "decimal" ? decimalAvg(fn) : DoubleT },
    { name: "count", dataType: LongT },
  ],
  create: (fn) =>
    argType(fn).kind === "decimal" && fn.dataType.kind === "decimal"
      ? new DecimalAvgState(decimalAvg(fn), fn.dataType)
      : new AvgState(),
};

/** avg over decimals: exact unscaled sum and count; result rounded half up to its scale. */
class DecimalAvgState extends RowState {
  readonly sums: (bigint | null)[] = [];
  readonly counts: bigint[] = [];
  readonly sumType: DecimalType;
  readonly resultType: DecimalType;
  constructor(sumType: DecimalType, resultType: DecimalType) {
    super();
    this.sumType = sumType;
    this.resultType = resultType;
  }
  ensure(n: number): void {
    while (this.sums.length < n) {
      this.sums.push(null);
      this.counts.push(0n);
    }
  }
  /**
   * Inputs of up to 18 digits accumulate per group in doubles (exact below 2^52, folded
   * into the bigint sums before that and before anything reads them); NaN marks a group
   * with nothing pending. Counts pend in `#pendingCounts` the same way.
   */
  #acc = new Float64Array(0);
  #pendingCounts = new Float64Array(0);
  #dirty = false;

  #fold(g: number): void {
    const a = this.#acc[g]!;
    if (!Number.isNaN(a)) this.sums[g] = (this.sums[g] ?? 0n) + BigInt(a);
    this.#acc[g] = Number.NaN;
    const c = this.#pendingCounts[g]!;
    if (c !== 0) this.counts[g] = (this.counts[g] as bigint) + BigInt(c);
    this.#pendingCounts[g] = 0;
  }

  #settle(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    for (let g = 0; g < this.#acc.length; g++) this.#fold(g);
  }

  override updateBatch(gids: Int32Array, args: readonly ColumnVector[], n: number): void {
    const v = args[0] as ColumnVector;
    if (v.layout !== "d128") {
      this.#settle();
      super.updateBatch(gids, args, n);
      return;
    }
    if (this.#acc.length < this.sums.length) {
      const size = Math.max(this.sums.length, 2 * this.#acc.length);
      const acc = new Float64Array(size).fill(Number.NaN);
      acc.set(this.#acc);
      const counts = new Float64Array(size);
      counts.set(this.#pendingCounts);
      this.#acc = acc;
      this.#pendingCounts = counts;
    }
    const acc = this.#acc;
    const counts = this.#pendingCounts;
    const words = new Int32Array(v.values.buffer, v.values.byteOffset, 4 * n);
    const bits = v.validity;
    this.#dirty = true;
    for (let i = 0; i < n; i++) {
      if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const g = gids[i]!;
      const hi = words[4 * i + 1]!;
      counts[g]! += 1;
      if (
        hi >= -0x100000 &&
        hi < 0x100000 &&
        words[4 * i + 2] === hi >> 31 &&
        words[4 * i + 3] === hi >> 31
      ) {
        const a0 = acc[g]!;
        const a = (Number.isNaN(a0) ? 0 : a0) + (hi * 4294967296 + (words[4 * i]! >>> 0));
        acc[g] = a;
        if (a >= 4503599627370496 || a <= -4503599627370496) this.#fold(g);
      } else {
        this.#fold(g);
        this.sums[g] = (this.sums[g] ?? 0n) + getDecimalUnscaled(v, i);
      }
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    this.#settle();
    const v = args[0] as ColumnVector;
    if (isNull(v, i)) return;
    this.sums[g] = (this.sums[g] ?? 0n) + (getValue(v, i) as bigint);
    this.counts[g] = (this.counts[g] as bigint) + 1n;
  }
  override mergeBatch(gids: Int32Array, buffers: readonly ColumnVector[], n: number): void {
    this.#settle();
    super.mergeBatch(gids, buffers, n);
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.#settle();
    const [s, c] = buffers as [ColumnVector, ColumnVector];
    if (!isNull(s, i)) this.sums[g] = (this.sums[g] ?? 0n) + (getValue(s, i) as bigint);
    this.counts[g] = (this.counts[g] as bigint) + (getValue(c, i) as bigint);
  }
  buffers(n: number): ColumnVector[] {
    this.#settle();
    return [vector(this.sumType, this.sums, n), vector(LongT, this.counts, n)];
  }
  result(n: number): ColumnVector {
    this.#settle();
    const out: (bigint | null)[] = [];
    const shift = 10n ** BigInt(this.resultType.scale - this.sumType.scale);
    for (let g = 0; g < n; g++) {
      const s = this.sums[g];
      const c = this.counts[g] as bigint;
      if (s === null || s === undefined || c === 0n) {
        out.push(null);
        continue;
      }
      const num = s * shift;
      let q = num / c;
      const r = num % c;
      if ((r < 0n ? -r : r) * 2n >= c) q += num < 0n ? -1n : 1n;
      out.push(q);
    }
    return vector(this.resultType, out, n);
  }
}

/**
 * Variance and standard deviation (population or sample) from Spark's central-moment
 * buffer (n, avg, m2), merged with Chan et al.'s parallel update. Null without rows; the
 * sample forms are null for a single row (Spark 4's default).
 */
class MomentState extends RowState {
  n: number[] = [];
  avg: number[] = [];
  m2: number[] = [];
  readonly sample: boolean;
  readonly sqrt: boolean;
  constructor(sample: boolean, sqrt: boolean) {
    super();
    this.sample = sample;
    this.sqrt = sqrt;
  }
  ensure(count: number): void {
    while (this.n.length < count) {
      this.n.push(0);
      this.avg.push(0);
      this.m2.push(0);
    }
  }
  #combine(g: number, n2: number, avg2: number, m22: number): void {
    const n1 = this.n[g] as number;
    if (n2 === 0) return;
    const n = n1 + n2;
    const delta = avg2 - (this.avg[g] as number);
    this.avg[g] = (this.avg[g] as number) + (delta * n2) / n;
    this.m2[g] = (this.m2[g] as number) + m22 + (delta * delta * n1 * n2) / n;
    this.n[g] = n;
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const v = args[0] as ColumnVector;
    if (isNull(v, i)) return;
    this.#combine(g, 1, Number(getValue(v, i)), 0);
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    const [n, avg, m2] = buffers as [ColumnVector, ColumnVector, ColumnVector];
    this.#combine(
      g,
      getValue(n, i) as number,
      getValue(avg, i) as number,
      getValue(m2, i) as number,
    );
  }
  buffers(count: number): ColumnVector[] {
    return [
      vector(DoubleT, this.n, count),
      vector(DoubleT, this.avg, count),
      vector(DoubleT, this.m2, count),
    ];
  }
  result(count: number): ColumnVector {
    const out: (number | null)[] = [];
    for (let g = 0; g < count; g++) {
      const n = this.n[g] as number;
      const d = this.sample ? n - 1 : n;
      if (n === 0 || d <= 0) {
        out.push(n === 0 ? null : this.sample ? null : 0);
        continue;
      }
      const v = (this.m2[g] as number) / d;
      out.push(this.sqrt ? Math.sqrt(v) : v);
    }
    return vector(DoubleT, out, count);
  }
}

/** max_by / min_by: the value at the row with the largest (smallest) ordering value. */
class ByState extends RowState {
  readonly values: unknown[] = [];
  readonly orderings: unknown[] = [];
  readonly valueType: DataType;
  readonly orderType: DataType;
  readonly sign: number;
  constructor(valueType: DataType, orderType: DataType, sign: number) {
    super();
    this.valueType = valueType;
    this.orderType = orderType;
    this.sign = sign;
  }
  ensure(n: number): void {
    while (this.values.length < n) {
      this.values.push(null);
      this.orderings.push(null);
    }
  }
  #offer(g: number, value: unknown, ord: unknown): void {
    if (ord === null) return;
    const cur = this.orderings[g];
    if (cur === null || compareValues(ord, cur) * this.sign > 0) {
      this.orderings[g] = ord;
      this.values[g] = value;
    }
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    const [v, o] = args as [ColumnVector, ColumnVector];
    this.#offer(g, getValue(v, i), getValue(o, i));
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.update(g, buffers, i);
  }
  buffers(n: number): ColumnVector[] {
    return [vector(this.valueType, this.values, n), vector(this.orderType, this.orderings, n)];
  }
  result(n: number): ColumnVector {
    return vector(this.valueType, this.values, n);
  }
}

function by(sign: number): AggImpl {
  const orderType = (fn: AggregateFunction): DataType => {
    const o = fn.args[1];
    return o === undefined ? fn.dataType : dataTypeOf(o);
  };
  return {
    bufferFields: (fn) => [
      { name: "valueWithExtremumOrdering", dataType: fn.dataType },
      { name: "extremumOrdering", dataType: orderType(fn) },
    ],
    create: (fn) => new ByState(fn.dataType, orderType(fn), sign),
  };
}

function moments(sample: boolean, sqrt: boolean): AggImpl {
  return {
    bufferFields: () => [
      { name: "n", dataType: DoubleT },
      { name: "avg", dataType: DoubleT },
      { name: "m2", dataType: DoubleT },
    ],
    create: () => new MomentState(sample, sqrt),
  };
}

function decimalAvg(fn: AggregateFunction): DecimalType {
  const t = argType(fn) as DecimalType;
  return { kind: "decimal", precision: Math.min(38, t.precision + 10), scale: t.scale };
}

export const AGGREGATES: Readonly<Record<string, AggImpl>> = {
  sum: {
    bufferFields: (fn) => [{ name: "sum", dataType: fn.dataType }],
    create: (fn, ansi) => new SumState(fn.dataType, ansi),
  },
  try_sum: {
    bufferFields: (fn) => [
      { name: "sum", dataType: fn.dataType },
      { name: "overflow", dataType: BooleanT },
    ],
    create: (fn, ansi) => new SumState(fn.dataType, ansi, true),
  },
  collect_list: {
    bufferFields: (fn) => [{ name: "buf", dataType: fn.dataType }],
    create: (fn) => new CollectState(fn.dataType, false),
  },
  collect_set: {
    bufferFields: (fn) => [{ name: "buf", dataType: fn.dataType }],
    create: (fn) => new CollectState(fn.dataType, true),
  },
  bool_and: {
    bufferFields: () => [{ name: "bool_and", dataType: BooleanT }],
    create: () => new BoolState(true),
  },
  every: {
    bufferFields: () => [{ name: "every", dataType: BooleanT }],
    create: () => new BoolState(true),
  },
  bool_or: {
    bufferFields: () => [{ name: "bool_or", dataType: BooleanT }],
    create: () => new BoolState(false),
  },
  some: {
    bufferFields: () => [{ name: "some", dataType: BooleanT }],
    create: () => new BoolState(false),
  },
  any: {
    bufferFields: () => [{ name: "any", dataType: BooleanT }],
    create: () => new BoolState(false),
  },
  count: {
    bufferFields: () => [{ name: "count", dataType: LongT }],
    create: (fn) => new CountState(fn),
  },
  min: {
    bufferFields: (fn) => [{ name: "min", dataType: fn.dataType }],
    create: (fn) => new MinMaxState(fn.dataType, 1),
  },
  max: {
    bufferFields: (fn) => [{ name: "max", dataType: fn.dataType }],
    create: (fn) => new MinMaxState(fn.dataType, -1),
  },
  avg: AVG,
  mean: AVG,
  stddev: moments(true, true),
  stddev_samp: moments(true, true),
  std: moments(true, true),
  stddev_pop: moments(false, true),
  variance: moments(true, false),
  var_samp: moments(true, false),
  var_pop: moments(false, false),
  max_by: by(1),
  min_by: by(-1),
  first: firstLast(false),
  first_value: firstLast(false),
  any_value: firstLast(false),
  last: firstLast(true),
  last_value: firstLast(true),
};

/**
 * Any other registered aggregate runs on its reference semantics
 * (`catalyst/functions/aggregate-impl.ts`): one buffer per group, values converted at the
 * vector boundary. Slower than the specialized states above, which win where they exist.
 */
class ReferenceState extends RowState {
  readonly #impl: AggregateImpl;
  readonly #fn: AggregateFunction;
  readonly #bufferTypes: readonly DataType[];
  readonly #groups: AggBuffer[] = [];

  constructor(fn: AggregateFunction, bufferTypes: readonly DataType[]) {
    super();
    this.#fn = fn;
    this.#impl = aggregateImpl(fn);
    this.#bufferTypes = bufferTypes;
  }
  ensure(n: number): void {
    while (this.#groups.length < n) this.#groups.push(this.#impl.init());
  }
  update(g: number, args: readonly ColumnVector[], i: number): void {
    this.#impl.update(
      this.#groups[g] as AggBuffer,
      args.map((a) => getValue(a, i)),
    );
  }
  merge(g: number, buffers: readonly ColumnVector[], i: number): void {
    this.#impl.merge(
      this.#groups[g] as AggBuffer,
      buffers.map((b) => getValue(b, i)),
    );
  }
  buffers(n: number): ColumnVector[] {
    return this.#bufferTypes.map((t, k) =>
      vector(
        t,
        this.#groups.slice(0, n).map((b) => b[k] ?? null),
        n,
      ),
    );
  }
  result(n: number): ColumnVector {
    return vector(
      this.#fn.dataType,
      this.#groups.slice(0, n).map((b) => this.#impl.evaluate(b)),
      n,
    );
  }
}

let registry: FunctionRegistry | undefined;

function referenceImpl(fn: AggregateFunction): AggImpl | undefined {
  registry ??= builtinRegistry();
  const def = registry.lookup(fn.name);
  if (def?.kind !== "aggregate") return undefined;
  return {
    bufferFields: (f) => def.bufferTypes(f).map((dataType, k) => ({ name: `buf${k}`, dataType })),
    create: (f) => new ReferenceState(f, def.bufferTypes(f)),
  };
}

/** The implementation of an aggregate, or an error naming the unsupported function. */
export function aggImplOf(fn: AggregateFunction): AggImpl {
  const impl = AGGREGATES[fn.name.toLowerCase()] ?? referenceImpl(fn);
  if (impl === undefined) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: `aggregate function ${fn.name} in execution`,
    });
  }
  return impl;
}
