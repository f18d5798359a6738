/**
 * TPC-H benchmark: the 22 queries on Flint (local[2]), DuckDB (2 threads) and Apache Spark 4
 * (pyspark, local[2]) over the same Parquet files, each engine in a process of its own.
 *
 *   npm run bench:tpch -- [--sf 1] [--runs 3] [--warmups 1] [--only q01,q06] [--check] [--no-spark]
 *                         [--no-duckdb] [--driver-memory 8g]
 *
 * Data: bench/.data/tpch/sf<N>, generated with tools/tpch/generate.sh when missing.
 * Per query: one warm-up, then `runs` timed runs; the best is reported (and all are kept).
 * Memory: each engine process's peak resident set during the query (Flint: the Node
 * process with its worker threads; DuckDB: the Node process it runs in; Spark: the JVM).
 * `--check` first compares Flint's answers with DuckDB's (as test/tpch does at SF0.01).
 * Results: bench/results/tpch-sf<N>-<date>.json (with the machine) and a chart,
 * bench/results/tpch-sf<N>.svg. A run with --only writes tpch-sf<N>-<date>-partial.json
 * and no chart.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../../src/session/spark-session.ts";
import { machineInfo } from "../machine.ts";
import { type EngineResults, renderChart } from "./chart.ts";
import {
  compareAnswers,
  dataDir,
  duckAnswer,
  flintCell,
  generate,
  hasData,
  loadQueries,
  registerDuckViews,
  registerFlintViews,
} from "./tpch.ts";

const { values } = parseArgs({
  options: {
    sf: { type: "string", default: "1" },
    runs: { type: "string", default: "3" },
    // warm-up runs per query (0 at large scale factors, where one run takes minutes)
    warmups: { type: "string", default: "1" },
    only: { type: "string", default: "" },
    check: { type: "boolean", default: false },
    "no-spark": { type: "boolean", default: false },
    "no-duckdb": { type: "boolean", default: false },
    "driver-memory": { type: "string", default: "8g" },
  },
});
const SF = values.sf ?? "1";
const RUNS = values.runs ?? "3";
const ONLY = values.only ?? "";
const only = ONLY.split(",").filter((s) => s !== "");
const THREADS = "2";
const dir = dataDir(SF);
const ROOT = join(import.meta.dirname, "..");

if (!hasData(dir)) generate(SF, dir);
const queries = loadQueries(only);

interface QueryResult {
  readonly query: string;
  readonly ms?: number[];
  readonly peakRssMB?: number | null;
  readonly rows?: number;
  readonly error?: string;
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

/** Runs one engine's runner as a child process; its JSON lines are the results. */
function runEngine(name: string, cmd: string, args: string[]): Promise<QueryResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    const results: QueryResult[] = [];
    let buf = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      let i = buf.indexOf("\n");
      while (i >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (line.startsWith("{")) {
          const r = JSON.parse(line) as QueryResult;
          results.push(r);
          log(
            `  ${name} ${r.query}: ${r.error ? `ERROR ${r.error}` : `${Math.min(...(r.ms ?? []))} ms, ${r.peakRssMB} MB`}`,
          );
        }
        i = buf.indexOf("\n");
      }
    });
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && results.length < queries.length) {
        log(`${name} exited with ${code}: ${err}`);
      }
      resolve(results);
    });
  });
}

async function check(): Promise<Record<string, string>> {
  log(`checking Flint's answers against DuckDB's at SF${SF} ...`);
  const db = await DuckDBInstance.create(":memory:", { threads: THREADS });
  const con = await db.connect();
  await registerDuckViews(con, dir);
  const spark = SparkSession.builder()
    .master(`local[${THREADS}]`)
    .config("spark.sql.session.timeZone", "UTC")
    .create();
  await registerFlintViews(spark, dir);
  const out: Record<string, string> = {};
  for (const q of queries) {
    let verdict: string;
    try {
      const expected = await duckAnswer(con, q.sql);
      const rows = await spark.sql(q.sql).collect();
      const diff = compareAnswers(
        rows.map((r) => r.toArray().map(flintCell)),
        expected,
        q.ordered,
      );
      verdict = diff === null ? "ok" : `differs: ${diff}`;
    } catch (e) {
      verdict = `error: ${String((e as Error).message).split("\n")[0]}`;
    }
    out[q.name] = verdict;
    log(`  ${q.name}: ${verdict}`);
  }
  await spark.stop();
  con.closeSync();
  db.closeSync();
  return out;
}

const checks = values.check ? await check() : null;

const node = process.execPath;
const common = [
  "--dir",
  dir,
  "--runs",
  RUNS,
  "--warmups",
  values.warmups ?? "1",
  "--threads",
  THREADS,
  ...(ONLY ? ["--only", ONLY] : []),
];
const engines: Record<string, QueryResult[]> = {};
log(`Flint (local[${THREADS}]) ...`);
engines.flint = await runEngine("flint", node, [
  join(import.meta.dirname, "engine-runner.ts"),
  "--engine",
  "flint",
  ...common,
]);
if (!values["no-duckdb"]) {
  log(`DuckDB (${THREADS} threads) ...`);
  engines.duckdb = await runEngine("duckdb", node, [
    join(import.meta.dirname, "engine-runner.ts"),
    "--engine",
    "duckdb",
    ...common,
  ]);
}
if (!values["no-spark"]) {
  log(`Spark (pyspark local[${THREADS}], driver memory ${values["driver-memory"]}) ...`);
  engines.spark = await runEngine("spark", "python3", [
    join(import.meta.dirname, "spark_runner.py"),
    ...common,
    "--driver-memory",
    values["driver-memory"] ?? "8g",
  ]);
}

