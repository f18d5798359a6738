/**
 * The streaming merge of a sort-merge join (Inner, LeftOuter, LeftSemi, LeftAnti): both
 * inputs arrive sorted by their keys (ascending, nulls first); the right side is read
 * once, buffering only the run of rows whose key equals the current left key, so memory
 * is bounded by the largest key group rather than by a whole partition. Left rows with a
 * null key match nothing. Output follows the left input's order.
 */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import type { JoinType } from "../../catalyst/plans/logical-plan.ts";
import { foreachExpr } from "../../catalyst/trees/expression-tree.ts";
import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import { type ColumnarBatch, concatBatches } from "../columnar/batch.ts";
import { createBuilder } from "../columnar/builder.ts";
import { keysComparator, type RowComparator, type SortKey } from "../columnar/compare.ts";
import { take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { batchOf } from "./common.ts";
import type { ExecConf } from "./operator.ts";
import { type KeyColumns, keyColumnsOf } from "./sort-util.ts";

export interface MergeJoinSpec {
  readonly joinType: Extract<JoinType, "Inner" | "LeftOuter" | "LeftSemi" | "LeftAnti">;
  readonly leftOutput: readonly AttributeReference[];
  readonly rightOutput: readonly AttributeReference[];
  readonly leftKeys: readonly Expression[];
  readonly rightKeys: readonly Expression[];
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
}

function sortKeys(cols: readonly ColumnVector[]): SortKey[] {
  return cols.map((column) => ({ column, descending: false, nullsFirst: true }));
}

function anyNull(cols: readonly ColumnVector[], i: number): boolean {
  for (const c of cols) {
    const bits = c.validity;
    if (bits !== null && ((bits[i >> 3] as number) & (1 << (i & 7))) === 0) return true;
  }
  return false;
}

/**
 * Compares left key row `i` with right key row `j` (ascending, nulls first); one long or
 * int key without nulls compares values directly (a long as its 32-bit words).
 */
function keyComparator(lk: readonly ColumnVector[], rk: readonly ColumnVector[]): RowComparator {
  const l = lk[0];
  const r = rk[0];
  if (
    lk.length === 1 &&
    l !== undefined &&
    r !== undefined &&
    l.nullCount === 0 &&
    r.nullCount === 0
  ) {
    if (l.layout === "i64" && r.layout === "i64") {
      const x = new Int32Array(l.values.buffer, l.values.byteOffset, 2 * l.length);
      const y = new Int32Array(r.values.buffer, r.values.byteOffset, 2 * r.length);
      return (i, j) => {
        const ph = x[2 * i + 1]!;
        const qh = y[2 * j + 1]!;
        if (ph !== qh) return ph < qh ? -1 : 1;
        const pl = x[2 * i]! >>> 0;
        const ql = y[2 * j]! >>> 0;
        return pl < ql ? -1 : pl > ql ? 1 : 0;
      };
    }
    if (l.layout === "i32" && r.layout === "i32") {
      const x = l.values;
      const y = r.values;
      return (i, j) => {
        const p = x[i]!;
        const q = y[j]!;
        return p < q ? -1 : p > q ? 1 : 0;
      };
    }
  }
  return keysComparator(sortKeys(lk), sortKeys(rk));
}

class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A run of right rows `[start, end)` of one right batch, all with the group's key. */
interface Span {
  readonly batch: ColumnarBatch;
  readonly keys: readonly ColumnVector[];
  readonly start: number;
  readonly end: number;
}

/** The right input as a cursor over sorted rows with their key columns. */
class RightCursor {
  readonly #iter: Iterator<ColumnarBatch>;
  readonly #keysOf: KeyColumns;
  batch: ColumnarBatch | null = null;
  keys: ColumnVector[] = [];
  row = 0;

  constructor(input: Iterable<ColumnarBatch>, keysOf: KeyColumns) {
    this.#keysOf = keysOf;
    this.#iter = input[Symbol.iterator]();
    this.load();
  }

  /** Moves to the next non-empty batch (batch null at the end). */
  load(): void {
    this.batch = null;
    for (let r = this.#iter.next(); !r.done; r = this.#iter.next()) {
      if (r.value.numRows === 0) continue;
      this.batch = r.value;
      this.keys = this.#keysOf(r.value);
      this.row = 0;
      return;
    }
  }
}

export function* mergeJoin(
  spec: MergeJoinSpec,
  left: Iterable<ColumnarBatch>,
  right: Iterable<ColumnarBatch>,
  conf: ExecConf,
): Iterable<ColumnarBatch> {
  const leftKeysOf = keyColumnsOf(spec.leftOutput, spec.leftKeys, conf);
  const cursor = new RightCursor(right, keyColumnsOf(spec.rightOutput, spec.rightKeys, conf));
  const combined = [...spec.leftOutput, ...spec.rightOutput];
  const condition =
    spec.condition === null
      ? null
      : (cols: readonly ColumnVector[], n: number) =>
          conditionSelection(combined, spec.condition as Expression, cols, n, conf);
  // only the columns the condition reads are gathered for the candidate pairs
  const conditionReads = new Set<number>();
  if (spec.condition !== null) {
    const ordinal = new Map(combined.map((a, k) => [a.exprId, k] as const));
    foreachExpr(spec.condition, (e) => {
      if (e.kind !== "AttributeReference") return;
      const k = ordinal.get(e.exprId);
      if (k !== undefined) conditionReads.add(k);
    });
  }
  // the current group: the right rows sharing one key (spans of one or more batches)
  let group: Span[] = [];
  const jt = spec.joinType;
  const pairsNeeded = jt === "Inner" || jt === "LeftOuter" || condition !== null;
  for (const lb of left) {
    if (lb.numRows === 0) continue;
    const lk = leftKeysOf(lb);
    const leftNulls = lk.some((c) => c.nullCount > 0);
    // comparators of this left batch against the group's first span and the cursor's batch
    let groupCmp: RowComparator | null =
      group.length === 0 ? null : keyComparator(lk, group[0]!.keys);
    let cursorCmp: RowComparator | null = null;
    let cursorCmpBatch: ColumnarBatch | null = null;
    // the right batches this left batch pairs with, and where each starts in their concatenation
    const refs: ColumnarBatch[] = [];
    const bases = new Map<ColumnarBatch, number>();
    let refRows = 0;
    const li = new IntList();
    const ri = new IntList();
    const hit = pairsNeeded ? null : new Uint8Array(lb.numRows);
    for (let i = 0; i < lb.numRows; i++) {
      if (leftNulls && anyNull(lk, i)) continue;
      if (groupCmp === null || groupCmp(i, group[0]!.start) !== 0) {
        // move the cursor to the first right row >= left key i, then gather its run
        group = [];
        groupCmp = null;
        for (;;) {
          const rb = cursor.batch;
          if (rb === null) break;
          if (cursorCmpBatch !== rb) {
            cursorCmp = keyComparator(lk, cursor.keys);
            cursorCmpBatch = rb;
          }
          const cmp = cursorCmp as RowComparator;
          let row = cursor.row;
          const n = rb.numRows;
          while (row < n && cmp(i, row) > 0) row++;
          cursor.row = row;
          if (row === n) {
            cursor.load();
            continue;
          }
          if (cmp(i, row) < 0) break;
          // equal: the run from the cursor on, possibly across batches
          let end = row + 1;
          while (end < n && cmp(i, end) === 0) end++;
          group.push({ batch: rb, keys: cursor.keys, start: row, end });
          cursor.row = end;
          if (end < n) break;
          cursor.load();
          if (cursor.batch === null) break;
          cursorCmp = keyComparator(lk, cursor.keys);
          cursorCmpBatch = cursor.batch;
          if ((cursorCmp as RowComparator)(i, 0) !== 0) break;
        }
        if (group.length === 0) continue;
        groupCmp = keyComparator(lk, group[0]!.keys);
      }
      if (hit !== null) {
        hit[i] = 1;
        continue;
      }
      for (const span of group) {
        let base = bases.get(span.batch);
        if (base === undefined) {
          base = refRows;
          bases.set(span.batch, base);
          refs.push(span.batch);
          refRows += span.batch.numRows;
        }
        for (let k = span.start; k < span.end; k++) {
          li.push(i);
          ri.push(base + k);
        }
      }
    }
    // the right rows referenced by this left batch, as one batch
    const rightAll =
      refs.length === 0
        ? null
        : refs.length === 1
          ? refs[0]!
          : concatBatches(refs[0]!.schema, refs);
    let l = li.view();
    let r = ri.view();
    if (condition !== null && l.length > 0 && rightAll !== null) {
      const nl = lb.columns.length;
      const cols = [
        ...lb.columns.map((c, k) => (conditionReads.has(k) ? take(c, l) : c)),
        ...rightAll.columns.map((c, k) => (conditionReads.has(nl + k) ? take(c, r) : c)),
      ];
      const keep = condition(cols, l.length);
      const l2 = new Int32Array(keep.length);
      const r2 = new Int32Array(keep.length);
      for (let j = 0; j < keep.length; j++) {
        l2[j] = l[keep[j]!]!;
        r2[j] = r[keep[j]!]!;
      }
      l = l2;
      r = r2;
    }
    if (jt === "LeftSemi" || jt === "LeftAnti") {
      const matched = hit ?? new Uint8Array(lb.numRows);
      if (hit === null) for (const x of l) matched[x] = 1;
      const rows = new IntList();
      for (let i = 0; i < lb.numRows; i++)
        if ((matched[i] === 1) === (jt === "LeftSemi")) rows.push(i);
      const idx = rows.view();
      if (idx.length === lb.numRows) yield batchOf(spec.output, idx.length, lb.columns);
      else if (idx.length > 0)
        yield batchOf(
          spec.output,
          idx.length,
          lb.columns.map((c) => take(c, idx)),
        );
      continue;
    }
    if (jt === "LeftOuter") {
      const l2 = new IntList();
      const r2 = new IntList();
      let k = 0;
      for (let i = 0; i < lb.numRows; i++) {
        if (k < l.length && l[k] === i) {
          while (k < l.length && l[k] === i) {
            l2.push(i);
            r2.push(r[k] as number);
            k++;
          }
        } else {
          l2.push(i);
          r2.push(-1);
        }
      }
      l = l2.view();
      r = r2.view();
    }
    if (l.length === 0) continue;
    const rightCols =
      rightAll === null
        ? spec.rightOutput.map((a) => take(emptyOf(a), r))
        : rightAll.columns.map((c) => take(c, r));
    yield batchOf(spec.output, l.length, [...lb.columns.map((c) => take(c, l)), ...rightCols]);
  }
}

function emptyOf(a: AttributeReference): ColumnVector {
  return createBuilder(a.dataType, 0).finish();
}

function conditionSelection(
  input: readonly AttributeReference[],
  condition: Expression,
  cols: readonly ColumnVector[],
  n: number,
  conf: ExecConf,
): Int32Array {
  return conditionPipeline(input, condition, conf).selection(cols, n);
}

const conditions = new WeakMap<Expression, CompiledPipeline>();

function conditionPipeline(
  input: readonly AttributeReference[],
  condition: Expression,
  conf: ExecConf,
): CompiledPipeline {
  let p = conditions.get(condition);
  if (p === undefined) {
    p = compilePipeline(input, [condition], [], conf.ansi);
    conditions.set(condition, p);
  }
  return p;
}
