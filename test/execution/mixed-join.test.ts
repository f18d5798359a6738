/**
 * One query with every kind of distributed step: a broadcast hash join (hinted dimension),
 * a sort-merge join (broadcasting otherwise off), a partial/final hash aggregation and a
 * global ORDER BY (range-partitioning exchange + sort). EXPLAIN shows each operator; the
 * answer equals DuckDB's on the same rows (with nulls in the join keys).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../../src/index.ts";

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "4")
  .config("spark.sql.autoBroadcastJoinThreshold", "-1")
  .config("spark.ui.showConsoleProgress", "false")
  .create();
after(() => spark.stop());

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const r = rng(7);
const nullable = (v: number, p = 0.05): number | null => (r() < p ? null : v);
// facts: 3000 sales; dims: 12 stores (broadcast), 400 products (sort-merge)
const sales = Array.from({ length: 3000 }, (_, i) => [
  i,
  nullable(Math.floor(r() * 13)),
  nullable(Math.floor(r() * 420)),
  nullable(Math.floor(r() * 10000) / 100),
]);
const stores = Array.from({ length: 12 }, (_, i) => [i, ["north", "south", "east", null][i % 4]]);
const products = Array.from({ length: 400 }, (_, i) => [
  i,
  ["toys", "food", "tools", "books", "garden"][i % 5],
  nullable(i % 7, 0.1),
]);

const QUERY = `
  SELECT /*+ BROADCAST(s) */ s.region, p.category, count(*) AS n, sum(f.amount) AS total,
         max(f.amount) AS top
  FROM sales f
  JOIN stores s ON f.store = s.id
  JOIN products p ON f.product = p.id
  WHERE p.rating IS NULL OR p.rating > 1
  GROUP BY s.region, p.category
  ORDER BY total DESC NULLS LAST, s.region ASC NULLS FIRST, p.category ASC NULLS FIRST`;

test("broadcast hash join + sort-merge join + aggregation + global sort agree with DuckDB", async () => {
  await spark
    .createDataFrame(sales, "id int, store int, product int, amount decimal(10,2)")
    .createOrReplaceTempView("sales");
  await spark.createDataFrame(stores, "id int, region string").createOrReplaceTempView("stores");
  await spark
    .createDataFrame(products, "id int, category string, rating int")
    .createOrReplaceTempView("products");

  const plan = String((await spark.sql(`EXPLAIN ${QUERY}`).collect())[0]?.toArray()[0]);
  for (const op of [
    /BroadcastHashJoin \[store#\d+\], \[id#\d+\], Inner, BuildRight/,
    /BroadcastExchange/,
    /SortMergeJoin \[product#\d+\], \[id#\d+\], Inner/,
    /HashAggregate\(keys=\[region#\d+, category#\d+\], functions=\[partial_count/,
    /HashAggregate\(keys=\[region#\d+, category#\d+\], functions=\[count/,
    /Exchange hashpartitioning\(region#\d+, category#\d+, 4\)/,
    /Exchange rangepartitioning\(total#\d+ DESC NULLS LAST, region#\d+ ASC NULLS FIRST, category#\d+ ASC NULLS FIRST, 4\)/,
    /Sort \[total#\d+ DESC NULLS LAST, region#\d+ ASC NULLS FIRST, category#\d+ ASC NULLS FIRST\], true/,
  ]) {
    assert.match(plan, op, plan);
  }

  const got = (await spark.sql(QUERY).collect()).map((row) =>
    row.toArray().map((v) => (v === null ? null : typeof v === "string" ? v : Number(String(v)))),
  );

  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const values = (rows: unknown[][]): string =>
    rows
      .map(
        (row) =>
          `(${row.map((v) => (v === null ? "NULL" : typeof v === "string" ? `'${v}'` : String(v))).join(", ")})`,
      )
      .join(", ");
  await con.run(
    "CREATE TABLE sales (id INTEGER, store INTEGER, product INTEGER, amount DECIMAL(10,2))",
  );
  await con.run(`INSERT INTO sales VALUES ${values(sales)}`);
  await con.run("CREATE TABLE stores (id INTEGER, region VARCHAR)");
  await con.run(`INSERT INTO stores VALUES ${values(stores)}`);
  await con.run("CREATE TABLE products (id INTEGER, category VARCHAR, rating INTEGER)");
  await con.run(`INSERT INTO products VALUES ${values(products)}`);
  const want = (await con.runAndReadAll(QUERY.replace("/*+ BROADCAST(s) */", "")))
    .getRowsJson()
    .map((row) =>
      row.map((v) =>
        v === null ? null : typeof v === "string" && !/^[\d.]+$/.test(v) ? v : Number(v),
      ),
    );
  con.closeSync();

  assert.ok(got.length > 10, `only ${got.length} groups`);
  assert.deepEqual(got, want);
});
