/**
 * Window: for each partition of rows (clustered by the partition keys and sorted by
 * partition keys ++ order keys by EnsureRequirements), computes ranking functions
 * (row_number, rank, dense_rank, percent_rank, cume_dist, ntile), offsets (lag, lead) and
 * aggregates over ROWS or RANGE frames, and appends one column per window expression.
 */
import type {
  AggregateFunction,
  Expression,
  FrameBoundary,
  NamedExpression,
  SortOrder,
  WindowExpression,
  WindowSpec,
} from "../../catalyst/expressions/expression.ts";
import { sortOrder } from "../../catalyst/expressions/factories.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import { FlintError } from "../../errors/index.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { createBuilder } from "../columnar/builder.ts";
import { equality } from "../columnar/compare.ts";
import { type ColumnVector, getValue, toValues } from "../columnar/vector.ts";
import { exprList } from "../explain/expr-string.ts";
import type { WindowExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { aggImplOf } from "./aggregate-functions.ts";
import { batchOf, collectBatch, evaluate } from "./common.ts";
import type { ExecConf, OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

function windowOf(ne: NamedExpression): WindowExpression {
  const e = ne.kind === "Alias" ? ne.child : ne;
  if (e.kind !== "WindowExpression") {
    throw new FlintError("INTERNAL_ERROR", { message: `not a window expression: ${e.kind}` });
  }
  return e;
}

interface Frame {
  readonly rows: boolean;
  readonly lower: FrameBoundary;
  readonly upper: FrameBoundary;
}

const UNBOUNDED_PRECEDING: FrameBoundary = {
  kind: "FrameBoundary",
  type: "UNBOUNDED PRECEDING",
  offset: null,
};
const UNBOUNDED_FOLLOWING: FrameBoundary = {
  kind: "FrameBoundary",
  type: "UNBOUNDED FOLLOWING",
  offset: null,
};
const CURRENT_ROW: FrameBoundary = { kind: "FrameBoundary", type: "CURRENT ROW", offset: null };

function frameOf(spec: WindowSpec): Frame {
  if (spec.frame) {
    return {
      rows: spec.frame.frameType === "ROWS",
      lower: spec.frame.lower,
      upper: spec.frame.upper,
    };
  }
  return spec.orderSpec.length > 0
    ? { rows: false, lower: UNBOUNDED_PRECEDING, upper: CURRENT_ROW }
    : { rows: true, lower: UNBOUNDED_PRECEDING, upper: UNBOUNDED_FOLLOWING };
}

function offsetOf(b: FrameBoundary): number {
  const o = b.offset;
  if (o === null || o.kind !== "Literal") {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: "non-literal window frame offsets in execution",
    });
  }
  return Number(o.value);
}

/** The frame bound of row `r` in partition [start, end) as a row index. */
function bound(
  b: FrameBoundary,
  frame: Frame,
  r: number,
  start: number,
  end: number,
  peers: readonly [number, number],
  isLower: boolean,
): number {
  switch (b.type) {
    case "UNBOUNDED PRECEDING":
      return start;
    case "UNBOUNDED FOLLOWING":
      return end - 1;
    case "CURRENT ROW":
      if (frame.rows) return r;
      return isLower ? peers[0] : peers[1] - 1;
    case "OFFSET": {
      if (!frame.rows) {
        throw new FlintError("UNSUPPORTED_FEATURE", {
          feature: "RANGE frames with value offsets in execution",
        });
      }
      const x = r + offsetOf(b);
      return Math.min(end - 1, Math.max(start - 1, x));
    }
    default:
      return r;
  }
}

