/** LocalTableScan: rows held in the plan, split into contiguous slices (one per partition). */
import { batchFromRows } from "../columnar/batch.ts";
import { exprList } from "../explain/expr-string.ts";
import type { LocalTableScanExec } from "../plan/physical-plan.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

/** Spark's ParallelCollectionRDD slicing: partition p holds rows [p*n/k, (p+1)*n/k). */
export function sliceBounds(length: number, numSlices: number, p: number): [number, number] {
  return [Math.floor((p * length) / numSlices), Math.floor(((p + 1) * length) / numSlices)];
}

export const LocalTableScanOp: OperatorDef<LocalTableScanExec> = {
  describe: (p) => {
    const out = p.output.length === 0 ? "" : ` ${exprList(p.output)}`;
    return p.rows.length === 0 ? `LocalTableScan <empty>,${out}` : `LocalTableScan${out}`;
  },
  supportsCodegen: () => true,
  requiredChildDistribution: () => [],
  requiredChildOrdering: () => [],
  outputPartitioning: (p) => ({
    kind: "Unknown",
    numPartitions: p.numSlices,
    satisfiesNothing: true,
  }),
  outputOrdering: () => [],
  *execute(p, ctx, partition) {
    const [start, end] = sliceBounds(p.rows.length, p.numSlices, partition);
    const schema = schemaOf(p.output);
    for (let s = start; s < end; s += ctx.conf.batchSize) {
      const rows = p.rows.slice(s, Math.min(end, s + ctx.conf.batchSize));
      ctx.addMetric(p.id, "numOutputRows", rows.length);
      yield batchFromRows(schema, rows);
    }
  },
};
