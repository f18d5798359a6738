/**
 * QUALIFY: a filter on window functions of the select list's rows. The parser puts it as
 * a Filter over the select's Project (or Aggregate); the window functions are computed by
 * that node under names of their SQL (qualified, as Spark names them) and projected away:
 *
 *   Filter (row_number() OVER (...) = 1)          Project [a#1, b#2]
 *   +- Project [a#1, b#2]                 =>      +- Filter (row_number() OVER (ORDER BY t.a ...)#7 = 1)
 *                                                    +- Project [a#1, b#2, row_number() OVER (...) AS ...#7]
 *
 * ExtractWindowExpressions then moves the windows into Window nodes.
 */
import type { Alias, Expression } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { transformUp } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { containsWindow, isPlanResolved } from "./plan-utils.ts";
import { qualifiedSql } from "./pretty-sql.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveQualify: AnalyzerRule = {
  name: "ResolveQualify",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Filter" || !isResolved(p.condition) || !containsWindow(p.condition))
        return undefined;
      const child = p.child;
      if ((child.kind !== "Project" && child.kind !== "Aggregate") || !isPlanResolved(child))
        return undefined;
      if (child.kind === "Project" && !isPlanResolved(child.child)) return undefined;
      const added: Alias[] = [];
      const condition: Expression = transformUp(p.condition, (x) => {
        if (x.kind !== "WindowExpression" || x.spec.frame === null) return undefined;
        const a = alias(x, qualifiedSql(x));
        added.push(a);
        return toAttribute(a);
      });
      if (added.length === 0) return undefined;
      const widened: LogicalPlan =
        child.kind === "Project"
          ? Object.freeze({
              ...child,
              projectList: Object.freeze([...child.projectList, ...added]),
            })
          : Object.freeze({
              ...child,
              aggregateExpressions: Object.freeze([...child.aggregateExpressions, ...added]),
            });
      const filtered = Object.freeze({ ...p, condition, child: widened });
      return Object.freeze({
        kind: "Project",
        projectList: Object.freeze([...outputOf(child)]),
        child: filtered,
      });
    }),
};
