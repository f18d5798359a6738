/**
 * Casting a timestamp column to string inside a generated pipeline prints it in the
 * session time zone, as Spark does (it printed the raw microseconds). Expected values from
 * pyspark 4.3: SELECT CAST(timestamp_micros(id * 1000001) AS STRING) FROM range(3) with
 * spark.sql.session.timeZone=America/Los_Angeles.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { SparkSession } from "../../src/index.ts";

const spark = SparkSession.builder()
  .master("local[1]")
  .config("spark.ui.showConsoleProgress", "false")
  .config("spark.sql.session.timeZone", "America/Los_Angeles")
  .create();
after(() => spark.stop());

test("CAST(timestamp AS STRING) over a column uses the session time zone", async () => {
  const rows = await spark
    .sql("SELECT CAST(timestamp_micros(id * 1000001) AS STRING) AS a FROM range(3)")
    .collect();
  assert.deepEqual(
    rows.map((r) => r.get(0)),
    ["1969-12-31 16:00:00", "1969-12-31 16:00:01.000001", "1969-12-31 16:00:02.000002"],
  );
});
