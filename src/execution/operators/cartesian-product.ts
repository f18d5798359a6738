/**
 * CartesianProduct: partition p of the output pairs left partition p / nRight with right
 * partition p % nRight; each left row meets every right row of its pair, in order.
 */
import { exprString } from "../explain/expr-string.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type { CartesianProductExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

/** The (left, right) child partitions of output partition `p`. */
export function cartesianPair(p: CartesianProductExec, partition: number): [number, number] {
  const nRight = numPartitionsOf(childPartitioning(p.right));
  return [Math.floor(partition / nRight), partition % nRight];
}

export const CartesianProductOp: OperatorDef<CartesianProductExec> = {
  describe: (p) => `CartesianProduct${p.condition ? ` ${exprString(p.condition)}` : ""}`,
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }, { kind: "Unspecified" }],
  requiredChildOrdering: () => [[], []],
  outputPartitioning: (p) => ({
    kind: "Unknown",
    numPartitions:
      numPartitionsOf(childPartitioning(p.left)) * numPartitionsOf(childPartitioning(p.right)),
  }),
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    const [i, j] = cartesianPair(p, partition);
    const build = collectBatch(outputOfPhysical(p.right), run(p.right, j));
    for (const b of joinBatches(
      {
        joinType: "Inner",
        streamIsLeft: true,
        leftOutput: outputOfPhysical(p.left),
        rightOutput: outputOfPhysical(p.right),
        streamKeys: [],
        buildKeys: [],
        condition: p.condition,
        output: p.output,
      },
      run(p.left, i),
      build,
      ctx.conf,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