// ---------------------------------------------------------------------------------------
// Report

const best = (r: QueryResult | undefined): number | null =>
  r?.ms && r.ms.length > 0 ? Math.min(...r.ms) : null;
const byQuery = (name: string, q: string) => engines[name]?.find((r) => r.query === q);
const fmt = (x: number | null): string =>
  x === null ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(1);
const ratio = (a: number | null, b: number | null): string =>
  a === null || b === null ? "—" : (a / b).toFixed(2);

const rows = queries.map((q) => {
  const f = best(byQuery("flint", q.name));
  const d = best(byQuery("duckdb", q.name));
  const s = best(byQuery("spark", q.name));
  return {
    query: q.name,
    flintMs: f,
    duckdbMs: d,
    sparkMs: s,
    flintPeakMB: byQuery("flint", q.name)?.peakRssMB ?? null,
    duckdbPeakMB: byQuery("duckdb", q.name)?.peakRssMB ?? null,
    sparkPeakMB: byQuery("spark", q.name)?.peakRssMB ?? null,
    flintOverSpark: f !== null && s !== null ? +(f / s).toFixed(3) : null,
    flintOverDuckdb: f !== null && d !== null ? +(f / d).toFixed(3) : null,
    errors: Object.fromEntries(
      Object.keys(engines)
        .map((e) => [e, byQuery(e, q.name)?.error] as const)
        .filter(([, v]) => v !== undefined),
    ),
    check: checks?.[q.name] ?? null,
  };
});

const sum = (k: "flintMs" | "duckdbMs" | "sparkMs"): number | null => {
  if (rows.some((r) => r[k] === null)) return null;
  return rows.reduce((acc, r) => acc + (r[k] ?? 0), 0);
};
const totals = { flintMs: sum("flintMs"), duckdbMs: sum("duckdbMs"), sparkMs: sum("sparkMs") };
const peak = (k: "flintPeakMB" | "duckdbPeakMB" | "sparkPeakMB"): number | null => {
  const xs = rows.map((r) => r[k]).filter((x): x is number => x !== null);
  return xs.length === 0 ? null : Math.max(...xs);
};

console.log(`\nTPC-H SF${SF}: best of ${RUNS} after a warm-up, milliseconds; peak RSS in MB`);
console.log(
  "| query | Flint | DuckDB | Spark | Flint / Spark | Flint / DuckDB | peak MB Flint / DuckDB / Spark |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  console.log(
    `| ${r.query} | ${fmt(r.flintMs)} | ${fmt(r.duckdbMs)} | ${fmt(r.sparkMs)} | ${ratio(r.flintMs, r.sparkMs)} | ${ratio(r.flintMs, r.duckdbMs)} | ${r.flintPeakMB ?? "—"} / ${r.duckdbPeakMB ?? "—"} / ${r.sparkPeakMB ?? "—"} |`,
  );
}
console.log(
  `| total | ${fmt(totals.flintMs)} | ${fmt(totals.duckdbMs)} | ${fmt(totals.sparkMs)} | ${ratio(totals.flintMs, totals.sparkMs)} | ${ratio(totals.flintMs, totals.duckdbMs)} | ${peak("flintPeakMB") ?? "—"} / ${peak("duckdbPeakMB") ?? "—"} / ${peak("sparkPeakMB") ?? "—"} |`,
);
for (const r of rows) {
  for (const [e, msg] of Object.entries(r.errors)) console.log(`${r.query} ${e}: ${msg}`);
  if (r.check !== null && r.check !== "ok") console.log(`${r.query} check: ${r.check}`);
}

const date = new Date().toISOString().slice(0, 10);
const outDir = join(ROOT, "results");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `tpch-sf${SF}-${date}${only.length > 0 ? "-partial" : ""}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      benchmark: "tpch",
      scaleFactor: SF,
      runs: Number(RUNS),
      threads: Number(THREADS),
      machine: machineInfo(),
      loadAverage: loadavg(),
      totals,
      queries: rows,
      raw: engines,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwritten ${file}`);
if (only.length === 0) {
  const chart: EngineResults[] = [
    { name: "Flint", color: "#d9480f", ms: rows.map((r) => r.flintMs) },
    ...(engines.duckdb
      ? [{ name: "DuckDB", color: "#f59f00", ms: rows.map((r) => r.duckdbMs) }]
      : []),
    ...(engines.spark
      ? [{ name: "Spark 4", color: "#1971c2", ms: rows.map((r) => r.sparkMs) }]
      : []),
  ];
  const svg = join(outDir, `tpch-sf${SF}.svg`);
  writeFileSync(
    svg,
    renderChart(
      `TPC-H SF${SF}, local[${THREADS}] / ${THREADS} threads, best of ${RUNS} (ms, log scale)`,
      rows.map((r) => r.query),
      chart,
    ),
  );
  console.log(`written ${svg}`);
}
