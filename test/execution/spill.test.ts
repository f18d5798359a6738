/**
 * Spill at small scale: with the executor's memory far below the data (spark.driver.memory
 * sizes it in local mode; spark.memory.fraction shrinks the unified pool to ~0.8 MB, 0.4 MB
 * per task with two running), a 100,000-group aggregation and a 200,000-row global sort
 * spill, report `spillSize` in EXPLAIN FORMATTED, and still give DuckDB's answers. The
 * at-scale run is bench/spill.ts.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../../src/index.ts";

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "2")
  .config("spark.driver.memory", "24m")
  .config("spark.memory.fraction", "0.05")
  .config("spark.ui.showConsoleProgress", "false")
  .create();
after(() => spark.stop());

const N = 200_000;

async function duck(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const rows = (await con.runAndReadAll(sql)).getRowsJson();
  con.closeSync();
  return rows;
}

function spillSizes(formatted: string, operator: string): number[] {
  // "(n) Operator ..." sections; their Metrics line carries spillSize=<bytes>
  return formatted
    .split(/\n(?=\(\d+\) )/)
    .filter((s) => new RegExp(`^\\(\\d+\\) ${operator}\\b`).test(s))
    .map((s) => Number(/spillSize=(\d+)/.exec(s)?.[1] ?? 0));
}

test("a hash aggregation over 100,000 groups spills and gives DuckDB's answer", async () => {
  const df = spark.sql(
    `SELECT id % ${N / 2} AS k, count(*) AS c, sum(id) AS s, max(id * 3 % 1000) AS m FROM range(0, ${N}, 1, 4) GROUP BY id % ${N / 2}`,
  );
  const rows = (await df.collect()).map((r) => r.toArray() as bigint[]);
  assert.equal(rows.length, N / 2);
  let chk = 0n;
  for (const [k, c, s, m] of rows)
    chk += (k as bigint) * 7n + (c as bigint) * 3n + (s as bigint) + (m as bigint);
  const [want] = await duck(
    `SELECT sum(k * 7 + c * 3 + s + m)::VARCHAR FROM (SELECT range % ${N / 2} AS k, count(*) AS c, sum(range) AS s, max(range * 3 % 1000) AS m FROM range(0, ${N}) GROUP BY range % ${N / 2})`,
  );
  assert.equal(String(chk), want?.[0]);
  const plan = await df.explainString("formatted");
  const spills = spillSizes(plan, "HashAggregate");
  assert.equal(spills.length, 2, plan);
  assert.ok(
    spills.every((s) => s > 0),
    `both aggregates spill: ${spills}\n${plan}`,
  );
});

test("a global sort of 200,000 rows spills and gives DuckDB's order", async () => {
  const df = spark.sql(
    `SELECT (id * 7919) % 100003 AS v, id FROM range(0, ${N}, 1, 4) ORDER BY v DESC, id`,
  );
  const rows = await df.collect();
  assert.equal(rows.length, N);
  // sum of row_number * value, and of row_number * id: any misplaced row changes them
  let chk = 0n;
  rows.forEach((r, i) => {
    const [v, id] = r.toArray() as bigint[];
    chk += BigInt(i + 1) * ((v as bigint) * 1000003n + (id as bigint));
  });
  const [want] = await duck(
    `SELECT sum(rn * (v * 1000003 + id))::VARCHAR FROM (SELECT row_number() OVER (ORDER BY v DESC, id) AS rn, v, id FROM (SELECT (range * 7919) % 100003 AS v, range AS id FROM range(0, ${N})))`,
  );
  assert.equal(String(chk), want?.[0]);
  const plan = await df.explainString("formatted");
  const spills = spillSizes(plan, "Sort");
  assert.equal(spills.length, 1, plan);
  assert.ok((spills[0] ?? 0) > 0, `the sort spills\n${plan}`);
});
