/**
 * FileSourceScan: partition p reads the file splits planned for task p. The task runner
 * reads them (async I/O, before the synchronous pipeline runs, `run/read-files.ts`) and this
 * operator hands the batches on under the scan's schema.
 */
import { simpleString, structField, structType } from "../../types/data-types.ts";
import { columnarBatch } from "../columnar/batch.ts";
import { abbreviate, sourceFilterString } from "../datasources/files/source-filters.ts";
import { exprList } from "../explain/expr-string.ts";
import type { FileSourceScanExec } from "../plan/physical-plan.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  parquet: "Parquet",
  csv: "CSV",
  json: "JSON",
  text: "Text",
};

function attrString(a: FileSourceScanExec["output"][number]): string {
  return `${a.name}#${a.exprId}${a.dataType.kind === "long" ? "L" : ""}`;
}

export const FileSourceScanOp: OperatorDef<FileSourceScanExec> = {
  describe: (p) => {
    const nData = p.output.length - p.partitionSchema.fields.length;
    const readSchema = simpleString(
      structType(p.output.slice(0, nData).map((a) => structField(a.name, a.dataType, a.nullable))),
    );
    const format = FORMAT_NAMES[p.format] ?? p.format;
    const batched = p.format === "parquet";
    const location = abbreviate(
      `InMemoryFileIndex(${p.rootPaths.length} paths)[${p.rootPaths.map((x) => `file:${x}`).join(", ")}]`,
    );
    const pushed = p.pushedFilters.flatMap((f) => {
      const t = sourceFilterString(f);
      return t === undefined ? [] : [t];
    });
    return `FileScan ${p.format} [${p.output.map(attrString).join(",")}] Batched: ${batched}, DataFilters: ${exprList(p.pushedFilters)}, Format: ${format}, Location: ${location}, PartitionFilters: ${exprList(p.partitionFilters)}, PushedFilters: [${pushed.join(", ")}], ReadSchema: ${abbreviate(readSchema)}`;
  },
  supportsCodegen: () => false,
  requiredChildDistribution: () => [],
  requiredChildOrdering: () => [],
  outputPartitioning: (p) =>
    p.partitions.length <= 1
      ? { kind: "Single" }
      : { kind: "Unknown", numPartitions: p.partitions.length },
  outputOrdering: () => [],
  *execute(p, ctx, partition) {
    const schema = schemaOf(p.output);
    let rows = 0;
    for (const b of ctx.fileInput(p.id, partition)) {
      rows += b.numRows;
      yield columnarBatch(schema, b.numRows, b.columns);
    }
    let files = 0;
    for (const s of p.partitions[partition] ?? []) if (s.start === 0) files++;
    ctx.addMetric(p.id, "numOutputRows", rows);
    ctx.addMetric(p.id, "numFiles", files);
  },
};
