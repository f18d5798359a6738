/**
 * EnsureRequirements: inserts an exchange below every child whose output partitioning does
 * not satisfy the distribution its parent requires, and a (partition-local) Sort below
 * every child whose ordering does not satisfy the parent's required ordering. Children that
 * must be co-partitioned (both sides of a sort-merge join) are shuffled on their keys, in
 * key order, into the same number of partitions.
 *
 *   HashAggregate(Final, keys=k)            HashAggregate(Final, keys=k)
 *     HashAggregate(Partial)       =>        Exchange hashpartitioning(k, 200)
 *                                              HashAggregate(Partial)
 */
import type { Expression, SortOrder } from "../../catalyst/expressions/expression.ts";
import { OPERATORS } from "../operators/registry.ts";
import {
  numPartitionsOf,
  orderingSatisfies,
  satisfies,
  semanticEquals,
} from "../plan/partitioning.ts";
import type {
  BroadcastExchangeExec,
  Distribution,
  Partitioning,
  PhysicalPlan,
  ShuffleExchangeExec,
  SortExec,
} from "../plan/physical-plan.ts";
import { physicalChildren, transformPhysicalUp, withNewPhysicalChildren } from "../plan/tree.ts";
import type { PlannerSettings } from "./config.ts";
import { newNodeId } from "./node-ids.ts";

export function outputPartitioningOf(p: PhysicalPlan): Partitioning {
  return OPERATORS[p.kind].outputPartitioning(p as never);
}

export function outputOrderingOf(p: PhysicalPlan): readonly SortOrder[] {
  return OPERATORS[p.kind].outputOrdering(p as never);
}

function shuffle(child: PhysicalPlan, partitioning: Partitioning): ShuffleExchangeExec {
  return Object.freeze({
    kind: "ShuffleExchange",
    id: newNodeId(),
    codegenStageId: 0,
    partitioning,
    origin: "ENSURE_REQUIREMENTS",
    child,
  });
}

function broadcast(child: PhysicalPlan, keys: readonly Expression[]): BroadcastExchangeExec {
  return Object.freeze({
    kind: "BroadcastExchange",
    id: newNodeId(),
    codegenStageId: 0,
    keys,
    child,
  });
}

function sortNode(child: PhysicalPlan, order: readonly SortOrder[]): SortExec {
  return Object.freeze({
    kind: "Sort",
    id: newNodeId(),
    codegenStageId: 0,
    order,
    global: false,
    child,
  });
}

function broadcastKeys(parent: PhysicalPlan, childIndex: number): readonly Expression[] {
  if (parent.kind !== "BroadcastHashJoin") return [];
  return childIndex === 0 ? parent.leftKeys : parent.rightKeys;
}

function exchangeFor(d: Distribution, n: number): Partitioning {
  switch (d.kind) {
    case "Clustered":
      return { kind: "Hash", expressions: d.expressions, numPartitions: n };
    case "Ordered":
      return { kind: "Range", ordering: d.ordering, numPartitions: n };
    default:
      return { kind: "Single" };
  }
}

function hashOnExactly(p: Partitioning, keys: readonly Expression[], n: number): boolean {
  return (
    p.kind === "Hash" &&
    p.numPartitions === n &&
    p.expressions.length === keys.length &&
    p.expressions.every((e, i) => semanticEquals(e, keys[i] as Expression))
  );
}

function ensureNode(p: PhysicalPlan, s: PlannerSettings): PhysicalPlan {
  const op = OPERATORS[p.kind];
  const dists = op.requiredChildDistribution(p as never);
  const orders = op.requiredChildOrdering(p as never);
  let children = [...physicalChildren(p)];
  children = children.map((c, i) => {
    const d = dists[i] ?? { kind: "Unspecified" };
    if (d.kind === "Broadcast") {
      return outputPartitioningOf(c).kind === "Broadcast" ? c : broadcast(c, broadcastKeys(p, i));
    }
    if (satisfies(outputPartitioningOf(c), d)) return c;
    return shuffle(c, exchangeFor(d, s.shufflePartitions));
  });
  // co-partition children that are clustered on keys (joins)
  const clustered = dists.filter((d) => d.kind === "Clustered").length;
  if (clustered > 1) {
    const counts = children.map((c) => numPartitionsOf(outputPartitioningOf(c)));
    const n = Math.max(...counts.filter((_, i) => dists[i]?.kind === "Clustered"));
    children = children.map((c, i) => {
      const d = dists[i];
      if (d?.kind !== "Clustered") return c;
      if (hashOnExactly(outputPartitioningOf(c), d.expressions, n)) return c;
      const base = c.kind === "ShuffleExchange" ? c.child : c;
      return shuffle(base, { kind: "Hash", expressions: d.expressions, numPartitions: n });
    });
  }
  children = children.map((c, i) => {
    const req = orders[i] ?? [];
    if (req.length === 0 || orderingSatisfies(outputOrderingOf(c), req)) return c;
    return sortNode(c, req);
  });
  return withNewPhysicalChildren(p, children);
}

export function ensureRequirements(plan: PhysicalPlan, s: PlannerSettings): PhysicalPlan {
  return transformPhysicalUp(plan, (p) => ensureNode(p, s));
}
