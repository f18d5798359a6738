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
