/**
 * Runs batches of random queries (queries.ts) on random tables (data.ts): each query
 * through `spark.sql` with whole-stage codegen on, again with codegen off and every
 * expression interpreted, and by DuckDB. Flint must agree with itself exactly and with
 * DuckDB within the tolerances of compare.ts. Failures carry the seed and the query.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row, SparkSession } from "../../src/index.ts";
import { compareAnswers, duckAnswer, exactKey, flintAnswer } from "./compare.ts";
import { loadDuck, loadFlint, randomTable, rng } from "./data.ts";
import { type Query, randomQuery } from "./queries.ts";

export interface Batch {
  /** Seed of the tables; query i of the batch has seed `seed * 10000 + i`. */
  readonly seed: number;
  readonly queries: number;
  readonly rowsA: number;
  readonly rowsB: number;
  /** Session settings for the batch (shuffle partitions, broadcast threshold, ...). */
  readonly conf: Readonly<Record<string, string>>;
}

export interface Failure {
  readonly seed: number;
  readonly query: string;
  readonly problem: string;
}

/** Settings that turn codegen off: operators run one by one, expressions interpreted. */
const NO_CODEGEN = {
  "spark.sql.codegen.wholeStage": "false",
  "spark.sql.codegen.factoryMode": "NO_CODEGEN",
};
const CODEGEN = {
  "spark.sql.codegen.wholeStage": "true",
  "spark.sql.codegen.factoryMode": "FALLBACK",
};

type Outcome = { readonly rows: Row[] } | { readonly error: string };

function errorText(e: unknown): string {
  if (e !== null && typeof e === "object" && "errorClass" in e) {
    return String((e as { errorClass: unknown }).errorClass);
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function runFlint(spark: SparkSession, sql: string): Promise<Outcome> {
  try {
    return { rows: await spark.sql(sql).collect() };
  } catch (e) {
    return { error: errorText(e) };
  }
}

function sameRows(a: readonly Row[], b: readonly Row[], ordered: boolean): string | null {
  const ka = a.map(exactKey);
  const kb = b.map(exactKey);
  if (!ordered) {
    ka.sort();
    kb.sort();
  }
  if (ka.length !== kb.length) return `${ka.length} rows with codegen, ${kb.length} without`;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return `row ${i}: ${ka[i]} with codegen, ${kb[i]} without`;
  }
  return null;
}

export interface RunStats {
  readonly queries: number;
  readonly failures: Failure[];
  /** Queries both engines rejected (counted as agreeing). */
  readonly bothFailed: number;
  readonly rowsCompared: number;
}

/**
 * Two sessions run each query at the same time: `codegen` as configured, `interpreted`
 * with the NO_CODEGEN settings applied here.
 */
export interface Sessions {
  readonly codegen: SparkSession;
  readonly interpreted: SparkSession;
}

export async function runBatches(
  sessions: Sessions,
  batches: readonly Batch[],
  options: { readonly log?: (s: string) => void } = {},
): Promise<RunStats> {
  for (const [k, v] of Object.entries(CODEGEN)) sessions.codegen.conf.set(k, v);
  for (const [k, v] of Object.entries(NO_CODEGEN)) sessions.interpreted.conf.set(k, v);
  const both = [sessions.codegen, sessions.interpreted];
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const failures: Failure[] = [];
  let queries = 0;
  let bothFailed = 0;
  let rowsCompared = 0;
  try {
    for (const batch of batches) {
      const r = rng(batch.seed);
      const tables = [
        randomTable(r, "a", batch.rowsA),
        randomTable(r, "b", batch.rowsB),
        randomTable(r, "c", 12),
      ];
      for (const t of tables) {
        for (const spark of both) await loadFlint(spark, t);
        await loadDuck(con, t);
      }
      for (const spark of both)
        for (const [k, v] of Object.entries(batch.conf)) spark.conf.set(k, v);
      for (let i = 0; i < batch.queries; i++) {
        const seed = batch.seed * 10000 + i;
        const q = randomQuery(rng(seed));
        queries++;
        const problem = await check(sessions, con, q);
        if (problem === "both failed") bothFailed++;
        else if (typeof problem === "number") rowsCompared += problem;
        else {
          failures.push({ seed, query: q.spark, problem });
          options.log?.(`seed ${seed}: ${q.spark}\n  ${problem}`);
        }
      }
    }
  } finally {
    con.closeSync();
  }
  return { queries, failures, bothFailed, rowsCompared };
}

/** Rows compared, "both failed", or the problem found. */
async function check(
  sessions: Sessions,
  con: Awaited<ReturnType<DuckDBInstance["connect"]>>,
  q: Query,
): Promise<number | string> {
  const duckRun = duckAnswer(con, q.duck, q.kinds).then(
    (rows) => ({ rows }),
    (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
  );
  const [withCodegen, without, duck] = await Promise.all([
    runFlint(sessions.codegen, q.spark),
    runFlint(sessions.interpreted, q.spark),
    duckRun,
  ]);
  if ("error" in withCodegen) {
    if ("error" in without && without.error !== withCodegen.error) {
      return `codegen on/off fail differently: ${withCodegen.error} / ${without.error}`;
    }
    return "error" in duck ? "both failed" : `Flint failed: ${withCodegen.error}`;
  }
  if ("error" in without) return `failed without codegen only: ${without.error}`;
  const diff = sameRows(withCodegen.rows, without.rows, q.ordered);
  if (diff !== null) return `codegen on/off differ: ${diff}`;
  if ("error" in duck) return `DuckDB failed, Flint did not: ${duck.error}`;
  const d = compareAnswers(flintAnswer(withCodegen.rows, q.kinds), duck.rows, q.ordered);
  return d === null ? duck.rows.length : `differs from DuckDB: ${d}`;
}
