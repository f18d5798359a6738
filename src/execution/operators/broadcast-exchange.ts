/**
 * BroadcastExchange: the driver collects the child (a job of its own) and ships every
 * batch to each task of the consuming stage, inside the stage payload.
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { dataTypeOf, nullableOf } from "../../catalyst/expressions/typing.ts";
import { simpleString } from "../../types/data-types.ts";
import { columnarBatch } from "../columnar/batch.ts";
import type { BroadcastExchangeExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { schemaOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

/** `input[1, string, false]`: a key bound to the build side's columns, as Spark prints it. */
function boundString(e: Expression, p: BroadcastExchangeExec): string {
  if (e.kind === "AttributeReference") {
    const k = outputOfPhysical(p.child).findIndex((a) => a.exprId === e.exprId);
    return `input[${k}, ${simpleString(e.dataType)}, ${e.nullable}]`;
  }
  return `input[?, ${simpleString(dataTypeOf(e))}, ${nullableOf(e)}]`;
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
