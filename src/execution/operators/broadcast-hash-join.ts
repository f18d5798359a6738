/** BroadcastHashJoin: streams one side against a hash table of the broadcast side. */
import { exprList, exprString } from "../explain/expr-string.ts";
import type { BroadcastHashJoinExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

export const BroadcastHashJoinOp: OperatorDef<BroadcastHashJoinExec> = {
  describe: (p) =>
    `BroadcastHashJoin ${exprList(p.leftKeys)}, ${exprList(p.rightKeys)}, ${p.joinType}, ${p.buildSide}, ${p.condition ? `${exprString(p.condition)}, ` : ""}false, false`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) =>
    p.buildSide === "BuildLeft"
      ? [{ kind: "Broadcast" }, { kind: "Unspecified" }]
      : [{ kind: "Unspecified" }, { kind: "Broadcast" }],
  requiredChildOrdering: () => [[], []],
  outputPartitioning: (p) => childPartitioning(p.buildSide === "BuildLeft" ? p.right : p.left),
  outputOrdering: (p) => childOrdering(p.buildSide === "BuildLeft" ? p.right : p.left),
  *execute(p, ctx, partition, run) {
    const buildLeft = p.buildSide === "BuildLeft";
    const buildPlan = buildLeft ? p.left : p.right;
    const streamPlan = buildLeft ? p.right : p.left;
    const build = collectBatch(outputOfPhysical(buildPlan), run(buildPlan, 0));
    for (const b of joinBatches(
      {
        joinType: p.joinType,
        streamIsLeft: !buildLeft,
        leftOutput: outputOfPhysical(p.left),
        rightOutput: outputOfPhysical(p.right),
        streamKeys: buildLeft ? p.rightKeys : p.leftKeys,
        buildKeys: buildLeft ? p.leftKeys : p.rightKeys,
        condition: p.condition,
        output: p.output,
      },
      run(streamPlan, partition),
      build,
      ctx.conf,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
