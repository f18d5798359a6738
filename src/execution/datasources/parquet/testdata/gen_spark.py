"""Writes spark.parquet with pyspark 4 (its default INT96 timestamps, snappy, ANSI
intervals as bare INT32/INT64 recovered from the Spark schema in the footer) and
spark.jsonl with the rows as Spark returns them, tagged as in gen.py.

Run: python3 gen_spark.py (needs pyspark 4 and Java 17).
"""

import datetime
import glob
import json
import os
import shutil
import tempfile

from pyspark.sql import SparkSession

HERE = os.path.dirname(os.path.abspath(__file__))

spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
query = """
SELECT id,
       CAST(id * 1000 AS BIGINT) * 1000003 AS l,
       CASE WHEN id % 3 = 0 THEN NULL ELSE concat('row ', CAST(id AS STRING)) END AS s,
       make_interval(0, 0, 0, CAST(id AS INT), 1, 2, 3.5) AS ignored,
       CAST(id AS INT) * INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt,
       CAST(id AS INT) * INTERVAL '1-2' YEAR TO MONTH AS ym,
       TIMESTAMP'2024-02-29 12:34:56.789' + CAST(id AS INT) * INTERVAL '13' HOUR AS ts,
       CAST(id * 3.25 AS DECIMAL(12, 2)) AS d,
       array(CAST(id AS INT), NULL) AS a
FROM range(0, 20) ORDER BY id
"""
df = spark.sql(query).drop("ignored")
out = tempfile.mkdtemp()
df.coalesce(1).write.mode("overwrite").parquet(out)
part = glob.glob(os.path.join(out, "part-*.parquet"))[0]
shutil.copy(part, os.path.join(HERE, "spark.parquet"))
shutil.rmtree(out)

back = spark.read.parquet(os.path.join(HERE, "spark.parquet"))
schema = back.schema.simpleString()
# pyspark cannot collect year-month intervals: read months (and micros) through SQL
path = os.path.join(HERE, "spark.parquet")
collected = spark.sql(
    f"""SELECT id, l, s, dt, extract(YEAR FROM ym) * 12 + extract(MONTH FROM ym) AS ym, ts, d, a
        FROM parquet.`{path}` ORDER BY id"""
).collect()
epoch = datetime.datetime(1970, 1, 1)


def micros(td):
    return (td.days * 86400 + td.seconds) * 1000000 + td.microseconds


tagged = [
    [
        {"$big": str(r["id"])},
        {"$big": str(r["l"])},
        r["s"],
        {"$big": str(micros(r["dt"]))},
        r["ym"],
        {"$big": str(micros(r["ts"] - epoch))},
        {"$big": str(int(r["d"].scaleb(2)))},
        list(r["a"]),
    ]
    for r in collected
]
with open(os.path.join(HERE, "spark.jsonl"), "w") as f:
    f.write(json.dumps({"schema": schema, "columns": back.columns}, separators=(",", ":")) + "\n")
    for row in tagged:
        f.write(json.dumps(row, separators=(",", ":")) + "\n")
print(schema)
