/**
 * Sorting a task's rows within execution memory (Spark's UnsafeExternalSorter): batches
 * are buffered while memory is granted; when it is refused, the buffer is sorted and
 * written to a spill file as a run of chunks. At the end, the runs (and the last buffer)
 * are merged chunk by chunk, so only one chunk per run is in memory.
 */
import type { AttributeReference, SortOrder } from "../../catalyst/expressions/expression.ts";
import { MemoryConsumer, type TaskMemoryManager } from "../../memory/task-memory-manager.ts";
import type { SpillFile, SpillRange } from "../../storage/spill-file.ts";
import {
  batchByteSize,
  type ColumnarBatch,
  columnarBatch,
  concatBatches,
  sliceBatch,
  takeBatch,
} from "../columnar/batch.ts";
import {
  keysComparator,
  type RowComparator,
  type SortKey,
  sortIndices as sortByKeys,
} from "../columnar/compare.ts";
import { take } from "../columnar/kernels.ts";
import { radixSort } from "../columnar/radix-sort.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { collectBatch, decodeTransport, encodeTransport, evaluate, schemaOf } from "./common.ts";
import type { ExecContext } from "./operator.ts";
import { type KeyColumns, keyColumnsOf, sortKeysOf } from "./sort-util.ts";

const CHUNK_ROWS = 4096;
const STEP_BYTES = 256 * 1024;

/** The row order of `batch` by `order` (stable), vectorized over key columns. */
export function sortedIndices(
  input: readonly AttributeReference[],
  order: readonly SortOrder[],
  batch: ColumnarBatch,
  ctx: ExecContext,
): Int32Array {
  const cols = evaluate(
    input,
    order.map((o) => o.child),
    batch,
    ctx.conf,
  );
  const keys: SortKey[] = cols.map((column, k) => ({
    column,
    descending: (order[k] as SortOrder).direction === "DESC",
    nullsFirst: (order[k] as SortOrder).nullOrdering === "NULLS FIRST",
  }));
  return sortByKeys(keys, batch.numRows);
}

/**
 * `batch` sorted by `order`. With one integral key column the radix sort rebuilds that
 * column in order, so only the other columns are gathered.
 */
export function sortBatch(
  input: readonly AttributeReference[],
  order: readonly SortOrder[],
  batch: ColumnarBatch,
  ctx: ExecContext,
): ColumnarBatch {
  const first = order[0]?.child;
  const ordinal =
    order.length === 1 && first?.kind === "AttributeReference"
      ? input.findIndex((a) => a.exprId === first.exprId)
      : -1;
  if (ordinal >= 0 && batch.numRows >= 2) {
    const sorted = radixSort(sortKeysOf(order, [batch.columns[ordinal]!]), batch.numRows);
    if (sorted !== null) {
      const key = sorted.sortedKey;
      const columns = batch.columns.map((c, k) =>
        k === ordinal && key !== null ? key : take(c, sorted.order),
      );
      return columnarBatch(batch.schema, batch.numRows, columns);
    }
  }
  return takeBatch(batch, sortedIndices(input, order, batch, ctx));
}

interface Cursor {
  readonly ranges: readonly SpillRange[];
  next: number;
  batch: ColumnarBatch | null;
  keys: ColumnVector[];
  row: number;
}

export class ExternalSorter {
  readonly #input: readonly AttributeReference[];
  readonly #order: readonly SortOrder[];
  readonly #ctx: ExecContext;
  readonly #nodeId: number;
  #buffer: ColumnarBatch[] = [];
  #bytes = 0;
  #consumer: SorterConsumer | null;
  #file: SpillFile | null = null;
  readonly #runs: SpillRange[][] = [];
  peakBytes = 0;

  constructor(
    input: readonly AttributeReference[],
    order: readonly SortOrder[],
    ctx: ExecContext,
    nodeId: number,
  ) {
    this.#input = input;
    this.#order = order;
    this.#ctx = ctx;
    this.#nodeId = nodeId;
    this.#consumer = ctx.memory === null ? null : new SorterConsumer(ctx.memory, this);
  }

