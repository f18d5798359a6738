/** explode / posexplode (outer) against pyspark 4.0 (see comments). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Generator } from "../../catalyst/expressions/expression.ts";
import { attribute } from "../../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { arrayType, IntegerT } from "../../types/data-types.ts";
import { rowsFromBatch } from "../columnar/batch.ts";
import { physicalTreeString } from "../explain/explain.ts";
import { planPhysical } from "../planner/plan-physical.ts";
import { executePartition } from "../run/execute-partition.ts";
import { conf, normalizeIds, taskContext } from "../testing-fixtures.ts";
import type { OperatorMetrics } from "./operator.ts";

const id = attribute("id", IntegerT, false);
const xs = attribute("xs", arrayType(IntegerT), true);
const data: LogicalPlan = {
  kind: "LocalRelation",
  output: [id, xs],
  rows: [
    [1, [10, 20]],
    [2, []],
    [3, null],
    [4, [null, 40]],
  ],
};

function generate(name: string, outer: boolean, out: ReturnType<typeof attribute>[]): LogicalPlan {
  const g: Generator = {
    kind: "Generator",
    name,
    args: [xs],
    elementSchema: out.map((a) => ({ name: a.name, dataType: a.dataType, nullable: true })),
  };
  return {
    kind: "Generate",
    generator: g,
    unrequiredChildIndex: [1],
    outer,
    qualifier: null,
    generatorOutput: out,
    child: data,
  };
}

function run(plan: LogicalPlan) {
  const physical = planPhysical(plan, { ...conf(), defaultParallelism: 1 });
  const metrics: OperatorMetrics = {};
  const rows = [...executePartition(physical, 0, taskContext(null, "/tmp", metrics))].flatMap(
    rowsFromBatch,
  );
  return { text: normalizeIds(physicalTreeString(physical)), rows };
}

test("explode drops null and empty arrays", () => {
  const { text, rows } = run(generate("explode", false, [attribute("x", IntegerT, true)]));
  assert.equal(
    text,
    "*(1) Generate explode(xs#x), [id#x], false, [x#x]\n+- *(1) LocalTableScan [id#x, xs#x]\n",
  );
  // pyspark: [(1, 10), (1, 20), (4, None), (4, 40)]
  assert.deepEqual(rows, [
    [1, 10],
    [1, 20],
    [4, null],
    [4, 40],
  ]);
});

test("posexplode outer keeps rows without elements", () => {
  const { rows } = run(
    generate("posexplode", true, [
      attribute("pos", IntegerT, true),
      attribute("col", IntegerT, true),
    ]),
  );
  // pyspark: [(1, 0, 10), (1, 1, 20), (2, None, None), (3, None, None), (4, 0, None), (4, 1, 40)]
  assert.deepEqual(rows, [
    [1, 0, 10],
    [1, 1, 20],
    [2, null, null],
    [3, null, null],
    [4, 0, null],
    [4, 1, 40],
  ]);
});
