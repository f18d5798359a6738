"""Reads Parquet files (a file or a directory written by Flint) with pyarrow and with
DuckDB and prints the rows of each as JSON, values tagged so that JSON keeps them exact:

    python3 tools/oracles/roundtrip.py read <path>...

prints one JSON line per path: {"pyarrow": {"columns": [...], "rows": [...]}, "duckdb": {...}}. Tags: dates are
ISO strings, timestamps integers of microseconds since the epoch (UTC), decimals strings,
binary {"$bin": hex}, floats that JSON lacks "NaN" / "Infinity" / "-Infinity" / "-0.0",
structs objects, maps lists of [key, value]. Used by test/datasources/roundtrip.test.ts.
"""
import datetime
import decimal
import glob
import json
import math
import os
import sys

import duckdb
import pyarrow.parquet as pq

EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def tag(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        if v == 0 and math.copysign(1, v) < 0:
            return "-0.0"
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (bytes, bytearray)):
        return {"$bin": bytes(v).hex()}
    if isinstance(v, datetime.datetime):
        base = EPOCH_UTC if v.tzinfo is not None else EPOCH
        d = v - base
        return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: tag(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [tag(x) for x in v]
    return str(v)


def files_of(path):
    if os.path.isdir(path):
        out = []
        for d, _dirs, files in os.walk(path):
            out += [os.path.join(d, f) for f in files if not f.startswith((".", "_"))]
        return sorted(out)
    return [path]


def read_pyarrow(files):
    rows, columns = [], None
    for f in files:
        t = pq.read_table(f)
        columns = t.column_names
        for r in t.to_pylist():
            # pyarrow returns maps as lists of (key, value) tuples
            rows.append([tag(r[c]) for c in columns])
    return {"columns": columns, "rows": rows}


def read_duckdb(files):
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    rel = con.sql(f"SELECT * FROM read_parquet({json.dumps(files)}, hive_partitioning=false)")
    # through Arrow: DuckDB's Python values for TIMESTAMPTZ need pytz
    t = rel.fetch_arrow_table()
    columns = t.column_names
    return {"columns": columns, "rows": [[tag(r[c]) for c in columns] for r in t.to_pylist()]}


def main():
    if len(sys.argv) < 3 or sys.argv[1] != "read":
        sys.exit(__doc__)
    for path in sys.argv[2:]:
        files = files_of(path)
        json.dump({"pyarrow": read_pyarrow(files), "duckdb": read_duckdb(files)}, sys.stdout)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
