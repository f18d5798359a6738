/**
 * WriteFiles: the task side of a file write. Partition p of the child is written as files
 * in this task attempt's directory (a new file per partition directory, and whenever
 * `maxRecordsPerFile` rows are reached), the task is committed (one directory rename), and
 * one row comes back: the commit message, JSON of `TaskCommitMessage`. A failure deletes
 * the attempt's files before it propagates.
 *
 * Partitioned writes read their child sorted by the partition columns, so rows of one
 * directory arrive together and one file is open at a time (Spark's
 * DynamicPartitionDataSingleWriter).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { asNullable, type StructType } from "../../types/data-types.ts";
import { type ColumnarBatch, columnarBatch, sliceBatch } from "../columnar/batch.ts";
import { fromValues } from "../columnar/builder.ts";
import { getValue } from "../columnar/vector.ts";
import {
  abortTask,
  commitTask,
  setupTask,
  type WriteJobDescription,
} from "../datasources/write/commit-protocol.ts";
import {
  type OutputWriter,
  type OutputWriterFactory,
  outputWriterFactory,
} from "../datasources/write/output-writer.ts";
import {
  dataFileName,
  partitionDirName,
  partitionValueString,
} from "../datasources/write/paths.ts";
import type { WriteFilesExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

/** What one task wrote (the row WriteFiles returns, as JSON). */
export interface TaskCommitMessage {
  readonly split: number;
  readonly files: number;
  readonly rows: number;
  readonly bytes: number;
  /** Partition directories written (`k=v/j=w`), relative to the output. */
  readonly partitions: readonly string[];
}

export const WriteFilesOp: OperatorDef<WriteFilesExec> = {
  describe: (p) =>
    `WriteFiles ${p.format} [${p.dataColumns.map((a) => `${a.name}#${a.exprId}`).join(", ")}]` +
    (p.partitionColumns.length > 0
      ? `, PartitionColumns: [${p.partitionColumns.map((a) => a.name).join(", ")}]`
      : ""),
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: () => [],
  *execute(p, ctx, split, run) {
    const job: WriteJobDescription = {
      jobUuid: p.jobUuid,
      jobTrackerId: p.jobTrackerId,
      stagingRoot: p.stagingRoot,
    };
    const attempt = randomUUID().slice(0, 8);
    const dir = setupTask(job, split, attempt);
    const writer = new TaskWriter(p, split, dir);
    try {
      for (const batch of run(p.child, split)) writer.write(batch);
      const message = writer.finish();
      commitTask(job, split, attempt);
      ctx.addMetric(p.id, "numFiles", message.files);
      ctx.addMetric(p.id, "numOutputRows", message.rows);
      ctx.addMetric(p.id, "numOutputBytes", message.bytes);
      ctx.addMetric(p.id, "numParts", message.partitions.length);
      const schema = schemaOf(p.output);
      yield columnarBatch(schema, 1, [
        fromValues(schema.fields[0]!.dataType, [JSON.stringify(message)]),
      ]);
    } catch (e) {
      writer.abort();
      abortTask(job, split, attempt);
      throw e;
    }
  },
};

/** The files of one task: the open writer, its directory, counters. */
class TaskWriter {
  readonly #p: WriteFilesExec;
  readonly #split: number;
  readonly #dir: string;
  readonly #factory: OutputWriterFactory;
  readonly #dataOrdinals: number[];
  readonly #partOrdinals: number[];
  readonly #dataSchema: StructType;
  #writer: OutputWriter | null = null;
  #partitionDir = "";
  #lastValues: unknown[] | null = null;
  #fileCounter = 0;
  #rowsInFile = 0;
  #files = 0;
  #rows = 0;
  #bytes = 0;
  readonly #partitions: string[] = [];
  /** Next file counter of each directory already written. */
  readonly #counters = new Map<string, number>();

