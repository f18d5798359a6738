/**
 * 1,000 random queries (queries.ts) on random tables with nulls (data.ts), through
 * `spark.sql`: whole-stage codegen against codegen off with every expression interpreted
 * (identical rows), and against DuckDB on the same data (runner.ts). Seeds are pinned;
 * a failure prints each failing query with its seed. Batches vary the table sizes, the
 * shuffle partitions (1-4) and the broadcast threshold (-1 forces sort-merge joins).
 *
 * More seeds: FLINT_DIFF_SEEDS=101,102 FLINT_DIFF_QUERIES=500 node --test <this file>.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { SparkSession } from "../../src/index.ts";
import { type Batch, runBatches } from "./runner.ts";

function session(): SparkSession {
  return SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.ui.showConsoleProgress", "false")
    .create();
}

const sessions = { codegen: session(), interpreted: session() };
after(async () => {
  await sessions.codegen.stop();
  await sessions.interpreted.stop();
});

const seeds = (process.env.FLINT_DIFF_SEEDS ?? "1,2,3,4,5,6,7,8,9,10").split(",").map(Number);
const perBatch = Number(process.env.FLINT_DIFF_QUERIES ?? 100);

const batches: Batch[] = seeds.map((seed, i) => ({
  seed,
  queries: perBatch,
  rowsA: [50, 200, 500, 120, 300][i % 5] as number,
  rowsB: [40, 100, 60, 200, 30][i % 5] as number,
  conf: {
    "spark.sql.shuffle.partitions": String(1 + (i % 4)),
    "spark.sql.autoBroadcastJoinThreshold": i % 3 === 1 ? "-1" : "10485760",
  },
}));

test(`${seeds.length * perBatch} random queries: codegen = interpreted = DuckDB`, async () => {
  const stats = await runBatches(sessions, batches);
  const report = stats.failures.map((f) => `seed ${f.seed}: ${f.query}\n  ${f.problem}`).join("\n");
  assert.equal(stats.failures.length, 0, `${stats.failures.length} failing queries:\n${report}`);
  assert.equal(stats.queries, seeds.length * perBatch);
  // most queries must produce an answer both engines agree on (not fail in both)
  assert.ok(stats.bothFailed < stats.queries / 20, `${stats.bothFailed} failed in both engines`);
  assert.ok(stats.rowsCompared > stats.queries * 20, `only ${stats.rowsCompared} rows compared`);
});
