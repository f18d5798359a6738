/**
 * Adaptive execution as Spark's: a sort-merge join whose side turns out small once its
 * shuffle is written runs as a broadcast hash join (and EXPLAIN after the run shows it),
 * unless a parent needs the sort-merge join's ordering or partitioning; an exchange read
 * twice (range-partitioning samples its child) runs its map stage once. Expected answers
 * come from DuckDB over the same rows.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../../src/index.ts";

// Statically nothing is broadcast (a 1-byte threshold); at run time sides up to 10 MB are.
const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "4")
  .config("spark.sql.autoBroadcastJoinThreshold", "1")
  .config("spark.sql.adaptive.autoBroadcastJoinThreshold", "10485760")
  .config("spark.ui.showConsoleProgress", "false")
  .create();

let con: DuckDBConnection;

const VIEWS: Record<string, string> = {
  big: "SELECT id, id % 97 AS k, id % 5 AS g FROM range(0, 20000)",
  small: "SELECT id AS k, id * 10 AS w FROM range(0, 50)",
  other: "SELECT id % 97 AS k, id AS v FROM range(0, 3000)",
};

before(async () => {
  con = await (await DuckDBInstance.create(":memory:")).connect();
  for (const [name, sql] of Object.entries(VIEWS)) {
    await con.run(`CREATE VIEW ${name} AS ${sql.replace(/range\(0, (\d+)\)/, "range($1) t(id)")}`);
    await spark
      .sql(sql.replace(/range\(0, (\d+)\)/, "range(0, $1, 1, 3)"))
      .createOrReplaceTempView(name);
  }
});
after(() => spark.stop());

async function duck(sql: string): Promise<string[]> {
  const r = await con.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => String(v)).join("|"));
}

async function flint(sql: string): Promise<{ rows: string[]; plan: string }> {
  const df = spark.sql(sql);
  const rows = (await df.collect()).map((r) =>
    r
      .toArray()
      .map((v) => String(v))
      .join("|"),
  );
  return { rows, plan: await df.explainString("formatted") };
}

test("a sort-merge join with a small side runs as a broadcast hash join", async () => {
  const sql =
    "SELECT b.g, count(*), sum(s.w) FROM big b JOIN small s ON b.k = s.k GROUP BY b.g ORDER BY b.g";
  const { rows, plan } = await flint(sql);
  assert.deepEqual(rows, await duck(sql));
  assert.match(plan, /BroadcastHashJoin/);
  assert.doesNotMatch(plan, /SortMergeJoin/);
  // statically it was a sort-merge join
  assert.match(await spark.sql(sql).explainString("simple"), /SortMergeJoin/);
});

test("outer joins build only the side Spark can build", async () => {
  const sql =
    "SELECT count(*), count(s.w), sum(b.id) FROM big b LEFT JOIN small s ON b.k = s.k AND s.w > 100";
  const { rows, plan } = await flint(sql);
  assert.deepEqual(rows, await duck(sql));
  assert.match(plan, /BroadcastHashJoin/);
  // a right join builds its left side (here the filtered big side, small at run time)
  const right =
    "SELECT count(*), count(b.id) FROM big b RIGHT JOIN small s ON b.k = s.k AND b.g = 1";
  assert.deepEqual((await flint(right)).rows, await duck(right));
  // a full outer join can build neither side: it stays a sort-merge join
  const full = "SELECT count(*), count(b.id), count(s.k) FROM big b FULL JOIN small s ON b.k = s.k";
  const f = await flint(full);
  assert.deepEqual(f.rows, await duck(full));
  assert.match(f.plan, /SortMergeJoin/);
});

test("a parent that needs the join's order keeps the sort-merge join", async () => {
  // the outer join on the same key reads the inner join's sorted, co-partitioned output
  const sql =
    "SELECT count(*), sum(o.v), sum(s.w) FROM big b JOIN small s ON b.k = s.k JOIN other o ON b.k = o.k";
  const { rows } = await flint(sql);
  assert.deepEqual(rows, await duck(sql));
});

test("an exchange below a global sort runs its map stage once", async () => {
  const sql = "SELECT g, count(*) AS n FROM big GROUP BY g ORDER BY n DESC, g";
  const df = spark.sql(sql);
  const rows = (await df.collect()).map((r) => r.toArray().map(String).join("|"));
  assert.deepEqual(rows, await duck(sql));
  const plan = await df.explainString("formatted");
  // the scan below the aggregation produced each of the 20,000 rows once
  assert.match(plan, /Range \(0, 20000[^\n]*\n(?:[^\n]*\n)*?Metrics: numOutputRows=20000,/);
});
