"""Writes a DataFrame partitioned by (p, k) and one partitioned by a timestamp with
pyspark 4, and prints as JSON each leaf partition directory (relative) with the sorted ids
of the rows Spark wrote there. test/datasources/write-partitioned.test.ts compares Flint's
layout for the same rows with this output (committed as
test/datasources/fixtures/partition-layout.json).

    python3 tools/oracles/partition-layout.py > test/datasources/fixtures/partition-layout.json
"""
import datetime
import json
import os
import shutil
import sys
import tempfile

import pyarrow.parquet as pq
from pyspark.sql import SparkSession

K = ["a/b", "a b", "a=b", "x%y", "", None, "\u00e9", "c:d", "q'r", "{x}", "[y]", "^z", "a,b", "a+b"]


def leaves(root):
    out = {}
    for d, _dirs, files in os.walk(root):
        data = [f for f in files if not f.startswith((".", "_"))]
        if data:
            rel = os.path.relpath(d, root)
            ids = []
            for f in data:
                ids += pq.read_table(os.path.join(d, f), columns=["id"]).column("id").to_pylist()
            out[rel] = {"ids": sorted(ids), "files": sorted(data)}
    return out


def main():
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    base = tempfile.mkdtemp()
    rows = [(i, [1, 2, None][i % 3], K[i % len(K)]) for i in range(42)]
    df = spark.createDataFrame(rows, "id int, p int, k string")
    df.write.partitionBy("p", "k").parquet(base + "/pk")
    ts = spark.sql(
        "SELECT id, CASE WHEN id % 2 = 0 THEN timestamp'2024-01-02 03:04:05.123456' "
        "ELSE timestamp'1999-12-31 23:59:59' END AS ts, date'2024-02-29' AS d "
        "FROM range(4)"
    )
    ts.write.partitionBy("ts", "d").parquet(base + "/ts")
    result = {"pk": leaves(base + "/pk"), "ts": leaves(base + "/ts"), "rows": rows}
    json.dump(result, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
