import type { ErrorCatalog } from "./index.ts";

/** Errors raised by data sources: reading and writing files (Parquet, ...). */
export const SOURCE_ERRORS: ErrorCatalog = {
  FAILED_READ_FILE: {
    sqlState: "KD001",
    message: "Error while reading the file <path>.",
  },
  "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER": {
    sqlState: "KD001",
    message:
      "Error while reading the file <path>. Its footer could not be read: the file is not a Parquet file or is corrupt (<detail>).",
  },
  "FAILED_READ_FILE.FILE_NOT_EXIST": {
    sqlState: "KD001",
    message:
      "Error while reading the file <path>. The file does not exist; the underlying files may have changed since the relation was listed.",
  },
  "FAILED_READ_FILE.NO_HINT": {
    sqlState: "KD001",
    message: "Error while reading the file <path>. <detail>",
  },
  "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH": {
    sqlState: "KD001",
    message:
      "Error while reading the file <path>. The Parquet column <column> has type <actualType>, which cannot be read as Spark type <expectedType>.",
  },
  PARQUET_TYPE_ILLEGAL: {
    sqlState: "42846",
    message: "The Parquet type <parquetType> is not valid.",
  },
  PARQUET_TYPE_NOT_SUPPORTED: {
    sqlState: "42846",
    message: "The Parquet type <parquetType> is not supported yet.",
  },
  PARQUET_TYPE_NOT_RECOGNIZED: {
    sqlState: "42846",
    message: "The Parquet field <field> has a type that is not recognized.",
  },
  UNSUPPORTED_TIME_TYPE: {
    sqlState: "0A000",
    message: "The TIME data type is not supported.",
  },
  UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE: {
    sqlState: "0A000",
    message: "The <format> data source cannot hold the column <columnName> of type <columnType>.",
  },
  CODEC_NOT_AVAILABLE: {
    sqlState: "56038",
    message: "The compression codec <codecName> is not available.",
  },
  TASK_WRITE_FAILED: {
    sqlState: "58030",
    message: "Writing rows to <path> failed.",
  },
  UNABLE_TO_INFER_SCHEMA: {
    sqlState: "42KD9",
    message:
      "Unable to infer schema for <format>: no data files found. Specify the schema or check the path.",
  },
  "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION": {
    sqlState: "56038",
    message:
      "The compression codec <codecName> is not available; available codecs: <availableCodecs>.",
  },
  PATH_ALREADY_EXISTS: {
    sqlState: "42K04",
    message:
      'The path <outputPath> already exists. Use save mode "overwrite" to replace it, or "append" to add to it.',
  },
  INVALID_SAVE_MODE: {
    sqlState: "42000",
    message:
      'The save mode <mode> is not valid; use one of "append", "overwrite", "ignore", "error", "errorifexists" or "default".',
  },
  ALL_PARTITION_COLUMNS_NOT_ALLOWED: {
    sqlState: "KD005",
    message: "Not every column can be a partition column: the files would hold no data.",
  },
  INVALID_PARTITION_COLUMN_DATA_TYPE: {
    sqlState: "0A000",
    message: "A column of type <type> cannot be a partition column.",
  },
  _LEGACY_ERROR_TEMP_1155: {
    sqlState: "42703",
    message: "The partition column `<col>` is not a column of <schemaCatalog>.",
  },
  _LEGACY_ERROR_TEMP_1312: {
    sqlState: "0A000",
    message: "'<operation>' cannot write bucketed output (bucketBy) yet.",
  },
  SORT_BY_WITHOUT_BUCKETING: {
    sqlState: "42601",
    message: "sortBy needs bucketBy: the sort order applies within buckets.",
  },
  INVALID_BUCKET_COUNT: {
    sqlState: "22003",
    message:
      "The number of buckets must be above 0 and at most bucketing.maxBuckets (`<bucketingMaxBuckets>`); got `<numBuckets>`.",
  },
  UNSUPPORTED_OVERWRITE: {
    sqlState: "42902",
    message: "Cannot overwrite a target that is also being read from.",
  },
  "UNSUPPORTED_OVERWRITE.PATH": {
    sqlState: "42902",
    message: "Cannot overwrite the path <path>: the query also reads from it.",
  },
  DATA_SOURCE_NOT_FOUND: {
    sqlState: "42K02",
    message: "No data source named <provider> was found.",
  },
  PATH_NOT_FOUND: {
    sqlState: "42K03",
    message: "The path <path> does not exist.",
  },
};
