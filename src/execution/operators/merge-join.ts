/**
 * The streaming merge of a sort-merge join (Inner, LeftOuter, LeftSemi, LeftAnti): both
 * inputs arrive sorted by their keys (ascending, nulls first); the right side is read
 * once, buffering only the run of rows whose key equals the current left key, so memory
 * is bounded by the largest key group rather than by a whole partition. Left rows with a
 * null key match nothing. Output follows the left input's order.
 */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import type { JoinType } from "../../catalyst/plans/logical-plan.ts";
import type { StructType } from "../../types/data-types.ts";
import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import { type ColumnarBatch, concatBatches, takeBatch } from "../columnar/batch.ts";
import { createBuilder } from "../columnar/builder.ts";
import { keysComparator, type RowComparator, type SortKey } from "../columnar/compare.ts";
import { take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { batchOf, evaluate } from "./common.ts";
import type { ExecConf } from "./operator.ts";

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

class IntList {
  data = new Int32Array(64);
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

/** The right input as a cursor over sorted rows with their key columns. */
class RightCursor {
  readonly #iter: Iterator<ColumnarBatch>;
  readonly #spec: MergeJoinSpec;
  readonly #conf: ExecConf;
  batch: ColumnarBatch | null = null;
  keys: ColumnVector[] = [];
  row = 0;

  constructor(spec: MergeJoinSpec, input: Iterable<ColumnarBatch>, conf: ExecConf) {
    this.#spec = spec;
    this.#conf = conf;
    this.#iter = input[Symbol.iterator]();
    this.#load();
  }

  #load(): void {
    this.batch = null;
    for (let r = this.#iter.next(); !r.done; r = this.#iter.next()) {
      if (r.value.numRows === 0) continue;
      this.batch = r.value;
      this.keys = evaluate(this.#spec.rightOutput, this.#spec.rightKeys, r.value, this.#conf);
      this.row = 0;
      return;
    }
  }

  advance(): void {
    this.row++;
    if (this.batch !== null && this.row >= this.batch.numRows) this.#load();
  }
}

export function* mergeJoin(
  spec: MergeJoinSpec,
  left: Iterable<ColumnarBatch>,
  right: Iterable<ColumnarBatch>,
  conf: ExecConf,
): Iterable<ColumnarBatch> {
  const cursor = new RightCursor(spec, right, conf);
  const combined = [...spec.leftOutput, ...spec.rightOutput];
  const condition =
    spec.condition === null
      ? null
      : (cols: readonly ColumnVector[], n: number) =>
          conditionSelection(combined, spec.condition as Expression, cols, n, conf);
  // the current group: right rows sharing one key, and its key columns
  let group: ColumnarBatch | null = null;
  let groupKeys: ColumnVector[] = [];
  let cursorCmp: RowComparator | null = null;
  let cursorCmpFor: [ColumnarBatch | null, ColumnarBatch | null] = [null, null];
  const jt = spec.joinType;
  for (const lb of left) {
    if (lb.numRows === 0) continue;
    const lk = evaluate(spec.leftOutput, spec.leftKeys, lb, conf);
    const lsk = sortKeys(lk);
    let groupCmp: RowComparator | null =
      group === null ? null : keysComparator(lsk, sortKeys(groupKeys));
    // pairs (left row, row of `groups[g]` offset into the concatenation below)
    const li = new IntList();
    const ri = new IntList();
    const groups: ColumnarBatch[] = [];
    let groupBase = -1;
    let offset = 0;
    for (let i = 0; i < lb.numRows; i++) {
      if (anyNull(lk, i)) continue;
      if (group === null || groupCmp === null || groupCmp(i, 0) !== 0) {
        // move the right cursor to the first row >= left key i, then gather its run
        group = null;
        for (;;) {
          const rb = cursor.batch;
          if (rb === null) break;
          if (cursorCmpFor[0] !== lb || cursorCmpFor[1] !== rb) {
            cursorCmp = keysComparator(lsk, sortKeys(cursor.keys));
            cursorCmpFor = [lb, rb];
          }
          const c = (cursorCmp as RowComparator)(i, cursor.row);
          if (c > 0 || anyNull(cursor.keys, cursor.row)) {
            cursor.advance();
            continue;
          }
          if (c < 0) break;
          // equal: gather the run from the cursor on
          const parts: ColumnarBatch[] = [];
          for (;;) {
            const b = cursor.batch;
            if (b === null) break;
            const cmp = keysComparator(lsk, sortKeys(cursor.keys));
            const start = cursor.row;
            let end = start;
            while (end < b.numRows && cmp(i, end) === 0) end++;
            parts.push(
              takeBatch(
                b,
                Int32Array.from({ length: end - start }, (_, k) => start + k),
              ),
            );
            const more = end === b.numRows;
            while (cursor.batch === b && cursor.row < end) cursor.advance();
            if (!more) break;
          }
          group = concatBatches(b0Schema(parts), parts);
          groupKeys = evaluate(spec.rightOutput, spec.rightKeys, group, conf);
          groupCmp = keysComparator(lsk, sortKeys(groupKeys));
          groupBase = -1;
          break;
        }
        if (group === null) continue;
      }
      if (groupBase < 0) {
        groups.push(group as ColumnarBatch);
        groupBase = offset;
        offset += (group as ColumnarBatch).numRows;
      }
      for (let k = 0; k < (group as ColumnarBatch).numRows; k++) {
        li.push(i);
        ri.push(groupBase + k);
      }
    }
    // the right rows referenced by this left batch, as one batch
    const rightAll =
      groups.length === 0 ? null : concatBatches((groups[0] as ColumnarBatch).schema, groups);
    let l = li.view();
    let r = ri.view();
    if (condition !== null && l.length > 0 && rightAll !== null) {
      const cols = [
        ...lb.columns.map((c) => take(c, l)),
        ...rightAll.columns.map((c) => take(c, r)),
      ];
      const keep = condition(cols, l.length);
      l = Int32Array.from(keep, (k) => l[k] as number);
      r = Int32Array.from(keep, (k) => r[k] as number);
    }
    if (jt === "LeftSemi" || jt === "LeftAnti") {
      const hit = new Uint8Array(lb.numRows);
      for (const x of l) hit[x] = 1;
      const rows = new IntList();
      for (let i = 0; i < lb.numRows; i++) if ((hit[i] === 1) === (jt === "LeftSemi")) rows.push(i);
      const idx = rows.view();
      if (idx.length > 0)
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

function b0Schema(parts: readonly ColumnarBatch[]): StructType {
  return (parts[0] as ColumnarBatch).schema;
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
