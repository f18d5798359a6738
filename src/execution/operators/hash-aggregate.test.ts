/**
 * HashAggregate in one task: grouping by string and int keys, null keys as a group, and
 * spilling when execution memory runs out (the result must not change).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { attribute } from "../../catalyst/expressions/factories.ts";
import { aggregate } from "../../catalyst/plans/factories.ts";
import { DoubleT, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import { rowsFromBatch } from "../columnar/batch.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { planPhysical } from "../planner/plan-physical.ts";
import { executePartition } from "../run/execute-partition.ts";
import { aggAlias, aggFn, conf, taskContext } from "../testing-fixtures.ts";
import type { OperatorMetrics } from "./operator.ts";

const k = attribute("k", StringT, true);
const v = attribute("v", IntegerT, true);

/** The partial aggregate (below the exchange) of a planned groupBy, run as one task. */
function partialOf(plan: PhysicalPlan): PhysicalPlan {
  let p: PhysicalPlan = plan;
  while (p.kind !== "HashAggregate" || p.aggregateExpressions[0]?.mode !== "Partial") {
    p = (p as { child: PhysicalPlan }).child;
  }
  return p;
}

test("partial aggregation spills under memory pressure and gives the same groups", () => {
  const rows: unknown[][] = [];
  for (let i = 0; i < 30000; i++)
    rows.push([i % 7 === 0 ? null : `key-${i % 6000}`, i % 5 === 0 ? null : i % 100]);
  const data = { kind: "LocalRelation" as const, output: [k, v], rows };
  const q = aggregate(
    [k],
    [
      k,
      aggAlias("s", aggFn("sum", [v], LongT)),
      aggAlias("c", aggFn("count", [v], LongT, false)),
      aggAlias("a", aggFn("avg", [v], DoubleT)),
    ],
    data,
  );
  const plan = partialOf(planPhysical(q, { ...conf(), defaultParallelism: 1 }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flint-agg-"));
  try {
    const m1: OperatorMetrics = {};
    const free = executePartition(plan, 0, taskContext(null, dir, m1));
    const expected = [...free].flatMap(rowsFromBatch);
    const m2: OperatorMetrics = {};
    const tight = executePartition(plan, 0, taskContext(300 * 1024, dir, m2));
    const got = [...tight].flatMap(rowsFromBatch);
    const key = (r: unknown[]) => String(r[0]);
    const sortRows = (rs: unknown[][]) =>
      rs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    assert.equal(got.length, 6001);
    assert.deepEqual(sortRows(got), sortRows(expected));
    assert.ok((m2[String(plan.id)]?.spillSize ?? 0) > 0, JSON.stringify(m2));
    assert.equal(m1[String(plan.id)]?.spillSize, undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
