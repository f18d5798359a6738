/**
 * ConstantFolding: replaces foldable expressions (no column references, deterministic)
 * by the literal they evaluate to, largest subtrees first, with the interpreted
 * evaluator (`expressions/eval`) in the session's time zone.
 *
 *     Project [(1 + 2) AS x#5, (a#1 + (2 * 3)) AS y#6]  =>  Project [3 AS x#5, (a#1 + 6) AS y#6]
 *
 * An expression whose evaluation raises (1 / 0 under ANSI, an invalid cast) is left as it
 * is, so the error surfaces at run time, and only if a row reaches it. Aliases and sort
 * orders are never replaced themselves (their names and directions matter); their
 * children are.
 */
import { evaluate } from "../../expressions/eval/index.ts";
import type { Expression } from "../../expressions/expression.ts";
import { literal } from "../../expressions/factories.ts";
import { dataTypeOf, isFoldable } from "../../expressions/typing.ts";
import { transformAllExpressionsDown } from "../../trees/plan-tree.ts";
import type { FoldEvaluator, OptimizerContext, Rule } from "../rule.ts";

const NEVER_REPLACED = new Set(["Literal", "Alias", "SortOrder", "LambdaFunction"]);

const NO_ROW: readonly unknown[] = [];

/** The interpreter, evaluating with no input row in the session's time zone. */
export function interpreterOf(ctx: OptimizerContext): FoldEvaluator {
  const sessionTimeZone = ctx.conf.get("spark.sql.session.timeZone") ?? "UTC";
  return (e) => evaluate(e, NO_ROW, { sessionTimeZone });
}

export function foldConstants(evaluateFn: FoldEvaluator) {
  return (e: Expression): Expression | undefined => {
    if (NEVER_REPLACED.has(e.kind) || !isFoldable(e)) return undefined;
    let value: unknown;
    try {
      value = evaluateFn(e);
    } catch {
      return undefined;
    }
    return literal(value === undefined ? null : value, dataTypeOf(e));
  };
}

export const ConstantFolding: Rule = {
  name: "ConstantFolding",
  apply: (plan, ctx) =>
    transformAllExpressionsDown(plan, foldConstants(ctx.evaluate ?? interpreterOf(ctx))),
};
