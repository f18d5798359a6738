/** Expand: every input row yields one row per projection (grouping sets). */
import { columnarBatch, concatBatches } from "../columnar/batch.ts";
import { take } from "../columnar/kernels.ts";
import { exprString } from "../explain/expr-string.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type { ExpandExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { evaluate, schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

export const ExpandOp: OperatorDef<ExpandExec> = {
  describe: (p) =>
    `Expand [${p.projections.map((ps) => `[${ps.map(exprString).join(", ")}]`).join(", ")}], [${p.output.map(exprString).join(", ")}]`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  // the output columns differ from the input's, so a hash partitioning no longer holds
  outputPartitioning: (p) => {
    const c = childPartitioning(p.child);
    return c.kind === "Single" ? c : { kind: "Unknown", numPartitions: numPartitionsOf(c) };
  },
  outputOrdering: () => [],
  *execute(p, ctx, partition, run) {
    const input = outputOfPhysical(p.child);
    const schema = schemaOf(p.output);
    const k = p.projections.length;
    for (const b of run(p.child, partition)) {
      const n = b.numRows;
      if (n === 0) continue;
      const parts = p.projections.map((ps) =>
        columnarBatch(schema, n, evaluate(input, ps, b, ctx.conf)),
      );
      const all = concatBatches(schema, parts);
      // row i under every projection, then row i + 1 (Spark's order)
      const idx = new Int32Array(n * k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) idx[i * k + j] = j * n + i;
      ctx.addMetric(p.id, "numOutputRows", n * k);
      yield columnarBatch(
        schema,
        n * k,
        all.columns.map((c) => take(c, idx)),
      );
    }
  },
};
