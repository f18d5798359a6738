/**
 * Expressions as Spark prints them inside plan strings. One printer serves logical and
 * physical plans: this re-exports catalyst's and adds the list form.
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { exprString } from "../../catalyst/plans/tree-string.ts";

export { exprString };

/** `[a#1, b#2]`, as Spark prints expression lists in plan strings. */
export function exprList(es: readonly Expression[], sep = ", "): string {
  return `[${es.map(exprString).join(sep)}]`;
}
