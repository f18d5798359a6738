/**
 * DeduplicateRelations: when both sides of a join (or INTERSECT / EXCEPT) produce the same
 * attribute ids, as in a self join of one view, the right side is re-instanced: its
 * relations get fresh attributes and its aliases fresh ids, and every reference inside it
 * follows, so `x.a` and `y.a` are different columns.
 *
 *   Join Inner                           Join Inner
 *   :- SubqueryAlias x (a#1)      =>     :- SubqueryAlias x (a#1)
 *   +- SubqueryAlias y (a#1)             +- SubqueryAlias y (a#9)
 */
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import { attribute, newExprId } from "../expressions/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { transformUp } from "../trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

function fresh(a: AttributeReference, ids: Map<number, number>): AttributeReference {
  const id = newExprId();
  ids.set(a.exprId, id);
  return attribute(a.name, a.dataType, a.nullable, id, a.qualifier);
}

/** A copy of `plan` whose produced attributes all have new ids. */
export function newInstance(plan: LogicalPlan): LogicalPlan {
  const ids = new Map<number, number>();
  const remap = (e: Expression): Expression =>
    transformUp(e, (x) => {
      if (x.kind === "AttributeReference") {
        const id = ids.get(x.exprId);
        return id === undefined ? undefined : Object.freeze({ ...x, exprId: id });
      }
      return undefined;
    });
  return transformPlanUp(plan, (p) => {
    const q = mapExpressions(p, remap);
    switch (q.kind) {
      case "LocalRelation":
      case "CachedRelation":
      case "FileRelation":
      case "CteRelationRef":
        return Object.freeze({ ...q, output: Object.freeze(q.output.map((a) => fresh(a, ids))) });
      case "Range":
        return Object.freeze({
          ...q,
          output: Object.freeze([fresh(q.output[0], ids)]) as typeof q.output,
        });
      case "Expand":
        return Object.freeze({ ...q, output: Object.freeze(q.output.map((a) => fresh(a, ids))) });
      case "Generate":
        return Object.freeze({
          ...q,
          generatorOutput: Object.freeze(q.generatorOutput.map((a) => fresh(a, ids))),
        });
      case "Project":
      case "Aggregate":
      case "Window":
        return mapExpressions(q, (e) => {
          if (e.kind !== "Alias") return e;
          const id = newExprId();
          ids.set(e.exprId, id);
          return Object.freeze({ ...e, exprId: id });
        });
      default:
        return q;
    }
  });
}

function conflicting(left: LogicalPlan, right: LogicalPlan): boolean {
  const ids = new Set(outputOf(left).map((a) => a.exprId));
  return outputOf(right).some((a) => ids.has(a.exprId));
}

export const DeduplicateRelations: AnalyzerRule = {
  name: "DeduplicateRelations",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Join" && p.kind !== "Intersect" && p.kind !== "Except") return undefined;
      if (!isPlanResolved(p.left) || !isPlanResolved(p.right)) return undefined;
      if (!conflicting(p.left, p.right)) return undefined;
      return Object.freeze({ ...p, right: newInstance(p.right) });
    }),
};
