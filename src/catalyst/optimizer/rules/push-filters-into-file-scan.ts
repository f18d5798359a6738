/**
 * PushFiltersIntoFileScan: a filter directly over a file relation tells the scan which
 * conjuncts it may use to skip files, row groups and partitions (`pushedFilters`). The
 * filter itself stays: pushed filters are hints, rows are still checked above.
 *
 *     Filter (isnotnull(a) AND (a > 1) AND ((a + b) > 3))       the same Filter, over
 *     +- Relation [a, b] parquet                           =>   Relation [a, b] parquet,
 *                                                               pushed [isnotnull(a), (a > 1)]
 *
 * Only what a data source can evaluate on its own is pushed, as Spark's source filters:
 * comparisons of a column with a literal, IS [NOT] NULL, IN over literals, startswith /
 * endswith / contains with a literal, and AND / OR / NOT of those.
 */
import type { Expression } from "../../expressions/expression.ts";
import { splitConjuncts } from "../../expressions/factories.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import { deepEqual } from "../plan-checks.ts";
import type { Rule } from "../rule.ts";

const STRING_FUNCTIONS = new Set(["startswith", "endswith", "contains"]);

/** Whether a data source can evaluate `e` itself (Spark's translatable source filters). */
export function isSourceFilter(e: Expression): boolean {
  switch (e.kind) {
    case "BinaryComparison":
      return (
        (e.left.kind === "AttributeReference" && e.right.kind === "Literal") ||
        (e.left.kind === "Literal" && e.right.kind === "AttributeReference")
      );
    case "IsNull":
    case "IsNotNull":
      return e.child.kind === "AttributeReference";
    case "In":
      return e.value.kind === "AttributeReference" && e.list.every((x) => x.kind === "Literal");
    case "InSet":
      return e.child.kind === "AttributeReference";
    case "And":
    case "Or":
      return isSourceFilter(e.left) && isSourceFilter(e.right);
    case "Not":
      return isSourceFilter(e.child);
    case "ScalarFunction":
      return (
        STRING_FUNCTIONS.has(e.name.toLowerCase()) &&
        e.args[0]?.kind === "AttributeReference" &&
        e.args[1]?.kind === "Literal"
      );
    default:
      return false;
  }
}

export const PushFiltersIntoFileScan: Rule = {
  name: "PushFiltersIntoFileScan",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Filter" || p.child.kind !== "FileRelation") return undefined;
      const scan = p.child;
      const pushed = splitConjuncts(p.condition).filter(
        (c) => isDeterministic(c) && isSourceFilter(c),
      );
      if (deepEqual(pushed, scan.pushedFilters)) return undefined;
      return Object.freeze({ ...p, child: Object.freeze({ ...scan, pushedFilters: pushed }) });
    }),
};
