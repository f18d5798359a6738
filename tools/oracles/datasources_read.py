"""Reads the fixture files of test/datasources with pyspark and records what Spark returns.

Each case of test/datasources/read-cases.json (format, paths, options, schema, filter,
select, conf) is run here and in test/datasources/read-files.test.ts. Recorded per case:
the schema (simpleString), the rows with every column cast to string (sorted), the number
of partitions of the scan when asked (an option value `fixtures:x` is the fixture path x), or the error class and message when reading fails.

    python3 tools/oracles/datasources_read.py   # writes test/datasources/read-expected.json
"""
import json
import os
import re
import subprocess

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "test", "datasources")
FIXTURES = os.path.join(HERE, "fixtures")
CONF_KEYS = [
    "spark.sql.files.maxPartitionBytes",
    "spark.sql.files.openCostInBytes",
    "spark.sql.files.minPartitionNum",
    "spark.sql.sources.partitionColumnTypeInference.enabled",
]


def error_of(e):
    text = str(e)
    cls = None
    get = getattr(e, "getCondition", None) or getattr(e, "getErrorClass", None)
    if get is not None:
        try:
            cls = get()
        except Exception:
            cls = None
    found = re.findall(r"\[([A-Z_]+(?:\.[A-Z_]+)*)\]", text)
    if cls is None and found:
        cls = found[0]
    # the repository's location on this machine is not part of the expected output
    first = text.strip().split("\n")[0].replace(ROOT, "<repo>")
    return {"errorClass": cls, "classes": found, "message": first[:300]}


def main():
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    cases = json.load(open(os.path.join(HERE, "read-cases.json")))
    out = {}
    for c in cases:
        for k in CONF_KEYS:
            spark.conf.unset(k)
        for k, v in (c.get("conf") or {}).items():
            spark.conf.set(k, v)
        options = {
            k: os.path.join(FIXTURES, v[len("fixtures:"):]) if v.startswith("fixtures:") else v
            for k, v in (c.get("options") or {}).items()
        }
        r = spark.read.format(c["format"]).options(**options)
        if c.get("schema"):
            r = r.schema(c["schema"])
        paths = [os.path.join(FIXTURES, p) for p in c["paths"]]
        rec = {}
        try:
            df = r.load(paths if len(paths) > 1 else paths[0])
            if c.get("filter"):
                df = df.filter(c["filter"])
            if c.get("select"):
                df = df.select(*c["select"])
            rec["schema"] = df.schema.simpleString()
            rows = df.select([F.col(f"`{n}`").cast("string") for n in df.columns]).collect()
            rec["rows"] = sorted([list(x) for x in rows], key=lambda x: json.dumps(x))
            if c.get("numPartitions"):
                rec["numPartitions"] = df.rdd.getNumPartitions()
        except Exception as e:  # noqa: BLE001
            rec = {"error": error_of(e)}
        out[c["name"]] = rec
        print(c["name"], json.dumps(rec)[:200])
    with open(os.path.join(HERE, "read-expected.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    # The repository's formatter owns the layout of JSON files.
    subprocess.run(
        ["npx", "biome", "format", "--write", "test/datasources/read-expected.json"],
        cwd=ROOT,
        check=False,
    )


if __name__ == "__main__":
    main()
