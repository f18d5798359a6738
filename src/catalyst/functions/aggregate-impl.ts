/**
 * The reference semantics of the built-in aggregates, over internal values: for each
 * aggregate a buffer (an array laid out as the definition's `bufferTypes`), `init`,
 * `update` with one row's argument values, `merge` of two partial buffers, and
 * `evaluate`. The physical aggregation operators may call these directly or generate
 * equivalent code; tests compare them with Spark.
 *
 * Buffers are mutated in place (one array per group); `merge` reads `other` only.
 */
import { FlintError } from "../../errors/index.ts";
import type { DataType, DecimalType } from "../../types/data-types.ts";
import { arithmeticOverflow } from "../expressions/eval/errors.ts";
import type { AggregateFunction, Expression } from "../expressions/expression.ts";
import { dataTypeOf } from "../expressions/typing.ts";
import { compareValues, valuesEqual } from "../expressions/values/compare.ts";
import { divHalfUp, fitsPrecision, pow10, rescale } from "../expressions/values/numbers.ts";
import { avgSumType } from "./aggregate.ts";
import { hllAdd, hllEstimate, hllMerge, hllPrecision, hllRegisters } from "./hyperloglog.ts";

export type AggBuffer = unknown[];

export interface AggregateImpl {
  /** A fresh buffer for an empty group. */
  init(): AggBuffer;
  /** Folds one row's argument values (evaluated, internal representation) into `buf`. */
  update(buf: AggBuffer, values: readonly unknown[]): void;
  /** Folds another partial buffer into `buf`. */
  merge(buf: AggBuffer, other: readonly unknown[]): void;
  /** The aggregate's result for a buffer. */
  evaluate(buf: readonly unknown[]): unknown;
}

const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

function argType(fn: AggregateFunction, i = 0): DataType {
  return dataTypeOf(fn.args[i] as Expression);
}

function count(): AggregateImpl {
  return {
    init: () => [0n],
    update(buf, values) {
      for (const v of values) if (v === null) return;
      buf[0] = (buf[0] as bigint) + 1n;
    },
    merge(buf, other) {
      buf[0] = (buf[0] as bigint) + (other[0] as bigint);
    },
    evaluate: (buf) => buf[0],
  };
}

function countIf(): AggregateImpl {
  return {
    init: () => [0n],
    update(buf, values) {
      if (values[0] === true) buf[0] = (buf[0] as bigint) + 1n;
    },
    merge(buf, other) {
      buf[0] = (buf[0] as bigint) + (other[0] as bigint);
    },
    evaluate: (buf) => buf[0],
  };
}

/** Adds two partial sums of type `t` (null = nothing yet). */
function addSums(a: unknown, b: unknown, t: DataType, ansi: boolean, tryMode: boolean): unknown {
  if (a === null) return b;
  if (b === null) return a;
  switch (t.kind) {
    case "long":
    case "daytime_interval": {
      const r = (a as bigint) + (b as bigint);
      if (r > LONG_MAX || r < LONG_MIN) {
        if (tryMode) return OVERFLOWED;
        if (ansi) throw arithmeticOverflow("overflow", "try_add");
        return BigInt.asIntN(64, r);
      }
      return r;
    }
    case "decimal":
      return (a as bigint) + (b as bigint);
    case "yearmonth_interval": {
      const r = (a as number) + (b as number);
      if (r > 2147483647 || r < -2147483648) {
        if (tryMode) return OVERFLOWED;
        throw arithmeticOverflow("integer overflow", "try_add");
      }
      return r;
    }
    default:
      return (a as number) + (b as number);
  }
}

/** Marks a TRY sum that overflowed (its result is null). */
const OVERFLOWED = Symbol("overflowed");

function toSumValue(v: unknown, from: DataType, sumType: DataType): unknown {
  switch (sumType.kind) {
    case "long":
      return typeof v === "bigint" ? v : BigInt(v as number);
    case "decimal":
      return from.kind === "decimal" ? rescale(v as bigint, from.scale, sumType.scale) : v;
    case "double":
      return typeof v === "bigint"
        ? from.kind === "decimal"
          ? Number(`${v}e-${from.scale}`)
          : Number(v)
        : (v as number);
    default:
      return v;
  }
}

function checkDecimalSum(v: unknown, t: DataType, ansi: boolean, tryMode: boolean): unknown {
  if (v === null || v === OVERFLOWED) return null;
  if (t.kind !== "decimal" || fitsPrecision(v as bigint, t.precision)) return v;
  if (ansi && !tryMode) throw arithmeticOverflow("Overflow in sum of decimals", "try_sum");
  return null;
}

