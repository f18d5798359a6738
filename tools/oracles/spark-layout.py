"""Writes a small partitioned Parquet directory with pyspark 4 (Spark's own layout: _SUCCESS,
.crc files, part-...c000.snappy.parquet under k=v/ directories, INT96 timestamps, Spark's
schema in the footer) and the rows Spark reads back from it, as JSON, for
test/datasources/roundtrip.test.ts:

    python3 tools/oracles/spark-layout.py test/datasources/fixtures/spark-written
"""
import json
import os
import shutil
import sys

from pyspark.sql import SparkSession

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.parquet.outputTimestampType", "INT96")
    .getOrCreate()
)
df = spark.sql(
    """SELECT id, CAST(id % 2 AS INT) AS p,
         CASE WHEN id = 3 THEN NULL ELSE timestamp'1582-10-15 12:00:00.5' + make_interval(0, 0, 0, id, 0, 0, 0) END AS ts,
         CASE WHEN id = 4 THEN NULL ELSE CAST(id * 1.25 AS DECIMAL(20, 2)) END AS dec,
         CASE WHEN id = 2 THEN NULL ELSE concat('s', id, 'é') END AS s,
         array(id, NULL) AS a, map('k', id) AS m, named_struct('x', id, 'y', date'0001-01-01') AS st
       FROM range(6)"""
)
df.coalesce(1).write.partitionBy("p").parquet(out)
back = spark.read.parquet(out)
rows = []
for r in back.orderBy("id").collect():
    d = r.asDict(recursive=True)
    rows.append(
        {
            "id": d["id"],
            "p": d["p"],
            "ts": None if d["ts"] is None else d["ts"].isoformat(),
            "dec": None if d["dec"] is None else str(d["dec"]),
            "s": d["s"],
            "a": d["a"],
            "m": d["m"],
            "st": {"x": d["st"]["x"], "y": d["st"]["y"].isoformat()},
        }
    )
with open(os.path.join(os.path.dirname(out), "spark-written.json"), "w") as f:
    json.dump({"schema": back.schema.simpleString(), "rows": rows}, f, indent=1, ensure_ascii=False)
