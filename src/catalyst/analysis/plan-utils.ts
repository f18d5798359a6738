/** Small helpers shared by the analyzer's rules. */
import { sameTypeIgnoringNullability } from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { exprString } from "../plans/tree-string.ts";
import { childrenOf, existsExpr } from "../trees/expression-tree.ts";
import { planChildren, planExpressions } from "../trees/plan-tree.ts";
import { generateOutputResolved } from "./resolve-generate.ts";

const resolvedCache = new WeakMap<LogicalPlan, boolean>();

/** Whether a plan node kind still needs the analyzer regardless of its expressions. */
export function isUnresolvedNode(p: LogicalPlan): boolean {
  switch (p.kind) {
    case "UnresolvedRelation":
    case "UnresolvedHint":
    case "WithColumns":
    case "WithColumnsRenamed":
    case "DropColumns":
    case "NaFill":
    case "NaDrop":
    case "Describe":
    case "Pivot":
    case "Unpivot":
      return true;
    case "Join":
      return p.usingColumns !== null;
    case "Union":
      // As Spark's Union.resolved: by position, and every column of one type.
      return p.byName || !sameColumnTypes(p.children);
    case "Intersect":
    case "Except":
      return !sameColumnTypes([p.left, p.right]);
    case "Generate":
      return !generateOutputResolved(p);
    default:
      return false;
  }
}

/** Whether set-operation children (already resolved) agree on column count and types. */
function sameColumnTypes(children: readonly LogicalPlan[]): boolean {
  if (!children.every((c) => isPlanResolved(c))) return true;
  const outs = children.map((c) => outputOf(c));
  const first = outs[0] ?? [];
  return outs.every(
    (o) =>
      o.length === first.length &&
      o.every((a, i) =>
        sameTypeIgnoringNullability(a.dataType, (first[i] as AttributeReference).dataType),
      ),
  );
}

function subqueriesResolved(e: Expression): boolean {
  return !existsExpr(
    e,
    (x) =>
      (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") &&
      !isPlanResolved(x.plan),
  );
}

/** Whether the whole plan (including subquery plans) is resolved. */
export function isPlanResolved(p: LogicalPlan): boolean {
  const cached = resolvedCache.get(p);
  if (cached !== undefined) return cached;
  const r =
    !isUnresolvedNode(p) &&
    planChildren(p).every(isPlanResolved) &&
    planExpressions(p).every((e) => isResolved(e) && subqueriesResolved(e));
  resolvedCache.set(p, r);
  return r;
}

export function childrenResolved(p: LogicalPlan): boolean {
  return planChildren(p).every(isPlanResolved);
}

/** The concatenated output of a node's children (its input attributes). */
export function inputOf(p: LogicalPlan): readonly AttributeReference[] {
  const kids = planChildren(p);
  if (kids.length === 1) return outputOf(kids[0] as LogicalPlan);
  return kids.flatMap((k) => outputOf(k));
}

/** Whether an expression contains an aggregate outside of window expressions. */
export function containsAggregate(e: Expression): boolean {
  switch (e.kind) {
    case "AggregateExpression":
      return true;
    case "WindowExpression": {
      const inner = e.fn.kind === "AggregateExpression" ? e.fn.fn.args : [e.fn];
      return inner.some(containsAggregate) || childrenOf(e.spec).some(containsAggregate);
    }
    case "ScalarSubquery":
    case "Exists":
    case "ListQuery":
      return false;
    default:
      return childrenOf(e).some(containsAggregate);
  }
}

export function containsWindow(e: Expression): boolean {
  return existsExpr(e, (x) => x.kind === "WindowExpression");
}

/** A structural key for expressions: equal keys mean semantically equal here. */
export function exprKey(e: Expression): string {
  return exprString(stripAliases(e));
}

export function stripAliases(e: Expression): Expression {
  return e.kind === "Alias" ? stripAliases(e.child) : e;
}
