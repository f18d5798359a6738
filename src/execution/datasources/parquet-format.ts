/**
 * Parquet behind the format registry: footers give the schema, splits follow row groups,
 * pushed filters skip row groups whose statistics rule them out.
 */
import type { ColumnarBatch } from "../columnar/batch.ts";
import type { FileFormat } from "./formats.ts";
import { readParquet, readParquetInfo } from "./parquet/index.ts";
import { rowGroupPredicates } from "./parquet-filters.ts";

export const parquetFormat: FileFormat = {
  name: "parquet",
  async inferSchema(files) {
    const first = files[0];
    if (first === undefined) return undefined;
    return (await readParquetInfo(first.path)).schema.sparkSchema;
  },
  // A split owns the row groups whose midpoint lies inside it (parquet-mr's rule).
  isSplittable: () => true,
  async read(split, request) {
    const out: ColumnarBatch[] = [];
    const whole = split.start === 0 && split.length >= split.fileSize;
    const predicates = rowGroupPredicates(request.filters ?? []);
    for await (const b of readParquet(split.path, {
      requiredSchema: request.requiredSchema,
      rowGroupFilter: predicates.length > 0 ? predicates : undefined,
      range: whole ? undefined : { start: split.start, length: split.length },
    })) {
      out.push(b);
    }
    return out;
  },
};
