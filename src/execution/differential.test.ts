/**
 * Random aggregation and join queries over random data with nulls (seeded), run on local[2]
 * worker threads and by DuckDB over the same rows; results must agree as multisets.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import type { AttributeReference, Expression } from "../catalyst/expressions/expression.ts";
import { attribute, comparison, literal } from "../catalyst/expressions/factories.ts";
import { aggregate, filter, join, localRelation } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { type FlintRuntime, startLocalRuntime } from "../executor/local-runtime.ts";
import { DoubleT, IntegerT, LongT, StringT } from "../types/data-types.ts";
import { rowsFromBatch } from "./columnar/batch.ts";
import { planPhysical } from "./planner/plan-physical.ts";
import { executePlan } from "./run/execute-plan.ts";
import { aggAlias, aggFn, conf } from "./testing-fixtures.ts";

let runtime: FlintRuntime;
before(async () => {
  runtime = await startLocalRuntime({
    master: "local[2]",
    conf: { "spark.ui.showConsoleProgress": "false" },
    taskRunnerModule: new URL("./run/task-runner.ts", import.meta.url),
  });
});
after(async () => {
  await runtime.stop();
});

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["a", "b", "c", "d", "e", "f", "g"];

function table(r: () => number, n: number): unknown[][] {
  return Array.from({ length: n }, () => [
    r() < 0.1 ? null : (KEYS[Math.floor(r() * KEYS.length)] as string),
    r() < 0.15 ? null : Math.floor(r() * 200) - 100,
    r() < 0.15 ? null : Math.floor(r() * 8),
  ]);
}

function sqlValues(rows: unknown[][]): string {
  return rows
    .map(
      (row) =>
        `(${row.map((v) => (v === null ? "NULL" : typeof v === "string" ? `'${v}'` : String(v))).join(", ")})`,
    )
    .join(", ");
}

function normalize(rows: unknown[][]): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        row.map((v) => {
          if (typeof v === "bigint") return Number(v);
          if (typeof v === "number" && !Number.isInteger(v)) return Number(v.toFixed(6));
          return v ?? null;
        }),
      ),
    )
    .sort();
}

test("random grouped aggregates and joins agree with DuckDB", async () => {
  const r = rng(4242);
  const db = await DuckDBInstance.create(":memory:");
  const duck = await db.connect();
  const settings = { "spark.sql.shuffle.partitions": "4" };
  for (let round = 0; round < 6; round++) {
    const t1 = table(r, 120);
    const t2 = table(r, 40);
    await duck.run(
      `CREATE OR REPLACE TABLE t1 AS SELECT * FROM (VALUES ${sqlValues(t1)}) AS v(k, x, y)`,
    );
    await duck.run(
      `CREATE OR REPLACE TABLE t2 AS SELECT * FROM (VALUES ${sqlValues(t2)}) AS v(k, x, y)`,
    );
    const a: AttributeReference[] = [
      attribute("k", StringT),
      attribute("x", IntegerT),
      attribute("y", IntegerT),
    ];
    const b: AttributeReference[] = [
      attribute("k", StringT),
      attribute("x", IntegerT),
      attribute("y", IntegerT),
    ];
    const [k1, x1, y1] = a as [AttributeReference, AttributeReference, AttributeReference];
    const [k2, x2] = b as [AttributeReference, AttributeReference, AttributeReference];
    const rel1 = localRelation(a, t1);
    const rel2 = localRelation(b, t2);
    const threshold = (r() * 40 - 20) | 0;
    const cond: Expression = comparison(">", x1, literal(threshold, IntegerT));
    const queries: [LogicalPlan, string][] = [
      [
        aggregate(
          [k1, y1],
          [
            k1,
            y1,
            aggAlias("s", aggFn("sum", [x1], LongT)),
            aggAlias("c", aggFn("count", [x1], LongT, false)),
            aggAlias("mn", aggFn("min", [x1], IntegerT)),
            aggAlias("mx", aggFn("max", [x1], IntegerT)),
            aggAlias("av", aggFn("avg", [x1], DoubleT)),
          ],
          filter(cond, rel1),
        ),
        `SELECT k, y, sum(x), count(x), min(x), max(x), avg(x) FROM t1 WHERE x > ${threshold} GROUP BY k, y`,
      ],
      [
        join(rel1, rel2, "Inner", comparison("=", k1, k2)),
        "SELECT * FROM t1 JOIN t2 ON t1.k = t2.k",
      ],
      [
        join(rel1, rel2, "LeftOuter", comparison("=", k1, k2)),
        "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k",
      ],
      [
        join(rel1, rel2, "FullOuter", comparison("=", x1, x2)),
        "SELECT * FROM t1 FULL JOIN t2 ON t1.x = t2.x",
      ],
      [
        join(rel1, rel2, "RightOuter", comparison("=", k1, k2)),
        "SELECT * FROM t1 RIGHT JOIN t2 ON t1.k = t2.k",
      ],
      [
        join(rel1, rel2, "LeftSemi", comparison("=", y1, x2)),
        "SELECT * FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.x = t1.y)",
      ],
      [
        join(rel1, rel2, "Inner", comparison(">", y1, x2)),
        "SELECT * FROM t1 JOIN t2 ON t1.y > t2.x",
      ],
      [
        join(rel1, rel2, "FullOuter", comparison(">", y1, x2)),
        "SELECT * FROM t1 FULL JOIN t2 ON t1.y > t2.x",
      ],
      [
        join(rel1, rel2, "LeftAnti", comparison("=", k1, k2)),
        "SELECT * FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k)",
      ],
    ];
    for (const [plan, sql] of queries) {
      for (const broadcast of [true, false]) {
        const s = broadcast
          ? settings
          : { ...settings, "spark.sql.autoBroadcastJoinThreshold": "-1" };
        const { batches } = await executePlan(planPhysical(plan, conf(s)), runtime);
        const got = normalize(batches.flatMap(rowsFromBatch));
        const want = normalize(
          (await duck.runAndReadAll(sql)).getRowsJS().map((row) => row.map((v) => v ?? null)),
        );
        assert.deepEqual(got, want, `${sql} (broadcast ${broadcast})`);
      }
    }
  }
  duck.closeSync();
});
