/** Project: computes named expressions per row (fused with Filters below it). */
import { exprList } from "../explain/expr-string.ts";
import type { ProjectExec } from "../plan/physical-plan.ts";
import { executeChain } from "./fused-pipeline.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

export const ProjectOp: OperatorDef<ProjectExec> = {
  describe: (p) => `Project ${exprList(p.projectList)}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => childOrdering(p.child),
  execute: executeChain,
};
