/**
 * FileSourceScan: partition p is file p of the scan. The task runner reads it (an async
 * read, done before the synchronous pipeline runs) and this operator hands its batches on
 * under the scan's schema.
 */
import { FlintError } from "../../errors/index.ts";
import { simpleString, structField, structType } from "../../types/data-types.ts";
import { columnarBatch } from "../columnar/batch.ts";
import { exprList } from "../explain/expr-string.ts";
import type { FileSourceScanExec } from "../plan/physical-plan.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

export const FileSourceScanOp: OperatorDef<FileSourceScanExec> = {
  describe: (p) => {
    const readSchema = simpleString(
      structType(p.output.map((a) => structField(a.name, a.dataType, a.nullable))),
    );
    const format = p.format.charAt(0).toUpperCase() + p.format.slice(1);
    return `FileScan ${p.format} [${p.output.map((a) => `${a.name}#${a.exprId}${a.dataType.kind === "long" ? "L" : ""}`).join(",")}] Batched: true, DataFilters: ${exprList(p.pushedFilters)}, Format: ${format}, Location: InMemoryFileIndex(${p.rootPaths.length} paths)[${p.rootPaths.map((x) => `file:${x}`).join(", ")}], PartitionFilters: [], PushedFilters: [], ReadSchema: ${readSchema}`;
  },
  supportsCodegen: () => false,
  requiredChildDistribution: () => [],
  requiredChildOrdering: () => [],
  outputPartitioning: (p) =>
    p.files.length <= 1 ? { kind: "Single" } : { kind: "Unknown", numPartitions: p.files.length },
  outputOrdering: () => [],
  *execute(p, ctx, partition) {
    if (p.format.toLowerCase() !== "parquet") {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: `reading ${p.format} files` });
    }
    const schema = schemaOf(p.output);
    let rows = 0;
    for (const b of ctx.fileInput(p.id, partition)) {
      rows += b.numRows;
      yield columnarBatch(schema, b.numRows, b.columns);
    }
    ctx.addMetric(p.id, "numOutputRows", rows);
    ctx.addMetric(p.id, "numFiles", 1);
  },
};
