/**
 * `df.write`: Spark's DataFrameWriter. `mode`, `format`, `option(s)`, `partitionBy` return a
 * new writer (each call is immutable, chaining reads as in Spark); `save(path)` and the
 * format shortcuts run the write job (see execution/datasources/write/), `saveAsTable` and
 * `insertInto` go through the session's catalog.
 */
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import type { TableWriteTarget } from "../execution/datasources/write/table-target.ts";
import {
  parseSaveMode,
  type SaveMode,
  type WriteSpec,
  type WriteSummary,
} from "../execution/datasources/write/write-job.ts";

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
}

const INITIAL: WriterState = Object.freeze({
  mode: undefined,
  format: undefined,
  options: Object.freeze({}),
  partitionBy: Object.freeze([]),
});

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

  /** Writes the rows as files under `path` (or option `path`). */
  save(path?: string): Promise<WriteSummary> {
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
    await this.#target(name).saveAsTable(name, this.#plan, {
      format: this.#state.format ?? "parquet",
      mode: this.#state.mode ?? "errorifexists",
      partitionBy: this.#state.partitionBy,
      options: this.#state.options,
    });
  }

  /** Inserts the rows by position into an existing table (`overwrite` replaces its rows). */
  async insertInto(name: string, overwrite?: boolean): Promise<void> {
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
