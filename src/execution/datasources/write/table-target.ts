/**
 * How `df.write.saveAsTable` and `insertInto` reach the persistent catalog: the catalog
 * implements `TableWriteTarget` and the session hands it to the writer (sessions without a
 * catalog have none, and those calls fail with `TABLE_OR_VIEW_NOT_FOUND`). The catalog
 * decides the table's location and format, then writes with `writeFiles` (write-job.ts).
 */
import type { LogicalPlan } from "../../../catalyst/plans/logical-plan.ts";
import type { SaveMode } from "./write-job.ts";

export interface SaveAsTableSpec {
  /** The data source (`parquet` unless `format` was called). */
  readonly format: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  /** `bucketBy(n, cols).sortBy(cols)`, checked (0 < n <= 100000) but not applied by the writer. */
  readonly bucketBy?: BucketSpec;
}

export interface BucketSpec {
  readonly numBuckets: number;
  readonly columns: readonly string[];
  readonly sortColumns: readonly string[];
}

export interface TableWriteTarget {
  /**
   * `saveAsTable(name)`: creates the table from the plan's schema and rows; with an existing
   * table, mode decides (errorifexists: `TABLE_OR_VIEW_ALREADY_EXISTS`, ignore: nothing,
   * append: insert by name, overwrite: replace the table).
   */
  saveAsTable(name: string, plan: LogicalPlan, spec: SaveAsTableSpec): Promise<void>;
  /**
   * `insertInto(name)`: inserts the plan's rows by position into an existing table
   * (`TABLE_OR_VIEW_NOT_FOUND` otherwise), replacing its rows (or the partitions written,
   * in dynamic partition overwrite mode) when `overwrite`.
   */
  insertInto(name: string, plan: LogicalPlan, overwrite: boolean): Promise<void>;
}
