/** TakeOrderedAndProject: top-N by an ordering, then a projection (one output partition). */
import { takeBatch } from "../columnar/batch.ts";
import { exprString } from "../explain/expr-string.ts";
import type { TakeOrderedAndProjectExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { batchOf, collectBatch, evaluate } from "./common.ts";
import { sortedIndices } from "./external-sorter.ts";
import type { OperatorDef } from "./operator.ts";

export const TakeOrderedAndProjectOp: OperatorDef<TakeOrderedAndProjectExec> = {
  describe: (p) =>
    `TakeOrderedAndProject(limit=${p.limit}, ${p.offset > 0 ? `offset=${p.offset}, ` : ""}orderBy=[${p.order.map(exprString).join(",")}], output=[${p.projectList.map(exprString).join(",")}])`,
  supportsCodegen: () => false,
  // its child is shuffled to one partition by the stage cutter (an implicit exchange)
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: () => ({ kind: "Single" }),
  outputOrdering: (p) => p.order,
  *execute(p, ctx) {
    const input = outputOfPhysical(p.child);
    const all = collectBatch(input, ctx.shuffleInput(p.id, 0));
    const idx = sortedIndices(input, p.order, all, ctx);
    const top = idx.subarray(p.offset, Math.min(idx.length, p.offset + p.limit));
    if (top.length === 0) return;
    const rows = takeBatch(all, top);
    const cols = evaluate(input, p.projectList, rows, ctx.conf);
    ctx.addMetric(p.id, "numOutputRows", top.length);
    yield batchOf(outputOfPhysical(p), top.length, cols);
  },
};
