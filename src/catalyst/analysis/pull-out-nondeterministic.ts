/**
 * PullOutNondeterministic: non-deterministic calls (`rand()`) in ORDER BY, GROUP BY and
 * repartitioning keys are computed once, by a Project below, so every use sees the same
 * value (Spark's rule of the same name, with its `_nondeterministic` alias):
 *
 *   Sort [rand() ASC]                 Project [a#1]
 *   +- child(a#1)             =>      +- Sort [_nondeterministic#5 ASC]
 *                                        +- Project [a#1, rand() AS _nondeterministic#5]
 *                                           +- child
 */
import type { Alias, AttributeReference, Expression } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { exprString } from "../plans/tree-string.ts";
import { childrenOf, transformUp } from "../trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../trees/plan-tree.ts";
import { isPlanResolved } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

/** A call that is non-deterministic itself (not merely through its arguments). */
function isNondeterministicLeaf(e: Expression): boolean {
  return (
    e.kind === "ScalarFunction" && !e.deterministic && childrenOf(e).every(isDeterministicTree)
  );
}

function isDeterministicTree(e: Expression): boolean {
  if (e.kind === "ScalarFunction" && !e.deterministic) return false;
  return childrenOf(e).every(isDeterministicTree);
}

function pullOut(exprs: readonly Expression[]): Map<string, Alias> {
  const found = new Map<string, Alias>();
  for (const e of exprs) {
    transformUp(e, (x) => {
      if (isNondeterministicLeaf(x) && !found.has(exprString(x))) {
        found.set(exprString(x), alias(x, "_nondeterministic"));
      }
      return undefined;
    });
  }
  return found;
}

function replace(e: Expression, found: Map<string, Alias>): Expression {
  return transformUp(e, (x) => {
    const a = isNondeterministicLeaf(x) ? found.get(exprString(x)) : undefined;
    return a ? toAttribute(a) : undefined;
  });
}

function below(child: LogicalPlan, found: Map<string, Alias>): LogicalPlan {
  const list: Expression[] = [...outputOf(child), ...found.values()];
  return Object.freeze({ kind: "Project", projectList: Object.freeze(list), child });
}

export const PullOutNondeterministic: AnalyzerRule = {
  name: "PullOutNondeterministic",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (!isPlanResolved(p)) return undefined;
      switch (p.kind) {
        case "Aggregate": {
          if (p.groupingExpressions.every(isDeterministicTree)) return undefined;
          const found = pullOut(p.groupingExpressions);
          const agg = mapExpressions(p, (e) => replace(e, found));
          return Object.freeze({ ...agg, child: below(p.child, found) }) as LogicalPlan;
        }
        case "Sort":
        case "RepartitionByExpression": {
          const exprs = p.kind === "Sort" ? p.order : p.partitionExpressions;
          if (exprs.every(isDeterministicTree) || !exprs.every(isResolved)) return undefined;
          const found = pullOut(exprs);
          const node = mapExpressions(p, (e) => replace(e, found));
          const inner = Object.freeze({ ...node, child: below(p.child, found) }) as LogicalPlan;
          const out: AttributeReference[] = [...outputOf(p.child)];
          return Object.freeze({ kind: "Project", projectList: Object.freeze(out), child: inner });
        }
        default:
          return undefined;
      }
    }),
};
