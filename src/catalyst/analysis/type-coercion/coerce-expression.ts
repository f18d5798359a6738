/**
 * All expression-level coercions applied to one expression tree, bottom-up. Function
 * resolution coerces arguments with it before binding, because a function's result type
 * depends on its arguments' final types (`sum(a + c)` with int a and double c sums
 * doubles), as Spark binds a function only once its arguments type-check.
 */
import type { Expression } from "../../expressions/expression.ts";
import { isResolved } from "../../expressions/typing.ts";
import { childrenOf, transformUp } from "../../trees/expression-tree.ts";
import type { AnalyzerContext } from "../context.ts";
import { coerceArithmetic } from "./arithmetic.ts";
import { coerceComparison } from "./comparison.ts";
import { coerceConditional } from "./conditional.ts";
import { coerceIn } from "./in-list.ts";

const COERCIONS = [coerceArithmetic, coerceComparison, coerceIn, coerceConditional] as const;

export function coerceExpression(e: Expression, _ctx: AnalyzerContext): Expression {
  let current = e;
  for (let round = 0; round < 10; round++) {
    const next = transformUp(current, (x) => {
      if (!childrenOf(x).every((c) => isResolved(c) && c.kind !== "Generator")) return undefined;
      let y = x;
      for (const c of COERCIONS) y = c(y) ?? y;
      return y === x ? undefined : y;
    });
    if (next === current) return current;
    current = next;
  }
  return current;
}
