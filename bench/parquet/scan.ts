/**
 * Parquet scan throughput: Flint's reader against DuckDB on TPC-H lineitem (SF1 by
 * default), in the same run, on one core each.
 *
 *   node bench/parquet/scan.ts [--sf 1] [--runs 3]
 *
 * The file is generated with `tpchgen-cli` (pip install tpchgen-cli) into bench/.data/
 * (git-ignored) when missing. Flint decodes every requested column into vectors; DuckDB
 * runs min/max aggregates over the same columns, with statistics propagation off so that
 * it decodes the pages instead of answering from the footer. Results go to
 * bench/results/parquet-scan.json with the machine they ran on.
 *
 * Optional library baseline: hyparquet, when installed outside the project with
 *   npm install --prefix bench/.data/hyparquet hyparquet@1.31.5 hyparquet-compressors@1.1.2
 * (its column chunks via `onChunk`, no row assembly: its fastest path).
 */

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Float64Vector, Int64Vector } from "../../src/execution/columnar/vector.ts";
import { readParquet, readParquetInfo } from "../../src/execution/datasources/parquet/index.ts";
import { machineInfo } from "../machine.ts";

const { values } = parseArgs({
  options: { sf: { type: "string", default: "1" }, runs: { type: "string", default: "3" } },
});
const SF = values.sf ?? "1";
const RUNS = Number(values.runs ?? "3");
const ROOT = join(import.meta.dirname, "..");
const DIR = join(ROOT, ".data", `tpch-sf${SF}`);
const FILE = join(DIR, "lineitem.parquet");

if (!existsSync(FILE)) {
  mkdirSync(DIR, { recursive: true });
  process.stderr.write(`generating ${FILE} with tpchgen-cli ...\n`);
  execFileSync("tpchgen-cli", ["parquet", "-s", SF, "--tables=lineitem", `--output-dir=${DIR}`], {
    stdio: "inherit",
  });
}

const info = await readParquetInfo(FILE);
const allColumns = info.schema.sparkSchema.fields.map((f) => f.name);
const numeric = ["l_quantity", "l_extendedprice"];
const rows = info.metadata.numRows;

function columnBytes(columns: readonly string[]): { compressed: number; uncompressed: number } {
  let compressed = 0;
  let uncompressed = 0;
  for (const rg of info.metadata.rowGroups) {
    for (const c of rg.columns) {
      if (!columns.includes(c.metaData.pathInSchema[0] ?? "")) continue;
      compressed += c.metaData.totalCompressedSize;
      uncompressed += c.metaData.totalUncompressedSize;
    }
  }
  return { compressed, uncompressed };
}

/** Decodes the columns; returns rows seen (and sums the decimals so nothing is dead code). */
async function flintScan(columns: readonly string[], sum: boolean): Promise<number> {
  let n = 0;
  let acc = 0;
  for await (const b of readParquet(FILE, { columns, batchSize: 8192, info })) {
    n += b.numRows;
    if (sum) {
      for (const c of b.columns) {
        if (c.layout === "d128") {
          // precision <= 18: the low word is the unscaled value; read it as two int32 words
          const v = (c as unknown as Int64Vector).values;
          const w = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
          for (let i = 0; i < b.numRows; i++) acc += w[4 * i]! + w[4 * i + 1]! * 4294967296;
        } else if (c.layout === "f64") {
          const v = (c as Float64Vector).values;
          for (let i = 0; i < b.numRows; i++) acc += v[i]!;
        }
      }
    }
  }
  if (n !== rows || Number.isNaN(acc)) throw new Error(`scanned ${n} of ${rows} rows`);
  return n;
}

const db = await DuckDBInstance.create(":memory:", { threads: "1" });
const con = await db.connect();
const duckVersion = (await con.runAndReadAll("SELECT version()")).getRowsJson()[0]?.[0];
// min/max would otherwise be answered from the footer's statistics without decoding pages
await con.run("SET disabled_optimizers = 'statistics_propagation'");
const minMax = (cols: readonly string[]): string =>
  `SELECT ${cols.map((c) => `min(${c}), max(${c})`).join(", ")} FROM '${FILE}'`;

interface Case {
  readonly name: string;
  readonly columns: readonly string[];
  readonly flint: () => Promise<unknown>;
  readonly duckdb: string;
}

const cases: Case[] = [
  {
    name: "all 16 columns",
    columns: allColumns,
    flint: () => flintScan(allColumns, false),
    duckdb: minMax(allColumns),
  },
  {
    name: "2 numeric columns",
    columns: numeric,
    flint: () => flintScan(numeric, false),
    duckdb: minMax(numeric),
  },
  {
    name: "2 numeric columns, summed",
    columns: numeric,
    flint: () => flintScan(numeric, true),
    duckdb: `SELECT sum(l_quantity), sum(l_extendedprice) FROM '${FILE}'`,
  },
];

