/** Filter: keeps rows whose condition is true (fused with Projects and Filters below). */
import { exprString } from "../explain/expr-string.ts";
import type { FilterExec } from "../plan/physical-plan.ts";
import { executeChain } from "./fused-pipeline.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

export const FilterOp: OperatorDef<FilterExec> = {
  describe: (p) => `Filter ${exprString(p.condition)}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => childOrdering(p.child),
  execute: executeChain,
};
