/**
 * The hash table of one HashAggregate in one task: group ids from a vectorized KeyTable
 * (Murmur3 + in-place key comparison, no per-row objects), aggregate buffers in flat
 * arrays per aggregate, execution memory acquired as groups are added. When memory is
 * refused the map spills: its (keys ++ buffers) rows are split into 16 buckets by a hash
 * of the keys and written to a spill file, and the map starts empty. At the end, each
 * bucket's runs are merged on their own (buckets hold disjoint keys), so memory stays
 * bounded by the largest bucket rather than by all groups.
 */
import type { AggregateExpression } from "../../catalyst/expressions/expression.ts";
import { MemoryConsumer } from "../../memory/task-memory-manager.ts";
import type { SpillFile, SpillRange } from "../../storage/spill-file.ts";
import type { StructType } from "../../types/data-types.ts";
import { decodeIpcStream, encodeIpcStream } from "../columnar/arrow-ipc.ts";
import { type ColumnarBatch, columnarBatch, takeBatch } from "../columnar/batch.ts";
import { take } from "../columnar/kernels.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { IntKeyTable } from "../hash/int-key-table.ts";
import { KeyTable } from "../hash/key-table.ts";
import { murmur3Column } from "../hash/murmur3.ts";
import { type AggState, aggImplOf, globalGroupIds } from "./aggregate-functions.ts";
import type { ExecContext } from "./operator.ts";

const BUCKETS = 16;
const BUCKET_SEED = 0x5bd1e995;
const CHUNK_BYTES = 256 * 1024;

export class AggregationMap {
  readonly #aggs: readonly AggregateExpression[];
  readonly #ansi: boolean;
  readonly #numKeys: number;
  /** Schema of (keys ++ buffers) rows, the spill and partial-output format. */
  readonly #bufferSchema: StructType;
  /** Group ids: a direct table for a narrow integral key while it fits, else a hash table. */
  #table: KeyTable | IntKeyTable;
  #states: AggState[];
  /** Group ids of the batch being added (reused from batch to batch). */
  #ids = new Int32Array(0);
  #consumer: AggConsumer | null;
  #spillFile: SpillFile | null = null;
  readonly #runs: SpillRange[][] = Array.from({ length: BUCKETS }, () => []);
  readonly #ctx: ExecContext;
  readonly #nodeId: number;
  spillCount = 0;
  peakBytes = 0;

  constructor(
    aggs: readonly AggregateExpression[],
    numKeys: number,
    bufferSchema: StructType,
    ctx: ExecContext,
    nodeId: number,
  ) {
    this.#aggs = aggs;
    this.#ansi = ctx.conf.ansi;
    this.#numKeys = numKeys;
    this.#bufferSchema = bufferSchema;
    this.#ctx = ctx;
    this.#nodeId = nodeId;
    this.#table = this.#newTable();
    this.#states = this.#newStates();
    this.#consumer = ctx.memory === null ? null : new AggConsumer(ctx.memory, this);
  }

