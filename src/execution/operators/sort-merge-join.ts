/**
 * SortMergeJoin: both sides are hash partitioned on the keys and sorted within each
 * partition. Inner, left outer, semi and anti joins merge the two sorted streams
 * (merge-join.ts); right and full outer joins hash the right partition and stream the left.
 */
import type { Expression, SortOrder } from "../../catalyst/expressions/expression.ts";
import { sortOrder } from "../../catalyst/expressions/factories.ts";
import { exprList, exprString } from "../explain/expr-string.ts";
import type { SortMergeJoinExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import { mergeJoin } from "./merge-join.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

export function ascending(keys: readonly Expression[]): SortOrder[] {
  return keys.map((k) => sortOrder(k, "ASC"));
}

export const SortMergeJoinOp: OperatorDef<SortMergeJoinExec> = {
  describe: (p) =>
    `SortMergeJoin ${exprList(p.leftKeys)}, ${exprList(p.rightKeys)}, ${p.joinType}${p.condition ? `, ${exprString(p.condition)}` : ""}`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) => [
    { kind: "Clustered", expressions: p.leftKeys },
    { kind: "Clustered", expressions: p.rightKeys },
  ],
  requiredChildOrdering: (p) => [ascending(p.leftKeys), ascending(p.rightKeys)],
  outputPartitioning: (p) => childPartitioning(p.joinType === "RightOuter" ? p.right : p.left),
  outputOrdering: (p) =>
    p.joinType === "RightOuter" || p.joinType === "FullOuter" ? [] : ascending(p.leftKeys),
  *execute(p, ctx, partition, run) {
    const jt = p.joinType;
    if (jt === "Inner" || jt === "LeftOuter" || jt === "LeftSemi" || jt === "LeftAnti") {
      for (const b of mergeJoin(
        {
          joinType: jt,
          leftOutput: outputOfPhysical(p.left),
          rightOutput: outputOfPhysical(p.right),
          leftKeys: p.leftKeys,
          rightKeys: p.rightKeys,
          condition: p.condition,
          output: p.output,
        },
        run(p.left, partition),
        run(p.right, partition),
        ctx.conf,
      )) {
        ctx.addMetric(p.id, "numOutputRows", b.numRows);
        yield b;
      }
      return;
    }
    // right and full outer joins: the right partition in a hash table, the left streamed
    const build = collectBatch(outputOfPhysical(p.right), run(p.right, partition));
    for (const b of joinBatches(
      {
        joinType: p.joinType,
        streamIsLeft: true,
        leftOutput: outputOfPhysical(p.left),
        rightOutput: outputOfPhysical(p.right),
        streamKeys: p.leftKeys,
        buildKeys: p.rightKeys,
        condition: p.condition,
        output: p.output,
      },
      run(p.left, partition),
      build,
      ctx.conf,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
