/** Partitioning and ordering of a child, for operators that preserve them. */
import type { SortOrder } from "../../catalyst/expressions/expression.ts";
import type { Partitioning, PhysicalPlan } from "../plan/physical-plan.ts";
import { OPERATORS } from "./registry.ts";

export function childPartitioning(child: PhysicalPlan): Partitioning {
  return OPERATORS[child.kind].outputPartitioning(child as never);
}

export function childOrdering(child: PhysicalPlan): readonly SortOrder[] {
  return OPERATORS[child.kind].outputOrdering(child as never);
}
