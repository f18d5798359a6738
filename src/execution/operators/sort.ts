import { exprList } from "../explain/expr-string.ts";
import type { SortExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { ExternalSorter } from "./external-sorter.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";
import { TopN } from "./top-n.ts";

export const SortOp: OperatorDef<SortExec> = {
  describe: (p) => `Sort ${exprList(p.order)}, ${p.global}, 0`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) =>
    p.global ? [{ kind: "Ordered", ordering: p.order }] : [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => p.order,
  *execute(p, ctx, partition, run) {
    if (p.limit !== undefined) {
      // only the partition's first `limit` rows are needed: a top-N, no full sort
      const top = new TopN(outputOfPhysical(p.child), p.order, p.limit, ctx.conf);
      for (const b of run(p.child, partition)) top.insert(b);
      const best = top.result();
      if (best === null) return;
      ctx.addMetric(p.id, "numOutputRows", best.numRows);
      yield best;
      return;
    }
    const sorter = new ExternalSorter(outputOfPhysical(p.child), p.order, ctx, p.id);
    for (const b of run(p.child, partition)) sorter.insert(b);
    let rows = 0;
    for (const b of sorter.finish()) {
      rows += b.numRows;
      yield b;
    }
    ctx.addMetric(p.id, "numOutputRows", rows);
    ctx.addMetric(p.id, "peakMemory", sorter.peakBytes);
  },
};