function sum(fn: AggregateFunction): AggregateImpl {
  const from = argType(fn);
  const t = fn.dataType;
  const ansi = fn.options.ansi !== false;
  const tryMode = fn.options.try === true;
  return {
    init: () => [null, false],
    update(buf, values) {
      const v = values[0];
      if (v === null || v === undefined || buf[0] === OVERFLOWED) return;
      buf[0] = addSums(buf[0], toSumValue(v, from, t), t, ansi, tryMode);
      buf[1] = true;
    },
    merge(buf, other) {
      if (!other[1]) return;
      if (buf[0] === OVERFLOWED) return;
      buf[0] = other[0] === OVERFLOWED ? OVERFLOWED : addSums(buf[0], other[0], t, ansi, tryMode);
      buf[1] = true;
    },
    evaluate: (buf) => (buf[1] ? checkDecimalSum(buf[0], t, ansi, tryMode) : null),
  };
}

function avg(fn: AggregateFunction): AggregateImpl {
  const from = argType(fn);
  const sumType = avgSumType(from);
  const t = fn.dataType;
  const ansi = fn.options.ansi !== false;
  const tryMode = fn.options.try === true;
  return {
    init: () => [null, 0n],
    update(buf, values) {
      const v = values[0];
      if (v === null || v === undefined || buf[0] === OVERFLOWED) return;
      buf[0] = addSums(buf[0], toSumValue(v, from, sumType), sumType, ansi, tryMode);
      buf[1] = (buf[1] as bigint) + 1n;
    },
    merge(buf, other) {
      if ((other[1] as bigint) === 0n || buf[0] === OVERFLOWED) return;
      buf[0] =
        other[0] === OVERFLOWED ? OVERFLOWED : addSums(buf[0], other[0], sumType, ansi, tryMode);
      buf[1] = (buf[1] as bigint) + (other[1] as bigint);
    },
    evaluate(buf) {
      const n = buf[1] as bigint;
      const s = buf[0];
      if (n === 0n || s === null || s === OVERFLOWED) return null;
      switch (t.kind) {
        case "decimal": {
          const st = sumType as DecimalType;
          const checked = checkDecimalSum(s, st, ansi, tryMode);
          if (checked === null) return null;
          // The quotient to 38 decimal places (HALF_UP), then rounded to the result's scale:
          // what Spark gives (avg over DECIMAL(38,10) values 1, 2, 2 -> 1.66666666666667).
          const e = 38 - st.scale;
          const quotient = divHalfUp((checked as bigint) * pow10(e), n);
          const r = rescale(quotient, 38, t.scale);
          if (!fitsPrecision(r, t.precision)) {
            if (ansi && !tryMode) {
              throw new FlintError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", {
                value: String(r),
                precision: String(t.precision),
                scale: String(t.scale),
                config: '"spark.sql.ansi.enabled"',
              });
            }
            return null;
          }
          return r;
        }
        case "daytime_interval":
          return divHalfUp(s as bigint, n);
        case "yearmonth_interval":
          return Number(divHalfUp(BigInt(s as number), n));
        default:
          return (typeof s === "bigint" ? Number(s) : (s as number)) / Number(n);
      }
    },
  };
}

function minMax(fn: AggregateFunction, sign: 1 | -1): AggregateImpl {
  const t = fn.dataType;
  const better = (a: unknown, b: unknown): unknown =>
    b === null ? a : a === null ? b : sign * compareValues(b, a, t) > 0 ? b : a;
  return {
    init: () => [null],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) buf[0] = better(buf[0], v);
    },
    merge(buf, other) {
      buf[0] = better(buf[0], other[0]);
    },
    evaluate: (buf) => buf[0],
  };
}

function byValue(fn: AggregateFunction, sign: 1 | -1): AggregateImpl {
  const ot = argType(fn, 1);
  const take = (buf: AggBuffer, x: unknown, o: unknown): void => {
    if (o === null || o === undefined) return;
    if (buf[1] === null || sign * compareValues(o, buf[1], ot) > 0) {
      buf[0] = x ?? null;
      buf[1] = o;
    }
  };
  return {
    init: () => [null, null],
    update: (buf, values) => take(buf, values[0], values[1]),
    merge: (buf, other) => take(buf, other[0], other[1]),
    evaluate: (buf) => buf[0],
  };
}

