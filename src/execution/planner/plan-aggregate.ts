/**
 * Aggregate -> HashAggregate(Final) <- [exchange] <- HashAggregate(Partial), as Spark's
 * AggUtils.planAggregateWithoutDistinct: the partial step groups by the grouping keys and
 * emits buffers; the final step requires the rows clustered by the keys, merges buffers
 * and evaluates the result expressions over keys ++ aggregate results.
 */
import type {
  AggregateExpression,
  AttributeReference,
  Expression,
  NamedExpression,
} from "../../catalyst/expressions/expression.ts";
import { alias, attribute, newExprId } from "../../catalyst/expressions/factories.ts";
import type { Aggregate } from "../../catalyst/plans/logical-plan.ts";
import { toAttribute } from "../../catalyst/plans/output.ts";
import { exprString } from "../../catalyst/plans/tree-string.ts";
import { childrenOf, transformDown } from "../../catalyst/trees/expression-tree.ts";
import { FlintError } from "../../errors/index.ts";
import type { DataType } from "../../types/data-types.ts";
import { aggImplOf } from "../operators/aggregate-functions.ts";
import { semanticEquals } from "../plan/partitioning.ts";
import type { HashAggregateExec, PhysicalPlan } from "../plan/physical-plan.ts";
import { newNodeId } from "./node-ids.ts";

function collectAggregates(es: readonly Expression[]): AggregateExpression[] {
  const out: AggregateExpression[] = [];
  const visit = (x: Expression): void => {
    if (x.kind === "AggregateExpression") {
      if (!out.some((o) => sameAggregate(o, x))) out.push(x);
      return;
    }
    if (x.kind === "AggregateFunction") {
      throw new FlintError("INTERNAL_ERROR", {
        message: `aggregate function ${x.name} outside an AggregateExpression`,
      });
    }
    for (const c of childrenOf(x)) visit(c);
  };
  for (const e of es) visit(e);
  return out;
}

function sameAggregate(a: AggregateExpression, b: AggregateExpression): boolean {
  return (
    a.isDistinct === b.isDistinct &&
    semanticEquals(a.fn, b.fn) &&
    (a.filter === null
      ? b.filter === null
      : b.filter !== null && semanticEquals(a.filter, b.filter))
  );
}

/** Buffer types Spark can update in place (UnsafeRow.isMutable): HashAggregate's condition. */
function isMutable(t: DataType): boolean {
  switch (t.kind) {
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "date":
    case "timestamp":
    case "timestamp_ntz":
    case "decimal":
    case "daytime_interval":
    case "yearmonth_interval":
    case "null":
      return true;
    default:
      return false;
  }
}

/** Spark's TypedImperativeAggregate functions (object buffers: ObjectHashAggregate). */
const OBJECT_AGGREGATES: ReadonlySet<string> = new Set([
  "collect_list",
  "collect_set",
  "percentile",
  "percentile_approx",
  "approx_percentile",
  "mode",
  "count_min_sketch",
]);

function node(
  p: Omit<HashAggregateExec, "id" | "codegenStageId" | "kind" | "implementation">,
): HashAggregateExec {
  const buffers = p.bufferAttributes.flat();
  const implementation = buffers.every((a) => isMutable(a.dataType))
    ? "HashAggregate"
    : p.aggregateExpressions.every((a) => OBJECT_AGGREGATES.has(a.fn.name.toLowerCase()))
      ? "ObjectHashAggregate"
      : "SortAggregate";
  return Object.freeze({
    kind: "HashAggregate",
    id: newNodeId(),
    codegenStageId: 0,
    implementation,
    ...p,
  });
}

export function planAggregate(agg: Aggregate, child: PhysicalPlan): PhysicalPlan {
  const grouping: NamedExpression[] = agg.groupingExpressions.map((g) =>
    g.kind === "AttributeReference" || g.kind === "Alias" ? g : alias(g, exprString(g)),
  );
  const groupingAttrs: AttributeReference[] = grouping.map(toAttribute);
  const aggs = collectAggregates(agg.aggregateExpressions);
  if (aggs.some((a) => a.filter !== null && a.isDistinct)) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: "FILTER clauses on DISTINCT aggregates in execution",
    });
  }
  const buffers = aggs.map((a) =>
    aggImplOf(a.fn)
      .bufferFields(a.fn)
      .map((f) => attribute(f.name, f.dataType, true, newExprId())),
  );
  const results = aggs.map((a) =>
    attribute(exprString({ ...a, mode: "Complete" }), a.fn.dataType, a.fn.nullable, a.resultId),
  );
  const resultExpressions = agg.aggregateExpressions.map((e) => {
    const rewritten = transformDown(e, (x) => {
      if (x.kind === "AggregateExpression") {
        const k = aggs.findIndex((a) => sameAggregate(a, x));
        return results[k];
      }
      const g = agg.groupingExpressions.findIndex(
        (ge) => ge.kind !== "AttributeReference" && semanticEquals(ge, x),
      );
      return g >= 0 ? groupingAttrs[g] : undefined;
    });
    return rewritten.kind === "AttributeReference" || rewritten.kind === "Alias"
      ? rewritten
      : alias(rewritten, exprString(rewritten));
  });
  const distinct = aggs.map((a) => a.isDistinct);
  if (distinct.some((d) => d)) {
    return planWithOneDistinct(
      aggs,
      distinct,
      buffers,
      results,
      grouping,
      groupingAttrs,
      resultExpressions,
      child,
    );
  }
  const partial = node({
    requiredChildDistributionExpressions: null,
    groupingExpressions: grouping,
    aggregateExpressions: aggs.map((a) => ({ ...a, mode: "Partial" as const })),
    bufferAttributes: buffers,
    aggregateAttributes: buffers.flat(),
    resultExpressions: [...groupingAttrs, ...buffers.flat()],
    child,
  });
  return node({
    requiredChildDistributionExpressions: groupingAttrs,
    groupingExpressions: groupingAttrs,
    aggregateExpressions: aggs.map((a) => ({ ...a, mode: "Final" as const })),
    bufferAttributes: buffers,
    aggregateAttributes: results,
    resultExpressions,
    child: partial,
  });
}

