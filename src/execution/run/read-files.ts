/**
 * Reading a file scan's partition before a task's pipeline runs: each split is read by its
 * format into the required data columns, and the split's partition values are appended as
 * constant columns, giving batches in the scan's output order.
 */
import { structField, structType } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { columnarBatch, constantVector } from "../columnar/batch.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { fileFormat } from "../datasources/formats.ts";
import type { FileSourceScanExec } from "../plan/physical-plan.ts";

export async function readFilePartition(
  scan: FileSourceScanExec,
  partition: number,
): Promise<ColumnarBatch[]> {
  const splits = scan.partitions[partition];
  if (splits === undefined || splits.length === 0) return [];
  const format = fileFormat(scan.format);
  const nData = scan.output.length - scan.partitionSchema.fields.length;
  const dataAttrs = scan.output.slice(0, nData);
  const requiredSchema = structType(
    dataAttrs.map((a) => {
      const f = scan.dataSchema.fields.find((x) => x.name === a.name);
      return structField(a.name, f?.dataType ?? a.dataType, true);
    }),
  );
  const outSchema = structType(scan.output.map((a) => structField(a.name, a.dataType, a.nullable)));
  const request = {
    dataSchema: scan.dataSchema,
    requiredSchema,
    options: scan.options,
    timeZone: scan.timeZone,
    filters: scan.pushedFilters,
  };
  const ignoreCorrupt = (scan.options.ignorecorruptfiles ?? "").toLowerCase() === "true";
  const ignoreMissing = (scan.options.ignoremissingfiles ?? "").toLowerCase() === "true";
  const out: ColumnarBatch[] = [];
  for (const split of splits) {
    let batches: ColumnarBatch[];
    try {
      batches = await format.read(split, request);
    } catch (e) {
      // ignoreMissingFiles / ignoreCorruptFiles: the file's rows are left out.
      const cls = (e as { errorClass?: string }).errorClass ?? "";
      if (
        cls === "FAILED_READ_FILE.FILE_NOT_EXIST" ? ignoreMissing : ignoreCorrupt && isCorrupt(cls)
      ) {
        continue;
      }
      throw e;
    }
    for (const b of batches) {
      if (nData === scan.output.length) {
        out.push(b.schema === outSchema ? b : columnarBatch(outSchema, b.numRows, b.columns));
        continue;
      }
      const cols: ColumnVector[] = [...b.columns];
      for (let i = nData; i < scan.output.length; i++) {
        const a = scan.output[i] as FileSourceScanExec["output"][number];
        cols.push(constantVector(a.dataType, split.partitionValues[i - nData] ?? null, b.numRows));
      }
      out.push(columnarBatch(outSchema, b.numRows, cols));
    }
  }
  return out;
}

/** Read failures that `ignoreCorruptFiles` skips (not malformed records under FAILFAST). */
function isCorrupt(errorClass: string): boolean {
  return (
    errorClass === "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER" ||
    errorClass === "FAILED_READ_FILE.NO_HINT"
  );
}
