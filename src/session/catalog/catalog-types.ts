/**
 * What the persistent catalog stores: databases and tables (managed, external, views)
 * with their schema, partitioning, properties and statistics. Plain immutable data; the
 * external catalog serializes it, the commands read and replace it.
 */
import type { StructType } from "../../types/data-types.ts";

export interface CatalogDatabase {
  readonly name: string;
  readonly comment: string | null;
  /** An absolute `file:` URI, as Spark shows it. */
  readonly location: string;
  readonly properties: Readonly<Record<string, string>>;
}

export type TableType = "MANAGED" | "EXTERNAL" | "VIEW";

/** Column statistics of ANALYZE TABLE ... FOR COLUMNS (values as Spark prints them). */
export interface ColumnStat {
  readonly min: string | null;
  readonly max: string | null;
  readonly nullCount: number;
  readonly distinctCount: number;
  readonly avgLen: number;
  readonly maxLen: number;
}

export interface TableStats {
  readonly sizeInBytes: number;
  readonly rowCount: number | null;
  readonly columns: Readonly<Record<string, ColumnStat>>;
}

export interface CatalogTable {
  readonly database: string;
  readonly name: string;
  readonly type: TableType;
  /** `parquet`, `csv`, `json`; null for views. */
  readonly provider: string | null;
  /** An absolute `file:` URI; null for views. */
  readonly location: string | null;
  /** The full schema: data columns, then partition columns. */
  readonly schema: StructType;
  readonly partitionColumns: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string>>;
  readonly comment: string | null;
  /** Views: the SQL text, the current database when it was created, its output names. */
  readonly viewText: string | null;
  readonly viewCurrentDatabase: string | null;
  /** Milliseconds since the epoch. */
  readonly createdMs: number;
  readonly stats: TableStats | null;
}

/** `file:/abs/path` for a local path. */
export function toUri(path: string): string {
  return path.startsWith("file:") ? path : `file:${path}`;
}

/** The local path of a `file:` URI. */
export function toPath(uri: string): string {
  return uri.startsWith("file:") ? uri.slice(5) : uri;
}
