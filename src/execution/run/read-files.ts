/** Reading a file scan's partition (one file) before a task's pipeline runs. */
import { FlintError } from "../../errors/index.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { readParquet } from "../datasources/parquet/reader.ts";
import type { FileSourceScanExec } from "../plan/physical-plan.ts";

export async function readFilePartition(
  scan: FileSourceScanExec,
  partition: number,
): Promise<ColumnarBatch[]> {
  const file = scan.files[partition];
  if (file === undefined) return [];
  if (scan.format.toLowerCase() !== "parquet") {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: `reading ${scan.format} files` });
  }
  const out: ColumnarBatch[] = [];
  for await (const b of readParquet(file, { columns: scan.output.map((a) => a.name) })) out.push(b);
  return out;
}