function firstValue(fn: AggregateFunction): AggregateImpl {
  const ignoreNulls = fn.options.ignoreNulls === true;
  return {
    init: () => [null, false],
    update(buf, values) {
      if (buf[1]) return;
      const v = values[0] ?? null;
      if (v === null && ignoreNulls) return;
      buf[0] = v;
      buf[1] = true;
    },
    merge(buf, other) {
      if (!buf[1] && other[1]) {
        buf[0] = other[0];
        buf[1] = true;
      }
    },
    evaluate: (buf) => buf[0],
  };
}

function lastValue(fn: AggregateFunction): AggregateImpl {
  const ignoreNulls = fn.options.ignoreNulls === true;
  return {
    init: () => [null, false],
    update(buf, values) {
      const v = values[0] ?? null;
      if (v === null && ignoreNulls) return;
      buf[0] = v;
      buf[1] = true;
    },
    merge(buf, other) {
      if (other[1]) {
        buf[0] = other[0];
        buf[1] = true;
      }
    },
    evaluate: (buf) => buf[0],
  };
}

function collectList(): AggregateImpl {
  return {
    init: () => [[]],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) (buf[0] as unknown[]).push(v);
    },
    merge(buf, other) {
      for (const v of other[0] as unknown[]) (buf[0] as unknown[]).push(v);
    },
    evaluate: (buf) => [...(buf[0] as unknown[])],
  };
}

function collectSet(fn: AggregateFunction): AggregateImpl {
  const t = argType(fn);
  const hashable =
    t.kind !== "binary" && t.kind !== "array" && t.kind !== "map" && t.kind !== "struct";
  const seen = new WeakMap<unknown[], Set<unknown>>();
  const add = (arr: unknown[], v: unknown): void => {
    if (hashable) {
      let s = seen.get(arr);
      if (!s) {
        s = new Set(arr);
        seen.set(arr, s);
      }
      const key = typeof v === "number" && Number.isNaN(v) ? Number.NaN : v;
      if (s.has(key)) return;
      s.add(key);
      arr.push(v);
      return;
    }
    for (const x of arr) if (valuesEqual(x, v, t)) return;
    arr.push(v);
  };
  return {
    init: () => [[]],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) add(buf[0] as unknown[], v);
    },
    merge(buf, other) {
      for (const v of other[0] as unknown[]) add(buf[0] as unknown[], v);
    },
    evaluate: (buf) => [...(buf[0] as unknown[])],
  };
}

function boolAgg(isAnd: boolean): AggregateImpl {
  const combine = (a: unknown, b: unknown): unknown =>
    a === null ? b : b === null ? a : isAnd ? a && b : a || b;
  return {
    init: () => [null],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) buf[0] = combine(buf[0], v);
    },
    merge(buf, other) {
      buf[0] = combine(buf[0], other[0]);
    },
    evaluate: (buf) => buf[0],
  };
}

type MomentResult = "stddev_samp" | "stddev_pop" | "var_samp" | "var_pop";

function centralMoment(kind: MomentResult): AggregateImpl {
  return {
    init: () => [0, 0, 0],
    update(buf, values) {
      const v = values[0];
      if (v === null || v === undefined) return;
      const x = v as number;
      const n = (buf[0] as number) + 1;
      const delta = x - (buf[1] as number);
      const deltaN = delta / n;
      buf[0] = n;
      buf[1] = (buf[1] as number) + deltaN;
      buf[2] = (buf[2] as number) + delta * (delta - deltaN);
    },
    merge(buf, other) {
      const n1 = buf[0] as number;
      const n2 = other[0] as number;
      const n = n1 + n2;
      const delta = (other[1] as number) - (buf[1] as number);
      const deltaN = n === 0 ? 0 : delta / n;
      buf[0] = n;
      buf[1] = (buf[1] as number) + deltaN * n2;
      buf[2] = (buf[2] as number) + (other[2] as number) + delta * deltaN * n1 * n2;
    },
    evaluate(buf) {
      const n = buf[0] as number;
      const m2 = buf[2] as number;
      if (n === 0) return null;
      switch (kind) {
        case "stddev_samp":
          return n === 1 ? null : Math.sqrt(m2 / (n - 1));
        case "var_samp":
          return n === 1 ? null : m2 / (n - 1);
        case "stddev_pop":
          return Math.sqrt(m2 / n);
        case "var_pop":
          return m2 / n;
        default:
          return null;
      }
    },
  };
}

