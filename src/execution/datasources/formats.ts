/**
 * The file format registry: one entry per data source name (`parquet`, `csv`, `json`,
 * `text`). A format infers a schema over a list of files, says whether a file may be cut
 * into byte-range splits, and reads one split into column vectors. Listing, partition
 * discovery and split planning are the format-independent part (`files/`).
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { FlintError } from "../../errors/index.ts";
import type { StructType } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { csvFormat } from "./csv/format.ts";
import { jsonFormat } from "./json/format.ts";
import type { SourceOptions } from "./options.ts";
import { parquetFormat } from "./parquet-format.ts";
import { textFormat } from "./text/format.ts";

/** A listed data file. */
export interface ListedFile {
  readonly path: string;
  readonly size: number;
}

/** A byte range of one file, read by one task. */
export interface FileSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileSize: number;
  /** The values of the partition columns of the file's directory (internal representation). */
  readonly partitionValues: readonly unknown[];
}

/** What a format needs to read a split. */
export interface ReadRequest {
  /** Every column of the files, as inferred or given by the user. */
  readonly dataSchema: StructType;
  /** The columns to produce, in this order (a subset of dataSchema). */
  readonly requiredSchema: StructType;
  /** Lower-cased option keys. */
  readonly options: SourceOptions;
  readonly timeZone: string;
  /** Pushed data filters a format may use to skip data (rows are still filtered above). */
  readonly filters?: readonly Expression[] | undefined;
}

export interface FileFormat {
  readonly name: string;
  /** The schema of the files, or undefined when there is nothing to infer it from. */
  inferSchema(
    files: readonly ListedFile[],
    options: SourceOptions,
    timeZone: string,
  ): Promise<StructType | undefined>;
  /** Whether a file may be read in byte ranges by several tasks. */
  isSplittable(options: SourceOptions, path: string): boolean;
  /** The rows of one split, columns as `request.requiredSchema`. */
  read(split: FileSplit, request: ReadRequest): Promise<ColumnarBatch[]>;
}

const FORMATS: Readonly<Record<string, FileFormat>> = {
  parquet: parquetFormat,
  csv: csvFormat,
  json: jsonFormat,
  text: textFormat,
};

/** Whether `name` is a file format Flint reads. */
export function isFileFormat(name: string): boolean {
  return Object.hasOwn(FORMATS, name.toLowerCase());
}

/** The format named `name` (case-insensitive); DATA_SOURCE_NOT_FOUND if there is none. */
export function fileFormat(name: string): FileFormat {
  const f = FORMATS[name.toLowerCase()];
  if (f === undefined || !Object.hasOwn(FORMATS, name.toLowerCase())) {
    throw new FlintError("DATA_SOURCE_NOT_FOUND", { provider: name });
  }
  return f;
}