  insert(batch: ColumnarBatch): void {
    if (batch.numRows === 0) return;
    this.#buffer.push(batch);
    this.#bytes += batchByteSize(batch);
    this.peakBytes = Math.max(this.peakBytes, this.#bytes);
    const c = this.#consumer;
    if (c !== null && this.#bytes > c.used) {
      const ask = Math.max(STEP_BYTES, this.#bytes - c.used);
      const got = c.acquireMemory(ask);
      if (got < ask) {
        if (got > 0) c.freeMemory(got);
        this.spill();
      }
    }
  }

  #sortedBuffer(): ColumnarBatch | null {
    const all = collectBatch(this.#input, this.#buffer);
    if (all.numRows === 0) return null;
    return sortBatch(this.#input, this.#order, all, this.#ctx);
  }

  /** Sorts the buffer and writes it as a run; returns the bytes freed. */
  spill(): number {
    const sorted = this.#sortedBuffer();
    if (sorted === null) return 0;
    this.#file ??= this.#ctx.createSpillFile();
    const run: SpillRange[] = [];
    for (let s = 0; s < sorted.numRows; s += CHUNK_ROWS) {
      const chunk = sliceBatch(sorted, s, Math.min(sorted.numRows, s + CHUNK_ROWS));
      run.push(this.#file.write(encodeTransport(this.#input, [chunk])));
    }
    this.#runs.push(run);
    this.#ctx.addMetric(this.#nodeId, "spillSize", this.#bytes);
    const freed = this.#consumer?.used ?? 0;
    if (freed > 0) this.#consumer?.freeMemory(freed);
    this.#buffer = [];
    this.#bytes = 0;
    return freed;
  }

  *finish(): Iterable<ColumnarBatch> {
    try {
      if (this.#runs.length === 0) {
        const sorted = this.#sortedBuffer();
        if (sorted !== null) yield sorted;
        return;
      }
      this.spill();
      yield* this.#merge();
    } finally {
      this.close();
    }
  }

  #load(c: Cursor, keysOf: KeyColumns): void {
    c.batch = null;
    while (c.next < c.ranges.length) {
      const range = c.ranges[c.next++] as SpillRange;
      const batches = (this.#file as SpillFile)
        .read(range)
        .flatMap((seg) => decodeTransport(this.#input, seg));
      const b = batches.find((x) => x.numRows > 0);
      if (b === undefined) continue;
      c.batch = b;
      c.keys = keysOf(b);
      c.row = 0;
      return;
    }
  }

  /**
   * Merges the sorted runs: the smallest current row of all runs goes next (the earliest
   * run on ties, which keeps the sort stable); output chunks are gathered with `take`
   * from the run chunks they came from.
   */
  *#merge(): Iterable<ColumnarBatch> {
    const order = this.#order;
    const keysOf = keyColumnsOf(
      this.#input,
      order.map((o) => o.child),
      this.#ctx.conf,
    );
    const cursors: Cursor[] = this.#runs.map((ranges) => ({
      ranges,
      next: 0,
      batch: null,
      keys: [],
      row: 0,
    }));
    for (const c of cursors) this.#load(c, keysOf);
    // comparators between the current chunks of two runs, by chunk pair
    const cmps = new WeakMap<ColumnarBatch, WeakMap<ColumnarBatch, RowComparator>>();
    const cmpOf = (a: Cursor, b: Cursor): RowComparator => {
      const ab = a.batch as ColumnarBatch;
      const bb = b.batch as ColumnarBatch;
      let inner = cmps.get(ab);
      if (inner === undefined) {
        inner = new WeakMap();
        cmps.set(ab, inner);
      }
      let cmp = inner.get(bb);
      if (cmp === undefined) {
        cmp = keysComparator(sortKeysOf(order, a.keys), sortKeysOf(order, b.keys));
        inner.set(bb, cmp);
      }
      return cmp;
    };
    const schema = schemaOf(this.#input);
    let parts: ColumnarBatch[] = [];
    let bases = new Map<ColumnarBatch, number>();
    let partRows = 0;
    let idx = new Int32Array(CHUNK_ROWS);
    let n = 0;
    const flush = (): ColumnarBatch => {
      const all = concatBatches(schema, parts);
      const out = takeBatch(all, idx.subarray(0, n));
      parts = [];
      bases = new Map();
      partRows = 0;
      idx = new Int32Array(CHUNK_ROWS);
      n = 0;
      return out;
    };
    for (;;) {
      let best: Cursor | null = null;
      for (const c of cursors) {
        if (c.batch === null) continue;
        if (best === null || cmpOf(c, best)(c.row, best.row) < 0) best = c;
      }
      if (best === null) break;
      const b = best.batch as ColumnarBatch;
      let base = bases.get(b);
      if (base === undefined) {
        base = partRows;
        bases.set(b, base);
        parts.push(b);
        partRows += b.numRows;
      }
      idx[n++] = base + best.row;
      best.row++;
      if (best.row >= b.numRows) this.#load(best, keysOf);
      if (n === CHUNK_ROWS) yield flush();
    }
    if (n > 0) yield flush();
  }

  close(): void {
    const c = this.#consumer;
    if (c !== null) {
      if (c.used > 0) c.freeMemory(c.used);
      c.taskMemoryManager.unregister(c);
      this.#consumer = null;
    }
  }
}

class SorterConsumer extends MemoryConsumer {
  readonly #sorter: ExternalSorter;
  constructor(memory: TaskMemoryManager, sorter: ExternalSorter) {
    super(memory, "Sort");
    this.#sorter = sorter;
  }
  spill(_size: number, trigger: MemoryConsumer): number {
    if (trigger === this) return 0;
    return this.#sorter.spill();
  }
}