function* executeWindow(
  p: WindowExec,
  conf: ExecConf,
  batches: Iterable<ColumnarBatch>,
): Iterable<ColumnarBatch> {
  const input = outputOfPhysical(p.child);
  const all = collectBatch(input, batches);
  const n = all.numRows;
  if (n === 0) return;
  // rows equal to the previous one on the partition keys / order keys (null = null,
  // NaN = NaN, -0.0 = 0.0, as the sort placed them), compared in place on the vectors
  const sameAs = (cols: readonly ColumnVector[]): ((i: number) => boolean) => {
    const eqs = cols.map((c) => equality(c, c));
    return (i) => {
      for (let k = 0; k < eqs.length; k++) if (!eqs[k]!(i - 1, i)) return false;
      return true;
    };
  };
  const samePartition = sameAs(evaluate(input, p.partitionSpec, all, conf));
  const samePeers = sameAs(
    evaluate(
      input,
      p.orderSpec.map((o) => o.child),
      all,
      conf,
    ),
  );
  // partition boundaries
  const starts: number[] = [0];
  for (let i = 1; i < n; i++) if (!samePartition(i)) starts.push(i);
  starts.push(n);
  // peer groups (equal order keys within a partition): peerStart[i], peerEnd[i]
  const peerStart = new Int32Array(n);
  const peerEnd = new Int32Array(n);
  for (let s = 0; s + 1 < starts.length; s++) {
    const a = starts[s] as number;
    const b = starts[s + 1] as number;
    let g = a;
    for (let i = a + 1; i <= b; i++) {
      if (i === b || !samePeers(i)) {
        for (let k = g; k < i; k++) {
          peerStart[k] = g;
          peerEnd[k] = i;
        }
        g = i;
      }
    }
  }
  // the single ORDER BY key, for RANGE frames with value offsets
  const order = p.orderSpec.length === 1 ? (p.orderSpec[0] as SortOrder) : undefined;
  const key: RangeKey | null =
    order === undefined
      ? null
      : {
          values: toValues(evaluate(input, [order.child], all, conf)[0] as ColumnVector),
          descending: order.direction === "DESC",
          scale: (() => {
            const t = dataTypeOf(order.child);
            return t.kind === "decimal" ? t.scale : 0;
          })(),
          date: dataTypeOf(order.child).kind === "date",
        };
  const out: ColumnVector[] = p.windowExpressions.map((ne) => {
    const w = windowOf(ne);
    return computeWindow(w, input, all, conf, starts, peerStart, peerEnd, key);
  });
  yield batchOf(outputOfPhysical(p), n, [...all.columns, ...out]);
}

/**
 * nth_value(x, k): the k-th row of each row's frame (with IGNORE NULLS, the k-th non-null
 * value), null when the frame holds fewer.
 */
function nthValue(
  w: WindowExpression,
  fn: Extract<WindowExpression["fn"], { kind: "WindowFunction" }>,
  args: readonly (readonly unknown[])[],
  starts: readonly number[],
  peerStart: Int32Array,
  peerEnd: Int32Array,
  n: number,
  key: RangeKey | null,
): ColumnVector {
  const out = createBuilder(fn.dataType, n);
  const values = args[0] as readonly unknown[];
  const k = Number(args[1]?.[0] ?? 1);
  const ignoreNulls = (fn as { ignoreNulls?: boolean }).ignoreNulls === true;
  const frame = frameOf(w.spec);
  forEachFrame(frame, starts, peerStart, peerEnd, key, (_i, lo, hi) => {
    let v: unknown = null;
    if (!ignoreNulls) {
      const j = lo + k - 1;
      if (j <= hi) v = values[j] ?? null;
    } else {
      let seen = 0;
      for (let j = lo; j <= hi; j++) {
        if (values[j] === null || values[j] === undefined) continue;
        if (++seen === k) {
          v = values[j];
          break;
        }
      }
    }
    out.append(v);
  });
  return out.finish();
}

/** Calls `f(row, lo, hi)` with each row's frame [lo, hi] (row indices, hi < lo: empty). */
function forEachFrame(
  frame: Frame,
  starts: readonly number[],
  peerStart: Int32Array,
  peerEnd: Int32Array,
  key: RangeKey | null,
  f: (row: number, lo: number, hi: number) => void,
): void {
  const byValue = !frame.rows && (frame.lower.type === "OFFSET" || frame.upper.type === "OFFSET");
  if (byValue && key === null) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: "RANGE frames with value offsets over several ORDER BY keys",
    });
  }
  for (let s = 0; s + 1 < starts.length; s++) {
    const a = starts[s] as number;
    const e = starts[s + 1] as number;
    for (let i = a; i < e; i++) {
      const peers: [number, number] = [peerStart[i] as number, peerEnd[i] as number];
      const lo = Math.max(
        a,
        byValue && frame.lower.type === "OFFSET"
          ? rangeBound(key as RangeKey, frame.lower, i, a, e, peers, true)
          : bound(frame.lower, frame, i, a, e, peers, true),
      );
      const hi = Math.min(
        e - 1,
        byValue && frame.upper.type === "OFFSET"
          ? rangeBound(key as RangeKey, frame.upper, i, a, e, peers, false)
          : bound(frame.upper, frame, i, a, e, peers, false),
      );
      f(i, lo, hi);
    }
  }
}

