/**
 * Faults on real query jobs (local[2,4]: two task slots, four attempts per task), injected
 * by the test-only hook `spark.flint.test.fault` of the task runner: a task that fails once
 * is retried, one that always fails aborts the job with Spark's message, a worker thread
 * that dies mid-task is replaced, and raise_error surfaces as USER_RAISED_EXCEPTION.
 * Expected answers are Spark's for the same queries (pyspark, local[2,4]).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FlintError, SparkSession } from "../../src/index.ts";

const spark = SparkSession.builder()
  .master("local[2,4]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "3")
  .config("spark.ui.showConsoleProgress", "false")
  .create();
after(() => spark.stop());

// 1000 rows in 4 partitions, grouped into 7 keys: a map stage and a result stage
const QUERY =
  "SELECT id % 7 AS k, count(*) AS n, sum(id) AS s FROM range(0, 1000, 1, 4) GROUP BY id % 7 ORDER BY k";
const EXPECTED = Array.from({ length: 7 }, (_, k) => {
  let n = 0n;
  let s = 0n;
  for (let id = k; id < 1000; id += 7) {
    n += 1n;
    s += BigInt(id);
  }
  return [BigInt(k), n, s];
});

before(async () => {
  // the workers are up before the faults start
  assert.deepEqual(await rows(QUERY), EXPECTED);
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}

async function withFault<T>(fault: string, f: () => Promise<T>): Promise<T> {
  spark.conf.set("spark.flint.test.fault", fault);
  try {
    return await f();
  } finally {
    spark.conf.unset("spark.flint.test.fault");
  }
}

test("a result task failing on its first attempt is retried and the job succeeds", async () => {
  const got = await withFault("kind=throw;stage=result;partition=1;attempts=1;message=boom", () =>
    rows(QUERY),
  );
  assert.deepEqual(got, EXPECTED);
});

test("a map task failing on its first three attempts is retried and the job succeeds", async () => {
  const got = await withFault("kind=throw;stage=map;partition=2;attempts=3;message=boom", () =>
    rows(QUERY),
  );
  assert.deepEqual(got, EXPECTED);
});

test("a task failing on every attempt aborts the job after spark.task.maxFailures", async () => {
  await withFault("kind=throw;stage=result;partition=0;message=boom", async () => {
    await assert.rejects(rows(QUERY), (err: unknown) => {
      // Spark's SparkException: a class and SQLSTATE, the stage and the failed task
      const e = err as Error & {
        errorClass: string;
        sqlState: string;
        stageId: number;
        failedTask: { partition: number; attempt: number; failures: number };
      };
      assert.equal(e.name, "SparkException");
      assert.equal(e.errorClass, "SPARK_JOB_ABORTED");
      assert.equal(e.failedTask.partition, 0);
      assert.equal(e.failedTask.attempt, 3);
      assert.equal(e.failedTask.failures, 4);
      assert.ok(e.message.includes(`in stage ${e.stageId}.0`));
      assert.equal(e.sqlState, "XX000");
      assert.match(
        e.message,
        /^Job aborted due to stage failure: Task 0 in stage (\d+)\.0 failed 4 times, most recent failure: Lost task 0\.3 in stage \1\.0 \(TID \d+\) \(localhost executor driver\): Error: boom$/,
      );
      // the root cause is kept, and no stack trace reaches the message
      assert.ok(e.cause instanceof Error);
      assert.equal(e.cause.message, "boom");
      assert.doesNotMatch(e.message, /\n|\.ts:/);
      return true;
    });
  });
  // the session still works
  assert.deepEqual(await rows(QUERY), EXPECTED);
});

test("a worker thread that dies mid-task is replaced and the job completes", async () => {
  const got = await withFault("kind=exit;stage=map;partition=1;attempts=1", () => rows(QUERY));
  assert.deepEqual(got, EXPECTED);
  const again = await withFault("kind=exit;stage=result;partition=0;attempts=1", () => rows(QUERY));
  assert.deepEqual(again, EXPECTED);
  assert.deepEqual(await rows(QUERY), EXPECTED);
});

test("raise_error fails the query with USER_RAISED_EXCEPTION after the task attempts", async () => {
  await assert.rejects(
    rows("SELECT id, CASE WHEN id = 500 THEN raise_error('boom') END FROM range(0, 1000, 1, 4)"),
    (e: unknown) => {
      assert.ok(e instanceof FlintError);
      assert.equal(e.errorClass, "USER_RAISED_EXCEPTION");
      assert.equal(e.sqlState, "P0001");
      assert.deepEqual(e.messageParameters, { errorMessage: "boom" });
      assert.match(e.message, /boom/);
      return true;
    },
  );
});

test("the fault hook reaches map tasks (a map task failing always aborts the job)", async () => {
  await withFault("kind=throw;stage=map;partition=2;message=map boom", async () => {
    await assert.rejects(rows(QUERY), /Task 2 in stage \d+\.0 failed 4 times.*: Error: map boom$/);
  });
});