/** Best-of-`runs` wall and CPU milliseconds (CPU: this process, DuckDB's thread included). */
async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  await fn();
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

interface Hyparquet {
  asyncBufferFromFile(path: string): Promise<unknown>;
  parquetRead(options: {
    file: unknown;
    columns?: string[];
    compressors?: unknown;
    onChunk?: (chunk: unknown) => void;
  }): Promise<void>;
}
const HYP_DIR = join(ROOT, ".data", "hyparquet", "node_modules");
let hyparquet: { lib: Hyparquet; compressors: unknown } | null = null;
if (existsSync(join(HYP_DIR, "hyparquet", "src", "node.js"))) {
  const lib = (await import(
    pathToFileURL(join(HYP_DIR, "hyparquet", "src", "node.js")).href
  )) as Hyparquet;
  const comp = (await import(
    pathToFileURL(join(HYP_DIR, "hyparquet-compressors", "src", "index.js")).href
  )) as { compressors: unknown };
  hyparquet = { lib, compressors: comp.compressors };
}

async function hyparquetScan(columns: readonly string[]): Promise<void> {
  if (hyparquet === null) return;
  const file = await hyparquet.lib.asyncBufferFromFile(FILE);
  let chunks = 0;
  await hyparquet.lib.parquetRead({
    file,
    columns: [...columns],
    compressors: hyparquet.compressors,
    onChunk: () => {
      chunks++;
    },
  });
  if (chunks === 0) throw new Error("hyparquet read nothing");
}

const results = [];
for (const c of cases) {
  const flint = await measure(c.flint);
  const duck = await measure(() => con.runAndReadAll(c.duckdb));
  const hyp =
    hyparquet !== null && c.name === "2 numeric columns"
      ? await measure(() => hyparquetScan(c.columns))
      : null;
  const flintMs = flint.wall;
  const duckMs = duck.wall;
  const bytes = columnBytes(c.columns);
  const r = {
    case: c.name,
    rows,
    compressedMB: +(bytes.compressed / 1e6).toFixed(1),
    uncompressedMB: +(bytes.uncompressed / 1e6).toFixed(1),
    flintMs: Math.round(flintMs),
    duckdbMs: Math.round(duckMs),
    ratio: +(flintMs / duckMs).toFixed(2),
    flintCpuMs: Math.round(flint.cpu),
    duckdbCpuMs: Math.round(duck.cpu),
    cpuRatio: +(flint.cpu / duck.cpu).toFixed(2),
    hyparquetMs: hyp === null ? null : Math.round(hyp.wall),
    hyparquetCpuMs: hyp === null ? null : Math.round(hyp.cpu),
    flintRowsPerSec: Math.round(rows / (flintMs / 1000)),
    flintMBPerSec: +(bytes.uncompressed / 1e6 / (flintMs / 1000)).toFixed(0),
    duckdbMBPerSec: +(bytes.uncompressed / 1e6 / (duckMs / 1000)).toFixed(0),
  };
  results.push(r);
  process.stderr.write(
    `${c.name}: flint ${r.flintMs} ms, duckdb ${r.duckdbMs} ms${hyp === null ? "" : `, hyparquet ${r.hyparquetMs} ms`}\n`,
  );
}
con.closeSync();
db.closeSync();

console.log(
  `\nTPC-H SF${SF} lineitem (${rows} rows, ${info.metadata.rowGroups.length} row groups, snappy), one core each`,
);
console.log(
  "| case | MB (uncompressed) | Flint ms | DuckDB ms | Flint / DuckDB | CPU ms Flint / DuckDB | Flint Mrows/s | Flint MB/s | DuckDB MB/s |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  console.log(
    `| ${r.case} | ${r.uncompressedMB} | ${r.flintMs} | ${r.duckdbMs} | ${r.ratio} | ${r.flintCpuMs} / ${r.duckdbCpuMs} (${r.cpuRatio}) | ${(r.flintRowsPerSec / 1e6).toFixed(1)} | ${r.flintMBPerSec} | ${r.duckdbMBPerSec} |`,
  );
}

const out = join(ROOT, "results", "parquet-scan.json");
mkdirSync(join(ROOT, "results"), { recursive: true });
const loadAverage = (await import("node:os")).loadavg();
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: "parquet-scan", file: `tpch sf${SF} lineitem.parquet (tpchgen-cli, snappy)`, duckdb: duckVersion, machine: machineInfo(), loadAverage, results }, null, 2)}\n`,
);
if (hyparquet !== null) {
  console.log("\nhyparquet 1.31.5 (column chunks, no rows):");
  for (const r of results) {
    if (r.hyparquetMs !== null) {
      console.log(`  ${r.case}: ${r.hyparquetMs} ms wall, ${r.hyparquetCpuMs} ms CPU`);
    }
  }
}
console.log(`\nwritten ${out}`);
