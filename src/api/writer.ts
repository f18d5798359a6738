/**
 * `df.write`: Spark's DataFrameWriter. `mode`, `format`, `option(s)`, `partitionBy` return a
 * new writer (each call is immutable, chaining reads as in Spark); `save(path)` and the
 * format shortcuts run the write job (see execution/datasources/write/), `saveAsTable` and
 * `insertInto` go through the session's catalog.
 */
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import type { BucketSpec, TableWriteTarget } from "../execution/datasources/write/table-target.ts";
import type {
  SaveMode,
  WriteSpec,
  WriteSummary,
} from "../execution/datasources/write/write-job.ts";

/** Spark's save mode names (`error` and `default` are errorifexists). */
export function parseSaveMode(mode: string): SaveMode {
  switch (mode.toLowerCase()) {
    case "append":
      return "append";
    case "overwrite":
      return "overwrite";
    case "ignore":
      return "ignore";
    case "error":
    case "errorifexists":
    case "default":
      return "errorifexists";
    default:
      throw new FlintError("INVALID_SAVE_MODE", { mode: `"${mode}"` });
  }
}

/** What the writer needs from its session. */
export interface WriterSession {
  writeFiles(plan: LogicalPlan, spec: WriteSpec): Promise<WriteSummary>;
  /** The catalog's table writes, when the session has a persistent catalog. */
  tableWriteTarget(): TableWriteTarget | undefined;
}

interface WriterState {
  readonly mode: SaveMode | undefined;
  readonly format: string | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly numBuckets: number | undefined;
  readonly bucketColumns: readonly string[];
  readonly sortColumns: readonly string[];
}

const INITIAL: WriterState = Object.freeze({
  mode: undefined,
  format: undefined,
  options: Object.freeze({}),
  partitionBy: Object.freeze([]),
  numBuckets: undefined,
  bucketColumns: Object.freeze([]),
  sortColumns: Object.freeze([]),
});

/** Spark's `spark.sql.sources.bucketing.maxBuckets` default. */
const MAX_BUCKETS = 100000;

export class DataFrameWriter {
  readonly #session: WriterSession;
  readonly #plan: LogicalPlan;
  readonly #state: WriterState;

  constructor(session: WriterSession, plan: LogicalPlan, state: WriterState = INITIAL) {
    this.#session = session;
    this.#plan = plan;
    this.#state = state;
  }

  #with(change: Partial<WriterState>): DataFrameWriter {
    return new DataFrameWriter(
      this.#session,
      this.#plan,
      Object.freeze({ ...this.#state, ...change }),
    );
  }

  /** `append`, `overwrite`, `ignore`, `error` / `errorifexists` / `default` (the default). */
  mode(saveMode: string): DataFrameWriter {
    return this.#with({ mode: parseSaveMode(saveMode) });
  }

  format(source: string): DataFrameWriter {
    return this.#with({ format: source.toLowerCase() });
  }

  option(key: string, value: string | number | boolean): DataFrameWriter {
    return this.options({ [key]: String(value) });
  }

  options(options: Readonly<Record<string, string | number | boolean>>): DataFrameWriter {
    const merged: Record<string, string> = { ...this.#state.options };
    for (const [k, v] of Object.entries(options)) merged[k] = String(v);
    return this.#with({ options: Object.freeze(merged) });
  }

  /** Hive-style partition directories (`col=value/`) by these columns, in this order. */
  partitionBy(...columns: (string | readonly string[])[]): DataFrameWriter {
    return this.#with({ partitionBy: Object.freeze(columns.flat()) });
  }

  /** Buckets of a table written by `saveAsTable` (files and `insertInto` refuse them, as Spark). */
  bucketBy(numBuckets: number, column: string, ...columns: string[]): DataFrameWriter {
    return this.#with({ numBuckets, bucketColumns: Object.freeze([column, ...columns]) });
  }

  /** The order of rows within each bucket (needs `bucketBy`). */
  sortBy(column: string, ...columns: string[]): DataFrameWriter {
    return this.#with({ sortColumns: Object.freeze([column, ...columns]) });
  }

  /** The bucket spec, checked as Spark's `getBucketSpec`. */
  #bucketSpec(): BucketSpec | undefined {
    const s = this.#state;
    if (s.numBuckets === undefined) {
      if (s.sortColumns.length > 0) throw new FlintError("SORT_BY_WITHOUT_BUCKETING", {});
      return undefined;
    }
    if (!(s.numBuckets > 0 && s.numBuckets <= MAX_BUCKETS && Number.isInteger(s.numBuckets))) {
      throw new FlintError("INVALID_BUCKET_COUNT", {
        bucketingMaxBuckets: String(MAX_BUCKETS),
        numBuckets: String(s.numBuckets),
      });
    }
    return { numBuckets: s.numBuckets, columns: s.bucketColumns, sortColumns: s.sortColumns };
  }

  #assertNotBucketed(operation: string): void {
    if (this.#bucketSpec() !== undefined) {
      throw new FlintError("_LEGACY_ERROR_TEMP_1312", { operation });
    }
  }

  /** Writes the rows as files under `path` (or option `path`). */
  save(path?: string): Promise<WriteSummary> {
    try {
      this.#assertNotBucketed("save");
    } catch (e) {
      return Promise.reject(e);
    }
    const target = path ?? optionOf(this.#state.options, "path");
    if (target === undefined) {
      return Promise.reject(
        new FlintError("UNSUPPORTED_FEATURE", { feature: "save() without a path" }),
      );
    }
    return this.#session.writeFiles(this.#plan, {
      format: this.#state.format ?? "parquet",
      path: target,
      mode: this.#state.mode ?? "errorifexists",
      partitionBy: this.#state.partitionBy,
      options: this.#state.options,
    });
  }

  parquet(path: string): Promise<WriteSummary> {
    return this.format("parquet").save(path);
  }

  csv(path: string): Promise<WriteSummary> {
    return this.format("csv").save(path);
  }

  json(path: string): Promise<WriteSummary> {
    return this.format("json").save(path);
  }

  text(path: string): Promise<WriteSummary> {
    return this.format("text").save(path);
  }

  /** Creates (or per the mode appends to / replaces) a catalog table. */
  async saveAsTable(name: string): Promise<void> {
    const bucketBy = this.#bucketSpec();
    await this.#target(name).saveAsTable(name, this.#plan, {
      format: this.#state.format ?? "parquet",
      mode: this.#state.mode ?? "errorifexists",
      partitionBy: this.#state.partitionBy,
      options: this.#state.options,
      ...(bucketBy === undefined ? {} : { bucketBy }),
    });
  }

  /** Inserts the rows by position into an existing table (`overwrite` replaces its rows). */
  async insertInto(name: string, overwrite?: boolean): Promise<void> {
    this.#assertNotBucketed("insertInto");
    await this.#target(name).insertInto(
      name,
      this.#plan,
      overwrite ?? this.#state.mode === "overwrite",
    );
  }

  #target(name: string): TableWriteTarget {
    const target = this.#session.tableWriteTarget();
    if (target === undefined) {
      throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
        relationName: name
          .split(".")
          .map((p) => `\`${p}\``)
          .join("."),
        searchPath: "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
      });
    }
    return target;
  }
}

function optionOf(options: Readonly<Record<string, string>>, key: string): string | undefined {
  for (const [k, v] of Object.entries(options)) if (k.toLowerCase() === key) return v;
  return undefined;
}
