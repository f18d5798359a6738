/**
 * Child process of write-failure.test.ts: overwrites `argv[2]` with a large DataFrame and
 * prints "started" first; the test kills it with SIGKILL in the middle of the job.
 */
import { SparkSession } from "../../src/index.ts";

const out = process.argv[2] ?? "";
const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
process.stdout.write("started\n");
await spark
  .sql("SELECT id, id * 2 AS x, CAST(id AS STRING) AS s FROM range(0, 50000000, 1, 8)")
  .write.mode("overwrite")
  .option("maxRecordsPerFile", 200000)
  .parquet(out);
process.stdout.write("finished\n");
await spark.stop();
