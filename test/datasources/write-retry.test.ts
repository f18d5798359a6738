/**
 * Write tasks retried by the scheduler (local[2,4]: four attempts per task, faults from
 * the task runner's test hook `spark.flint.test.fault`): a task attempt that fails, or a
 * worker thread that dies, is retried and the output holds each split's files once.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { SparkSession } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-write-retry-"));
const spark = SparkSession.builder()
  .master("local[2,4]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withFault<T>(fault: string, f: () => Promise<T>): Promise<T> {
  spark.conf.set("spark.flint.test.fault", fault);
  try {
    return await f();
  } finally {
    spark.conf.unset("spark.flint.test.fault");
  }
}

const visible = (path: string): string[] =>
  readdirSync(path).filter((n) => !n.startsWith("_") && !n.startsWith("."));

describe("retried write tasks", () => {
  it("a write task failing on every attempt aborts the job and writes nothing", async () => {
    const out = join(dir, "always");
    await assert.rejects(
      withFault("kind=throw;stage=result;partition=1;message=boom", () =>
        spark.sql("SELECT id FROM range(0, 100, 1, 4)").write.parquet(out),
      ),
      /boom/,
    );
    assert.deepEqual(
      readdirSync(dir).filter((n) => n === "always" || n.startsWith(".always")),
      [],
    );
  });

  for (const kind of ["throw", "exit"]) {
    it(`a write task whose first attempt fails (${kind}) is retried; one file per split`, async () => {
      const out = join(dir, kind);
      const df = spark.sql("SELECT id, CAST(id AS STRING) AS s FROM range(0, 1000, 1, 4)");
      const s = await withFault(`kind=${kind};stage=result;partition=1;attempts=1`, () =>
        df.write.parquet(out),
      );
      assert.equal(s.rows, 1000);
      const files = visible(out).sort();
      assert.deepEqual(
        files.map((f) => f.slice(0, 10)),
        ["part-00000", "part-00001", "part-00002", "part-00003"],
      );
      const back = await spark.read
        .parquet(out)
        .selectExpr("count(*)", "count(DISTINCT id)")
        .collect();
      assert.deepEqual(back[0]?.toArray(), [1000n, 1000n]);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith(".")),
        [],
      );
    });
  }
});
