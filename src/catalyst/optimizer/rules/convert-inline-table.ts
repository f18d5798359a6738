/**
 * ConvertInlineTable: a multi-row `VALUES` list (a union of constant projections of the
 * one-row relation) becomes one LocalRelation holding its rows, as Spark's inline tables
 * are LocalRelations. Later rules then see a relation rather than a union: a correlated
 * filter over it is not pushed into every branch, so subqueries over VALUES decorrelate.
 *
 *     Union                                      LocalRelation [a, b] [[1, x], [2, y]]
 *     :- Project [1 AS a, x AS b] OneRow    =>
 *     +- Project [2 AS a, y AS b] OneRow
 *
 * Left alone when a value is not deterministic or fails to evaluate (the error then
 * surfaces at run time).
 */
import { evaluate } from "../../expressions/eval/index.ts";
import type { Expression } from "../../expressions/expression.ts";
import { localRelation } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { existsExpr } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { evaluable } from "./convert-to-local-relation.ts";

function constant(e: Expression): boolean {
  return evaluable(e) && !existsExpr(e, (x) => x.kind === "AttributeReference");
}

function rowsOf(p: LogicalPlan): unknown[][] | undefined {
  if (p.kind !== "Union" || p.children.length < 2) return undefined;
  const rows: unknown[][] = [];
  for (const c of p.children) {
    if (c.kind !== "Project" || c.child.kind !== "OneRowRelation") return undefined;
    if (!c.projectList.every(constant)) return undefined;
    try {
      rows.push(c.projectList.map((e) => evaluate(e.kind === "Alias" ? e.child : e, [])));
    } catch {
      return undefined;
    }
  }
  return rows;
}

export const ConvertInlineTable: Rule = {
  name: "ConvertInlineTable",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      const rows = rowsOf(p);
      return rows === undefined ? undefined : localRelation(outputOf(p), rows);
    }),
};