/** approx_count_distinct: Spark's HyperLogLog++ over one byte per register. */
function approxCountDistinct(fn: AggregateFunction): AggregateImpl {
  const p = hllPrecision(Number(fn.options.relativeSD ?? 0.05));
  const t = argType(fn);
  return {
    init: () => [hllRegisters(p)],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) hllAdd(buf[0] as Uint8Array, p, v, t);
    },
    merge(buf, other) {
      hllMerge(buf[0] as Uint8Array, other[0] as Uint8Array);
    },
    evaluate: (buf) => BigInt(hllEstimate(buf[0] as Uint8Array, p)),
  };
}

function bitAgg(fn: AggregateFunction, op: "and" | "or" | "xor"): AggregateImpl {
  const t = fn.dataType;
  const combine = (a: unknown, b: unknown): unknown => {
    if (a === null) return b;
    if (b === null) return a;
    if (t.kind === "long") {
      const x = a as bigint;
      const y = b as bigint;
      return op === "and" ? x & y : op === "or" ? x | y : x ^ y;
    }
    const x = a as number;
    const y = b as number;
    return op === "and" ? x & y : op === "or" ? x | y : x ^ y;
  };
  return {
    init: () => [null],
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) buf[0] = combine(buf[0], v);
    },
    merge(buf, other) {
      buf[0] = combine(buf[0], other[0]);
    },
    evaluate: (buf) => buf[0],
  };
}

/** Co-moments as Spark's Covariance / PearsonCorrelation: n, xAvg, yAvg, ck, xMk, yMk. */
function coMoment(kind: "covar_pop" | "covar_samp" | "corr"): AggregateImpl {
  return {
    init: () => [0, 0, 0, 0, 0, 0],
    update(buf, values) {
      const x = values[0];
      const y = values[1];
      if (x === null || y === null || x === undefined || y === undefined) return;
      const xv = x as number;
      const yv = y as number;
      const n = (buf[0] as number) + 1;
      const dx = xv - (buf[1] as number);
      const dy = yv - (buf[2] as number);
      buf[0] = n;
      buf[1] = (buf[1] as number) + dx / n;
      buf[2] = (buf[2] as number) + dy / n;
      buf[3] = (buf[3] as number) + dx * (yv - (buf[2] as number));
      buf[4] = (buf[4] as number) + dx * (xv - (buf[1] as number));
      buf[5] = (buf[5] as number) + dy * (yv - (buf[2] as number));
    },
    merge(buf, other) {
      const n1 = buf[0] as number;
      const n2 = other[0] as number;
      if (n2 === 0) return;
      if (n1 === 0) {
        for (let i = 0; i < 6; i++) buf[i] = other[i];
        return;
      }
      const n = n1 + n2;
      const dx = (other[1] as number) - (buf[1] as number);
      const dy = (other[2] as number) - (buf[2] as number);
      buf[3] = (buf[3] as number) + (other[3] as number) + (dx * dy * n1 * n2) / n;
      buf[4] = (buf[4] as number) + (other[4] as number) + (dx * dx * n1 * n2) / n;
      buf[5] = (buf[5] as number) + (other[5] as number) + (dy * dy * n1 * n2) / n;
      buf[1] = (buf[1] as number) + (dx * n2) / n;
      buf[2] = (buf[2] as number) + (dy * n2) / n;
      buf[0] = n;
    },
    evaluate(buf) {
      const n = buf[0] as number;
      const ck = buf[3] as number;
      if (n === 0) return null;
      switch (kind) {
        case "covar_pop":
          return ck / n;
        case "covar_samp":
          return n === 1 ? null : ck / (n - 1);
        default:
          return n === 1 ? null : ck / Math.sqrt((buf[4] as number) * (buf[5] as number));
      }
    },
  };
}

/** Exact percentile with linear interpolation (Spark's Percentile). */
function percentile(fn: AggregateFunction): AggregateImpl {
  const ps = String(fn.options.percentages ?? "0.5")
    .split(",")
    .map(Number);
  const isArray = fn.options.isArray === true;
  const list = collectList();
  return {
    ...list,
    update(buf, values) {
      const v = values[0];
      if (v !== null && v !== undefined) {
        (buf[0] as unknown[]).push(typeof v === "bigint" ? Number(v) : v);
      }
    },
    evaluate(buf) {
      const xs = [...(buf[0] as number[])].sort((a, b) => compareValues(a, b, { kind: "double" }));
      if (xs.length === 0) return null;
      const at = (p: number): number => {
        const pos = (xs.length - 1) * p;
        const lo = Math.floor(pos);
        const hi = Math.ceil(pos);
        const a = xs[lo] as number;
        const b = xs[hi] as number;
        return lo === hi ? a : a + (pos - lo) * (b - a);
      };
      return isArray ? ps.map(at) : at(ps[0] ?? 0.5);
    },
  };
}

