/** Expected sizes are Spark 4's `queryExecution.analyzed.stats` for the same plans. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, LongT, StringT, structType } from "../../types/data-types.ts";
import type { Expression } from "../expressions/expression.ts";
import { alias, attribute, comparison, literal } from "../expressions/factories.ts";
import {
  aggregate,
  filter,
  join,
  limit,
  localRelation,
  project,
  range,
  union,
} from "./factories.ts";
import type { ColumnStat, LogicalPlan } from "./logical-plan.ts";
import {
  bytesToString,
  DEFAULT_SIZE_IN_BYTES,
  outputSize,
  sizePerRow,
  statsOf,
  statsString,
} from "./statistics.ts";

const conf = (values: Record<string, string> = {}) => ({ conf: { get: (k: string) => values[k] } });
const ctx = conf();

const country = attribute("country", StringT);
const salary = attribute("salary", IntegerT);
const people = localRelation(
  [country, salary],
  [
    ["a", 1],
    ["b", 2],
    ["c", 3],
  ],
);
const k = attribute("k", IntegerT);
const keys = localRelation([k], [[1], [2]]);

function sum(e: Expression): Expression {
  return Object.freeze({
    kind: "AggregateExpression",
    fn: Object.freeze({
      kind: "AggregateFunction",
      name: "sum",
      args: [e],
      dataType: LongT,
      nullable: true,
      options: {},
    }),
    mode: "Complete",
    isDistinct: false,
    filter: null,
    resultId: 0,
  });
}

const size = (p: LogicalPlan) => statsOf(p, ctx).sizeInBytes;

test("leaves: rows times row width (8 bytes overhead + default sizes)", () => {
  assert.equal(sizePerRow([country, salary]), 32);
  assert.equal(size(people), 96);
  assert.equal(size(range(0n, 100n)), 800);
  assert.equal(statsOf(range(0n, 100n), ctx).rowCount, 100);
});

test("unary nodes scale by row width; filters keep the size", () => {
  assert.equal(size(project([salary], people)), 36);
  assert.equal(size(filter(comparison(">", salary, literal(1, IntegerT)), people)), 96);
  assert.equal(size(aggregate([country], [country, alias(sum(salary), "s")], people)), 108);
  const global = statsOf(aggregate([], [alias(sum(salary), "s")], people), ctx);
  assert.equal(global.sizeInBytes, 16);
  assert.equal(global.rowCount, 1);
});

test("limits derive size from the row count", () => {
  const r = statsOf(limit(10, range(0n, 100n)), ctx);
  assert.deepEqual([r.sizeInBytes, r.rowCount], [160, 10]);
  const l = statsOf(limit(2, people), ctx);
  assert.deepEqual([l.sizeInBytes, l.rowCount], [64, 2]);
});

test("joins multiply, semi joins keep the left, unions add, intersect takes the smaller", () => {
  const cond = comparison("=", salary, k);
  assert.equal(size(join(people, keys, "Inner", cond)), 2304);
  assert.equal(size(join(people, keys, "LeftSemi", cond)), 96);
  assert.equal(size(union([people, people])), 192);
  const intersect: LogicalPlan = Object.freeze({
    kind: "Intersect",
    left: project([salary], people),
    right: keys,
    isAll: false,
  });
  assert.equal(size(intersect), 24);
});

test("files report their size; unknown sizes are Long.MaxValue", () => {
  assert.equal(outputSize([salary], 0), 1);
  const file = (sizeInBytes: number | null): LogicalPlan =>
    Object.freeze({
      kind: "FileRelation",
      format: "parquet",
      paths: [],
      options: {},
      dataSchema: structType([]),
      partitionSchema: structType([]),
      output: [salary],
      pushedFilters: [],
      sizeInBytes,
    });
  assert.equal(size(file(1234)), 1234);
  assert.equal(size(file(null)), DEFAULT_SIZE_IN_BYTES);
  assert.equal(DEFAULT_SIZE_IN_BYTES, Number(2n ** 63n - 1n));
});

test("with CBO: filter selectivity from column ranges, equi-join from distinct counts", () => {
  const cbo = conf({ "spark.sql.cbo.enabled": "true" });
  const r = range(0n, 100n);
  const id = r.output[0];
  const f = statsOf(filter(comparison("<", id, literal(25n, LongT)), r), cbo);
  // 100 rows * (25 - 0) / (99 - 0), rounded up, as Spark's FilterEstimation
  assert.equal(f.rowCount, 26);
  const eq = statsOf(filter(comparison("=", id, literal(7n, LongT)), r), cbo);
  assert.equal(eq.rowCount, 1);
  const r2 = range(0n, 10n);
  const j = statsOf(join(r, r2, "Inner", comparison("=", id, r2.output[0])), cbo);
  // 100 * 10 / max(100, 10)
  assert.equal(j.rowCount, 10);
  const stat: ColumnStat | undefined = j.attributeStats.get(id.exprId);
  assert.equal(stat?.distinctCount, 10);
  const agg = statsOf(aggregate([id], [id], r), cbo);
  assert.equal(agg.rowCount, 100);
});

// Spark 4 `explain("cost")` lines for the same plans.
test("EXPLAIN COST renders statistics as Spark does", () => {
  assert.equal(statsString(statsOf(people, ctx)), "Statistics(sizeInBytes=96.0 B, rowCount=3)");
  assert.equal(
    statsString(statsOf(aggregate([country], [country, alias(sum(salary), "s")], people), ctx)),
    "Statistics(sizeInBytes=108.0 B)",
  );
  assert.equal(
    statsString(statsOf(range(0n, 1000n), ctx)),
    "Statistics(sizeInBytes=7.8 KiB, rowCount=1.00E+3)",
  );
  const big = range(0n, 123456n);
  assert.equal(
    statsString(statsOf(big, ctx)),
    "Statistics(sizeInBytes=964.5 KiB, rowCount=1.23E+5)",
  );
  assert.equal(
    statsString(statsOf(filter(comparison(">", big.output[0], literal(5n, LongT)), big), ctx)),
    "Statistics(sizeInBytes=964.5 KiB)",
  );
  assert.equal(
    statsString(statsOf(range(0n, 3000000n), ctx)),
    "Statistics(sizeInBytes=22.9 MiB, rowCount=3.00E+6)",
  );
  assert.equal(
    statsString(statsOf(join(range(0n, 100n), range(0n, 100000n), "Cross", null), ctx)),
    "Statistics(sizeInBytes=610.4 MiB)",
  );
  assert.equal(bytesToString(DEFAULT_SIZE_IN_BYTES), "8.0 EiB");
});
