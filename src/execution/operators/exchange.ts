/**
 * ShuffleExchange: the stage boundary. In a map task the task runner partitions the
 * child's batches (partitioner.ts) and writes them; in a reduce task this node reads its
 * partition's batches from the task's shuffle input.
 */

import { columnarBatch } from "../columnar/batch.ts";
import { exprList, exprString } from "../explain/expr-string.ts";
import type { Partitioning, ShuffleExchangeExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

export function partitioningString(p: Partitioning): string {
  switch (p.kind) {
    case "Hash":
      return `hashpartitioning(${p.expressions.map(exprString).join(", ")}, ${p.numPartitions})`;
    case "Range":
      return `rangepartitioning(${p.ordering.map(exprString).join(", ")}, ${p.numPartitions})`;
    case "RoundRobin":
      return `RoundRobinPartitioning(${p.numPartitions})`;
    case "Single":
      return "SinglePartition";
    case "Unknown":
      return `UnknownPartitioning(${p.numPartitions})`;
    case "Broadcast":
      return "BroadcastPartitioning";
    default:
      return exprList([]);
  }
}

export const ShuffleExchangeOp: OperatorDef<ShuffleExchangeExec> = {
  describe: (p) => `Exchange ${partitioningString(p.partitioning)}, ${p.origin}, [plan_id=${p.id}]`,
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => p.partitioning,
  outputOrdering: () => [],
  *execute(p, ctx, partition) {
    const schema = schemaOf(outputOfPhysical(p));
    for (const b of ctx.shuffleInput(p.id, partition)) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield columnarBatch(schema, b.numRows, b.columns);
    }
  },
};
