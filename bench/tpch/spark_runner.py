"""Runs TPC-H queries on Apache Spark (pyspark, local[N]) and prints one JSON line per
query: {"query", "ms": [...], "peakRssMB", "rows"} or {"query", "error"}. Started by
bench/tpch/run.ts; the same Parquet files and query texts as Flint and DuckDB.

    python3 bench/tpch/spark_runner.py --dir <parquet dir> [--runs 3] [--warmups 1]
        [--only q01,q02] [--threads 2] [--driver-memory 8g]

Peak memory is the JVM's peak resident set (VmHWM of the java process, reset per query
through /proc/<pid>/clear_refs).
"""

import argparse
import json
import os
import sys
import time

TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
QUERY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries")


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
        if ppid == pid:
            out.append(int(entry))
    return out


def find_java(root):
    """The java process among root's descendants (spark-submit execs or forks it)."""
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "java":
                    return pid
        except OSError:
            pass
        stack.extend(children(pid))
    return None


def reset_peak(pid):
    if pid is None:
        return
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb(pid):
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmups", type=int, default=1)
    ap.add_argument("--only", default="")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--driver-memory", default="8g")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{args.threads}]")
        .appName("tpch")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    gateway = spark.sparkContext._gateway
    proc = getattr(gateway, "proc", None)
    java = find_java(proc.pid) if proc is not None else None
    if java is None:
        java = find_java(os.getpid())

    for t in TABLES:
        spark.read.parquet(os.path.join(args.dir, f"{t}.parquet")).createOrReplaceTempView(t)

    only = [q for q in args.only.split(",") if q]
    names = sorted(f[:3] for f in os.listdir(QUERY_DIR) if f.endswith(".sql"))
    for name in names:
        if only and name not in only:
            continue
        with open(os.path.join(QUERY_DIR, f"{name}.sql")) as f:
            sql = f.read()
        try:
            reset_peak(java)
            for _ in range(args.warmups):
                spark.sql(sql).collect()
            ms = []
            rows = 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                rows = len(spark.sql(sql).collect())
                ms.append(round((time.perf_counter() - t0) * 1000, 1))
            out = {"query": name, "ms": ms, "peakRssMB": peak_rss_mb(java), "rows": rows}
        except Exception as e:  # noqa: BLE001 - reported per query
            out = {"query": name, "error": str(e).split("\n")[0]}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    spark.stop()


if __name__ == "__main__":
    main()
