/**
 * BooleanSimplification: AND/OR/NOT with constant or repeated operands.
 *
 *     true AND e => e        false AND e => false      e AND e => e
 *     false OR e => e        true OR e => true         e OR e => e
 *     a AND (a OR b) => a    a OR (a AND b) => a
 *     a AND NOT a => false, a OR NOT a => true   (a not nullable)
 *     (a AND b) OR (a AND c) => a AND (b OR c)    (common factors, as Spark's; this
 *     (a OR b) AND (a OR c) => a OR (b AND c)      is what lets TPC-H q19 be an equi-join)
 *     NOT true => false      NOT NOT e => e            NOT (a > b) => a <= b
 *     NOT (a AND b) => NOT a OR NOT b             NOT isnull(e) => isnotnull(e)
 *
 * Repeated operands must be deterministic (semantic equality requires it).
 */
import type { Expression } from "../../expressions/expression.ts";
import {
  and,
  comparison,
  FALSE,
  isNotNull,
  isNull,
  not,
  or,
  splitConjuncts,
  splitDisjuncts,
  TRUE,
} from "../../expressions/factories.ts";
import { nullableOf } from "../../expressions/typing.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { containsSemantic, deterministic, semanticEquals } from "../util/expressions.ts";

const isTrue = (e: Expression) => e.kind === "Literal" && e.value === true;
const isFalse = (e: Expression) => e.kind === "Literal" && e.value === false;

const NEGATED = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;

export function simplifyBoolean(e: Expression): Expression | undefined {
  switch (e.kind) {
    case "And": {
      const { left: l, right: r } = e;
      if (isTrue(l)) return r;
      if (isTrue(r)) return l;
      if (isFalse(l) || isFalse(r)) return FALSE;
      if (semanticEquals(l, r)) return l;
      if (r.kind === "Or" && (semanticEquals(l, r.left) || semanticEquals(l, r.right))) return l;
      if (l.kind === "Or" && (semanticEquals(r, l.left) || semanticEquals(r, l.right))) return r;
      if (r.kind === "Not" && semanticEquals(l, r.child) && !nullableOf(l)) return FALSE;
      if (l.kind === "Not" && semanticEquals(r, l.child) && !nullableOf(r)) return FALSE;
      return extractCommonFactors(l, r, splitDisjuncts, or, and);
    }
    case "Or": {
      const { left: l, right: r } = e;
      if (isTrue(l) || isTrue(r)) return TRUE;
      if (isFalse(l)) return r;
      if (isFalse(r)) return l;
      if (semanticEquals(l, r)) return l;
      if (r.kind === "And" && (semanticEquals(l, r.left) || semanticEquals(l, r.right))) return l;
      if (l.kind === "And" && (semanticEquals(r, l.left) || semanticEquals(r, l.right))) return r;
      if (r.kind === "Not" && semanticEquals(l, r.child) && !nullableOf(l)) return TRUE;
      if (l.kind === "Not" && semanticEquals(r, l.child) && !nullableOf(r)) return TRUE;
      return extractCommonFactors(l, r, splitConjuncts, and, or);
    }
    case "Not": {
      const c = e.child;
      if (isTrue(c)) return FALSE;
      if (isFalse(c)) return TRUE;
      switch (c.kind) {
        case "Not":
          return c.child;
        case "BinaryComparison":
          if (c.op === "=" || c.op === "<=>") return undefined;
          return comparison(NEGATED[c.op], c.left, c.right);
        case "Or":
          return and(not(c.left), not(c.right));
        case "And":
          return or(not(c.left), not(c.right));
        case "IsNull":
          return isNotNull(c.child);
        case "IsNotNull":
          return isNull(c.child);
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/**
 * `l OUTER r` where both sides are `INNER`-lists sharing some operands: the shared ones
 * once, INNER-joined with `(l's rest) OUTER (r's rest)`; when one side has nothing else
 * left, the shared operands alone (absorption). For OR, split = conjuncts, inner = AND.
 */
function extractCommonFactors(
  l: Expression,
  r: Expression,
  split: (e: Expression) => Expression[],
  inner: (a: Expression, b: Expression) => Expression,
  outer: (a: Expression, b: Expression) => Expression,
): Expression | undefined {
  const lhs = split(l);
  const rhs = split(r);
  if (lhs.length < 2 && rhs.length < 2) return undefined;
  const common = lhs.filter((e) => deterministic(e) && containsSemantic(rhs, e));
  if (common.length === 0) return undefined;
  const ldiff = lhs.filter((e) => !containsSemantic(common, e));
  const rdiff = rhs.filter((e) => !containsSemantic(common, e));
  if (ldiff.length === 0 || rdiff.length === 0) return common.reduce(inner);
  return [...common, outer(ldiff.reduce(inner), rdiff.reduce(inner))].reduce(inner);
}

export const BooleanSimplification: Rule = {
  name: "BooleanSimplification",
  apply: (plan) => transformAllExpressionsUp(plan, simplifyBoolean),
};
