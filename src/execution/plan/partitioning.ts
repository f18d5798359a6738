/**
 * Partitionings and distributions: how many partitions an output has, and whether an
 * output partitioning satisfies a required distribution (Spark's `Partitioning.satisfies`).
 */
import type { Expression, SortOrder } from "../../catalyst/expressions/expression.ts";
import { semanticEquals as catalystSemanticEquals } from "../../catalyst/optimizer/util/expressions.ts";
import { assertNever } from "../../types/data-types.ts";
import type { Distribution, Partitioning } from "./physical-plan.ts";

export function numPartitionsOf(p: Partitioning): number {
  switch (p.kind) {
    case "Single":
    case "Broadcast":
      return 1;
    case "Hash":
    case "Range":
    case "RoundRobin":
    case "Unknown":
      return p.numPartitions;
    default:
      return assertNever(p, "partitioning");
  }
}

/**
 * Spark's semanticEquals: attributes by id, ignoring qualifiers, metadata and the query
 * text an expression came from (two `(l * 1)` at different positions are equal).
 */
export function semanticEquals(a: Expression, b: Expression): boolean {
  return catalystSemanticEquals(a, b);
}

function sameOrder(a: SortOrder, b: SortOrder): boolean {
  return (
    a.direction === b.direction &&
    a.nullOrdering === b.nullOrdering &&
    semanticEquals(a.child, b.child)
  );
}

/** Whether `required` is a prefix of `actual` (Spark's `SortOrder.orderingSatisfies`). */
export function orderingSatisfies(
  actual: readonly SortOrder[],
  required: readonly SortOrder[],
): boolean {
  if (required.length === 0) return true;
  if (required.length > actual.length) return false;
  return required.every((r, i) => sameOrder(actual[i] as SortOrder, r));
}

export function satisfies(p: Partitioning, d: Distribution): boolean {
  if (d.kind !== "Unspecified" && p.kind === "Unknown" && p.satisfiesNothing === true) return false;
  switch (d.kind) {
    case "Unspecified":
      return true;
    case "AllTuples":
      return numPartitionsOf(p) === 1 && p.kind !== "Broadcast";
    case "Broadcast":
      return p.kind === "Broadcast";
    case "Clustered":
      if (p.kind === "Single") return true;
      if (p.kind === "Hash") {
        // every partitioning expression is one of the clustering expressions
        return (
          p.expressions.length > 0 &&
          p.expressions.every((e) => d.expressions.some((c) => semanticEquals(e, c)))
        );
      }
      if (p.kind === "Range") {
        return p.ordering.every((o) => d.expressions.some((c) => semanticEquals(o.child, c)));
      }
      return false;
    case "Ordered":
      if (p.kind === "Single") return true;
      if (p.kind === "Range") return orderingSatisfies(p.ordering, d.ordering);
      return false;
    default:
      return assertNever(d, "distribution");
  }
}