  constructor(p: WriteFilesExec, split: number, dir: string) {
    this.#p = p;
    this.#split = split;
    this.#dir = dir;
    const input = outputOfPhysical(p.child);
    const ordinal = (id: number): number => {
      const i = input.findIndex((a) => a.exprId === id);
      if (i < 0) throw new Error(`write column #${id} is not in the child's output`);
      return i;
    };
    this.#dataOrdinals = p.dataColumns.map((a) => ordinal(a.exprId));
    this.#partOrdinals = p.partitionColumns.map((a) => ordinal(a.exprId));
    // Spark writes every column as nullable (its files stay readable whatever the query's
    // nullability said, and a wrong non-null flag can never drop a null)
    this.#dataSchema = asNullable(schemaOf(p.dataColumns)) as StructType;
    this.#factory = outputWriterFactory({
      format: p.format,
      dataSchema: this.#dataSchema,
      codec: p.codec,
      options: p.options,
      timeZone: p.timeZone,
    });
    // Spark's first task writes a file even when it has no rows (the schema survives an
    // empty result); other empty tasks and partitioned writes write nothing.
    if (split === 0 && p.partitionColumns.length === 0) this.#open();
  }

  write(batch: ColumnarBatch): void {
    if (batch.numRows === 0) return;
    if (this.#partOrdinals.length === 0) {
      this.#writeRows(batch, 0, batch.numRows);
      return;
    }
    // rows arrive sorted by the partition columns: cut the batch where the values change
    let start = 0;
    for (let r = 0; r < batch.numRows; r++) {
      if (this.#lastValues !== null && this.#sameValues(batch, r)) continue;
      if (r > start) this.#writeRows(batch, start, r);
      start = r;
      this.#switchPartition(batch, r);
    }
    this.#writeRows(batch, start, batch.numRows);
  }

  #sameValues(batch: ColumnarBatch, r: number): boolean {
    const last = this.#lastValues as unknown[];
    for (let k = 0; k < this.#partOrdinals.length; k++) {
      const v = getValue(batch.columns[this.#partOrdinals[k]!]!, r);
      if (!sameValue(v, last[k])) return false;
    }
    return true;
  }

  /**
   * New partition values at row r. Values that differ can name the same directory (null
   * and '' are both __HIVE_DEFAULT_PARTITION__): the file stays open then; a directory seen
   * earlier continues its file counter, so no file is ever written twice.
   */
  #switchPartition(batch: ColumnarBatch, r: number): void {
    const values = this.#partOrdinals.map((o) => getValue(batch.columns[o]!, r));
    this.#lastValues = values;
    const next = this.#p.partitionColumns
      .map((a, k) =>
        partitionDirName(a.name, partitionValueString(values[k], a.dataType, this.#p.timeZone)),
      )
      .join("/");
    if (next === this.#partitionDir && this.#writer !== null) return;
    this.#closeFile();
    if (this.#partitionDir !== "") this.#counters.set(this.#partitionDir, this.#fileCounter + 1);
    this.#partitionDir = next;
    const seen = this.#counters.get(next);
    if (seen === undefined) this.#partitions.push(next);
    this.#fileCounter = seen ?? 0;
  }

  #writeRows(batch: ColumnarBatch, start: number, end: number): void {
    const limit = this.#p.maxRecordsPerFile;
    let s = start;
    while (s < end) {
      if (this.#writer === null || (limit > 0 && this.#rowsInFile >= limit)) this.#open();
      const n = limit > 0 ? Math.min(end - s, limit - this.#rowsInFile) : end - s;
      const part = s === 0 && n === batch.numRows ? batch : sliceBatch(batch, s, s + n);
      const cols = this.#dataOrdinals.map((o) => part.columns[o]!);
      (this.#writer as OutputWriter).write(columnarBatch(this.#dataSchema, n, cols));
      this.#rowsInFile += n;
      s += n;
    }
  }

  #open(): void {
    if (this.#writer !== null) {
      this.#closeFile();
      this.#fileCounter++;
    }
    const partitioned = this.#partOrdinals.length > 0;
    const name = dataFileName(
      this.#split,
      this.#p.jobUuid,
      this.#fileCounter,
      this.#factory.extension,
      partitioned,
    );
    const dir = partitioned ? join(this.#dir, ...this.#partitionDir.split("/")) : this.#dir;
    if (partitioned) mkdirp(dir);
    this.#writer = this.#factory.open(join(dir, name));
    this.#rowsInFile = 0;
  }

  #closeFile(): void {
    const w = this.#writer;
    if (w === null) return;
    this.#writer = null;
    const r = w.close();
    this.#files++;
    this.#rows += r.rows;
    this.#bytes += r.bytes;
  }

  finish(): TaskCommitMessage {
    this.#closeFile();
    return {
      split: this.#split,
      files: this.#files,
      rows: this.#rows,
      bytes: this.#bytes,
      partitions: this.#partitions,
    };
  }

  abort(): void {
    const w = this.#writer;
    this.#writer = null;
    w?.abort();
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  // NaN partitions are one directory
  return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
}

function mkdirp(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
