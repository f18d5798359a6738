/**
 * The evaluator constant folding uses when the context supplies none.
 *
 * The interpreted evaluator (`src/catalyst/expressions/eval/`) is the one to use; until it
 * is wired in, this fallback evaluates only what cannot fail and needs no type semantics:
 * boolean logic, null tests, COALESCE and conditionals over literals. Everything else
 * raises `CannotFold`, and the expression is left for run time.
 */
import type { Expression } from "../expressions/expression.ts";
import type { FoldEvaluator } from "./rule.ts";

export class CannotFold extends Error {}

function evalLiteralOnly(e: Expression): unknown {
  switch (e.kind) {
    case "Literal":
      return e.value;
    case "IsNull":
      return evalLiteralOnly(e.child) === null;
    case "IsNotNull":
      return evalLiteralOnly(e.child) !== null;
    case "Not": {
      const v = evalLiteralOnly(e.child);
      return v === null ? null : !v;
    }
    case "And": {
      const l = evalLiteralOnly(e.left);
      if (l === false) return false;
      const r = evalLiteralOnly(e.right);
      if (r === false) return false;
      return l === null || r === null ? null : true;
    }
    case "Or": {
      const l = evalLiteralOnly(e.left);
      if (l === true) return true;
      const r = evalLiteralOnly(e.right);
      if (r === true) return true;
      return l === null || r === null ? null : false;
    }
    case "Coalesce":
      for (const c of e.children) {
        const v = evalLiteralOnly(c);
        if (v !== null) return v;
      }
      return null;
    case "If": {
      const p = evalLiteralOnly(e.predicate);
      return p === true ? evalLiteralOnly(e.trueValue) : evalLiteralOnly(e.falseValue);
    }
    case "CaseWhen":
      for (const [w, v] of e.branches) if (evalLiteralOnly(w) === true) return evalLiteralOnly(v);
      return e.elseValue ? evalLiteralOnly(e.elseValue) : null;
    default:
      throw new CannotFold(e.kind);
  }
}

export const literalOnlyEvaluator: FoldEvaluator = evalLiteralOnly;
