/**
 * ColumnPruning: drops columns no ancestor reads, as early in the plan as possible.
 *
 *     Project [a#1]                       =>  Project [a#1]
 *     +- Project [a#1, (b#2 + 1) AS x#4]      +- Project [a#1]
 *     Project [a#1] (Aggregate ... [a#1, sum(b) AS s])  =>  the aggregate keeps only a#1
 *     Aggregate over a wider child        =>  Project [used columns] below the aggregate
 *     a LEFT SEMI/ANTI JOIN b             =>  b keeps only the columns the condition reads
 *     Project [..] (Union x, y)           =>  each union child projected to the used positions
 *     Project [..] (Window ...)           =>  unused window expressions dropped
 *     Project [..] (Generate g x)         =>  x pruned to what g and the project read; the
 *                                             columns only g reads are not output

 *     Project [p] (Filter|Sort|Join|... (x))  =>  Project [columns p and the node read] below
 *     Project [..] (Filter c (Project [attributes] x))  =>  the inner Project removed
 *         (a second pass, as in Spark: it would block pushing the filter down)
 *
 * The projection inserted below keeps the child's column order.
 */
import type { Expression, ExprId } from "../../expressions/expression.ts";
import { project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../../plans/output.ts";
import {
  planChildren,
  planExpressions,
  transformPlanDown,
  transformPlanUp,
  withNewPlanChildren,
} from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { isSubsetOf, outputIds, referencesOfAll } from "../util/expressions.ts";

/** `child` narrowed to the columns in `required`, or `child` when it has no others. */
function prunedChild(child: LogicalPlan, required: ReadonlySet<ExprId>): LogicalPlan {
  const out = outputOf(child);
  if (out.every((a) => required.has(a.exprId))) return child;
  return project(
    out.filter((a) => required.has(a.exprId)),
    child,
  );
}

function refsOf(p: LogicalPlan): Set<ExprId> {
  return referencesOfAll(planExpressions(p));
}

function keepNamed(list: readonly Expression[], used: ReadonlySet<ExprId>): Expression[] {
  return list.filter((e) => used.has(toAttribute(e).exprId));
}

const NO_PUSH_BELOW = new Set([
  "Project",
  "Union",
  "LocalRelation",
  "Range",
  "OneRowRelation",
  "FileRelation",
  "CachedRelation",
  "CteRelationRef",
  "Generate",
  "Expand",
  "Intersect",
  "Except",
  "Distinct",
  "Deduplicate",
  "WithCte",
]);

function pruneUnderProject(p: LogicalPlan & { kind: "Project" }): LogicalPlan | undefined {
  const used = refsOf(p);
  const c = p.child;
  switch (c.kind) {
    case "Project": {
      if (isSubsetOf(outputIds(c), used)) return undefined;
      return Object.freeze({
        ...p,
        child: Object.freeze({ ...c, projectList: keepNamed(c.projectList, used) }),
      });
    }
    case "Aggregate": {
      if (isSubsetOf(outputIds(c), used)) return undefined;
      return Object.freeze({
        ...p,
        child: Object.freeze({
          ...c,
          aggregateExpressions: keepNamed(c.aggregateExpressions, used),
        }),
      });
    }
    case "Window": {
      const windowIds = new Set(c.windowExpressions.map((w) => w.exprId));
      const keep = c.windowExpressions.filter((w) => used.has(w.exprId));
      if (keep.length === c.windowExpressions.length) break;
      if (windowIds.size > 0 && keep.length === 0) return Object.freeze({ ...p, child: c.child });
      return Object.freeze({ ...p, child: Object.freeze({ ...c, windowExpressions: keep }) });
    }
    case "Union": {
      const first = outputOf(c);
      const keepIdx: number[] = [];
      first.forEach((a, i) => {
        if (used.has(a.exprId)) keepIdx.push(i);
      });
      if (keepIdx.length === first.length) return undefined;
      const children = c.children.map((ch) => {
        const out = outputOf(ch);
        return project(
          keepIdx.map((i) => out[i]).filter((a) => a !== undefined),
          ch,
        );
      });
      return Object.freeze({ ...p, child: Object.freeze({ ...c, children }) });
    }
    case "Generate": {
      // Child columns neither read above nor by the generator are not needed at all;
      // those only the generator reads are marked unrequired (not output).
      const genRefs = refsOf(c);
      const required = new Set([...used, ...genRefs]);
      for (const a of c.generatorOutput) required.delete(a.exprId);
      const child = prunedChild(c.child, required);
      const unrequired = outputOf(child)
        .map((a, i) => (used.has(a.exprId) ? -1 : i))
        .filter((i) => i >= 0);
      const same =
        child === c.child &&
        unrequired.length === c.unrequiredChildIndex.length &&
        unrequired.every((x, i) => x === c.unrequiredChildIndex[i]);
      if (same) return undefined;
      return Object.freeze({
        ...p,
        child: Object.freeze({ ...c, child, unrequiredChildIndex: unrequired }),
      });
    }
    default:
      break;
  }
  if (NO_PUSH_BELOW.has(c.kind)) return undefined;
  const required = new Set([...used, ...refsOf(c)]);
  if (c.kind === "Window") for (const w of c.windowExpressions) required.delete(w.exprId);
  const kids = planChildren(c);
  const pruned = kids.map((k) => prunedChild(k, required));
  if (pruned.every((k, i) => k === kids[i])) return undefined;
  return Object.freeze({ ...p, child: withNewPlanChildren(c, pruned) });
}

export function pruneColumns(p: LogicalPlan): LogicalPlan | undefined {
  switch (p.kind) {
    case "Project":
      return pruneUnderProject(p);
    case "Aggregate": {
      const child = prunedChild(p.child, refsOf(p));
      return child === p.child ? undefined : Object.freeze({ ...p, child });
    }
    case "Join": {
      if (p.joinType !== "LeftSemi" && p.joinType !== "LeftAnti") return undefined;
      const right = prunedChild(p.right, refsOf(p));
      return right === p.right ? undefined : Object.freeze({ ...p, right });
    }
    case "Expand": {
      const child = prunedChild(p.child, refsOf(p));
      return child === p.child ? undefined : Object.freeze({ ...p, child });
    }
    default:
      return undefined;
  }
}

/**
 * A projection of plain attributes between a projection and a filter only blocks
 * predicate pushdown through the upper projection; the upper one prunes anyway.
 */
function removeProjectBeforeFilter(p: LogicalPlan): LogicalPlan | undefined {
  if (p.kind !== "Project" || p.child.kind !== "Filter") return undefined;
  const f = p.child;
  const g = f.child;
  if (
    g.kind === "Project" &&
    g.projectList.every((e) => e.kind === "AttributeReference") &&
    isSubsetOf(outputIds(g), outputIds(g.child))
  ) {
    return Object.freeze({ ...p, child: Object.freeze({ ...f, child: g.child }) });
  }
  return undefined;
}

export const ColumnPruning: Rule = {
  name: "ColumnPruning",
  apply: (plan) =>
    transformPlanUp(transformPlanDown(plan, pruneColumns), removeProjectBeforeFilter),
};
