/**
 * HashAggregate: groups rows by key and folds each aggregate into per-group buffers.
 * Partial mode reads raw input and emits grouping columns ++ buffers; Final mode merges
 * those buffers (after the exchange) and evaluates the result expressions.
 */
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import { toAttribute } from "../../catalyst/plans/output.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { createBuilder } from "../columnar/builder.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { getValue } from "../columnar/vector.ts";
import { exprList } from "../explain/expr-string.ts";
import type { HashAggregateExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { type AggState, aggImplOf } from "./aggregate-functions.ts";
import { batchOf, evaluate, groupKeyAt } from "./common.ts";
import type { ExecContext, OperatorDef, RunChild } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

function isMerge(p: HashAggregateExec): boolean {
  return p.aggregateExpressions.some((a) => a.mode === "Final" || a.mode === "PartialMerge");
}

function isPartialOutput(p: HashAggregateExec): boolean {
  return p.aggregateExpressions.some((a) => a.mode === "Partial" || a.mode === "PartialMerge");
}

function* executeHashAggregate(
  p: HashAggregateExec,
  ctx: ExecContext,
  partition: number,
  run: RunChild,
): Iterable<ColumnarBatch> {
  const input = outputOfPhysical(p.child);
  const keyExprs: Expression[] = p.groupingExpressions.map((g) =>
    g.kind === "Alias" ? g.child : g,
  );
  const merging = isMerge(p);
  // arguments (raw mode) or buffer attributes (merge mode), flattened
  const argExprs: Expression[] = [];
  const argRanges: [number, number][] = [];
  p.aggregateExpressions.forEach((a, k) => {
    const from = argExprs.length;
    if (a.mode === "Final" || a.mode === "PartialMerge")
      argExprs.push(...(p.bufferAttributes[k] ?? []));
    else argExprs.push(...a.fn.args);
    argRanges.push([from, argExprs.length]);
  });
  const states: AggState[] = p.aggregateExpressions.map((a) =>
    aggImplOf(a.fn).create(a.fn, ctx.conf.ansi),
  );
  const groups = new Map<unknown, number>();
  const keyRows: unknown[][] = [];
  const noKeys = keyExprs.length === 0;
  if (noKeys) {
    groups.set("", 0);
    keyRows.push([]);
    for (const s of states) s.ensure(1);
  }
  let inputRows = 0;
  for (const b of run(p.child, partition)) {
    inputRows += b.numRows;
    const cols = evaluate(input, [...keyExprs, ...argExprs], b, ctx.conf);
    const keys = cols.slice(0, keyExprs.length);
    const args = cols.slice(keyExprs.length);
    const argSets = argRanges.map(([f, t]) => args.slice(f, t));
    for (let i = 0; i < b.numRows; i++) {
      let g = 0;
      if (!noKeys) {
        const key = groupKeyAt(keys, i);
        let found = groups.get(key);
        if (found === undefined) {
          found = keyRows.length;
          groups.set(key, found);
          keyRows.push(keys.map((v) => getValue(v, i)));
          for (const s of states) s.ensure(found + 1);
        }
        g = found;
      }
      for (let k = 0; k < states.length; k++) {
        const st = states[k] as AggState;
        const a = argSets[k] as ColumnVector[];
        if (merging) st.merge(g, a, i);
        else st.update(g, a, i);
      }
    }
  }
  const n = keyRows.length;
  ctx.addMetric(p.id, "numInputRows", inputRows);
  ctx.addMetric(p.id, "numOutputRows", n);
  if (n === 0) return;
  const keyAttrs: AttributeReference[] = p.groupingExpressions.map(toAttribute);
  const keyCols = keyAttrs.map((a, c) => {
    const bld = createBuilder(a.dataType, n);
    for (let g = 0; g < n; g++) bld.append((keyRows[g] as unknown[])[c]);
    return bld.finish();
  });
  if (isPartialOutput(p)) {
    const bufs = states.flatMap((s) => s.buffers(n));
    yield batchOf(outputOfPhysical(p), n, [...keyCols, ...bufs]);
    return;
  }
  const resultInput = [...keyAttrs, ...p.aggregateAttributes];
  const resultCols = [...keyCols, ...states.map((s) => s.result(n))];
  const staged = batchOf(resultInput, n, resultCols);
  const out = evaluate(resultInput, p.resultExpressions, staged, ctx.conf);
  yield batchOf(outputOfPhysical(p), n, out);
}

export const HashAggregateOp: OperatorDef<HashAggregateExec> = {
  describe: (p, verbose) =>
    `HashAggregate(keys=${exprList(p.groupingExpressions)}, functions=${exprList(p.aggregateExpressions)}${verbose ? `, output=${exprList(outputOfPhysical(p))}` : ""})`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) => {
    const req = p.requiredChildDistributionExpressions;
    if (req === null) return [{ kind: "Unspecified" }];
    if (req.length === 0) return [{ kind: "AllTuples" }];
    return [{ kind: "Clustered", expressions: req }];
  },
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: () => [],
  execute: executeHashAggregate,
};