/**
 * approx_percentile over the exact sorted values: the smallest value whose rank reaches
 * ceil(p * n), which is what Spark's summary returns while it holds every value.
 */
function approxPercentile(fn: AggregateFunction): AggregateImpl {
  const ps = String(fn.options.percentages ?? "0.5")
    .split(",")
    .map(Number);
  const isArray = fn.options.isArray === true;
  const t = dataTypeOf(fn.args[0] as Expression);
  const list = collectList();
  return {
    ...list,
    evaluate(buf) {
      const xs = [...(buf[0] as unknown[])].sort((a, b) => compareValues(a, b, t));
      if (xs.length === 0) return null;
      const pick = (p: number): unknown => xs[Math.max(Math.ceil(p * xs.length), 1) - 1] ?? null;
      return isArray ? ps.map(pick) : pick(ps[0] ?? 0.5);
    },
  };
}

/** The most frequent value; ties go to the value seen first. */
function mode(): AggregateImpl {
  const list = collectList();
  return {
    ...list,
    evaluate(buf) {
      const xs = buf[0] as unknown[];
      let best: unknown = null;
      let bestCount = 0;
      const counts = new Map<unknown, number>();
      for (const x of xs) {
        const key =
          typeof x === "object"
            ? JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))
            : x;
        const c = (counts.get(key) ?? 0) + 1;
        counts.set(key, c);
        if (c > bestCount) {
          bestCount = c;
          best = x;
        }
      }
      return best;
    },
  };
}

/** The reference implementation of a bound aggregate function. */
export function aggregateImpl(fn: AggregateFunction): AggregateImpl {
  switch (fn.name.toLowerCase()) {
    case "count":
      return count();
    case "count_if":
      return countIf();
    case "sum":
    case "try_sum":
      return sum(fn);
    case "avg":
    case "mean":
    case "try_avg":
      return avg(fn);
    case "min":
      return minMax(fn, -1);
    case "max":
      return minMax(fn, 1);
    case "max_by":
      return byValue(fn, 1);
    case "min_by":
      return byValue(fn, -1);
    case "first":
    case "first_value":
    case "any_value":
      return firstValue(fn);
    case "last":
    case "last_value":
      return lastValue(fn);
    case "collect_list":
    case "array_agg":
      return collectList();
    case "collect_set":
      return collectSet(fn);
    case "bool_and":
    case "every":
      return boolAgg(true);
    case "bool_or":
    case "some":
    case "any":
      return boolAgg(false);
    case "approx_count_distinct":
      return approxCountDistinct(fn);
    case "bit_and":
      return bitAgg(fn, "and");
    case "bit_or":
      return bitAgg(fn, "or");
    case "bit_xor":
      return bitAgg(fn, "xor");
    case "covar_pop":
    case "covar_samp":
    case "corr":
      return coMoment(fn.name.toLowerCase() as "covar_pop" | "covar_samp" | "corr");
    case "median":
    case "percentile":
      return percentile(fn);
    case "mode":
      return mode();
    case "approx_percentile":
    case "percentile_approx":
      return approxPercentile(fn);
    case "stddev":
    case "std":
    case "stddev_samp":
      return centralMoment("stddev_samp");
    case "stddev_pop":
      return centralMoment("stddev_pop");
    case "variance":
    case "var_samp":
      return centralMoment("var_samp");
    case "var_pop":
      return centralMoment("var_pop");
    default:
      throw new FlintError("INTERNAL_ERROR", {
        message: `no aggregate implementation for ${fn.name}`,
      });
  }
}

/** Runs an aggregate over rows of argument values (a convenience for tests and folding). */
export function aggregateRows(
  fn: AggregateFunction,
  rows: readonly (readonly unknown[])[],
): unknown {
  const impl = aggregateImpl(fn);
  const buf = impl.init();
  for (const r of rows) impl.update(buf, r);
  return impl.evaluate(buf);
}
