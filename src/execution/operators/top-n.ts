/**
 * Top-N of a stream of batches by an ordering, without sorting the stream: the current
 * best rows are kept sorted (at most `limit` of them); once there are `limit`, each new
 * batch is first compared row by row against the worst of them with a typed comparator,
 * and only rows that beat it are kept as candidates. Candidates are merged into the best
 * rows (a stable sort of best-then-candidates, cut at `limit`) when enough have gathered.
 * Ties keep input order (a row equal to the current worst does not enter), so the result
 * is the first `limit` rows of a stable sort of the whole input.
 */
import type { AttributeReference, SortOrder } from "../../catalyst/expressions/expression.ts";
import { type ColumnarBatch, concatBatches, takeBatch } from "../columnar/batch.ts";
import { keysComparator, sortIndices } from "../columnar/compare.ts";
import { concat, take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { schemaOf } from "./common.ts";
import type { ExecConf } from "./operator.ts";
import { type KeyColumns, keyColumnsOf, sortKeysOf } from "./sort-util.ts";

/** Candidate rows gathered before they are merged into the best rows. */
const MERGE_ROWS = 8192;

/**
 * A cheap first test of row `i` against the worst kept row on the first key alone: false
 * only when the row's first key is strictly worse, so it cannot enter. For integral keys
 * (and decimals up to 18 digits) without nulls; null (no filter) otherwise.
 */
function firstKeyFilter(
  col: ColumnVector,
  bestCol: ColumnVector,
  worst: number,
  order: SortOrder,
): ((i: number) => boolean) | null {
  if (col.nullCount > 0 || bestCol.nullCount > 0) return null;
  const desc = order.direction === "DESC";
  if (
    (col.layout === "i32" || col.layout === "i16" || col.layout === "i8") &&
    col.layout === bestCol.layout
  ) {
    const v = col.values;
    const t = bestCol.values[worst]!;
    return desc ? (i) => v[i]! >= t : (i) => v[i]! <= t;
  }
  if ((col.layout === "i64" || col.layout === "d128") && col.layout === bestCol.layout) {
    if (col.layout === "d128" && col.type.precision > 18) return null;
    const stride = col.layout === "i64" ? 2 : 4;
    const w = new Int32Array(col.values.buffer, col.values.byteOffset, stride * col.length);
    const bw = new Int32Array(
      bestCol.values.buffer,
      bestCol.values.byteOffset,
      stride * bestCol.length,
    );
    const th = bw[stride * worst + 1]!;
    const tl = bw[stride * worst]! >>> 0;
    // row key <= threshold (ASC) / >= threshold (DESC), on (signed high, unsigned low) words
    return desc
      ? (i) => {
          const h = w[stride * i + 1]!;
          return h > th || (h === th && w[stride * i]! >>> 0 >= tl);
        }
      : (i) => {
          const h = w[stride * i + 1]!;
          return h < th || (h === th && w[stride * i]! >>> 0 <= tl);
        };
  }
  return null;
}

export class TopN {
  readonly #input: readonly AttributeReference[];
  readonly #order: readonly SortOrder[];
  readonly #limit: number;
  readonly #keysOf: KeyColumns;
  /** The best rows so far, sorted, and their key columns. */
  #best: ColumnarBatch | null = null;
  #bestKeys: ColumnVector[] = [];
  #pending: ColumnarBatch[] = [];
  #pendingKeys: ColumnVector[][] = [];
  #pendingRows = 0;

  constructor(
    input: readonly AttributeReference[],
    order: readonly SortOrder[],
    limit: number,
    conf: ExecConf,
  ) {
    this.#input = input;
    this.#order = order;
    this.#limit = limit;
    this.#keysOf = keyColumnsOf(
      input,
      order.map((o) => o.child),
      conf,
    );
  }

  insert(batch: ColumnarBatch): void {
    const n = batch.numRows;
    if (n === 0 || this.#limit <= 0) return;
    let keys = this.#keysOf(batch);
    let rows = batch;
    const best = this.#best;
    if (best !== null && best.numRows === this.#limit) {
      const cmp = keysComparator(
        sortKeysOf(this.#order, keys),
        sortKeysOf(this.#order, this.#bestKeys),
      );
      const worst = best.numRows - 1;
      const maybe = firstKeyFilter(keys[0]!, this.#bestKeys[0]!, worst, this.#order[0]!);
      let count = 0;
      let sel: Int32Array | null = null;
      for (let i = 0; i < n; i++) {
        if ((maybe === null || maybe(i)) && cmp(i, worst) < 0) {
          sel ??= new Int32Array(n);
          sel[count++] = i;
        }
      }
      if (sel === null) return;
      if (count < n) {
        const idx = sel.subarray(0, count);
        rows = takeBatch(batch, idx);
        keys = keys.map((k) => take(k, idx));
      }
    }
    this.#pending.push(rows);
    this.#pendingKeys.push(keys);
    this.#pendingRows += rows.numRows;
    const full = best !== null && best.numRows === this.#limit;
    if (this.#pendingRows >= (full ? Math.max(this.#limit, MERGE_ROWS) : this.#limit))
      this.#merge();
  }

  #merge(): void {
    if (this.#pendingRows === 0) return;
    const parts = this.#best === null ? this.#pending : [this.#best, ...this.#pending];
    const partKeys =
      this.#best === null ? this.#pendingKeys : [this.#bestKeys, ...this.#pendingKeys];
    const all = concatBatches(schemaOf(this.#input), parts);
    const allKeys = this.#order.map((_, k) => concat(partKeys.map((p) => p[k]!)));
    const idx = sortIndices(sortKeysOf(this.#order, allKeys), all.numRows);
    const top = idx.subarray(0, Math.min(this.#limit, idx.length));
    this.#best = takeBatch(all, top);
    this.#bestKeys = allKeys.map((k) => take(k, top));
    this.#pending = [];
    this.#pendingKeys = [];
    this.#pendingRows = 0;
  }

  /** The best rows in order (at most `limit`), or null when there are none. */
  result(): ColumnarBatch | null {
    this.#merge();
    return this.#best;
  }
}