/** The single ORDER BY key of a window, for RANGE frames with value offsets. */
interface RangeKey {
  readonly values: readonly unknown[];
  readonly descending: boolean;
  /** The key's decimal scale (its values are unscaled), else 0. */
  readonly scale: number;
  /** Whether the key is a date (days), which day-time interval offsets count in. */
  readonly date: boolean;
}

/** A RANGE offset in the key's units: decimals scaled, day-time intervals over dates in days. */
function rangeOffset(b: FrameBoundary, key: RangeKey): number {
  const o = b.offset;
  if (o === null || o.kind !== "Literal") return offsetOf(b);
  const v = Number(o.value);
  switch (o.dataType.kind) {
    case "decimal":
      return v / 10 ** o.dataType.scale;
    case "daytime_interval":
      return key.date ? v / 86_400_000_000 : v;
    case "yearmonth_interval":
      throw new FlintError("UNSUPPORTED_FEATURE", {
        feature: "RANGE frames with year-month interval offsets in execution",
      });
    default:
      return v;
  }
}

/**
 * A RANGE bound `value PRECEDING/FOLLOWING` of row `r`: the first (lower) or last (upper)
 * row of partition [start, end) whose key lies within the offset of `r`'s key in the
 * order's direction. Rows with a null key only frame each other (their peers).
 */
function rangeBound(
  key: RangeKey,
  b: FrameBoundary,
  r: number,
  start: number,
  end: number,
  peers: readonly [number, number],
  isLower: boolean,
): number {
  const num = (v: unknown): number => Number(v) / 10 ** key.scale;
  const cur = key.values[r];
  if (cur === null || cur === undefined) return isLower ? peers[0] : peers[1] - 1;
  // non-null keys: the rows of the partition outside its (contiguous) null rows
  let lo = start;
  let hi = end;
  while (lo < hi && (key.values[lo] === null || key.values[lo] === undefined)) lo++;
  while (hi > lo && (key.values[hi - 1] === null || key.values[hi - 1] === undefined)) hi--;
  const offset = rangeOffset(b, key);
  // in the order's direction: ascending keys grow with the row index, descending shrink
  const target = key.descending ? num(cur) - offset : num(cur) + offset;
  const before = (x: number): boolean => (key.descending ? x > target : x < target);
  const after = (x: number): boolean => (key.descending ? x < target : x > target);
  if (isLower) {
    // first row not before the target
    let l = lo;
    let h = hi;
    while (l < h) {
      const m = (l + h) >>> 1;
      if (before(num(key.values[m]))) l = m + 1;
      else h = m;
    }
    return l;
  }
  // last row not after the target
  let l = lo;
  let h = hi;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (after(num(key.values[m]))) h = m;
    else l = m + 1;
  }
  return l - 1;
}

