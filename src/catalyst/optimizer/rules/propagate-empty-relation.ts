/**
 * PropagateEmptyRelation: operators over a relation known to be empty (a LocalRelation
 * without rows) produce nothing, and collapse into an empty relation of their output.
 *
 *     Filter/Project/Sort/Limit/Distinct/Window/Generate/... (empty)    =>  empty
 *     Aggregate with grouping keys (empty)                              =>  empty
 *         (a global aggregate still produces its one row)
 *     Union: empty branches are dropped; all empty => empty
 *     Join: Inner/Cross/LeftSemi with an empty side, LeftOuter/LeftAnti with an empty
 *         left, RightOuter with an empty right, FullOuter with both empty => empty;
 *         LeftAnti with an empty right => left;
 *         an outer join with an empty null-supplying side => the preserved side with
 *         null columns for the other.
 */
import type { Expression } from "../../expressions/expression.ts";
import { alias, literal } from "../../expressions/factories.ts";
import { localRelation, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

export function isEmptyRelation(p: LogicalPlan): boolean {
  return p.kind === "LocalRelation" && p.rows.length === 0;
}

function empty(p: LogicalPlan): LogicalPlan {
  return localRelation(outputOf(p), []);
}

/** `keep` joined with nothing: its columns, then typed nulls named as `other`'s. */
function nullExtended(p: LogicalPlan, keep: LogicalPlan): LogicalPlan {
  const out = outputOf(p);
  const keepIds = new Set(outputOf(keep).map((a) => a.exprId));
  const list: Expression[] = out.map((a) =>
    keepIds.has(a.exprId) ? a : alias(literal(null, a.dataType), a.name, a.exprId, a.qualifier),
  );
  return project(list, keep);
}

const PASS_THROUGH = new Set([
  "Project",
  "Filter",
  "Sort",
  "GlobalLimit",
  "LocalLimit",
  "Offset",
  "Distinct",
  "Deduplicate",
  "Window",
  "Repartition",
  "RepartitionByExpression",
  "Sample",
  "Expand",
  "Generate",
  "SubqueryAlias",
  "ResolvedHint",
]);

export function propagateEmpty(p: LogicalPlan): LogicalPlan | undefined {
  if (PASS_THROUGH.has(p.kind)) {
    const child = (p as { child: LogicalPlan }).child;
    // An outer generator still yields a row per input row, but there are none.
    return isEmptyRelation(child) ? empty(p) : undefined;
  }
  switch (p.kind) {
    case "Aggregate":
      return p.groupingExpressions.length > 0 && isEmptyRelation(p.child) ? empty(p) : undefined;
    case "Union": {
      const kept = p.children.filter((c) => !isEmptyRelation(c));
      if (kept.length === p.children.length) return undefined;
      if (kept.length === 0) return empty(p);
      if (kept.length === 1 && kept[0]) {
        const only = kept[0];
        // The union's output ids are its first child's: keep them.
        const out = outputOf(p);
        const childOut = outputOf(only);
        if (out.every((a, i) => a.exprId === childOut[i]?.exprId)) return only;
        return project(
          childOut.map((a, i) => {
            const o = out[i];
            return o ? alias(a, o.name, o.exprId) : a;
          }),
          only,
        );
      }
      // Dropping the first child would change the union's ids; keep it as it is.
      if (isEmptyRelation(p.children[0] as LogicalPlan)) return undefined;
      return Object.freeze({ ...p, children: kept });
    }
    case "Intersect":
      return isEmptyRelation(p.left) || isEmptyRelation(p.right) ? empty(p) : undefined;
    case "Except":
      return isEmptyRelation(p.left) ? empty(p) : undefined;
    case "Join": {
      const l = isEmptyRelation(p.left);
      const r = isEmptyRelation(p.right);
      if (!l && !r) return undefined;
      switch (p.joinType) {
        case "Inner":
        case "Cross":
        case "LeftSemi":
          return empty(p);
        case "LeftOuter":
          return l ? empty(p) : nullExtended(p, p.left);
        case "RightOuter":
          return r ? empty(p) : nullExtended(p, p.right);
        case "FullOuter":
          if (l && r) return empty(p);
          return l ? nullExtended(p, p.right) : nullExtended(p, p.left);
        case "LeftAnti":
          return l ? empty(p) : p.left;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

export const PropagateEmptyRelation: Rule = {
  name: "PropagateEmptyRelation",
  apply: (plan) => transformPlanUp(plan, propagateEmpty),
};
