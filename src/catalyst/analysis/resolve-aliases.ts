/**
 * ResolveAliases: names the unnamed items of select lists (Project, Aggregate) once they
 * are resolved, with Spark's generated names: the pretty SQL of the expression
 * (`sum(salary)`, `(a + 1)`), the column's own name for a cast of a column
 * (`CAST(a AS STRING)` is named `a`), and the field name for struct fields.
 * Generators are left for ExtractGenerator, which names their output columns.
 */
import type { Expression } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { prettySql } from "./pretty-sql.ts";
import type { AnalyzerRule } from "./rule.ts";

/** The name Spark gives an unaliased select-list expression. */
export function autoName(e: Expression): string {
  if (e.kind === "Cast" && (e.child.kind === "AttributeReference" || e.child.kind === "Alias")) {
    return e.child.name;
  }
  return prettySql(e);
}

function nameItem(e: Expression): Expression {
  const inner = e.kind === "UnresolvedAlias" ? e.child : e;
  if (!isResolved(inner)) return e;
  switch (inner.kind) {
    case "AttributeReference":
    case "Alias":
      return inner;
    case "Generator":
      return e;
    default:
      return alias(inner, autoName(inner));
  }
}

function nameList(list: readonly Expression[]): readonly Expression[] {
  let changed = false;
  const out = list.map((e) => {
    const n = nameItem(e);
    if (n !== e) changed = true;
    return n;
  });
  return changed ? Object.freeze(out) : list;
}

/** Names the resolved unnamed items of one Project / Aggregate (the node itself if none). */
export function nameSelectList(p: LogicalPlan): LogicalPlan {
  if (p.kind === "Project") {
    const l = nameList(p.projectList);
    return l === p.projectList ? p : Object.freeze({ ...p, projectList: l });
  }
  if (p.kind === "Aggregate") {
    const l = nameList(p.aggregateExpressions);
    return l === p.aggregateExpressions ? p : Object.freeze({ ...p, aggregateExpressions: l });
  }
  return p;
}

export const ResolveAliases: AnalyzerRule = {
  name: "ResolveAliases",
  apply: (plan) => transformPlanUp(plan, nameSelectList),
};
