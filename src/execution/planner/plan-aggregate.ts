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

function node(p: Omit<HashAggregateExec, "id" | "codegenStageId" | "kind">): HashAggregateExec {
  return Object.freeze({ kind: "HashAggregate", id: newNodeId(), codegenStageId: 0, ...p });
}

export function planAggregate(agg: Aggregate, child: PhysicalPlan): PhysicalPlan {
  const grouping: NamedExpression[] = agg.groupingExpressions.map((g) =>
    g.kind === "AttributeReference" || g.kind === "Alias" ? g : alias(g, exprString(g)),
  );
  const groupingAttrs: AttributeReference[] = grouping.map(toAttribute);
  const aggs = collectAggregates(agg.aggregateExpressions);
  if (aggs.some((a) => a.isDistinct)) {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "DISTINCT aggregates in execution" });
  }
  if (aggs.some((a) => a.filter !== null)) {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: "aggregate FILTER clauses in execution",
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
