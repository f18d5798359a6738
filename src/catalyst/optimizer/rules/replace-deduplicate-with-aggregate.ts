/**
 * ReplaceDeduplicateWithAggregate: `dropDuplicates(keys)` groups by the keys and keeps
 * the first value of every other column; the output keeps the child's ids.
 *
 *     Deduplicate [a#1] x(a#1, b#2)  =>  Aggregate [a#1], [a#1, first(b#2, false) AS b#2] x
 */
import type { AggregateExpression, Expression } from "../../expressions/expression.ts";
import { alias, FALSE, newExprId } from "../../expressions/factories.ts";
import { dataTypeOf } from "../../expressions/typing.ts";
import { aggregate } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { referencesOfAll } from "../util/expressions.ts";

/** `first(e, false)` (not ignoring nulls), as Spark's `First` prints. */
export function firstOf(e: Expression): AggregateExpression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name: "first",
      args: Object.freeze([e, FALSE]),
      dataType: dataTypeOf(e),
      nullable: true,
      options: Object.freeze({ ignoreNulls: false }),
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: newExprId(),
  });
}

export const ReplaceDeduplicateWithAggregate: Rule = {
  name: "ReplaceDeduplicateWithAggregate",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Deduplicate") return undefined;
      const out = outputOf(p.child);
      const keyIds = referencesOfAll(p.keys);
      const keys = p.keys.length === 0 ? out : out.filter((a) => keyIds.has(a.exprId));
      const keySet = new Set(keys.map((k) => k.exprId));
      const aggs = out.map((a) =>
        keySet.has(a.exprId) ? a : alias(firstOf(a), a.name, a.exprId, a.qualifier),
      );
      return aggregate(keys, aggs, p.child);
    }),
};
