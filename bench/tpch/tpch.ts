/**
 * TPC-H shared by the CI test (test/tpch/tpch.test.ts) and the benchmark (bench/tpch/run.ts):
 * the data location and its generation, the 22 queries, views over the Parquet files in
 * Flint and DuckDB, and the comparison of two engines' answers.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SparkSession } from "../../src/session/spark-session.ts";
import { Decimal } from "../../src/types/decimal.ts";

export const TABLES = [
  "region",
  "nation",
  "supplier",
  "customer",
  "part",
  "partsupp",
  "orders",
  "lineitem",
] as const;

const ROOT = join(import.meta.dirname, "..", "..");
export const QUERY_DIR = join(import.meta.dirname, "queries");

/** bench/.data/tpch/sf<N>: where generate.sh writes scale factor N by default. */
export function dataDir(sf: string): string {
  return join(ROOT, "bench", ".data", "tpch", `sf${sf}`);
}

/** True when every table's Parquet file is present in `dir`. */
export function hasData(dir: string): boolean {
  return TABLES.every((t) => existsSync(join(dir, `${t}.parquet`)));
}

/** Generates scale factor `sf` into `dir` with tools/tpch/generate.sh (skips present tables). */
export function generate(sf: string, dir: string): void {
  execFileSync(join(ROOT, "tools", "tpch", "generate.sh"), [sf, dir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export interface Query {
  /** q01 ... q22 */
  readonly name: string;
  readonly sql: string;
  /** Whether the answer's order is fixed by the query's final ORDER BY. */
  readonly ordered: boolean;
}

/** The 22 queries in order, optionally only those whose names are in `only`. */
export function loadQueries(only?: readonly string[]): Query[] {
  return readdirSync(QUERY_DIR)
    .filter((f) => /^q\d\d\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(QUERY_DIR, f), "utf8").trim();
      return { name: f.slice(0, 3), sql, ordered: /\border\s+by\b[^()]*$/i.test(sql) };
    })
    .filter((q) => only === undefined || only.length === 0 || only.includes(q.name));
}

export async function registerFlintViews(spark: SparkSession, dir: string): Promise<void> {
  for (const t of TABLES) {
    await spark.read.parquet(join(dir, `${t}.parquet`)).createOrReplaceTempView(t);
  }
}

export async function registerDuckViews(con: DuckDBConnection, dir: string): Promise<void> {
  for (const t of TABLES) {
    const path = join(dir, `${t}.parquet`).replaceAll("'", "''");
    await con.run(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM read_parquet('${path}')`);
  }
}

/**
 * One answer in a form both engines share: numbers (decimal, integral and floating
 * types alike), strings (dates as ISO yyyy-mm-dd), null.
 */
export type Cell = number | string | null;
export type Answer = Cell[][];

export function flintCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Decimal) return v.toNumber();
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

const DUCK_NUMERIC = /^(DECIMAL|BIGINT|HUGEINT|UBIGINT|INTEGER|SMALLINT|TINYINT|DOUBLE|FLOAT)/;

export async function duckAnswer(con: DuckDBConnection, sql: string): Promise<Answer> {
  const r = await con.runAndReadAll(sql);
  const numeric = r.columnTypes().map((t) => DUCK_NUMERIC.test(String(t)));
  return r.getRowsJson().map((row) =>
    row.map((v, i): Cell => {
      if (v === null) return null;
      if (numeric[i]) return Number(v);
      return typeof v === "string" || typeof v === "number" ? v : String(v);
    }),
  );
}

/**
 * Numbers agree within 1e-6 absolute plus 1e-9 relative. Spark computes TPC-H's money
 * exactly in decimals but rounds results of avg and division to 6 fractional digits
 * (half an ulp: 5e-7), DuckDB returns doubles for those (15-16 significant digits, and
 * sums over a few million values lose at most ~1e-10 relative).
 */
export function cellsEqual(a: Cell, b: Cell): boolean {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-6 + 1e-9 * Math.abs(b);
  }
  return a === b;
}

function rowKey(row: readonly Cell[]): string {
  // numbers rounded to 4 digits so that rows differing only within tolerance sort together
  return row.map((c) => (typeof c === "number" ? c.toFixed(4) : String(c))).join("\u0001");
}

/** null when the answers agree, else a description of the first difference. */
export function compareAnswers(actual: Answer, expected: Answer, ordered: boolean): string | null {
  if (actual.length !== expected.length) {
    return `${actual.length} rows, expected ${expected.length}`;
  }
  const sort = (x: Answer): Answer =>
    ordered
      ? x
      : [...x].sort((p, q) => (rowKey(p) < rowKey(q) ? -1 : rowKey(p) > rowKey(q) ? 1 : 0));
  const a = sort(actual);
  const e = sort(expected);
  for (let i = 0; i < a.length; i++) {
    const ra = a[i] ?? [];
    const re = e[i] ?? [];
    if (ra.length !== re.length || ra.some((c, j) => !cellsEqual(c, re[j] ?? null))) {
      return `row ${i}: ${JSON.stringify(ra)}, expected ${JSON.stringify(re)}`;
    }
  }
  return null;
}
