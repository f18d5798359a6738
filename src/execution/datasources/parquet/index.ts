export type { WriteCodec } from "./codecs.ts";
export {
  DEFAULT_BATCH_SIZE,
  type ParquetFileInfo,
  type ParquetReadOptions,
  type ParquetSplit,
  parquetSplits,
  readParquet,
  readParquetInfo,
} from "./reader.ts";
export type { CompareOp, RowGroupPredicate } from "./row-group-filter.ts";
export { type ParquetWriteOptions, type ParquetWriteResult, writeParquet } from "./writer.ts";
