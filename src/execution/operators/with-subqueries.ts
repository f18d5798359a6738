/** WithSubqueries: executePlan resolves the subqueries; the node itself only passes rows on. */
import type { WithSubqueriesExec } from "../plan/physical-plan.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

export const WithSubqueriesOp: OperatorDef<WithSubqueriesExec> = {
  describe: () => "WithSubqueries",
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => childOrdering(p.child),
  execute: (p, _ctx, partition, run) => run(p.child, partition),
};
