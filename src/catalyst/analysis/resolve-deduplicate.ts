/**
 * ResolveDeduplicate: `dropDuplicates()` without columns deduplicates on every column of
 * its input, as Spark's `Deduplicate(child.output)`. Named keys are resolved by
 * ResolveReferences like any other expression.
 */
import { outputOf } from "../plans/output.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveDeduplicate: AnalyzerRule = {
  name: "ResolveDeduplicate",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Deduplicate" && p.keys.length === 0 && isPlanResolved(p.child)
        ? Object.freeze({ ...p, keys: Object.freeze([...outputOf(p.child)]) })
        : undefined,
    ),
};
