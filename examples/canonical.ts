/**
 * The canonical example: total salary per country on two local worker threads, and the
 * plans Flint chose for it.  Run: npm run demo
 */
import { F, SparkSession } from "../src/index.ts";

const spark = SparkSession.builder().master("local[2]").appName("canonical").getOrCreate();

const df = spark.createDataFrame(
  [
    { country: "NL", salary: 5200 },
    { country: "US", salary: 8100 },
    { country: "NL", salary: 4700 },
    { country: "JP", salary: 6100 },
    { country: "US", salary: 7300 },
  ],
  "country string, salary int",
);

const rows = await df.groupBy("country").sum("salary").orderBy("country").collect();
for (const row of rows) console.log(`${row.get("country")}\t${row.get("sum(salary)")}`);

await df.groupBy("country").sum("salary").explain("extended");
await df.groupBy("country").agg(F.avg("salary").alias("avg_salary")).show();

await spark.stop();
