"""Expected results for test/api/dataframe.test.ts, from real Spark (pyspark 4).

Run: python3 tools/oracles/dataframe_api.py > test/api/dataframe-expected.jsonl
(JSON lines: each case's schema and rows; unordered cases are sorted by the test).
"""
import json
from pyspark.sql import SparkSession, Window, functions as F

spark = (SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")

people = spark.createDataFrame(
    [("NL", "ann", 5200), ("US", "bob", 8100), ("NL", "cas", 4700), ("JP", "dee", 6100),
     ("US", "eve", 7300), (None, "fay", None)],
    "country string, name string, salary int")
depts = spark.createDataFrame([("NL", "Europe"), ("US", "America"), ("FR", "Europe")],
                              "country string, region string")

def out(name, df, sort=True):
    rows = [list(r) for r in df.collect()]
    if sort:
        rows.sort(key=lambda r: json.dumps(r, default=str))
    print(json.dumps({"case": name, "schema": df.schema.simpleString(), "rows": rows}, default=str))

out("canonical", people.groupBy("country").sum("salary"))
out("agg multi", people.groupBy("country").agg(F.count("*").alias("n"), F.avg("salary"), F.max("name")))
out("count", people.groupBy("country").count())
out("filter select", people.filter(F.col("salary") > 5000).select("name", (F.col("salary") * 2).alias("double")))
out("withColumn", people.withColumn("salary", F.col("salary") + 1).withColumn("bonus", F.lit(10)))
out("renamed drop", people.withColumnRenamed("name", "who").drop("salary"))
out("inner join", people.join(depts, "country"))
out("left join", people.join(depts, "country", "left"))
out("full join", people.join(depts, "country", "full"))
out("semi join", people.join(depts, "country", "left_semi"))
out("anti join", people.join(depts, "country", "left_anti"))
out("orderBy", people.orderBy(F.col("salary").desc_nulls_last(), "name"), sort=False)
out("limit offset", people.orderBy("name").offset(1).limit(3), sort=False)
out("distinct", people.select("country").distinct())
out("dropDuplicates", people.dropDuplicates(["country"]).select("country"))
out("union", people.select("country").union(depts.select("country")))
out("unionByName", depts.unionByName(depts.select("region", "country")))
out("intersect", people.select("country").intersect(depts.select("country")))
out("exceptAll", people.select("country").exceptAll(depts.select("country")))
out("na fill", people.na.fill(0).na.fill("?"))
out("na drop", people.na.drop())
out("when", people.select("name", F.when(F.col("salary") > 6000, "high").when(F.col("salary") > 5000, "mid").otherwise("low").alias("band")))
out("window", people.select("name", F.rank().over(Window.partitionBy("country").orderBy(F.col("salary").desc())).alias("r")))
out("global agg", people.agg(F.sum("salary"), F.min("salary"), F.countDistinct("country")))
out("range", spark.range(0, 10, 3).select("id", (F.col("id") % 2).alias("m")))
out("describe", people.describe(), sort=False)
out("describe salary", people.describe("salary"), sort=False)
print(json.dumps({"case": "columns", "value": people.groupBy("country").sum("salary").columns}))
print(json.dumps({"case": "count()", "value": people.count()}))
