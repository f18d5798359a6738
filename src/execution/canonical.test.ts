/**
 * The first acceptance check: groupBy("country").sum("salary") over a local relation on
 * local[2] plans as Spark does (two codegen subtrees around a hash exchange), runs as a
 * shuffle-map stage and a result stage on the runtime's worker threads, and returns
 * Spark's rows. Expected text and rows from pyspark 4 (see the comments).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { aggregate } from "../catalyst/plans/factories.ts";
import { type FlintRuntime, startLocalRuntime } from "../executor/local-runtime.ts";
import { rowsFromBatch } from "./columnar/batch.ts";
import { formattedString, physicalTreeString } from "./explain/explain.ts";
import { planPhysical } from "./planner/plan-physical.ts";
import { executePlan } from "./run/execute-plan.ts";
import {
  aggAlias,
  aggFn,
  conf,
  country,
  normalizeIds,
  people,
  salary,
} from "./testing-fixtures.ts";

let runtime: FlintRuntime;
before(async () => {
  runtime = await startLocalRuntime({
    master: "local[2]",
    conf: { "spark.ui.showConsoleProgress": "false" },
    taskRunnerModule: new URL("./run/task-runner.ts", import.meta.url),
  });
});
after(async () => {
  await runtime.stop();
});

const query = aggregate(
  [country],
  [country, aggAlias("sum(salary)", aggFn("sum", [salary]))],
  people,
);

test("groupBy(country).sum(salary): Spark's physical plan", () => {
  const plan = planPhysical(query, conf());
  // pyspark 4.0: spark.sql("SELECT * FROM VALUES ... AS t(country, salary)").groupBy("country").sum("salary").explain()
  assert.equal(
    normalizeIds(physicalTreeString(plan)),
    [
      "*(2) HashAggregate(keys=[country#x], functions=[sum(salary#x)])",
      "+- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "   +- *(1) HashAggregate(keys=[country#x], functions=[partial_sum(salary#x)])",
      "      +- *(1) LocalTableScan [country#x, salary#x]",
      "",
    ].join("\n"),
  );
  // explain("extended") prints aggregates verbosely
  assert.equal(
    normalizeIds(physicalTreeString(plan, true)),
    [
      "*(2) HashAggregate(keys=[country#x], functions=[sum(salary#x)], output=[country#x, sum(salary)#xL])",
      "+- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "   +- *(1) HashAggregate(keys=[country#x], functions=[partial_sum(salary#x)], output=[country#x, sum#xL])",
      "      +- *(1) LocalTableScan [country#x, salary#x]",
      "",
    ].join("\n"),
  );
});

test("groupBy(country).sum(salary): formatted explain", () => {
  const text = normalizeIds(formattedString(planPhysical(query, conf())));
  assert.ok(
    text.startsWith(
      "* HashAggregate (4)\n+- Exchange (3)\n   +- * HashAggregate (2)\n      +- * LocalTableScan (1)\n\n\n(1) LocalTableScan [codegen id : 1]\n",
    ),
    text,
  );
  assert.match(
    text,
    /\(4\) HashAggregate \[codegen id : 2\]\nInput \[2\]: \[country#x, sum#xL\]\nKeys \[1\]: \[country#x\]\nFunctions \[1\]: \[sum\(salary#x\)\]\nAggregate Attributes \[1\]: \[sum\(salary#x\)#xL\]\nResults \[2\]: \[country#x, sum\(salary#x\)#xL AS sum\(salary\)#xL\]/,
  );
});

test("groupBy(country).sum(salary) runs on worker threads and returns Spark's rows", async () => {
  const plan = planPhysical(query, conf());
  const { batches, metrics } = await executePlan(plan, runtime, { adaptive: null });
  const rows = batches.flatMap(rowsFromBatch);
  // pyspark 4.0 collect(), in Spark's partition order (Murmur3 hash partitioning):
  // [Row(country=None, sum(salary)=7), Row(country='DE', sum(salary)=None),
  //  Row(country='US', sum(salary)=15), Row(country='FR', sum(salary)=20)]
  assert.deepEqual(rows, [
    [null, 7n],
    ["DE", null],
    ["US", 15n],
    ["FR", 20n],
  ]);
  const scanRows = Object.values(metrics).find((m) => m.numOutputRows === 5);
  assert.ok(scanRows, JSON.stringify(metrics));
});

test("with adaptive execution (Spark's default) the 200 reduce partitions coalesce into one task", async () => {
  let tasks = 0;
  const off = runtime.listenerBus.addListener({
    stageSubmitted: (e) => {
      if (e.stageInfo.kind === "result") tasks += e.stageInfo.numTasks;
    },
  });
  const { batches } = await executePlan(planPhysical(query, conf()), runtime);
  await runtime.listenerBus.waitUntilEmpty();
  off();
  assert.equal(tasks, 1);
  // pyspark 4.0 with spark.sql.adaptive.enabled=true (the default):
  // [Row(country='US', ...=15), Row(country='FR', ...=20), Row(country=None, ...=7), Row(country='DE', ...=None)]
  assert.deepEqual(batches.flatMap(rowsFromBatch), [
    ["US", 15n],
    ["FR", 20n],
    [null, 7n],
    ["DE", null],
  ]);
});
