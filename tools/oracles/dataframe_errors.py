"""Errors for test/api/errors.test.ts, from real Spark: python3 tools/oracles/dataframe_errors.py 2>/dev/null | grep -v "^{" """
from pyspark.sql import SparkSession, functions as F
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled","false").config("spark.ui.showConsoleProgress","false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
df = spark.createDataFrame([("NL",5200)], "country string, salary int")
cases = {
 "misspelled": lambda: df.select("salry").collect(),
 "ambiguous": lambda: df.alias("a").join(df.alias("b"), F.col("a.country")==F.col("b.country")).select("salary").collect(),
 "nogroupby": lambda: df.select("country", F.sum("salary")).collect(),
 "argtypes": lambda: df.select(F.abs(F.col("country"))).collect(),
 "argtypes2": lambda: df.select(F.col("country") + F.lit(True)).collect(),
 "sql_nogroup": lambda: spark.sql("select country, sum(salary) from values ('a',1) as t(country,salary)").collect(),
}
for k, f in cases.items():
    try:
        f(); print(k, "NO ERROR")
    except Exception as e:
        print(k, type(e).__name__, e.getCondition(), e.getSqlState(), e.getMessageParameters())
        print("   ", str(e).split("\n")[0][:300])
