/**
 * TPC-H at scale factor 0.01: the 22 queries on Flint (local[2]) and on DuckDB over the
 * same Parquet files (tpchgen-cli), answers compared (see bench/tpch/tpch.ts for the
 * tolerance). Queries in known-failures.txt must fail, the others must match: the list
 * is checked both ways. Uses bench/.data/tpch/sf0.01 when present, else generates into a
 * temporary directory; skipped when tpchgen-cli is not installed.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
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
} from "../../bench/tpch/tpch.ts";
import { SparkSession } from "../../src/session/spark-session.ts";

const SF = "0.01";

function hasTpchgen(): boolean {
  try {
    execFileSync("tpchgen-cli", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const knownFailures = new Set(
  readFileSync(join(import.meta.dirname, "known-failures.txt"), "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter((l) => l !== ""),
);

let dir = dataDir(SF);
let tmp: string | null = null;
let spark: SparkSession;
let db: DuckDBInstance;
let con: DuckDBConnection;
const skip = !hasData(dir) && !hasTpchgen() ? "tpchgen-cli not installed" : false;

before(async () => {
  if (skip) return;
  if (!hasData(dir)) {
    tmp = mkdtempSync(join(tmpdir(), "flint-tpch-"));
    dir = tmp;
    generate(SF, dir);
  }
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
  con = await db.connect();
  await registerDuckViews(con, dir);
  spark = SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .create();
  await registerFlintViews(spark, dir);
});

after(async () => {
  if (skip) return;
  await spark.stop();
  con.closeSync();
  db.closeSync();
  if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
});

for (const q of loadQueries()) {
  test(`TPC-H ${q.name} (SF${SF}) matches DuckDB`, { skip }, async () => {
    const expected = await duckAnswer(con, q.sql);
    let diff: string | null;
    try {
      const rows = await spark.sql(q.sql).collect();
      diff = compareAnswers(
        rows.map((r) => r.toArray().map(flintCell)),
        expected,
        q.ordered,
      );
    } catch (e) {
      diff = `error: ${(e as Error).message}`;
    }
    if (knownFailures.has(q.name)) {
      assert.notEqual(diff, null, `${q.name} passes now: remove it from known-failures.txt`);
    } else {
      assert.equal(diff, null, `${q.name}: ${diff}`);
    }
  });
}
