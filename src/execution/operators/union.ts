/** Union: the partitions of every child, one after another (no shuffle). */
import { columnarBatch } from "../columnar/batch.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type { UnionExec } from "../plan/physical-plan.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

export const UnionOp: OperatorDef<UnionExec> = {
  describe: () => "Union",
  supportsCodegen: () => true,
  requiredChildDistribution: (p) => p.children.map(() => ({ kind: "Unspecified" }) as const),
  requiredChildOrdering: (p) => p.children.map(() => []),
  outputPartitioning: (p) => ({
    kind: "Unknown",
    numPartitions: p.children.reduce((n, c) => n + numPartitionsOf(childPartitioning(c)), 0),
  }),
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    let offset = 0;
    const schema = schemaOf(p.output);
    for (const c of p.children) {
      const n = numPartitionsOf(childPartitioning(c));
      if (partition < offset + n) {
        for (const b of run(c, partition - offset)) {
          ctx.addMetric(p.id, "numOutputRows", b.numRows);
          yield columnarBatch(schema, b.numRows, b.columns);
        }
        return;
      }
      offset += n;
    }
  },
};
