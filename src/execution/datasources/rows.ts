/**
 * Rows of a text-based source into column vectors: a reader fills one reused row array per
 * record and commits it with whether it was malformed; the parse mode decides what happens
 * to a malformed record (PERMISSIVE keeps it with the raw text in the corrupt-record
 * column, DROPMALFORMED drops it, FAILFAST fails the task with FAILED_READ_FILE naming the
 * file and MALFORMED_RECORD_IN_PARSING as the cause).
 */
import { FlintError } from "../../errors/index.ts";
import type { StructType } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { columnarBatch } from "../columnar/batch.ts";
import { createBuilder, type VectorBuilder } from "../columnar/builder.ts";
import type { ParseMode } from "./csv/options.ts";

const BATCH_ROWS = 4096;

export class RowAssembler {
  readonly schema: StructType;
  readonly row: unknown[];
  readonly #corruptIndex: number;
  readonly #mode: ParseMode;
  readonly #path: string;
  #builders: VectorBuilder[];
  #rows = 0;
  readonly batches: ColumnarBatch[] = [];

  constructor(schema: StructType, corruptColumn: string, mode: ParseMode, path: string) {
    this.schema = schema;
    this.row = new Array<unknown>(schema.fields.length).fill(null);
    this.#corruptIndex = schema.fields.findIndex((f) => f.name === corruptColumn);
    this.#mode = mode;
    this.#path = path;
    this.#builders = this.#fresh();
  }

  #fresh(): VectorBuilder[] {
    return this.schema.fields.map((f) => createBuilder(f.dataType));
  }

  /** Index of the corrupt-record column among the produced columns, or -1. */
  get corruptIndex(): number {
    return this.#corruptIndex;
  }

  /** Appends the current row (or applies the mode when it is malformed), then clears it. */
  commit(malformed: boolean, raw: string): void {
    const row = this.row;
    if (malformed) {
      if (this.#mode === "DROPMALFORMED") {
        row.fill(null);
        return;
      }
      if (this.#mode === "FAILFAST") throw malformedError(this.#path, raw);
      if (this.#corruptIndex >= 0) row[this.#corruptIndex] = raw;
    }
    const b = this.#builders;
    for (let c = 0; c < b.length; c++) {
      (b[c] as VectorBuilder).append(row[c]);
      row[c] = null;
    }
    if (++this.#rows >= BATCH_ROWS) this.flush();
  }

  flush(): void {
    if (this.#rows === 0) return;
    this.batches.push(
      columnarBatch(
        this.schema,
        this.#rows,
        this.#builders.map((x) => x.finish()),
      ),
    );
    this.#builders = this.#fresh();
    this.#rows = 0;
  }

  finish(): ColumnarBatch[] {
    this.flush();
    return this.batches;
  }
}

/** FAILFAST's error: the task fails reading `path` because of a malformed record. */
export function malformedError(path: string, raw: string): FlintError {
  const cause = new FlintError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", {
    badRecord: raw,
    failFastMode: "FAILFAST",
  });
  return new FlintError(
    "FAILED_READ_FILE.NO_HINT",
    { path: `file:${path}`, detail: cause.message },
    { cause },
  );
}
