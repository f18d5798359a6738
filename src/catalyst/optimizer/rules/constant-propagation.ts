/**
 * ConstantPropagation: within a conjunction, an attribute equated to a literal is
 * replaced by the literal in the other conjuncts, so they can fold.
 *
 *     Filter (a = 5 AND a + 1 > 3)   =>   Filter (a = 5 AND 5 + 1 > 3)   (then ConstantFolding)
 *
 * Equalities are collected through AND only; under OR and NOT each branch is a scope of
 * its own. Only comparisons are rewritten. In filter conditions a null and false are alike, so nullable attributes are
 * replaced there too; under NOT only non-nullable ones are.
 */
import type { AttributeReference, Expression, Literal } from "../../expressions/expression.ts";
import { childrenOf, withNewChildren } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

interface Equality {
  readonly attr: AttributeReference;
  readonly value: Literal;
  readonly predicate: Expression;
}

function replaceConstants(e: Expression, eqs: readonly Equality[]): Expression {
  const preds = new Set(eqs.map((x) => x.predicate));
  const byId = new Map(eqs.map((x) => [x.attr.exprId, x.value]));
  const substitute = (x: Expression): Expression => {
    if (x.kind === "AttributeReference") return byId.get(x.exprId) ?? x;
    const kids = childrenOf(x);
    return kids.length === 0 ? x : withNewChildren(x, kids.map(substitute));
  };
  // Only inside comparisons (other than the equalities themselves), as Spark does:
  // `isnotnull(a)` next to `a = 5` stays as it is.
  const visit = (x: Expression): Expression => {
    if (preds.has(x)) return x;
    if (x.kind === "BinaryComparison") return substitute(x);
    const kids = childrenOf(x);
    return kids.length === 0 ? x : withNewChildren(x, kids.map(visit));
  };
  return visit(e);
}

function equalityOf(e: Expression, nullIsFalse: boolean): Equality | undefined {
  if (e.kind !== "BinaryComparison" || (e.op !== "=" && e.op !== "<=>")) return undefined;
  const safe = (a: AttributeReference) => !a.nullable || nullIsFalse;
  if (e.left.kind === "AttributeReference" && e.right.kind === "Literal" && safe(e.left)) {
    return { attr: e.left, value: e.right, predicate: e };
  }
  if (e.right.kind === "AttributeReference" && e.left.kind === "Literal" && safe(e.right)) {
    return { attr: e.right, value: e.left, predicate: e };
  }
  return undefined;
}

function traverse(
  e: Expression,
  replaceChildren: boolean,
  nullIsFalse: boolean,
): { expr: Expression; eqs: Equality[] } {
  const eq = equalityOf(e, nullIsFalse);
  if (eq) return { expr: e, eqs: [eq] };
  switch (e.kind) {
    case "And": {
      const l = traverse(e.left, false, nullIsFalse);
      const r = traverse(e.right, false, nullIsFalse);
      const eqs = [...l.eqs, ...r.eqs];
      let left = l.expr;
      let right = r.expr;
      if (eqs.length > 0 && replaceChildren) {
        left = replaceConstants(left, eqs);
        right = replaceConstants(right, eqs);
      }
      const expr = left === e.left && right === e.right ? e : Object.freeze({ ...e, left, right });
      return { expr, eqs };
    }
    case "Or": {
      const l = traverse(e.left, true, nullIsFalse);
      const r = traverse(e.right, true, nullIsFalse);
      const expr =
        l.expr === e.left && r.expr === e.right
          ? e
          : Object.freeze({ ...e, left: l.expr, right: r.expr });
      return { expr, eqs: [] };
    }
    case "Not": {
      const c = traverse(e.child, true, false);
      return { expr: c.expr === e.child ? e : Object.freeze({ ...e, child: c.expr }), eqs: [] };
    }
    default:
      return { expr: e, eqs: [] };
  }
}

export const ConstantPropagation: Rule = {
  name: "ConstantPropagation",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Filter") return undefined;
      const { expr } = traverse(p.condition, true, true);
      return expr === p.condition ? undefined : Object.freeze({ ...p, condition: expr });
    }),
};
