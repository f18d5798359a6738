/**
 * InMemoryTableScan: reads a cached relation's partition from the block manager (the task
 * runner fetched it before running); on a miss, computes the cached plan's partition,
 * passes the rows on and hands them to the task runner to store as the block.
 */
import { FlintError } from "../../errors/index.ts";
import { type ColumnarBatch, columnarBatch, sliceBatch } from "../columnar/batch.ts";
import { exprList } from "../explain/expr-string.ts";
import { cacheBlockId } from "../plan/cache-block.ts";
import type { InMemoryTableScanExec } from "../plan/physical-plan.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

export const InMemoryTableScanOp: OperatorDef<InMemoryTableScanExec> = {
  describe: (p) => `InMemoryTableScan ${exprList(p.output)}`,
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => {
    const c = childPartitioning(p.child);
    return c.kind === "Hash" || c.kind === "Range"
      ? { kind: "Unknown", numPartitions: c.numPartitions }
      : c;
  },
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    const schema = schemaOf(p.output);
    const cached = ctx.cachedInput(p.id, partition);
    if (cached !== undefined) {
      // blocks hold large batches; the pipeline above runs on batchSize slices (views)
      const size = ctx.conf.batchSize;
      for (const b of cached) {
        const whole = columnarBatch(schema, b.numRows, b.columns);
        if (b.numRows <= size) yield whole;
        else for (let s = 0; s < b.numRows; s += size) yield sliceBatch(whole, s, s + size);
      }
      return;
    }
    if (p.child.kind === "LocalTableScan" && p.child.id < 0) {
      throw new FlintError("INTERNAL_ERROR", {
        message: `cached block ${cacheBlockId(p.cacheId, partition)} is missing`,
      });
    }
    const computed: ColumnarBatch[] = [];
    for (const b of run(p.child, partition)) {
      const out = columnarBatch(schema, b.numRows, b.columns);
      computed.push(out);
      yield out;
    }
    ctx.cacheOutput(p.id, partition, computed);
  },
};
