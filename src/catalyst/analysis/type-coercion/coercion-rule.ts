/** Type coercion rules are expression rewrites applied to nodes whose children resolved. */
import type { Expression } from "../../expressions/expression.ts";
import { isResolved } from "../../expressions/typing.ts";
import { childrenOf } from "../../trees/expression-tree.ts";
import { transformAllExpressionsUp } from "../../trees/plan-tree.ts";
import type { AnalyzerContext } from "../context.ts";
import type { AnalyzerRule } from "../rule.ts";

export type Coercion = (e: Expression, ctx: AnalyzerContext) => Expression | undefined;

/** An analyzer rule running `coerce` bottom-up on every expression with resolved children. */
export function coercionRule(name: string, coerce: Coercion): AnalyzerRule {
  return {
    name,
    apply: (plan, ctx) =>
      transformAllExpressionsUp(plan, (e) =>
        childrenOf(e).every((c) => isResolved(c) && c.kind !== "Generator")
          ? coerce(e, ctx)
          : undefined,
      ),
  };
}
