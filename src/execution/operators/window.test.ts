/** Window functions end to end; expected rows and plan from pyspark 4.0 (see comments). */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type {
  Expression,
  FrameBoundary,
  WindowSpec,
} from "../../catalyst/expressions/expression.ts";
import { alias, attribute, literal, sortOrder } from "../../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { type FlintRuntime, startLocalRuntime } from "../../executor/local-runtime.ts";
import { IntegerT, LongT, StringT } from "../../types/data-types.ts";
import { rowsFromBatch } from "../columnar/batch.ts";
import { physicalTreeString } from "../explain/explain.ts";
import { planPhysical } from "../planner/plan-physical.ts";
import { executePlan } from "../run/execute-plan.ts";
import { aggExpr, aggFn, conf, normalizeIds } from "../testing-fixtures.ts";

let runtime: FlintRuntime;
before(async () => {
  runtime = await startLocalRuntime({
    master: "local[2]",
    conf: { "spark.ui.showConsoleProgress": "false" },
    taskRunnerModule: new URL("../run/task-runner.ts", import.meta.url),
  });
});
after(async () => {
  await runtime.stop();
});

const country = attribute("country", StringT, true);
const salary = attribute("salary", IntegerT, true);
const data: LogicalPlan = {
  kind: "LocalRelation",
  output: [country, salary],
  rows: [
    ["US", 10],
    ["FR", 20],
    ["US", 5],
    [null, 7],
    ["DE", null],
    ["US", 10],
  ],
};

const b = (type: FrameBoundary["type"], offset: Expression | null = null): FrameBoundary => ({
  kind: "FrameBoundary",
  type,
  offset,
});
const spec = (
  frameType: "ROWS" | "RANGE",
  lower: FrameBoundary,
  upper: FrameBoundary,
): WindowSpec => ({
  kind: "WindowSpec",
  partitionSpec: [country],
  orderSpec: [sortOrder(salary)],
  frame: { frameType, lower, upper },
});
const rowsToCurrent = spec("ROWS", b("UNBOUNDED PRECEDING"), b("CURRENT ROW"));
const wf = (name: string, args: Expression[], dataType = IntegerT) =>
  ({ kind: "WindowFunction", name, args, dataType, nullable: true, ignoreNulls: false }) as const;

