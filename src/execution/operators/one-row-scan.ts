/** OneRowScan: the single empty row of `SELECT <expressions>` without FROM. */

import { structType } from "../../types/data-types.ts";
import { columnarBatch } from "../columnar/batch.ts";
import type { OneRowScanExec } from "../plan/physical-plan.ts";
import type { OperatorDef } from "./operator.ts";

export const OneRowScanOp: OperatorDef<OneRowScanExec> = {
  describe: () => "Scan OneRowRelation[]",
  supportsCodegen: () => true,
  requiredChildDistribution: () => [],
  requiredChildOrdering: () => [],
  outputPartitioning: () => ({ kind: "Single" }),
  outputOrdering: () => [],
  *execute(p, ctx) {
    ctx.addMetric(p.id, "numOutputRows", 1);
    yield columnarBatch(structType([]), 1, []);
  },
};
