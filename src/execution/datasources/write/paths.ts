/**
 * Names of written files and directories, as Spark's writers spell them: data files
 * `part-<split>-<jobUuid>-c<nnn><codec ext><format ext>` (with `.c<nnn>` instead of `-c<nnn>`
 * inside partition directories), Hive-style partition directories `col=value/` with
 * Spark's path escaping, `__HIVE_DEFAULT_PARTITION__` for null and empty values.
 */
import { castToString } from "../../../catalyst/expressions/format.ts";
import type { DataType } from "../../../types/data-types.ts";

export const DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

/** Characters Spark's `ExternalCatalogUtils.escapePathName` replaces by `%XX`. */
const ESCAPED = new Set<number>([
  ...Array.from({ length: 0x1f }, (_, i) => i + 1),
  0x22, // "
  0x23, // #
  0x25, // %
  0x27, // '
  0x2a, // *
  0x2f, // /
  0x3a, // :
  0x3d, // =
  0x3f, // ?
  0x5c, // \
  0x7f,
  0x7b, // {
  0x5b, // [
  0x5d, // ]
  0x5e, // ^
]);

/** Escapes a partition column name or value for a directory name (`a/b` -> `a%2Fb`). */
export function escapePathName(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += ESCAPED.has(c) ? `%${c.toString(16).toUpperCase().padStart(2, "0")}` : s.charAt(i);
  }
  return out;
}

/** Reverses `escapePathName` (`%XX` sequences that are not valid hex stay as they are). */
export function unescapePathName(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) =>
    String.fromCharCode(Number.parseInt(h, 16)),
  );
}

/** The string a partition value is written as (Spark casts it to string in the session zone). */
export function partitionValueString(value: unknown, type: DataType, timeZone: string): string {
  if (value === null || value === undefined) return DEFAULT_PARTITION_NAME;
  const s = castToString(value, type, timeZone);
  return s === "" ? DEFAULT_PARTITION_NAME : s;
}

/** One directory level: `col=value`, both escaped. */
export function partitionDirName(column: string, valueString: string): string {
  const v = valueString === DEFAULT_PARTITION_NAME ? valueString : escapePathName(valueString);
  return `${escapePathName(column)}=${v}`;
}

/** The extension of a codec in a data file's name (`.snappy`, `.gz`, `.zstd`, ...). */
const PARQUET_CODEC_EXT: Readonly<Record<string, string>> = {
  none: "",
  uncompressed: "",
  snappy: ".snappy",
  gzip: ".gz",
  zstd: ".zstd",
  lz4: ".lz4hadoop",
  lz4_raw: ".lz4raw",
  brotli: ".br",
};

const TEXT_CODEC_EXT: Readonly<Record<string, string>> = {
  none: "",
  uncompressed: "",
  gzip: ".gz",
  deflate: ".deflate",
  bzip2: ".bz2",
  lz4: ".lz4",
  snappy: ".snappy",
};

const FORMAT_EXT: Readonly<Record<string, string>> = {
  parquet: ".parquet",
  csv: ".csv",
  json: ".json",
  text: ".txt",
};

/** `.snappy.parquet`, `.csv.gz`, `.txt`: the tail of a data file's name. */
export function fileExtension(format: string, codec: string): string {
  const base = FORMAT_EXT[format] ?? `.${format}`;
  if (format === "parquet") return `${PARQUET_CODEC_EXT[codec] ?? ""}${base}`;
  return `${base}${TEXT_CODEC_EXT[codec] ?? ""}`;
}

/**
 * A data file's name: `part-00003-<uuid>-c000.snappy.parquet`, or
 * `part-00003-<uuid>.c000.snappy.parquet` inside partition directories (Spark's dynamic
 * partition writer puts a dot there).
 */
export function dataFileName(
  split: number,
  jobUuid: string,
  fileCounter: number,
  extension: string,
  partitioned: boolean,
): string {
  const counter = `c${String(fileCounter).padStart(3, "0")}`;
  return `part-${String(split).padStart(5, "0")}-${jobUuid}${partitioned ? "." : "-"}${counter}${extension}`;
}

/** Whether readers skip this file or directory name (Spark's `_`/`.` rule, `_x=y` kept). */
export function isHiddenName(name: string): boolean {
  return (name.startsWith("_") && !name.includes("=")) || name.startsWith(".");
}
