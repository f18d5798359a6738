/**
 * Queries planned and run end to end on local[2] worker threads: joins, sorts, limits,
 * global aggregates, unions, ranges. Expected plan text and rows come from pyspark 4.0
 * (adaptive execution off) over the same data; see each test's comment.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Expression } from "../catalyst/expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  attribute,
  comparison,
  literal,
  sortOrder,
} from "../catalyst/expressions/factories.ts";
import {
  aggregate,
  filter,
  join,
  limit,
  localRelation,
  project,
  range,
  sort,
  union,
} from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { type FlintRuntime, startLocalRuntime } from "../executor/local-runtime.ts";
import { arrayType, DoubleT, IntegerT, LongT, StringT, structType } from "../types/data-types.ts";
import { batchFromRows, rowsFromBatch } from "./columnar/batch.ts";
import { writeParquet } from "./datasources/parquet/writer.ts";
import { physicalTreeString } from "./explain/explain.ts";
import { schemaOf } from "./operators/common.ts";
import { planPhysical } from "./planner/plan-physical.ts";
import { executePlan } from "./run/execute-plan.ts";
import {
  aggAlias,
  aggExpr,
  aggFn,
  code,
  codes,
  conf,
  country,
  country2,
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

const NO_BROADCAST = { "spark.sql.autoBroadcastJoinThreshold": "-1" };

async function run(plan: LogicalPlan, settings: Record<string, string> = {}) {
  const physical = planPhysical(plan, conf(settings));
  // expected rows come from pyspark with adaptive execution off
  const { batches } = await executePlan(physical, runtime, { adaptive: null });
  return { text: normalizeIds(physicalTreeString(physical)), rows: batches.flatMap(rowsFromBatch) };
}

const lines = (...ls: string[]): string => `${ls.join("\n")}\n`;
const onCountry = comparison("=", country, country2);

test("broadcast hash join (small right side)", async () => {
  // df.join(df2, df.country == df2.country).explain(); .collect()
  const { text, rows } = await run(join(people, codes, "Inner", onCountry));
  assert.equal(
    text,
    lines(
      "*(1) BroadcastHashJoin [country#x], [country#x], Inner, BuildRight, false, false",
      ":- *(1) LocalTableScan [country#x, salary#x]",
      "+- BroadcastExchange HashedRelationBroadcastMode(List(input[0, string, true]),false), [plan_id=x]",
      "   +- LocalTableScan [country#x, code#x]",
    ),
  );
  assert.deepEqual(rows, [
    ["US", 10, "US", 1],
    ["FR", 20, "FR", 2],
    ["US", 5, "US", 1],
  ]);
});

test("broadcast hash join with a residual condition", async () => {
  const cond = and(onCountry, comparison(">", salary, code));
  const { text, rows } = await run(join(people, codes, "Inner", cond));
  assert.equal(
    text.split("\n")[0],
    "*(1) BroadcastHashJoin [country#x], [country#x], Inner, BuildRight, (salary#x > code#x), false, false",
  );
  assert.deepEqual(rows, [
    ["US", 10, "US", 1],
    ["FR", 20, "FR", 2],
    ["US", 5, "US", 1],
  ]);
});

test("sort-merge join when broadcasting is off", async () => {
  const { text, rows } = await run(join(people, codes, "Inner", onCountry), NO_BROADCAST);
  assert.equal(
    text,
    lines(
      "*(3) SortMergeJoin [country#x], [country#x], Inner",
      ":- *(1) Sort [country#x ASC NULLS FIRST], false, 0",
      ":  +- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      ":     +- LocalTableScan [country#x, salary#x]",
      "+- *(2) Sort [country#x ASC NULLS FIRST], false, 0",
      "   +- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "      +- LocalTableScan [country#x, code#x]",
    ),
  );
  // pyspark: Row(US,10,1), Row(US,5,1), Row(FR,20,2) in partition order
  assert.deepEqual(rows, [
    ["US", 10, "US", 1],
    ["US", 5, "US", 1],
    ["FR", 20, "FR", 2],
  ]);
});

test("full outer sort-merge join", async () => {
  const { rows } = await run(join(people, codes, "FullOuter", onCountry), NO_BROADCAST);
  // pyspark: df.join(df2, df.country == df2.country, "full").collect()
  assert.deepEqual(rows, [
    [null, 7, null, null],
    ["DE", null, null, null],
    ["US", 10, "US", 1],
    ["US", 5, "US", 1],
    ["FR", 20, "FR", 2],
  ]);
});

test("left semi and left anti joins", async () => {
  const semi = await run(join(people, codes, "LeftSemi", onCountry), NO_BROADCAST);
  assert.equal(semi.text.split("\n")[0], "*(3) SortMergeJoin [country#x], [country#x], LeftSemi");
  assert.deepEqual(semi.rows, [
    ["US", 10],
    ["US", 5],
    ["FR", 20],
  ]);
  const anti = await run(join(people, codes, "LeftAnti", onCountry));
  assert.deepEqual(anti.rows, [
    [null, 7],
    ["DE", null],
  ]);
});

test("broadcast nested loop left outer join keeps stream order", async () => {
  const cond = comparison("<", salary, arithmetic("*", code, literal(10, IntegerT)));
  const { text, rows } = await run(join(people, codes, "LeftOuter", cond));
  assert.equal(
    text,
    lines(
      "*(1) BroadcastNestedLoopJoin BuildRight, LeftOuter, (salary#x < (code#x * 10))",
      ":- *(1) LocalTableScan [country#x, salary#x]",
      "+- BroadcastExchange IdentityBroadcastMode, [plan_id=x]",
      "   +- LocalTableScan [country#x, code#x]",
    ),
  );
  // pyspark: df.join(df2, df.salary < df2.code * 10, "left").collect()
  assert.deepEqual(rows, [
    ["US", 10, "FR", 2],
    ["FR", 20, null, null],
    ["US", 5, "US", 1],
    ["US", 5, "FR", 2],
    [null, 7, "US", 1],
    [null, 7, "FR", 2],
    ["DE", null, null, null],
  ]);
});

test("ORDER BY + LIMIT at the root is TakeOrderedAndProject", async () => {
  const { text, rows } = await run(limit(2, sort([sortOrder(salary)], true, people)));
  assert.equal(
    text,
    lines(
      "TakeOrderedAndProject(limit=2, orderBy=[salary#x ASC NULLS FIRST], output=[country#x,salary#x])",
      "+- LocalTableScan [country#x, salary#x]",
    ),
  );
  assert.deepEqual(rows, [
    ["DE", null],
    ["US", 5],
  ]);
});

test("global sort uses a range exchange", async () => {
  const asc = await run(sort([sortOrder(salary)], true, people));
  assert.equal(
    asc.text,
    lines(
      "*(1) Sort [salary#x ASC NULLS FIRST], true, 0",
      "+- Exchange rangepartitioning(salary#x ASC NULLS FIRST, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "   +- LocalTableScan [country#x, salary#x]",
    ),
  );
  const desc = await run(sort([sortOrder(salary, "DESC")], true, people));
  // pyspark: df.orderBy(df.salary.desc_nulls_last()).collect()
  assert.deepEqual(desc.rows, [
    ["FR", 20],
    ["US", 10],
    [null, 7],
    ["US", 5],
    ["DE", null],
  ]);
});

test("LIMIT at the root is CollectLimit", async () => {
  const { text, rows } = await run(limit(2, people));
  assert.equal(text, lines("CollectLimit 2", "+- LocalTableScan [country#x, salary#x]"));
  assert.deepEqual(rows, [
    ["US", 10],
    ["FR", 20],
  ]);
});

test("global count(*) gathers partial counts into one partition", async () => {
  const count = aggFn("count", [literal(1, IntegerT)], LongT, false);
  // the optimizer prunes every column of the scan (pyspark: df.groupBy().count())
  const noColumns = localRelation([], [[], [], [], [], []]);
  const { text, rows } = await run(aggregate([], [aggAlias("count", count)], noColumns));
  assert.equal(
    text,
    lines(
      "*(2) HashAggregate(keys=[], functions=[count(1)])",
      "+- Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=x]",
      "   +- *(1) HashAggregate(keys=[], functions=[partial_count(1)])",
      "      +- *(1) LocalTableScan",
    ),
  );
  assert.deepEqual(rows, [[5n]]);
});

test("avg by key", async () => {
  const avg = aggFn("avg", [salary], DoubleT);
  const { rows } = await run(aggregate([country], [country, aggAlias("avg(salary)", avg)], people));
  // pyspark: df.groupBy("country").agg({"salary": "avg"}).collect()
  assert.deepEqual(rows, [
    [null, 7],
    ["DE", null],
    ["US", 7.5],
    ["FR", 20],
  ]);
});

test("union runs each child's partitions", async () => {
  const { text, rows } = await run(union([people, people]));
  assert.equal(
    text,
    lines(
      "*(1) Union",
      ":- *(1) LocalTableScan [country#x, salary#x]",
      "+- *(1) LocalTableScan [country#x, salary#x]",
    ),
  );
  assert.equal(rows.length, 10);
});

test("range, filter and project fuse into one codegen subtree", async () => {
  const r = range(0n, 10n);
  const id = r.output[0];
  const plan = project(
    [alias(arithmetic("*", id, literal(2n, LongT)), "x")],
    filter(comparison(">", id, literal(3n, LongT)), r),
  );
  const { text, rows } = await run(plan);
  assert.equal(
    text,
    lines(
      "*(1) Project [(id#xL * 2) AS x#xL]",
      "+- *(1) Filter (id#xL > 3)",
      "   +- *(1) Range (0, 10, step=1, splits=2)",
    ),
  );
  assert.deepEqual(rows, [[8n], [10n], [12n], [14n], [16n], [18n]]);
});

test("repartition, coalesce and offset", async () => {
  const rep = await run({ kind: "Repartition", numPartitions: 3, shuffle: true, child: people });
  assert.equal(
    rep.text.split("\n")[0],
    "Exchange RoundRobinPartitioning(3), REPARTITION_BY_NUM, [plan_id=x]",
  );
  assert.equal(rep.rows.length, 5);
  const co = await run({ kind: "Repartition", numPartitions: 1, shuffle: false, child: people });
  assert.equal(co.text.split("\n")[0], "Coalesce 1");
  assert.deepEqual(co.rows.length, 5);
  // df.offset(3).collect() -> the last two rows; df.limit(4).offset(1) -> rows 1..3
  const off = await run({ kind: "Offset", offset: literal(3, IntegerT), child: people });
  assert.deepEqual(off.rows, [
    [null, 7],
    ["DE", null],
  ]);
  const limOff = await run({
    kind: "Offset",
    offset: literal(1, IntegerT),
    child: limit(4, people),
  });
  assert.equal(limOff.text.split("\n")[0], "CollectLimit 4, 1");
  assert.deepEqual(limOff.rows, [
    ["FR", 20],
    ["US", 5],
    [null, 7],
  ]);
});

test("expand emits one row per projection per input row", async () => {
  const gid = attribute("spark_grouping_id", LongT, false);
  const c2 = attribute("country", StringT, true);
  const plan: LogicalPlan = {
    kind: "Expand",
    projections: [
      [country, literal(0n, LongT)],
      [literal(null, StringT), literal(1n, LongT)],
    ],
    output: [c2, gid],
    child: limit(2, people),
  };
  const { rows } = await run(plan);
  assert.deepEqual(rows, [
    ["US", 0n],
    [null, 1n],
    ["FR", 0n],
    [null, 1n],
  ]);
});

test("count(distinct) plans Spark's four aggregation steps", async () => {
  const data = localRelation(
    [country, salary],
    [
      ["US", 10],
      ["FR", 20],
      ["US", 5],
      [null, 7],
      ["DE", null],
      ["US", 10],
    ],
  );
  const countD = { ...aggExpr(aggFn("count", [salary], LongT, false)), isDistinct: true };
  const q = aggregate(
    [country],
    [country, alias(countD, "d"), aggAlias("s", aggFn("sum", [salary], LongT))],
    data,
  );
  const { text, rows } = await run(q);
  assert.equal(
    text,
    lines(
      "*(3) HashAggregate(keys=[country#x], functions=[sum(salary#x), count(distinct salary#x)])",
      "+- Exchange hashpartitioning(country#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "   +- *(2) HashAggregate(keys=[country#x], functions=[merge_sum(salary#x), partial_count(distinct salary#x)])",
      "      +- *(2) HashAggregate(keys=[country#x, salary#x], functions=[merge_sum(salary#x)])",
      "         +- Exchange hashpartitioning(country#x, salary#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "            +- *(1) HashAggregate(keys=[country#x, salary#x], functions=[partial_sum(salary#x)])",
      "               +- *(1) LocalTableScan [country#x, salary#x]",
    ),
  );
  // pyspark: [(None, 1, 7), ('DE', 0, None), ('US', 2, 25), ('FR', 1, 20)]
  assert.deepEqual(rows, [
    [null, 1n, 7n],
    ["DE", 0n, null],
    ["US", 2n, 25n],
    ["FR", 1n, 20n],
  ]);
  const global = await run(aggregate([], [alias(countD, "d")], data));
  assert.deepEqual(global.rows, [[4n]]);
});

test("a cached relation is computed once, stored as blocks, then read from them", async () => {
  const cachedPlan = aggregate(
    [country],
    [country, aggAlias("s", aggFn("sum", [salary], LongT))],
    people,
  );
  const out = [attribute("country", StringT, true), attribute("s", LongT, true)];
  const rel: LogicalPlan = {
    kind: "CachedRelation",
    cacheId: 901,
    output: out,
    plan: cachedPlan,
    storageLevel: "MEMORY_AND_DISK",
  };
  const first = await run(rel);
  assert.equal(first.text.split("\n")[0], "InMemoryTableScan [country#x, s#xL]");
  const expected = [
    [null, 7n],
    ["DE", null],
    ["US", 15n],
    ["FR", 20n],
  ];
  assert.deepEqual(first.rows, expected);
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(runtime.blockLocations("rdd_901_0").length > 0);
  const physical = planPhysical(rel, conf());
  const again = await executePlan(physical, runtime, { adaptive: null });
  assert.deepEqual(again.batches.flatMap(rowsFromBatch), expected);
  // read from blocks: the cached plan's aggregates did not run this time
  const aggIds = [(physical as { child: { id: number } }).child.id];
  for (const id of aggIds) assert.equal(again.metrics[String(id)], undefined);
});

const people6 = localRelation(
  [country, salary],
  [
    ["US", 10],
    ["FR", 20],
    ["US", 5],
    [null, 7],
    ["DE", null],
    ["US", 10],
  ],
);
const codes3 = localRelation(
  [country2, code],
  [
    ["US", 1],
    ["FR", 2],
    [null, 3],
  ],
);

test("null-safe equality joins on (coalesce(key, default), isnull(key))", async () => {
  const { text, rows } = await run(
    join(people6, codes3, "Inner", comparison("<=>", country, country2)),
  );
  assert.equal(
    text,
    lines(
      "*(1) BroadcastHashJoin [coalesce(country#x, ), isnull(country#x)], [coalesce(country#x, ), isnull(country#x)], Inner, BuildRight, false, false",
      ":- *(1) LocalTableScan [country#x, salary#x]",
      "+- BroadcastExchange HashedRelationBroadcastMode(List(coalesce(input[0, string, true], ), isnull(input[0, string, true])),false), [plan_id=x]",
      "   +- LocalTableScan [country#x, code#x]",
    ),
  );
  // pyspark: df.join(df2, df.country.eqNullSafe(df2.country)).collect()
  assert.deepEqual(rows, [
    ["US", 10, "US", 1],
    ["FR", 20, "FR", 2],
    ["US", 5, "US", 1],
    [null, 7, null, 3],
    ["US", 10, "US", 1],
  ]);
});

test("cartesian product when neither side can be broadcast", async () => {
  const cond = comparison("<", salary, arithmetic("*", code, literal(3, IntegerT)));
  const { text, rows } = await run(join(people6, codes3, "Inner", cond), NO_BROADCAST);
  assert.equal(
    text,
    lines(
      "CartesianProduct (salary#x < (code#x * 3))",
      ":- LocalTableScan [country#x, salary#x]",
      "+- LocalTableScan [country#x, code#x]",
    ),
  );
  // pyspark: [('US', 5, 'FR', 2), ('US', 5, None, 3), (None, 7, None, 3)]
  assert.deepEqual(rows, [
    ["US", 5, "FR", 2],
    ["US", 5, null, 3],
    [null, 7, null, 3],
  ]);
  const cross = await run(join(people6, codes3, "Cross", null), NO_BROADCAST);
  assert.equal(cross.rows.length, 18);
  assert.deepEqual(cross.rows.slice(0, 4), [
    ["US", 10, "US", 1],
    ["FR", 20, "US", 1],
    ["US", 5, "US", 1],
    ["US", 10, "FR", 2],
  ]);
});

test("aggregates with object or string buffers plan as Spark's ObjectHashAggregate and SortAggregate", async () => {
  const k = attribute("k", StringT, true);
  const sv = attribute("s", StringT, true);
  const iv = attribute("i", IntegerT, true);
  const data = localRelation(
    [k, sv, iv],
    [
      ["a", "x", 1],
      ["b", "y", 2],
      ["a", "z", 3],
    ],
  );
  const maxS = await run(
    aggregate([k], [k, aggAlias("max(s)", aggFn("max", [sv], StringT))], data),
  );
  assert.equal(
    maxS.text,
    lines(
      "SortAggregate(key=[k#x], functions=[max(s#x)])",
      "+- *(2) Sort [k#x ASC NULLS FIRST], false, 0",
      "   +- Exchange hashpartitioning(k#x, 200), ENSURE_REQUIREMENTS, [plan_id=x]",
      "      +- SortAggregate(key=[k#x], functions=[partial_max(s#x)])",
      "         +- *(1) Sort [k#x ASC NULLS FIRST], false, 0",
      "            +- *(1) LocalTableScan [k#x, s#x, i#x]",
    ),
  );
  // pyspark (adaptive off): [Row(k='b', max(s)='y'), Row(k='a', max(s)='z')] (partitions 161, 170)
  assert.deepEqual(maxS.rows, [
    ["b", "y"],
    ["a", "z"],
  ]);
  const list = await run(
    aggregate(
      [k],
      [k, aggAlias("collect_list(i)", aggFn("collect_list", [iv], arrayType(IntegerT), false))],
      data,
    ),
  );
  assert.equal(
    list.text.split("\n")[0],
    "ObjectHashAggregate(keys=[k#x], functions=[collect_list(i#x)])",
  );
  assert.deepEqual(list.rows, [
    ["b", [2]],
    ["a", [1, 3]],
  ]);
});

test("SELECT without FROM scans one empty row", async () => {
  const { text, rows } = await run(
    project([alias(literal(1, IntegerT), "1")], { kind: "OneRowRelation" }),
  );
  assert.equal(text, lines("*(1) Project [1 AS 1#x]", "+- *(1) Scan OneRowRelation[]"));
  assert.deepEqual(rows, [[1]]);
});

test("sample draws Spark's rows for a seed (XORShiftRandom per partition)", async () => {
  const r = range(0n, 30n, 1n, 2);
  const plan: LogicalPlan = {
    kind: "Sample",
    lowerBound: 0,
    upperBound: 0.4,
    withReplacement: false,
    seed: 7,
    child: r,
  };
  const { text, rows } = await run(plan);
  assert.equal(
    text,
    lines("*(1) Sample 0.0, 0.4, false, 7", "+- *(1) Range (0, 30, step=1, splits=2)"),
  );
  // pyspark: spark.range(0, 30, 1, 2).sample(fraction=0.4, seed=7)
  assert.deepEqual(
    rows.map((x) => Number(x[0])),
    [0, 6, 8, 11, 13, 17, 22, 25, 28],
  );
});

test("parquet files: one scan task per file, then the usual pipeline", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flint-scan-"));
  try {
    const schema = schemaOf([country, salary]);
    await writeParquet(
      path.join(dir, "part-0.parquet"),
      [
        batchFromRows(schema, [
          ["US", 10],
          ["FR", 20],
        ]),
      ],
      schema,
    );
    await writeParquet(
      path.join(dir, "part-1.parquet"),
      [
        batchFromRows(schema, [
          ["US", 5],
          [null, 7],
        ]),
      ],
      schema,
    );
    fs.writeFileSync(path.join(dir, "_SUCCESS"), "");
    const rel: LogicalPlan = {
      kind: "FileRelation",
      format: "parquet",
      paths: [dir],
      options: {},
      dataSchema: schema,
      partitionSchema: structType([]),
      output: [country, salary],
      pushedFilters: [],
      sizeInBytes: null,
    };
    const q = aggregate([country], [country, aggAlias("s", aggFn("sum", [salary], LongT))], rel);
    const { text, rows } = await run(q);
    assert.match(
      text,
      /\n {6}\+- FileScan parquet \[country#x,salary#x\] Batched: true, DataFilters: \[\], Format: Parquet, Location: InMemoryFileIndex\(1 paths\)\[file:.+\], PartitionFilters: \[\], PushedFilters: \[\], ReadSchema: struct<country:string,salary:int>\n$/,
    );
    const key = (r: unknown[]) => (r[0] === null ? "\uffff" : String(r[0]));
    const sorted = rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    assert.deepEqual(sorted, [
      ["FR", 20n],
      ["US", 15n],
      [null, 7n],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an uncorrelated scalar subquery runs first and its value filters the outer query", async () => {
  const s2 = attribute("salary", IntegerT, true);
  const inner = aggregate(
    [],
    [aggAlias("max(salary)", aggFn("max", [s2], IntegerT))],
    localRelation([s2], [[10], [20], [5]]),
  );
  const sub: Expression = { kind: "ScalarSubquery", plan: inner, outerAttrs: [], exprId: 777 };
  const { text, rows } = await run(filter(comparison("<", salary, sub), people));
  const ls = text.split("\n");
  assert.equal(ls[0], "*(1) Filter (salary#x < Subquery scalar-subquery#x, [id=#x])");
  assert.equal(ls[1], ":  +- Subquery scalar-subquery#x, [id=#x]");
  assert.equal(ls[2], ":     +- *(2) HashAggregate(keys=[], functions=[max(salary#x)])");
  assert.equal(ls.at(-2), "+- *(1) LocalTableScan [country#x, salary#x]");
  // salary < 20: (US, 10), (US, 5), (null, 7)
  assert.deepEqual(rows, [
    ["US", 10],
    ["US", 5],
    [null, 7],
  ]);
});

test("variance and standard deviation by key", async () => {
  const k = attribute("k", StringT, true);
  const v = attribute("v", IntegerT, true);
  const data = localRelation(
    [k, v],
    [
      ["a", 1],
      ["a", 2],
      ["a", 4],
      ["b", 5],
      ["c", null],
    ],
  );
  const q = aggregate(
    [k],
    [
      k,
      aggAlias("sd", aggFn("stddev", [v], DoubleT)),
      aggAlias("sdp", aggFn("stddev_pop", [v], DoubleT)),
      aggAlias("vs", aggFn("var_samp", [v], DoubleT)),
      aggAlias("vp", aggFn("var_pop", [v], DoubleT)),
    ],
    data,
  );
  const { rows } = await run(q);
  // pyspark: [('c', None, None, None, None), ('b', None, 0.0, None, 0.0),
  //           ('a', 1.5275252316519468, 1.247219128924647, 2.3333333333333335, 1.5555555555555556)]
  assert.deepEqual(rows, [
    ["c", null, null, null, null],
    ["b", null, 0, null, 0],
    ["a", 1.5275252316519468, 1.247219128924647, 2.3333333333333335, 1.5555555555555556],
  ]);
});

test("max_by and min_by (string buffers: SortAggregate)", async () => {
  const k = attribute("k", StringT, true);
  const sv = attribute("s", StringT, true);
  const v = attribute("v", IntegerT, true);
  const data = localRelation(
    [k, sv, v],
    [
      ["a", "x", 1],
      ["a", "y", 3],
      ["a", "z", 2],
      ["b", "w", null],
      ["b", "v", 5],
    ],
  );
  const q = aggregate(
    [k],
    [
      k,
      aggAlias("mx", aggFn("max_by", [sv, v], StringT)),
      aggAlias("mn", aggFn("min_by", [sv, v], StringT)),
    ],
    data,
  );
  const { text, rows } = await run(q);
  assert.equal(
    text.split("\n")[0],
    "SortAggregate(key=[k#x], functions=[max_by(s#x, v#x), min_by(s#x, v#x)])",
  );
  // pyspark: [('b', 'v', 'v'), ('a', 'y', 'x')]
  assert.deepEqual(rows, [
    ["b", "v", "v"],
    ["a", "y", "x"],
  ]);
});
