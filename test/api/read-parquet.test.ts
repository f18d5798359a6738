/**
 * `spark.read.parquet` and SQL's ``parquet.`path` `` over a file DuckDB writes, with
 * results compared to DuckDB's on the same file; a missing path is PATH_NOT_FOUND.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Decimal, F, SparkSession } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-read-parquet-"));
const file = join(dir, "t.parquet");
let expected: unknown[][] = [];

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();

before(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(
    `COPY (SELECT i AS id, 'c' || (i % 7) AS cat, (i * 1.5)::DECIMAL(10,2) AS amt,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 0.25)::DOUBLE END AS score
     FROM range(50000) t(i)) TO '${file}' (FORMAT parquet)`,
  );
  const r = await con.runAndReadAll(
    `SELECT cat, count(*)::BIGINT, sum(amt)::VARCHAR, avg(score) FROM '${file}' GROUP BY cat ORDER BY cat`,
  );
  expected = r.getRows().map((row) => row.map((v) => (typeof v === "bigint" ? Number(v) : v)));
});

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("spark.read.parquet: schema and an aggregation equal DuckDB's", async () => {
  const df = spark.read.parquet(file);
  assert.deepEqual(await df.dtypes(), [
    ["id", "bigint"],
    ["cat", "string"],
    ["amt", "decimal(10,2)"],
    ["score", "double"],
  ]);
  const rows = await df
    .groupBy("cat")
    .agg(F.count("*"), F.sum("amt"), F.avg("score"))
    .orderBy("cat")
    .collect();
  const got = rows.map((r) => [
    r.get(0),
    Number(r.get(1)),
    (r.get(2) as Decimal).toString(),
    r.get(3),
  ]);
  assert.equal(got.length, expected.length);
  got.forEach((row, i) => {
    const want = expected[i] as unknown[];
    assert.deepEqual(row.slice(0, 3), want.slice(0, 3));
    assert.ok(Math.abs((row[3] as number) - (want[3] as number)) < 1e-9, `${row[3]} vs ${want[3]}`);
  });
});

test("SQL reads files directly: parquet.`path`", async () => {
  const [row] = await spark
    .sql(`SELECT count(*) AS n, max(id) AS m FROM parquet.\`${file}\` WHERE id < 10`)
    .collect();
  assert.deepEqual(row?.asDict(), { n: 10n, m: 9n });
});

test("each SQL statement lists parquet.`dir` again; a DataFrame keeps its listing", async () => {
  // Spark: a statement naming a path lists it when analyzed; a Dataset keeps the file index
  // it was created with until refreshed.
  const out = join(dir, "grow");
  await spark.range(3).write.parquet(out);
  const count = async (sql: string) => (await spark.sql(sql).collect())[0]?.toArray()[0] as bigint;
  assert.equal(await count(`SELECT count(*) FROM parquet.\`${out}\``), 3n);
  const df = spark.read.parquet(out);
  assert.equal(await df.count(), 3);
  await spark.range(5).write.mode("append").parquet(out);
  assert.equal(await count(`SELECT count(*) FROM parquet.\`${out}\``), 8n);
  assert.equal(await df.count(), 3);
});

test("a missing path is PATH_NOT_FOUND", async () => {
  await assert.rejects(spark.read.parquet(join(dir, "nope")).collect(), {
    errorClass: "PATH_NOT_FOUND",
    sqlState: "42K03",
  });
});