  #newTable(): KeyTable | IntKeyTable {
    return this.#numKeys === 1 ? new IntKeyTable() : new KeyTable();
  }

  /** Group id of each row, inserting new keys (moves to a hash table when the direct one refuses). */
  #groupIds(keys: readonly ColumnVector[], n: number): Int32Array {
    if (this.#numKeys === 0) {
      if (this.#table.numGroups === 0) this.#table.findOrInsert([], 1);
      return globalGroupIds(n);
    }
    // the ids live only during one add (states read them, never keep them): one buffer
    if (this.#ids.length < n) this.#ids = new Int32Array(Math.max(n, 4096));
    const out = this.#ids.length === n ? this.#ids : this.#ids.subarray(0, n);
    const t = this.#table;
    if (t instanceof IntKeyTable) {
      const ids = t.findOrInsert(keys, n, out);
      if (ids !== null) return ids;
      const table = new KeyTable();
      if (t.numGroups > 0) table.findOrInsert(t.keys(), t.numGroups);
      this.#table = table;
    }
    return this.#table.findOrInsert(keys, n, out) as Int32Array;
  }

  #keyColumns(): ColumnVector[] {
    const t = this.#table;
    return t instanceof IntKeyTable ? t.keys(this.#bufferSchema.fields[0]?.dataType) : t.keys();
  }

  #newStates(): AggState[] {
    return this.#aggs.map((a) => aggImplOf(a.fn).create(a.fn, this.#ansi));
  }

  get numGroups(): number {
    return this.#table.numGroups;
  }

  get spilled(): boolean {
    return this.spillCount > 0;
  }

  #bytesPerGroup(): number {
    return 16 * this.#bufferSchema.fields.length + 48;
  }

  /** Creates the single group of a global aggregate that saw no rows (count 0, sum null). */
  addEmptyGroup(): void {
    this.#groupIds([], 1);
    for (const s of this.#states) s.ensure(1);
  }

  /** Folds one batch: `keys` per row, and per aggregate its argument (or buffer) columns. */
  add(
    keys: readonly ColumnVector[],
    inputs: readonly (readonly ColumnVector[])[],
    n: number,
    merge: readonly boolean[],
    selections: readonly (Int32Array | null)[] = [],
  ): void {
    const gids = this.#groupIds(keys, n);
    const groups = this.#table.numGroups;
    for (const s of this.#states) s.ensure(groups);
    for (let k = 0; k < this.#states.length; k++) {
      const st = this.#states[k] as AggState;
      const cols = inputs[k] as ColumnVector[];
      const sel = selections[k];
      if (sel != null) {
        const g2 = Int32Array.from(sel, (i) => gids[i] as number);
        st.updateBatch(
          g2,
          cols.map((c) => take(c, sel)),
          sel.length,
        );
      } else if (merge[k]) st.mergeBatch(gids, cols, n);
      else st.updateBatch(gids, cols, n);
    }
    this.#account(groups);
  }

  #account(groups: number): void {
    // a direct key table holds its keys in its own arrays (byteSize): per group, only the
    // aggregate buffers remain
    const t = this.#table;
    const need =
      t instanceof IntKeyTable
        ? groups * 16 * (this.#bufferSchema.fields.length - this.#numKeys) + t.byteSize
        : groups * this.#bytesPerGroup();
    this.peakBytes = Math.max(this.peakBytes, need);
    const c = this.#consumer;
    if (c === null || this.#numKeys === 0) return;
    if (need > c.used) {
      const ask = Math.max(CHUNK_BYTES, need - c.used);
      const got = c.acquireMemory(ask);
      if (got < ask) {
        if (got > 0) c.freeMemory(got);
        this.spill();
      }
    }
  }

  /** The current groups as (keys ++ buffers) columns. */
  #bufferColumns(): ColumnVector[] {
    const n = this.#table.numGroups;
    return [...this.#keyColumns(), ...this.#states.flatMap((s) => s.buffers(n))];
  }

  /** Writes the current groups to the spill file, bucketed by key hash; returns bytes freed. */
  spill(): number {
    const n = this.#table.numGroups;
    if (n === 0 || this.#numKeys === 0) return 0;
    const batch = columnarBatch(this.#bufferSchema, n, this.#bufferColumns());
    const hashes = new Int32Array(n).fill(BUCKET_SEED);
    for (let k = 0; k < this.#numKeys; k++) murmur3Column(batch.columns[k] as ColumnVector, hashes);
    const counts = new Int32Array(BUCKETS);
    const bucketOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const b = (Math.imul(hashes[i] as number, 0x9e3779b1) >>> 28) & (BUCKETS - 1);
      bucketOf[i] = b;
      counts[b]! += 1;
    }
    this.#spillFile ??= this.#ctx.createSpillFile();
    const file = this.#spillFile;
    for (let b = 0; b < BUCKETS; b++) {
      if (counts[b] === 0) continue;
      const idx = new Int32Array(counts[b] as number);
      let j = 0;
      for (let i = 0; i < n; i++) if (bucketOf[i] === b) idx[j++] = i;
      const enc = encodeIpcStream(this.#bufferSchema, [takeBatch(batch, idx)]);
      const range = file.write(enc);
      (this.#runs[b] as SpillRange[]).push(range);
    }
    this.spillCount++;
    this.#ctx.addMetric(this.#nodeId, "spillSize", n * this.#bytesPerGroup());
    this.#table = this.#newTable();
    this.#states = this.#newStates();
    const freed = this.#consumer?.used ?? 0;
    if (freed > 0) this.#consumer?.freeMemory(freed);
    return freed;
  }

  /**
   * The final groups: `emit(keys, states, n)` once per output chunk (once when nothing
   * spilled, once per bucket otherwise).
   */
  *finish(): Iterable<{ keys: ColumnVector[]; states: readonly AggState[]; n: number }> {
    if (!this.spilled) {
      yield { keys: this.#keyColumns(), states: this.#states, n: this.#table.numGroups };
      this.close();
      return;
    }
    this.spill();
    const file = this.#spillFile as SpillFile;
    for (let b = 0; b < BUCKETS; b++) {
      const runs = this.#runs[b] as SpillRange[];
      if (runs.length === 0) continue;
      this.#table = this.#newTable();
      this.#states = this.#newStates();
      for (const r of runs) {
        for (const seg of file.read(r)) {
          for (const batch of decodeIpcStream(seg).batches) this.#mergeBuffers(batch);
        }
      }
      yield { keys: this.#keyColumns(), states: this.#states, n: this.#table.numGroups };
    }
    this.close();
  }

  #mergeBuffers(batch: ColumnarBatch): void {
    const keys = batch.columns.slice(0, this.#numKeys);
    const inputs: ColumnVector[][] = [];
    let at = this.#numKeys;
    for (const a of this.#aggs) {
      const width = aggImplOf(a.fn).bufferFields(a.fn).length;
      inputs.push(batch.columns.slice(at, at + width) as ColumnVector[]);
      at += width;
    }
    const gids = this.#groupIds(keys, batch.numRows);
    for (const s of this.#states) s.ensure(this.#table.numGroups);
    for (let k = 0; k < this.#states.length; k++) {
      (this.#states[k] as AggState).mergeBatch(gids, inputs[k] as ColumnVector[], batch.numRows);
    }
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

class AggConsumer extends MemoryConsumer {
  readonly #map: AggregationMap;
  constructor(memory: ConstructorParameters<typeof MemoryConsumer>[0], map: AggregationMap) {
    super(memory, "HashAggregate");
    this.#map = map;
  }
  spill(_size: number, trigger: MemoryConsumer): number {
    // spilling in the middle of our own update would lose the batch's group ids
    if (trigger === this) return 0;
    return this.#map.spill();
  }
}
