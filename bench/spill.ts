/**
 * Spill at scale (run by hand, not in CI): an aggregation with 5,000,000 groups and a full
 * global sort of 20,000,000 rows, with the executor's memory far below their data.
 *
 * Memory: in local mode `spark.driver.memory` sizes the executor (256m by default here:
 * reserve 85m, unified pool (256m - 85m) * spark.memory.fraction 0.6 = ~103 MB, at most
 * half of it per task on local[2]); the aggregation's groups need ~400 MB and the sort's
 * rows ~320 MB, so both spill.
 *
 * Checks: the aggregation's checksum against DuckDB's; the sort is written as Parquet
 * (one file per range partition) and DuckDB reads the files back in order and compares
 * sum(row_number * value) with its own sort of the same rows; the sort runs once more under
 * an order-dependent aggregate for its EXPLAIN FORMATTED metrics (a write keeps none).
 * Prints times, peak RSS (the process: driver and worker threads, measured before the
 * in-process DuckDB checks run) and spill metrics.
 *
 *     node bench/spill.ts [--groups 5000000] [--agg-rows 10000000] [--sort-rows 20000000]
 *                         [--memory 256m] [--fraction 0.6] [--master local[2]]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../src/index.ts";
import { machineInfo } from "./machine.ts";

const { values } = parseArgs({
  options: {
    groups: { type: "string", default: "5000000" },
    "agg-rows": { type: "string", default: "10000000" },
    "sort-rows": { type: "string", default: "20000000" },
    memory: { type: "string", default: "256m" },
    fraction: { type: "string", default: "0.6" },
    master: { type: "string", default: "local[2]" },
    partitions: { type: "string", default: "8" },
  },
});
const G = Number(values.groups);
const AGG_ROWS = Number(values["agg-rows"]);
const SORT_ROWS = Number(values["sort-rows"]);
const P = Number(values.partitions);

const spark = SparkSession.builder()
  .master(values.master)
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.ui.showConsoleProgress", "false")
  .config("spark.sql.shuffle.partitions", String(P))
  .config("spark.driver.memory", values.memory)
  .config("spark.memory.fraction", values.fraction)
  .create();
const db = await DuckDBInstance.create(":memory:");
const duck = await db.connect();

function rssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The Metrics lines of the operators that report spill in EXPLAIN FORMATTED. */
function spillLines(formatted: string): string[] {
  return formatted
    .split(/\n(?=\(\d+\) )/)
    .filter((s) => s.includes("spillSize="))
    .map((s) => {
      const head = s.split("\n")[0] ?? "";
      const metrics = /Metrics: (.*)/.exec(s)?.[1] ?? "";
      return `${head}: ${metrics}`;
    });
}

async function duckValue(sql: string): Promise<string> {
  const rows = (await duck.runAndReadAll(sql)).getRowsJson();
  return String(rows[0]?.[0]);
}

console.log(JSON.stringify({ machine: machineInfo(), settings: values }));
const checks: (() => Promise<void>)[] = [];

// 1. aggregation: G groups over AGG_ROWS rows
{
  const inner = `SELECT id % ${G} AS k, count(*) AS c, sum(id) AS s FROM range(0, ${AGG_ROWS}, 1, ${P}) GROUP BY id % ${G}`;
  const df = spark.sql(`SELECT count(*), sum(k * 7 + c * 3 + s) FROM (${inner})`);
  const t0 = performance.now();
  const row = (await df.collect())[0]?.toArray() ?? [];
  const ms = performance.now() - t0;
  const rss = rssMiB();
  for (const l of spillLines(await df.explainString("formatted"))) console.log(`  ${l}`);
  checks.push(async () => {
    const want = await duckValue(
      `SELECT sum(k * 7 + c * 3 + s)::VARCHAR FROM (SELECT range % ${G} AS k, count(*) AS c, sum(range) AS s FROM range(0, ${AGG_ROWS}) GROUP BY range % ${G})`,
    );
    const ok = String(row[0]) === String(G) && String(row[1]) === want;
    console.log(
      JSON.stringify({
        case: `aggregate ${G} groups over ${AGG_ROWS} rows`,
        ms: Math.round(ms),
        ok,
        groups: String(row[0]),
        checksum: String(row[1]),
        duckdb: want,
        peakRssMiB: rss,
      }),
    );
  });
}

// 2. global sort of SORT_ROWS rows, written as Parquet in order
{
  const dir = mkdtempSync(join(tmpdir(), "flint-spill-sort-"));
  const out = join(dir, "sorted");
  const value = "(id * 7919) % 10000019";
  const df = spark.sql(
    `SELECT ${value} AS v, id FROM range(0, ${SORT_ROWS}, 1, ${P}) ORDER BY v DESC, id`,
  );
  const t0 = performance.now();
  await df.write.mode("overwrite").parquet(out);
  const ms = performance.now() - t0;
  const rss = rssMiB();
  checks.push(async () => {
    const files = `'${out}/*.parquet'`;
    const got = await duckValue(
      `SELECT sum(rn * v)::VARCHAR FROM (SELECT row_number() OVER (ORDER BY filename, file_row_number) AS rn, v FROM read_parquet(${files}, filename = true, file_row_number = true))`,
    );
    const want = await duckValue(
      `SELECT sum(rn * v)::VARCHAR FROM (SELECT row_number() OVER (ORDER BY v DESC, id) AS rn, v FROM (SELECT (range * 7919) % 10000019 AS v, range AS id FROM range(0, ${SORT_ROWS})))`,
    );
    console.log(
      JSON.stringify({
        case: `sort ${SORT_ROWS} rows (ORDER BY v DESC, id), written as Parquet`,
        ms: Math.round(ms),
        ok: got === want,
        checksum: got,
        duckdb: want,
        peakRssMiB: rss,
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  });
  // A write keeps no plan metrics: the same sort again under an order-dependent aggregate
  // (the Sort stays, monotonically_increasing_id() reads row positions) shows its spill.
  const again = spark.sql(
    `SELECT count(*), sum(v * (monotonically_increasing_id() % 1000)) FROM (SELECT ${value} AS v, id FROM range(0, ${SORT_ROWS}, 1, ${P}) ORDER BY v DESC, id)`,
  );
  const t1 = performance.now();
  const count = (await again.collect())[0]?.toArray()[0];
  console.log(
    JSON.stringify({
      case: "the same sort under an aggregate (for its metrics)",
      ms: Math.round(performance.now() - t1),
      rows: String(count),
      peakRssMiB: rssMiB(),
    }),
  );
  for (const l of spillLines(await again.explainString("formatted"))) console.log(`  ${l}`);
}

// DuckDB runs in this process: its checks come last, so peak RSS above is Flint's alone
for (const check of checks) await check();
duck.closeSync();
await spark.stop();
