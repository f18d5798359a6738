/** BroadcastNestedLoopJoin: every stream row against every broadcast row, then the condition. */
import { exprString } from "../explain/expr-string.ts";
import type { BroadcastNestedLoopJoinExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

export const BroadcastNestedLoopJoinOp: OperatorDef<BroadcastNestedLoopJoinExec> = {
  describe: (p) =>
    `BroadcastNestedLoopJoin ${p.buildSide}, ${p.joinType}${p.condition ? `, ${exprString(p.condition)}` : ""}`,
  supportsCodegen: (p) =>
    (p.joinType === "Inner" ||
      p.joinType === "Cross" ||
      p.joinType === "LeftSemi" ||
      p.joinType === "LeftAnti" ||
      p.joinType === "LeftOuter") &&
    p.buildSide === "BuildRight",
  // when unmatched build rows must be emitted (full outer, or the outer side is the build
  // side), all stream rows meet the build side in one task
  requiredChildDistribution: (p) => {
    const jt = p.joinType;
    const buildOuter =
      jt === "FullOuter" ||
      (jt === "LeftOuter" && p.buildSide === "BuildLeft") ||
      (jt === "RightOuter" && p.buildSide === "BuildRight");
    const stream = buildOuter
      ? ({ kind: "AllTuples" } as const)
      : ({ kind: "Unspecified" } as const);
    return p.buildSide === "BuildLeft"
      ? [{ kind: "Broadcast" }, stream]
      : [stream, { kind: "Broadcast" }];
  },
  requiredChildOrdering: () => [[], []],
  outputPartitioning: (p) => childPartitioning(p.buildSide === "BuildLeft" ? p.right : p.left),
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    const buildLeft = p.buildSide === "BuildLeft";
    const buildPlan = buildLeft ? p.left : p.right;
    const build = collectBatch(outputOfPhysical(buildPlan), run(buildPlan, 0));
    for (const b of joinBatches(
      {
        joinType: p.joinType,
        streamIsLeft: !buildLeft,
        leftOutput: outputOfPhysical(p.left),
        rightOutput: outputOfPhysical(p.right),
        streamKeys: [],
        buildKeys: [],
        condition: p.condition,
        output: p.output,
      },
      run(buildLeft ? p.right : p.left, partition),
      build,
      ctx.conf,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
