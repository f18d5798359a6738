/**
 * Micro-benchmarks of the execution engine against DuckDB on the same data, in the same
 * run: scan+filter+project, aggregation with 10 and 1,000,000 groups, a 10M x 1M join as
 * a (broadcast) hash join and as the sort-merge join planned without a hint, a sort of
 * 10M rows (all rows ordered: the last 10 of the order) and a top-N (ORDER BY + LIMIT 10).
 * Flint runs on local[2] and, for the aggregations and the
 * join, on local[1] too (the scaling ratio). Data is materialized first in both engines
 * (Flint: a cached DataFrame; DuckDB: a table), from the same deterministic expressions.
 *
 *   npm run bench -- [--rows 10000000] [--runs 3] [--only agg10]
 *
 * Prints a table and writes bench/results/micro-<date>.json with the machine.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { type DataFrame, F, SparkSession } from "../src/index.ts";
import { machineInfo, timeIt } from "./machine.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "10000000" },
    runs: { type: "string", default: "3" },
    only: { type: "string" },
  },
});
const N = Number(values.rows);
const DIM = Math.max(1, Math.floor(N / 10));
const RUNS = Number(values.runs);

interface Case {
  readonly name: string;
  readonly flint: (t: DataFrame, d: DataFrame) => DataFrame;
  readonly sql: string;
  readonly scaling: boolean;
}

const cases: Case[] = [
  {
    name: "scan+filter+project",
    flint: (t) =>
      t
        .filter(F.col("v").lt(500))
        .select(F.col("k10").plus(F.col("v")).alias("s"))
        .agg(F.count("*")),
    sql: "SELECT count(*) FROM (SELECT k10 + v AS s FROM t WHERE v < 500)",
    scaling: false,
  },
  {
    name: "agg 10 groups",
    flint: (t) => t.groupBy("k10").agg(F.sum("v"), F.count("*")).agg(F.count("*")),
    sql: "SELECT count(*) FROM (SELECT k10, sum(v), count(*) FROM t GROUP BY k10)",
    scaling: true,
  },
  {
    name: "agg 1M groups",
    flint: (t) => t.groupBy("k1m").agg(F.sum("v")).agg(F.count("*")),
    sql: "SELECT count(*) FROM (SELECT k1m, sum(v) FROM t GROUP BY k1m)",
    scaling: true,
  },
  {
    name: `hash join ${N / 1e6}M x ${DIM / 1e6}M`,
    // a hash join: d (16 MB) is above the 10 MB broadcast threshold, so it is hinted, as a
    // Spark user would; without the hint Spark and Flint plan a sort-merge join
    flint: (t, d) =>
      t.join(d.hint("broadcast"), t.col("k1m").eq(d.col("dk"))).agg(F.count("*"), F.sum("w")),
    sql: "SELECT count(*), sum(w) FROM t JOIN d ON k1m = dk",
    scaling: true,
  },
  {
    name: `sort-merge join ${N / 1e6}M x ${DIM / 1e6}M`,
    // the plan Spark 4 and Flint choose for this join without a hint
    flint: (t, d) => t.join(d, t.col("k1m").eq(d.col("dk"))).agg(F.count("*"), F.sum("w")),
    sql: "SELECT count(*), sum(w) FROM t JOIN d ON k1m = dk",
    scaling: true,
  },
  {
    // every row must be ordered: the last 10 of the sorted 10M (a LIMIT alone is a top-N)
    name: `sort ${N / 1e6}M rows`,
    flint: (t) =>
      t
        .orderBy("v", "id")
        .offset(N - 10)
        .limit(10)
        .select("id")
        .agg(F.sum("id")),
    sql: `SELECT sum(id) FROM (SELECT id FROM t ORDER BY v, id LIMIT 10 OFFSET ${N - 10})`,
    scaling: false,
  },
  {
    name: `top-N (ORDER BY LIMIT 10) of ${N / 1e6}M rows`,
    flint: (t) => t.orderBy("v", "id").limit(10).select("id").agg(F.sum("id")),
    sql: "SELECT sum(id) FROM (SELECT id FROM t ORDER BY v, id LIMIT 10)",
    scaling: false,
  },
];

async function flintTimes(master: string, selected: Case[]): Promise<Map<string, number>> {
  const spark = SparkSession.builder()
    .master(master)
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.sql.shuffle.partitions", master === "local[1]" ? "1" : "2")
    .create();
  const t = spark
    .range(N)
    .select(
      "id",
      F.col("id").mod(10).alias("k10"),
      F.col("id").multiply(7919).mod(1000000).alias("k1m"),
      F.col("id").multiply(104729).mod(1000).alias("v"),
    )
    .cache();
  const d = spark
    .range(DIM)
    .select(F.col("id").multiply(10).alias("dk"), F.col("id").mod(97).alias("w"))
    .cache();
  await t.count();
  await d.count();
  const out = new Map<string, number>();
  for (const c of selected) {
    out.set(c.name, await timeIt(() => c.flint(t, d).collect(), RUNS));
    process.stderr.write(`  flint ${master} ${c.name}: ${out.get(c.name)?.toFixed(0)} ms\n`);
  }
  await spark.stop();
  return out;
}

async function duckTimes(selected: Case[]): Promise<Map<string, number>> {
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const con = await db.connect();
  await con.run(
    `CREATE TABLE t AS SELECT range AS id, range % 10 AS k10, (range * 7919) % 1000000 AS k1m, (range * 104729) % 1000 AS v FROM range(${N})`,
  );
  await con.run(`CREATE TABLE d AS SELECT range * 10 AS dk, range % 97 AS w FROM range(${DIM})`);
  const out = new Map<string, number>();
  for (const c of selected) {
    out.set(c.name, await timeIt(() => con.runAndReadAll(c.sql), RUNS));
    process.stderr.write(`  duckdb ${c.name}: ${out.get(c.name)?.toFixed(0)} ms\n`);
  }
  return out;
}

const selected = cases.filter((c) => !values.only || c.name.includes(values.only));
const duck = await duckTimes(selected);
const two = await flintTimes("local[2]", selected);
const one = await flintTimes(
  "local[1]",
  selected.filter((c) => c.scaling),
);

const rows = selected.map((c) => {
  const f2 = two.get(c.name) ?? Number.NaN;
  const f1 = one.get(c.name);
  const dk = duck.get(c.name) ?? Number.NaN;
  return {
    case: c.name,
    duckdbMs: Math.round(dk),
    flintLocal2Ms: Math.round(f2),
    flintVsDuckdb: Math.round((f2 / dk) * 100) / 100,
    flintLocal1Ms: f1 === undefined ? null : Math.round(f1),
    local2Speedup: f1 === undefined ? null : Math.round((f1 / f2) * 100) / 100,
  };
});

console.log(`\nrows: ${N.toLocaleString("en")}, best of ${RUNS}\n`);
console.log(
  "| case | DuckDB ms | Flint local[2] ms | Flint / DuckDB | Flint local[1] ms | local[2] speedup |",
);
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.case} | ${r.duckdbMs} | ${r.flintLocal2Ms} | ${r.flintVsDuckdb}x | ${r.flintLocal1Ms ?? "-"} | ${r.local2Speedup === null ? "-" : `${r.local2Speedup}x`} |`,
  );
}
const suffix = values.only ? `-${values.only.replace(/[^a-z0-9]+/gi, "-")}` : "";
const file = new URL(
  `./results/micro-${new Date().toISOString().slice(0, 10)}${suffix}.json`,
  import.meta.url,
);
writeFileSync(
  file,
  `${JSON.stringify({ machine: machineInfo(), rows: N, runs: RUNS, results: rows }, null, 2)}\n`,
);
console.log(`\nrecorded in ${file.pathname}`);
