/** TakeOrderedAndProject: top-N by an ordering, then a projection (one output partition). */
import { sliceBatch } from "../columnar/batch.ts";
import { exprString } from "../explain/expr-string.ts";
import type { TakeOrderedAndProjectExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { batchOf, evaluate } from "./common.ts";
import type { OperatorDef } from "./operator.ts";
import { TopN } from "./top-n.ts";

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
    // limit -1: every row after the offset (ORDER BY ... OFFSET n)
    const keep = p.limit < 0 ? Number.POSITIVE_INFINITY : p.offset + p.limit;
    const top = new TopN(input, p.order, keep, ctx.conf);
    for (const b of ctx.shuffleInput(p.id, 0)) top.insert(b);
    const best = top.result();
    if (best === null || best.numRows <= p.offset) return;
    const rows = p.offset > 0 ? sliceBatch(best, p.offset, best.numRows) : best;
    const cols = evaluate(input, p.projectList, rows, ctx.conf);
    ctx.addMetric(p.id, "numOutputRows", rows.numRows);
    yield batchOf(outputOfPhysical(p), rows.numRows, cols);
  },
};
