/**
 * Scan column pruning, before the strategies run: a file scan reads only the data columns
 * the operators above it use (as Spark's FileSourceStrategy, from the projection and
 * filters over the relation; the optimized logical plan keeps the full relation, as
 * Spark's does). The relation's output narrows; its dataSchema stays the file's schema.
 *
 *     Project [a]                              Project [a]
 *     +- Filter (b > 1)                   =>   +- Filter (b > 1)
 *        +- Relation [a, b, c, d] parquet         +- Relation [a, b] parquet
 *
 * Partition columns always stay (they cost nothing to read, and the scan appends them
 * after the data columns). When nothing is needed (`count(*)`), the narrowest data column
 * is kept so that the reader still produces the row count.
 */
import type { AttributeReference, ExprId } from "../../catalyst/expressions/expression.ts";
import { referencesOfAll } from "../../catalyst/optimizer/util/expressions.ts";
import type { FileRelation, LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { sizePerRow } from "../../catalyst/plans/statistics.ts";
import { transformPlanDown } from "../../catalyst/trees/plan-tree.ts";

const WIDTH: Partial<Record<string, number>> = {
  boolean: 1,
  byte: 1,
  short: 2,
  integer: 4,
  date: 4,
  float: 4,
  long: 8,
  double: 8,
  timestamp: 8,
  timestamp_ntz: 8,
  decimal: 16,
};

function narrowest(attrs: readonly AttributeReference[]): AttributeReference | undefined {
  let best: AttributeReference | undefined;
  let bestWidth = Number.POSITIVE_INFINITY;
  for (const a of attrs) {
    const w = WIDTH[a.dataType.kind] ?? 64;
    if (w < bestWidth) {
      best = a;
      bestWidth = w;
    }
  }
  return best;
}

function pruned(rel: FileRelation, used: ReadonlySet<ExprId>): FileRelation | undefined {
  const nData = rel.output.length - rel.partitionSchema.fields.length;
  const data = rel.output.slice(0, nData);
  let keep = data.filter((a) => used.has(a.exprId));
  if (keep.length === data.length) return undefined;
  if (keep.length === 0) {
    const one = narrowest(data);
    if (one === undefined) return undefined;
    keep = [one];
    if (data.length === 1) return undefined;
  }
  const output = Object.freeze([...keep, ...rel.output.slice(nData)]);
  // The estimate Spark gives the projection over the whole relation (file size scaled by
  // the ratio of row widths), so join planning sees the same size before and after pruning
  // (a 14 MB customer file read for two keys is a 2.5 MB broadcast side, as in Spark).
  const sizeInBytes =
    rel.sizeInBytes === null
      ? null
      : Math.max(1, Math.floor((rel.sizeInBytes * sizePerRow(output)) / sizePerRow(rel.output)));
  return Object.freeze({ ...rel, output, sizeInBytes });
}

/** Filters between the projection and the relation, and the relation, or undefined. */
function scanUnder(p: LogicalPlan): LogicalPlan | undefined {
  let cur = p;
  while (cur.kind === "Filter") cur = cur.child;
  return cur.kind === "FileRelation" ? cur : undefined;
}

function rebuild(p: LogicalPlan, used: ReadonlySet<ExprId>): LogicalPlan | undefined {
  if (p.kind === "FileRelation") return pruned(p, used);
  if (p.kind !== "Filter") return undefined;
  const child = rebuild(p.child, used);
  return child === undefined ? undefined : Object.freeze({ ...p, child });
}

export function pruneFileSourceColumns(plan: LogicalPlan): LogicalPlan {
  return transformPlanDown(plan, (p) => {
    if (p.kind !== "Project" || scanUnder(p.child) === undefined) return undefined;
    const used = new Set(referencesOfAll(p.projectList));
    for (let c = p.child; c.kind === "Filter"; c = c.child) {
      for (const id of referencesOfAll([c.condition])) used.add(id);
    }
    const child = rebuild(p.child, used);
    return child === undefined ? undefined : Object.freeze({ ...p, child });
  });
}
