/**
 * ReplaceNullWithFalseInPredicate: where a boolean null and false have the same effect
 * (a filter or join condition keeps neither), a null literal becomes false, which lets
 * other rules simplify further. Applies to the condition itself, through AND/OR, into
 * the branches of boolean IF/CASE WHEN in that position, and to the conditions of every
 * IF/CASE WHEN inside.
 *
 *     Filter (a > 1 AND null)                    =>  Filter (a > 1 AND false)
 *     Filter if(c, null, b > 1)                  =>  Filter if(c, false, b > 1)
 *     Project [CASE WHEN null THEN 1 END]        =>  Project [CASE WHEN false THEN 1 END]
 */
import type { Expression } from "../../expressions/expression.ts";
import { FALSE } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { transformUp } from "../../trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";

function isBoolean(e: Expression): boolean {
  const k = dataTypeOf(e).kind;
  return k === "boolean" || k === "null";
}

/** Rewrites an expression in a position where null means false. */
function replaceNullWithFalse(e: Expression): Expression {
  switch (e.kind) {
    case "Literal":
      return e.value === null && isBoolean(e) ? FALSE : e;
    case "And":
    case "Or": {
      const l = replaceNullWithFalse(e.left);
      const r = replaceNullWithFalse(e.right);
      return l === e.left && r === e.right ? e : Object.freeze({ ...e, left: l, right: r });
    }
    case "If": {
      if (!isBoolean(e)) return e;
      const p = replaceNullWithFalse(e.predicate);
      const t = replaceNullWithFalse(e.trueValue);
      const f = replaceNullWithFalse(e.falseValue);
      return p === e.predicate && t === e.trueValue && f === e.falseValue
        ? e
        : Object.freeze({ ...e, predicate: p, trueValue: t, falseValue: f });
    }
    case "CaseWhen": {
      if (!e.branches.every(([, v]) => isBoolean(v))) return e;
      let changed = false;
      const branches = e.branches.map(([w, v]) => {
        const w2 = replaceNullWithFalse(w);
        const v2 = replaceNullWithFalse(v);
        if (w2 !== w || v2 !== v) changed = true;
        return Object.freeze([w2, v2] as const);
      });
      const elseValue = e.elseValue ? replaceNullWithFalse(e.elseValue) : FALSE;
      if (elseValue !== e.elseValue) changed = true;
      return changed ? Object.freeze({ ...e, branches, elseValue }) : e;
    }
    default:
      return e;
  }
}

/** Conditions of IF/CASE WHEN anywhere: a null condition picks the other branch. */
function inConditions(e: Expression): Expression {
  return transformUp(e, (x) => {
    if (x.kind === "If") {
      const p = replaceNullWithFalse(x.predicate);
      return p === x.predicate ? undefined : Object.freeze({ ...x, predicate: p });
    }
    if (x.kind === "CaseWhen") {
      let changed = false;
      const branches = x.branches.map(([w, v]) => {
        const w2 = replaceNullWithFalse(w);
        if (w2 !== w) changed = true;
        return Object.freeze([w2, v] as const);
      });
      return changed ? Object.freeze({ ...x, branches }) : undefined;
    }
    return undefined;
  });
}

export const ReplaceNullWithFalseInPredicate: Rule = {
  name: "ReplaceNullWithFalseInPredicate",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Filter" || (p.kind === "Join" && p.condition)) {
        return mapExpressions(p, (e) => inConditions(replaceNullWithFalse(e)));
      }
      return mapExpressions(p, inConditions);
    }),
};
