/** Coalesce: partition i of n reads a contiguous range of the child's partitions. */

import { numPartitionsOf } from "../plan/partitioning.ts";
import type { CoalesceExec } from "../plan/physical-plan.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

/** The child partitions [start, end) that coalesced partition `i` reads. */
export function coalescedRange(childPartitions: number, n: number, i: number): [number, number] {
  return [Math.floor((i * childPartitions) / n), Math.floor(((i + 1) * childPartitions) / n)];
}

export const CoalesceOp: OperatorDef<CoalesceExec> = {
  describe: (p) => `Coalesce ${p.numPartitions}`,
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) =>
    p.numPartitions === 1
      ? { kind: "Single" }
      : {
          kind: "Unknown",
          numPartitions: Math.min(p.numPartitions, numPartitionsOf(childPartitioning(p.child))),
        },
  outputOrdering: () => [],
  *execute(p, _ctx, partition, run) {
    const n = numPartitionsOf(childPartitioning(p.child));
    const [start, end] = coalescedRange(n, Math.min(p.numPartitions, n), partition);
    for (let c = start; c < end; c++) yield* run(p.child, c);
  },
};