test("ranking, running sum and lag over partitions", async () => {
  const plan: LogicalPlan = {
    kind: "Window",
    windowExpressions: [
      alias({ kind: "WindowExpression", fn: wf("row_number", []), spec: rowsToCurrent }, "rn"),
      alias({ kind: "WindowExpression", fn: wf("rank", [salary]), spec: rowsToCurrent }, "rk"),
      alias(
        { kind: "WindowExpression", fn: wf("dense_rank", [salary]), spec: rowsToCurrent },
        "dr",
      ),
      alias(
        {
          kind: "WindowExpression",
          fn: aggExpr(aggFn("sum", [salary], LongT)),
          spec: spec("RANGE", b("UNBOUNDED PRECEDING"), b("CURRENT ROW")),
        },
        "rs",
      ),
      alias(
        {
          kind: "WindowExpression",
          fn: wf("lag", [salary, literal(-1, IntegerT), literal(null, IntegerT)]),
          spec: spec(
            "ROWS",
            b("OFFSET", literal(-1, IntegerT)),
            b("OFFSET", literal(-1, IntegerT)),
          ),
        },
        "lg",
      ),
    ],
    partitionSpec: [country],
    orderSpec: [sortOrder(salary)],
    child: data,
  };
  const physical = planPhysical(plan, conf());
  const lines = normalizeIds(physicalTreeString(physical)).split("\n");
  assert.match(
    lines[0] ?? "",
    /^Window \[row_number\(\) windowspecdefinition\(country#x, salary#x ASC NULLS FIRST, specifiedwindowframe\(RowFrame, unboundedpreceding\$\(\), currentrow\$\(\)\)\) AS rn#x, /,
  );
  assert.match(lines[0] ?? "", /\], \[country#x\], \[salary#x ASC NULLS FIRST\]$/);
  assert.deepEqual(lines.slice(1), [
    "+- *(1) Sort [country#x ASC NULLS FIRST, salary#x ASC NULLS FIRST], false, 0",
    "   +- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
    "      +- LocalTableScan [country#x, salary#x]",
    "",
  ]);
  const { batches } = await executePlan(physical, runtime, { adaptive: null });
  // pyspark: df.select("country", "salary", row_number, rank, dense_rank, running sum, lag)
  assert.deepEqual(batches.flatMap(rowsFromBatch), [
    [null, 7, 1, 1, 1, 7n, null],
    ["DE", null, 1, 1, 1, null, null],
    ["US", 5, 1, 1, 1, 5n, null],
    ["US", 10, 2, 2, 2, 25n, 5],
    ["US", 10, 3, 2, 2, 25n, 10],
    ["FR", 20, 1, 1, 1, 20n, null],
  ]);
});

test("whole-partition sum and a window without partitions", async () => {
  const whole: WindowSpec = {
    kind: "WindowSpec",
    partitionSpec: [country],
    orderSpec: [],
    frame: { frameType: "ROWS", lower: b("UNBOUNDED PRECEDING"), upper: b("UNBOUNDED FOLLOWING") },
  };
  const total: LogicalPlan = {
    kind: "Window",
    windowExpressions: [
      alias(
        { kind: "WindowExpression", fn: aggExpr(aggFn("sum", [salary], LongT)), spec: whole },
        "ts",
      ),
    ],
    partitionSpec: [country],
    orderSpec: [],
    child: data,
  };
  const t = await executePlan(planPhysical(total, conf()), runtime, { adaptive: null });
  assert.deepEqual(
    t.batches.flatMap(rowsFromBatch).map((r) => r[2]),
    [7n, null, 25n, 25n, 25n, 20n],
  );
  const desc = sortOrder(salary, "DESC");
  const global: LogicalPlan = {
    kind: "Window",
    windowExpressions: [
      alias(
        {
          kind: "WindowExpression",
          fn: wf("row_number", []),
          spec: {
            kind: "WindowSpec",
            partitionSpec: [],
            orderSpec: [desc],
            frame: { frameType: "ROWS", lower: b("UNBOUNDED PRECEDING"), upper: b("CURRENT ROW") },
          },
        },
        "rn",
      ),
    ],
    partitionSpec: [],
    orderSpec: [desc],
    child: data,
  };
  const physical = planPhysical(global, conf());
  assert.match(
    normalizeIds(physicalTreeString(physical)),
    /\n\+- \*\(1\) Sort \[salary#x DESC NULLS LAST\], false, 0\n {3}\+- Exchange SinglePartition, ENSURE_REQUIREMENTS, \[plan_id=x\]\n/,
  );
  const g = await executePlan(physical, runtime, { adaptive: null });
  // pyspark: (20, 1) (10, 2) (10, 3) (7, 4) (5, 5) (None, 6)
  assert.deepEqual(
    g.batches.flatMap(rowsFromBatch).map((r) => [r[1], r[2]]),
    [
      [20, 1],
      [10, 2],
      [10, 3],
      [7, 4],
      [5, 5],
      [null, 6],
    ],
  );
});

test("sum and count over a sliding ROWS frame", async () => {
  const frame = spec("ROWS", b("OFFSET", literal(-1, IntegerT)), b("OFFSET", literal(1, IntegerT)));
  const plan: LogicalPlan = {
    kind: "Window",
    windowExpressions: [
      alias(
        { kind: "WindowExpression", fn: aggExpr(aggFn("sum", [salary], LongT)), spec: frame },
        "s",
      ),
      alias(
        {
          kind: "WindowExpression",
          fn: aggExpr(aggFn("count", [salary], LongT, false)),
          spec: frame,
        },
        "c",
      ),
    ],
    partitionSpec: [country],
    orderSpec: [sortOrder(salary)],
    child: data,
  };
  const { batches } = await executePlan(planPhysical(plan, conf()), runtime, { adaptive: null });
  // pyspark: sum/count over Window.partitionBy("country").orderBy("salary").rowsBetween(-1, 1)
  assert.deepEqual(batches.flatMap(rowsFromBatch), [
    [null, 7, 7n, 1n],
    ["DE", null, null, 0n],
    ["US", 5, 15n, 2n],
    ["US", 10, 25n, 3n],
    ["US", 10, 20n, 2n],
    ["FR", 20, 20n, 1n],
  ]);
});
