/**
 * Runs TPC-H queries on one engine in this process and prints one JSON line per query
 * (`{"query","ms":[...],"peakRssMB","rows"}` or `{"query","error"}`), so that each engine's
 * memory is measured in a process of its own. Started by bench/tpch/run.ts:
 *
 *   node bench/tpch/engine-runner.ts --engine flint|duckdb --dir <parquet dir> [--runs 3]
 *        [--warmups 1] [--only q01,q02] [--threads 2]
 *
 * Peak memory is the process's peak resident set (VmHWM, reset per query through
 * /proc/self/clear_refs), worker threads included.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { SparkSession } from "../../src/session/spark-session.ts";
import { loadQueries, registerDuckViews, registerFlintViews } from "./tpch.ts";

const { values } = parseArgs({
  options: {
    engine: { type: "string" },
    dir: { type: "string" },
    runs: { type: "string", default: "3" },
    warmups: { type: "string", default: "1" },
    only: { type: "string", default: "" },
    threads: { type: "string", default: "2" },
  },
});
const dir = values.dir ?? "";
const runs = Number(values.runs);
const warmups = Number(values.warmups);
const threads = Number(values.threads);
const only = (values.only ?? "").split(",").filter((s) => s !== "");

function resetPeak(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // not Linux, or not permitted: the peak is then the process's lifetime peak
  }
}

function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // fall through
  }
  return Math.round(process.memoryUsage.rss() / 2 ** 20);
}

type RunQuery = (sql: string) => Promise<number>;

async function engine(): Promise<{ run: RunQuery; close: () => Promise<void> }> {
  if (values.engine === "flint") {
    const spark = SparkSession.builder()
      .master(`local[${threads}]`)
      .config("spark.sql.session.timeZone", "UTC")
      .create();
    await registerFlintViews(spark, dir);
    return {
      run: async (sql) => (await spark.sql(sql).collect()).length,
      close: () => spark.stop(),
    };
  }
  if (values.engine === "duckdb") {
    const db = await DuckDBInstance.create(":memory:", { threads: String(threads) });
    const con = await db.connect();
    await registerDuckViews(con, dir);
    return {
      run: async (sql) => (await con.runAndReadAll(sql)).currentRowCount,
      close: async () => {
        con.closeSync();
        db.closeSync();
      },
    };
  }
  throw new Error(`unknown engine ${values.engine}`);
}

const e = await engine();
for (const q of loadQueries(only)) {
  try {
    resetPeak();
    for (let i = 0; i < warmups; i++) await e.run(q.sql);
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      rows = await e.run(q.sql);
      ms.push(Math.round((performance.now() - t0) * 10) / 10);
    }
    process.stdout.write(
      `${JSON.stringify({ query: q.name, ms, peakRssMB: peakRssMB(), rows })}\n`,
    );
  } catch (err) {
    const error = String((err as Error).message ?? err).split("\n")[0];
    process.stdout.write(`${JSON.stringify({ query: q.name, error })}\n`);
  }
}
await e.close();
