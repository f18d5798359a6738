/** Sort: orders each partition's rows (a global sort follows a range exchange). */
import type { SortOrder } from "../../catalyst/expressions/expression.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { takeBatch } from "../columnar/batch.ts";
import { toValues } from "../columnar/vector.ts";
import { exprList } from "../explain/expr-string.ts";
import type { PhysicalPlan, SortExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch, evaluate } from "./common.ts";
import type { ExecConf, OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";
import { compareRows } from "./sort-util.ts";

/** The rows of `batch` ordered by `order` (stable), as row indices. */
export function sortIndices(
  child: PhysicalPlan,
  order: readonly SortOrder[],
  batch: ColumnarBatch,
  conf: ExecConf,
): Int32Array {
  const keys = evaluate(
    outputOfPhysical(child),
    order.map((o) => o.child),
    batch,
    conf,
  ).map(toValues);
  const n = batch.numRows;
  const rows: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = keys.map((k) => k[i]);
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => compareRows(order, rows[a] as unknown[], rows[b] as unknown[]) || a - b);
  return Int32Array.from(idx);
}

export const SortOp: OperatorDef<SortExec> = {
  describe: (p) => `Sort ${exprList(p.order)}, ${p.global}, 0`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) =>
    p.global ? [{ kind: "Ordered", ordering: p.order }] : [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => p.order,
  *execute(p, ctx, partition, run) {
    const all = collectBatch(outputOfPhysical(p.child), run(p.child, partition));
    if (all.numRows === 0) return;
    ctx.addMetric(p.id, "numOutputRows", all.numRows);
    yield takeBatch(all, sortIndices(p.child, p.order, all, ctx.conf));
  },
};