/**
 * Aggregates with DISTINCT over one set of arguments, as Spark's
 * AggUtils.planAggregateWithOneDistinct: group by keys ++ distinct arguments twice
 * (partial, then merge after a shuffle on both) so each distinct value appears once per
 * key, then aggregate the distinct functions partially and finally by the keys; the other
 * aggregates ride along in PartialMerge mode.
 */
function planWithOneDistinct(
  aggs: readonly AggregateExpression[],
  distinct: readonly boolean[],
  buffers: readonly (readonly AttributeReference[])[],
  results: readonly AttributeReference[],
  grouping: readonly NamedExpression[],
  groupingAttrs: readonly AttributeReference[],
  resultExpressions: readonly NamedExpression[],
  child: PhysicalPlan,
): PhysicalPlan {
  const distinctArgs = aggs.filter((_, k) => distinct[k]).map((a) => a.fn.args);
  const first = distinctArgs[0] as readonly Expression[];
  const sameArgs = (args: readonly Expression[]) =>
    args.length === first.length && args.every((e, i) => semanticEquals(e, first[i] as Expression));
  if (!distinctArgs.every(sameArgs)) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: "DISTINCT aggregates over different arguments in execution",
    });
  }
  const namedDistinct: NamedExpression[] = first.map((e) =>
    e.kind === "AttributeReference" ? e : alias(e, exprString(e)),
  );
  const distinctAttrs = namedDistinct.map(toAttribute);
  const rewriteArgs = (a: AggregateExpression): AggregateExpression => ({
    ...a,
    fn: { ...a.fn, args: a.fn.args.map((_, i) => distinctAttrs[i] as AttributeReference) },
  });
  const plain = aggs.map((a, k) => ({ a, k })).filter(({ k }) => !distinct[k]);
  const dist = aggs.map((a, k) => ({ a, k })).filter(({ k }) => distinct[k]);
  const plainBuffers = plain.map(({ k }) => buffers[k] as readonly AttributeReference[]);
  const keys = [...groupingAttrs, ...distinctAttrs];
  const partial1 = node({
    requiredChildDistributionExpressions: null,
    groupingExpressions: [...grouping, ...namedDistinct],
    aggregateExpressions: plain.map(({ a }) => ({ ...a, mode: "Partial" as const })),
    bufferAttributes: plainBuffers,
    aggregateAttributes: plainBuffers.flat(),
    resultExpressions: [...keys, ...plainBuffers.flat()],
    child,
  });
  const merge1 = node({
    requiredChildDistributionExpressions: keys,
    groupingExpressions: keys,
    aggregateExpressions: plain.map(({ a }) => ({ ...a, mode: "PartialMerge" as const })),
    bufferAttributes: plainBuffers,
    aggregateAttributes: plainBuffers.flat(),
    resultExpressions: [...keys, ...plainBuffers.flat()],
    child: partial1,
  });
  const allBuffers = [
    ...plainBuffers,
    ...dist.map(({ k }) => buffers[k] as readonly AttributeReference[]),
  ];
  const partial2 = node({
    requiredChildDistributionExpressions: null,
    groupingExpressions: groupingAttrs,
    aggregateExpressions: [
      ...plain.map(({ a }) => ({ ...a, mode: "PartialMerge" as const })),
      ...dist.map(({ a }) => ({ ...rewriteArgs(a), mode: "Partial" as const })),
    ],
    bufferAttributes: allBuffers,
    aggregateAttributes: allBuffers.flat(),
    resultExpressions: [...groupingAttrs, ...allBuffers.flat()],
    child: merge1,
  });
  return node({
    requiredChildDistributionExpressions: groupingAttrs,
    groupingExpressions: groupingAttrs,
    aggregateExpressions: [
      ...plain.map(({ a }) => ({ ...a, mode: "Final" as const })),
      ...dist.map(({ a }) => ({ ...a, mode: "Final" as const })),
    ],
    bufferAttributes: allBuffers,
    aggregateAttributes: [
      ...plain.map(({ k }) => results[k]),
      ...dist.map(({ k }) => results[k]),
    ] as AttributeReference[],
    resultExpressions,
    child: partial2,
  });
}
