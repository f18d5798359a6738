/**
 * Test fixtures shared by the execution tests: the canonical (country, salary) relation
 * and helpers to build resolved logical plans without the analyzer.
 */
import type {
  AggregateExpression,
  AggregateFunction,
  AttributeReference,
  Expression,
} from "../catalyst/expressions/expression.ts";
import { alias, attribute, newExprId } from "../catalyst/expressions/factories.ts";
import type { LocalRelation } from "../catalyst/plans/logical-plan.ts";
import { type DataType, IntegerT, LongT, StringT } from "../types/data-types.ts";

export const country: AttributeReference = attribute("country", StringT, true, 1);
export const salary: AttributeReference = attribute("salary", IntegerT, true, 2);

export const people: LocalRelation = Object.freeze({
  kind: "LocalRelation",
  output: [country, salary],
  rows: [
    ["US", 10],
    ["FR", 20],
    ["US", 5],
    [null, 7],
    ["DE", null],
  ],
});

export function aggFn(
  name: string,
  args: readonly Expression[],
  dataType: DataType = LongT,
  nullable = true,
): AggregateFunction {
  return Object.freeze({ kind: "AggregateFunction", name, args, dataType, nullable, options: {} });
}

export function aggExpr(fn: AggregateFunction, resultId = newExprId()): AggregateExpression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn,
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId,
  });
}

/** `fn(args) AS name`, as the analyzer resolves `df.groupBy(..).agg(fn(..))`. */
export function aggAlias(name: string, fn: AggregateFunction, id = newExprId()) {
  return alias(aggExpr(fn), name, id);
}

/** Replaces `#123` ids and plan ids with `#x` (volatile across runs), as Spark's golden files do. */
export function normalizeIds(s: string): string {
  return s.replace(/#\d+/g, "#x").replace(/plan_id=\d+/g, "plan_id=x");
}

export const conf = (entries: Record<string, string> = {}) => ({
  conf: { get: (k: string) => entries[k] },
  defaultParallelism: 2,
});

export const country2: AttributeReference = attribute("country", StringT, true, 3);
export const code: AttributeReference = attribute("code", IntegerT, true, 4);

export const codes: LocalRelation = Object.freeze({
  kind: "LocalRelation",
  output: [country2, code],
  rows: [
    ["US", 1],
    ["FR", 2],
  ],
});
