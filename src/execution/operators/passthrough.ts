/**
 * Partitioning and ordering of a child, for operators that preserve them. The operator
 * table is installed by `registry.ts` when it loads, so operator modules never import the
 * registry (no module cycle, whatever is imported first).
 */
import type { SortOrder } from "../../catalyst/expressions/expression.ts";
import type { Partitioning, PhysicalPlan } from "../plan/physical-plan.ts";
import type { OperatorTable } from "./operator.ts";

let table: OperatorTable | undefined;

/** Called once by registry.ts. */
export function installOperators(t: OperatorTable): void {
  table = t;
}

function operators(): OperatorTable {
  if (table === undefined) throw new Error("operators/registry.ts is not loaded");
  return table;
}

export function childPartitioning(child: PhysicalPlan): Partitioning {
  return operators()[child.kind].outputPartitioning(child as never);
}

export function childOrdering(child: PhysicalPlan): readonly SortOrder[] {
  return operators()[child.kind].outputOrdering(child as never);
}
