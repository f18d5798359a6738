/**
 * BroadcastExchange: the driver collects the child (a job of its own) and ships every
 * batch to each task of the consuming stage, inside the stage payload.
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { transformUp } from "../../catalyst/trees/expression-tree.ts";
import { columnarBatch } from "../columnar/batch.ts";
import { exprString } from "../explain/expr-string.ts";
import type { BroadcastExchangeExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

/** A key bound to the build side's columns, as Spark prints it (`input[1, string, false]`). */
function boundString(e: Expression, p: BroadcastExchangeExec): string {
  const out = outputOfPhysical(p.child);
  const bound = transformUp(e, (x) => {
    if (x.kind !== "AttributeReference") return undefined;
    const k = out.findIndex((a) => a.exprId === x.exprId);
    return { kind: "BoundReference", ordinal: k, dataType: x.dataType, nullable: x.nullable };
  });
  return exprString(bound);
}

export const BroadcastExchangeOp: OperatorDef<BroadcastExchangeExec> = {
  describe: (p) =>
    p.keys.length === 0
      ? `BroadcastExchange IdentityBroadcastMode, [plan_id=${p.id}]`
      : `BroadcastExchange HashedRelationBroadcastMode(List(${p.keys.map((k) => boundString(k, p)).join(", ")}),false), [plan_id=${p.id}]`,
  supportsCodegen: () => false,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: () => ({ kind: "Broadcast" }),
  outputOrdering: () => [],
  *execute(p, ctx) {
    const schema = schemaOf(outputOfPhysical(p));
    for (const b of ctx.broadcastInput(p.id)) yield columnarBatch(schema, b.numRows, b.columns);
  },
};