function computeWindow(
  w: WindowExpression,
  input: Parameters<typeof evaluate>[0],
  all: ColumnarBatch,
  conf: ExecConf,
  starts: readonly number[],
  peerStart: Int32Array,
  peerEnd: Int32Array,
  key: RangeKey | null,
): ColumnVector {
  const n = all.numRows;
  const fn = w.fn;
  if (fn.kind === "WindowFunction" && fn.name.toLowerCase() === "nth_value") {
    return nthValue(
      w,
      fn,
      evaluate(input, fn.args, all, conf).map(toValues),
      starts,
      peerStart,
      peerEnd,
      n,
      key,
    );
  }
  if (fn.kind === "WindowFunction") {
    const b = createBuilder(fn.dataType, n);
    const name = fn.name.toLowerCase();
    const args = evaluate(input, fn.args, all, conf).map(toValues);
    for (let s = 0; s + 1 < starts.length; s++) {
      const a = starts[s] as number;
      const e = starts[s + 1] as number;
      const size = e - a;
      let dense = 0;
      for (let i = a; i < e; i++) {
        if (peerStart[i] === i) dense++;
        const pos = i - a;
        switch (name) {
          case "row_number":
            b.append(pos + 1);
            break;
          case "rank":
            b.append((peerStart[i] as number) - a + 1);
            break;
          case "dense_rank":
            b.append(dense);
            break;
          case "percent_rank":
            b.append(size <= 1 ? 0 : ((peerStart[i] as number) - a) / (size - 1));
            break;
          case "cume_dist":
            b.append(((peerEnd[i] as number) - a) / size);
            break;
          case "ntile": {
            const k = Number(args[0]?.[i] ?? 1);
            const base = Math.floor(size / k);
            const extra = size % k;
            const big = extra * (base + 1);
            b.append(
              pos < big
                ? Math.floor(pos / (base + 1)) + 1
                : Math.floor((pos - big) / Math.max(1, base)) + extra + 1,
            );
            break;
          }
          case "lag":
          case "lead": {
            // lag's offset may come as Spark's internal negative form or as written
            const raw = Number(args[1]?.[i] ?? 1);
            const off = name === "lag" ? -Math.abs(raw) : raw;
            const j = i + off;
            const v = j >= a && j < e ? args[0]?.[j] : (args[2]?.[i] ?? null);
            b.append(v ?? null);
            break;
          }
          default:
            throw new FlintError("UNSUPPORTED_FEATURE", {
              feature: `window function ${fn.name} in execution`,
            });
        }
      }
    }
    return b.finish();
  }
  const agg: AggregateFunction | undefined =
    fn.kind === "AggregateExpression" ? fn.fn : fn.kind === "AggregateFunction" ? fn : undefined;
  if (agg === undefined) {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: `window over ${fn.kind} in execution` });
  }
  const frame = frameOf(w.spec);
  const args = evaluate(input, agg.args, all, conf);
  const impl = aggImplOf(agg);
  const fromStart = frame.lower.type === "UNBOUNDED PRECEDING";
  const toEnd = frame.upper.type === "UNBOUNDED FOLLOWING";
  const toCurrent = frame.upper.type === "CURRENT ROW";
  if (fromStart && (toEnd || toCurrent)) {
    // running or whole-partition frames: one state per partition, read as it grows (O(n))
    const out = createBuilder(agg.dataType, n);
    for (let s = 0; s + 1 < starts.length; s++) {
      const a = starts[s] as number;
      const e = starts[s + 1] as number;
      const st = impl.create(agg, conf.ansi);
      st.ensure(1);
      if (toEnd) {
        for (let j = a; j < e; j++) st.update(0, args, j);
        const v = getValue(st.result(1), 0);
        for (let i = a; i < e; i++) out.append(v);
        continue;
      }
      let i = a;
      while (i < e) {
        // ROWS: one row at a time; RANGE: the whole peer group shares one value
        const end = frame.rows ? i + 1 : (peerEnd[i] as number);
        for (let j = i; j < end; j++) st.update(0, args, j);
        const v = getValue(st.result(1), 0);
        for (let j = i; j < end; j++) out.append(v);
        i = end;
      }
    }
    return out.finish();
  }
  const state = impl.create(agg, conf.ansi);
  state.ensure(n);
  forEachFrame(frame, starts, peerStart, peerEnd, key, (i, lo, hi) => {
    for (let j = lo; j <= hi; j++) state.update(i, args, j);
  });
  return state.result(n);
}

export const WindowOp: OperatorDef<WindowExec> = {
  describe: (p) =>
    [
      `Window ${exprList(p.windowExpressions)}`,
      ...[p.partitionSpec, p.orderSpec].filter((l) => l.length > 0).map((l) => exprList(l)),
    ].join(", "),
  supportsCodegen: () => false,
  requiredChildDistribution: (p) =>
    p.partitionSpec.length === 0
      ? [{ kind: "AllTuples" }]
      : [{ kind: "Clustered", expressions: p.partitionSpec }],
  requiredChildOrdering: (p) => [
    [...p.partitionSpec.map((e: Expression) => sortOrder(e)), ...p.orderSpec],
  ],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => [...p.partitionSpec.map((e: Expression) => sortOrder(e)), ...p.orderSpec],
  execute: (p, ctx, partition, run) => executeWindow(p, ctx.conf, run(p.child, partition)),
};
