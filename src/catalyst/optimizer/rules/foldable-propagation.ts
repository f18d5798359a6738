/**
 * FoldablePropagation: a column defined as a constant (`1 AS x`) is replaced by that
 * constant wherever it is read above, through the operators that pass the column on
 * unchanged, so filters and sorts on it fold away.
 *
 *     Sort [x ASC]                          Sort [1 ASC]        (then EliminateSorts)
 *     +- Project [a, 1 AS x]          =>    +- Project [a, 1 AS x]
 *
 * A read at the top of a projection keeps its name and id (`1 AS x`). Constants do not
 * cross the null-supplying side of an outer join (there the column may be null), nor
 * operators that build their own output (Union, Expand, Generate, set operations).
 */
import type { Alias, Expression, ExprId } from "../../expressions/expression.ts";
import { alias } from "../../expressions/factories.ts";
import { isFoldable } from "../../expressions/typing.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { childrenOf, withNewChildren } from "../../trees/expression-tree.ts";
import { mapExpressions, planChildren, withNewPlanChildren } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

type Foldables = ReadonlyMap<ExprId, Alias>;

const NONE: Foldables = new Map();

/** Unary operators whose output is their child's columns, unchanged. */
const PASS_THROUGH = new Set([
  "Filter",
  "Sort",
  "GlobalLimit",
  "LocalLimit",
  "Offset",
  "Distinct",
  "Deduplicate",
  "Window",
  "SubqueryAlias",
  "Repartition",
  "RepartitionByExpression",
  "Sample",
  "ResolvedHint",
]);

function collect(list: readonly Expression[]): Map<ExprId, Alias> {
  const m = new Map<ExprId, Alias>();
  for (const e of list) {
    if (e.kind === "Alias" && e.child.kind === "Literal" && isFoldable(e.child)) m.set(e.exprId, e);
  }
  return m;
}

function replace(plan: LogicalPlan, m: Foldables): LogicalPlan {
  if (m.size === 0) return plan;
  const named = plan.kind === "Project" || plan.kind === "Aggregate";
  return mapExpressions(plan, (e) => {
    if (named && e.kind === "AttributeReference") {
      const a = m.get(e.exprId);
      return a ? alias(a.child, e.name, e.exprId, e.qualifier) : e;
    }
    return substitute(e, m);
  });
}

/**
 * Replaces reads of constant columns, but not inside subquery expressions: their outer
 * column lists must keep naming the columns the subquery plans read.
 */
function substitute(e: Expression, m: Foldables): Expression {
  if (e.kind === "AttributeReference") return m.get(e.exprId)?.child ?? e;
  if (e.kind === "ScalarSubquery" || e.kind === "Exists" || e.kind === "ListQuery") return e;
  const kids = childrenOf(e);
  if (kids.length === 0) return e;
  return withNewChildren(
    e,
    kids.map((k) => substitute(k, m)),
  );
}

function propagate(plan: LogicalPlan): [LogicalPlan, Foldables] {
  const children = planChildren(plan);
  if (children.length === 0) return [plan, NONE];
  const results = children.map(propagate);
  const node = withNewPlanChildren(
    plan,
    results.map(([c]) => c),
  );
  switch (node.kind) {
    case "Project": {
      const m = results[0]?.[1] ?? NONE;
      const p = replace(node, m);
      return [p, p.kind === "Project" ? collect(p.projectList) : NONE];
    }
    case "Aggregate": {
      const m = results[0]?.[1] ?? NONE;
      const p = replace(node, m);
      return [p, p.kind === "Aggregate" ? collect(p.aggregateExpressions) : NONE];
    }
    case "Join": {
      const [l, r] = [results[0]?.[1] ?? NONE, results[1]?.[1] ?? NONE];
      const all = new Map([...l, ...r]);
      const j = replace(node, all);
      if (j.kind !== "Join") return [j, NONE];
      const nullable = new Set<ExprId>();
      const addAll = (p: LogicalPlan) => {
        for (const a of outputOf(p)) nullable.add(a.exprId);
      };
      if (j.joinType === "LeftOuter") addAll(j.right);
      if (j.joinType === "RightOuter") addAll(j.left);
      if (j.joinType === "FullOuter") {
        addAll(j.left);
        addAll(j.right);
      }
      const out = new Set(outputOf(j).map((a) => a.exprId));
      return [j, new Map([...all].filter(([id]) => !nullable.has(id) && out.has(id)))];
    }
    default: {
      if (!PASS_THROUGH.has(node.kind)) return [node, NONE];
      const m = results[0]?.[1] ?? NONE;
      return [replace(node, m), m];
    }
  }
}

export const FoldablePropagation: Rule = {
  name: "FoldablePropagation",
  apply: (plan) => propagate(plan)[0],
};
