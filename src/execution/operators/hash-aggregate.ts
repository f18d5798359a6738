/**
 * HashAggregate: groups rows by key and folds each aggregate into per-group buffers.
 * Partial mode reads raw input and emits grouping columns ++ buffers; Final mode merges
 * those buffers (after the exchange) and evaluates the result expressions.
 */
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import { sortOrder } from "../../catalyst/expressions/factories.ts";
import { toAttribute } from "../../catalyst/plans/output.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { type ColumnVector, getValue } from "../columnar/vector.ts";
import { exprList } from "../explain/expr-string.ts";
import type { HashAggregateExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { inputPipelineOf } from "./aggregate-input.ts";
import { AggregationMap } from "./aggregation-map.ts";
import { batchOf, evaluate, transportSchema } from "./common.ts";
import type { ExecContext, OperatorDef, RunChild } from "./operator.ts";
import { childPartitioning } from "./passthrough.ts";

function isPartialOutput(p: HashAggregateExec): boolean {
  return p.aggregateExpressions.some((a) => a.mode === "Partial" || a.mode === "PartialMerge");
}

/** Rows where a boolean column is true (a FILTER clause). */
function trueRows(mask: ColumnVector, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (getValue(mask, i) === true) out.push(i);
  return Int32Array.from(out);
}

function* executeHashAggregate(
  p: HashAggregateExec,
  ctx: ExecContext,
  partition: number,
  run: RunChild,
): Iterable<ColumnarBatch> {
  const numKeys = p.groupingExpressions.length;
  const merging = p.aggregateExpressions.map(
    (a) => a.mode === "Final" || a.mode === "PartialMerge",
  );
  // per aggregate, how many input columns follow the keys (arguments, or buffer columns)
  const filtered = p.aggregateExpressions.map((a, k) => !merging[k] && a.filter !== null);
  const widths = p.aggregateExpressions.map((a, k) =>
    merging[k] ? (p.bufferAttributes[k] ?? []).length : a.fn.args.length + (filtered[k] ? 1 : 0),
  );
  const keyAttrs: AttributeReference[] = p.groupingExpressions.map(toAttribute);
  const pipeline = inputPipelineOf(p, ctx.conf.ansi);
  const bufferSchema = transportSchema([...keyAttrs, ...p.bufferAttributes.flat()]);
  const map = new AggregationMap(p.aggregateExpressions, numKeys, bufferSchema, ctx, p.id);
  const noKeys = numKeys === 0;
  let inputRows = 0;
  for (const b of run(pipeline.base, partition)) {
    if (b.numRows === 0) continue;
    const r = pipeline.compiled.run(b.columns, b.numRows);
    if (r.numRows === 0) continue;
    inputRows += r.numRows;
    const inputs: ColumnVector[][] = [];
    const selections: (Int32Array | null)[] = [];
    let at = numKeys;
    widths.forEach((w, k) => {
      const cols = r.columns.slice(at, at + w);
      at += w;
      if (filtered[k]) {
        const mask = cols.pop() as ColumnVector;
        selections.push(trueRows(mask, r.numRows));
      } else selections.push(null);
      inputs.push(cols);
    });
    map.add(r.columns.slice(0, numKeys), inputs, r.numRows, merging, selections);
  }
  // a global aggregate has one group even without input (count = 0, sum = null)
  if (noKeys && map.numGroups === 0) map.addEmptyGroup();
  ctx.addMetric(p.id, "numInputRows", inputRows);
  const out = outputOfPhysical(p);
  let total = 0;
  for (const { keys, states, n } of map.finish()) {
    if (n === 0) continue;
    total += n;
    if (isPartialOutput(p)) {
      yield batchOf(out, n, [...keys, ...states.flatMap((s) => s.buffers(n))]);
      continue;
    }
    const resultInput = [...keyAttrs, ...p.aggregateAttributes];
    const staged = batchOf(resultInput, n, [...keys, ...states.map((s) => s.result(n))]);
    yield batchOf(out, n, evaluate(resultInput, p.resultExpressions, staged, ctx.conf));
  }
  ctx.addMetric(p.id, "numOutputRows", total);
  ctx.addMetric(p.id, "peakMemory", map.peakBytes);
}

export const HashAggregateOp: OperatorDef<HashAggregateExec> = {
  describe: (p, verbose) =>
    `${p.implementation}(${p.implementation === "SortAggregate" ? "key" : "keys"}=${exprList(p.groupingExpressions)}, functions=${exprList(p.aggregateExpressions)}${verbose ? `, output=${exprList(outputOfPhysical(p))}` : ""})`,
  supportsCodegen: (p) => p.implementation === "HashAggregate",
  requiredChildDistribution: (p) => {
    const req = p.requiredChildDistributionExpressions;
    if (req === null) return [{ kind: "Unspecified" }];
    if (req.length === 0) return [{ kind: "AllTuples" }];
    return [{ kind: "Clustered", expressions: req }];
  },
  requiredChildOrdering: (p) =>
    p.implementation === "SortAggregate"
      ? [p.groupingExpressions.map((g) => sortOrder(g.kind === "Alias" ? g.child : g))]
      : [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: () => [],
  execute: executeHashAggregate,
};
