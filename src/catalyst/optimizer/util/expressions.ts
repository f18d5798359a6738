/** Expression helpers shared by the rules: references, aliases, semantic equality. */
import type {
  Alias,
  AttributeReference,
  Expression,
  ExprId,
  NamedExpression,
} from "../../expressions/expression.ts";
import { isDeterministic } from "../../expressions/typing.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { outputOf } from "../../plans/output.ts";
import { childrenOf, existsExpr, foreachExpr, transformUp } from "../../trees/expression-tree.ts";
import { deepEqual } from "../plan-checks.ts";

/** The ids of the attributes an expression reads (Spark's `references`). */
export function referencesOf(e: Expression): Set<ExprId> {
  const out = new Set<ExprId>();
  foreachExpr(e, (x) => {
    if (x.kind === "AttributeReference") out.add(x.exprId);
  });
  return out;
}

export function referencesOfAll(es: readonly Expression[]): Set<ExprId> {
  const out = new Set<ExprId>();
  for (const e of es) for (const id of referencesOf(e)) out.add(id);
  return out;
}

export function outputIds(plan: LogicalPlan): Set<ExprId> {
  return new Set(outputOf(plan).map((a) => a.exprId));
}

export function isSubsetOf(a: ReadonlySet<ExprId>, b: ReadonlySet<ExprId>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Whether `e` reads only attributes `plan` produces (Spark's `canEvaluate`). */
export function canEvaluate(e: Expression, plan: LogicalPlan): boolean {
  return isSubsetOf(referencesOf(e), outputIds(plan));
}

export function hasSubquery(e: Expression): boolean {
  return existsExpr(
    e,
    (x) =>
      x.kind === "ScalarSubquery" ||
      x.kind === "Exists" ||
      x.kind === "InSubquery" ||
      x.kind === "ListQuery",
  );
}

export function deterministic(e: Expression): boolean {
  return isDeterministic(e);
}

/**
 * Equality up to cosmetic differences (Spark's `semanticEquals`): attributes compare by
 * id alone, aliases by child, so `t.a#1` equals `a#1`.
 */
export function semanticEquals(a: Expression, b: Expression): boolean {
  if (a === b) return true;
  // Commutative operators compare either way round, as Spark's canonical forms do.
  if (
    a.kind === b.kind &&
    (a.kind === "And" ||
      a.kind === "Or" ||
      (a.kind === "BinaryComparison" &&
        b.kind === "BinaryComparison" &&
        a.op === b.op &&
        (a.op === "=" || a.op === "<=>")))
  ) {
    const x = a as { left: Expression; right: Expression };
    const y = b as { left: Expression; right: Expression };
    if (semanticEquals(x.left, y.right) && semanticEquals(x.right, y.left)) return true;
  }
  if (a.kind === "AttributeReference" && b.kind === "AttributeReference") {
    return a.exprId === b.exprId;
  }
  if (a.kind !== b.kind) return false;
  if (!isDeterministic(a) || !isDeterministic(b)) return false;
  // Subqueries are equal only over the same plan (their plans are not children).
  if (
    (a.kind === "ScalarSubquery" || a.kind === "Exists" || a.kind === "ListQuery") &&
    (b.kind === "ScalarSubquery" || b.kind === "Exists" || b.kind === "ListQuery") &&
    (a.exprId !== b.exprId || !deepEqual(a.plan, b.plan))
  ) {
    return false;
  }
  const ca = childrenOf(a);
  const cb = childrenOf(b);
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === undefined || y === undefined || !semanticEquals(x, y)) return false;
  }
  // Compare the node's own fields, ignoring its children and naming metadata.
  const skip = new Set(["qualifier", "metadata", "origin"]);
  const ao = a as unknown as Record<string, unknown>;
  const bo = b as unknown as Record<string, unknown>;
  for (const k of Object.keys(ao)) {
    if (skip.has(k)) continue;
    const va = ao[k];
    if (isExprLike(va) || isExprList(va)) continue;
    if (!deepEqual(va, bo[k])) return false;
  }
  return true;
}

function isExprLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "kind" in v;
}

function isExprList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && (isExprLike(v[0]) || Array.isArray(v[0]));
}

export function containsSemantic(list: readonly Expression[], e: Expression): boolean {
  return list.some((x) => semanticEquals(x, e));
}

/** Removes an expression's top-level alias (Spark's `trimAliases` at the root). */
export function trimAlias(e: Expression): Expression {
  return e.kind === "Alias" ? e.child : e;
}

/** Removes aliases anywhere below the root (they are only meaningful at the top). */
export function trimNonTopLevelAliases(e: Expression): Expression {
  if (e.kind === "Alias") {
    const c = transformUp(e.child, (x) => (x.kind === "Alias" ? x.child : undefined));
    return c === e.child ? e : Object.freeze({ ...e, child: c });
  }
  return transformUp(e, (x) => (x.kind === "Alias" ? x.child : undefined));
}

/** Alias id -> aliased expression, for a project list (Spark's `getAliasMap`). */
export function aliasMap(projectList: readonly Expression[]): Map<ExprId, Expression> {
  const m = new Map<ExprId, Expression>();
  for (const e of projectList) if (e.kind === "Alias") m.set(e.exprId, e.child);
  return m;
}

/**
 * Replaces attributes that refer to aliases by the aliased expressions, keeping the
 * attribute's name when the replacement lands at the top of a named slot.
 */
export function replaceAliases(
  e: Expression,
  aliases: ReadonlyMap<ExprId, Expression>,
): Expression {
  if (aliases.size === 0) return e;
  return transformUp(e, (x) => {
    if (x.kind !== "AttributeReference") return undefined;
    return aliases.get(x.exprId);
  });
}

/** Replaces attributes (by id) with other expressions. */
export function substitute(e: Expression, m: ReadonlyMap<ExprId, Expression>): Expression {
  if (m.size === 0) return e;
  return transformUp(e, (x) => (x.kind === "AttributeReference" ? m.get(x.exprId) : undefined));
}

export function attributesOf(es: readonly Expression[]): AttributeReference[] {
  const out: AttributeReference[] = [];
  for (const e of es) if (e.kind === "AttributeReference") out.push(e);
  return out;
}

export function isNamed(e: Expression): e is NamedExpression {
  return e.kind === "AttributeReference" || e.kind === "Alias";
}

export function isAlias(e: Expression): e is Alias {
  return e.kind === "Alias";
}

/** Whether an expression contains an aggregate, window, generator or subquery call. */
export function hasAggregateOrWindow(e: Expression): boolean {
  return existsExpr(
    e,
    (x) =>
      x.kind === "AggregateExpression" ||
      x.kind === "AggregateFunction" ||
      x.kind === "WindowExpression" ||
      x.kind === "Generator",
  );
}

/** Ids of the outer attributes that subquery expressions inside `e` are correlated on. */
export function correlatedOuterIds(e: Expression): Set<ExprId> {
  const out = new Set<ExprId>();
  foreachExpr(e, (x) => {
    if (x.kind === "ScalarSubquery" || x.kind === "Exists" || x.kind === "ListQuery") {
      for (const o of x.outerAttrs) for (const id of referencesOf(o)) out.add(id);
    }
  });
  return out;
}

/** Whether `e` has a correlated subquery reading any of `ids` from the outer query. */
export function correlatedOn(e: Expression, ids: ReadonlySet<ExprId>): boolean {
  for (const id of correlatedOuterIds(e)) if (ids.has(id)) return true;
  return false;
}
