"""Writes the Parquet fixtures of reader.test.ts and their expected values.

Run: python3 gen.py  (needs pyarrow and duckdb). `pa_*.parquet` hold (columns of) one
table, whose rows as read back by pyarrow are `pa.jsonl`; `duck_*.parquet` are written and
read back by DuckDB, giving `duck.jsonl`. Each file is checked to read back equal to its
JSON before it is kept. The JSON holds Flint's internal representation with tags for what
JSON cannot hold ({"$big": "..."} for bigints, {"$f": "NaN"} for non-finite floats,
{"$bin": "hex"} for binary). Values are deterministic.
"""

import datetime
import decimal
import json
import math
import os

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
N = 200
EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def nullable(values, every=7, offset=3):
    return [None if (i + offset) % every == 0 else v for i, v in enumerate(values)]


def table():
    r = range(N)
    words = ["", "a", "héllo", "日本語", "spark", "flint engine", "x" * 40, "tab\tnl\n"]
    floats = [0.5, -0.0, 1e30, float("nan"), float("inf"), -float("inf"), 3.25, -7.5]
    cols = {
        "b": pa.array(nullable([i % 3 == 0 for i in r]), pa.bool_()),
        "i8": pa.array(nullable([(i * 37) % 256 - 128 for i in r]), pa.int8()),
        "i16": pa.array(nullable([(i * 999) % 65536 - 32768 for i in r]), pa.int16()),
        "i32": pa.array(nullable([(i * 7919) % 100000 - 50000 if i % 11 else 2**31 - 1 for i in r]), pa.int32()),
        "i64": pa.array(nullable([(i * 10**15 + 12345) * (-1) ** i if i % 13 else -(2**63) for i in r]), pa.int64()),
        "u8": pa.array(nullable([(i * 7) % 256 for i in r]), pa.uint8()),
        "u16": pa.array(nullable([(i * 331) % 65536 for i in r]), pa.uint16()),
        "u32": pa.array(nullable([(i * 19088743) % 2**32 for i in r]), pa.uint32()),
        "u64": pa.array(nullable([(i * 1311768467463790320) % 2**64 for i in r]), pa.uint64()),
        "f32": pa.array(nullable([floats[i % 8] * (i + 1) if i % 8 != 3 else floats[3] for i in r]), pa.float32()),
        "f64": pa.array(nullable([floats[i % 8] / (i + 1) for i in r]), pa.float64()),
        "s": pa.array(nullable([words[i % 8] + str(i // 8 % 5) for i in r], 5, 1), pa.string()),
        "bin": pa.array(nullable([bytes([i % 256, (i * 3) % 256]) * (i % 4) for i in r]), pa.binary()),
        "fixed": pa.array(nullable([bytes([i % 256, 1, 2, (i * 7) % 256]) for i in r]), pa.binary(4)),
        "d9": pa.array(nullable([decimal.Decimal(i * 12345 - 1000000).scaleb(-2) for i in r]), pa.decimal128(9, 2)),
        "d18": pa.array(nullable([decimal.Decimal((i * 10**13 + 7) * (-1) ** i).scaleb(-4) for i in r]), pa.decimal128(18, 4)),
        "d38": pa.array(nullable([decimal.Decimal((i * 10**30 + 99) * (-1) ** i).scaleb(-10) for i in r]), pa.decimal128(38, 10)),
        "date": pa.array(nullable([datetime.date(1900, 1, 1) + datetime.timedelta(days=i * 523) for i in r]), pa.date32()),
        "ts": pa.array(nullable([EPOCH_UTC + datetime.timedelta(microseconds=(i - 100) * 86399999917) for i in r]), pa.timestamp("us", "UTC")),
        "ts_ms": pa.array(nullable([EPOCH_UTC + datetime.timedelta(milliseconds=(i - 50) * 3600007) for i in r]), pa.timestamp("ms", "UTC")),
        "ts_ntz": pa.array(nullable([EPOCH + datetime.timedelta(microseconds=i * 7777777777) for i in r]), pa.timestamp("us")),
        "li": pa.array(nullable([None if i % 5 == 0 else [j if j % 3 else None for j in range(i % 4)] for i in r]), pa.list_(pa.int32())),
        "ls": pa.array(nullable([[words[(i + j) % 8] for j in range(i % 3)] for i in r]), pa.list_(pa.string())),
        "st": pa.array(nullable([{"a": i if i % 4 else None, "b": words[i % 8]} for i in r]), pa.struct([("a", pa.int32()), ("b", pa.string())])),
        "m": pa.array(nullable([[(words[(i + j) % 8] + str(j), None if j == 1 else i * j) for j in range(i % 3)] for i in r]), pa.map_(pa.string(), pa.int64())),
        "lst": pa.array(
            nullable([[{"x": i + j, "y": [k for k in range(j)] if j % 2 else None} for j in range(i % 4)] for i in r]),
            pa.list_(pa.struct([("x", pa.int32()), ("y", pa.list_(pa.int64()))])),
        ),
        "lli": pa.array(nullable([[[k for k in range(j)] for j in range(i % 3)] for i in r]), pa.list_(pa.list_(pa.int16()))),
        "req": pa.array([i * 3 for i in r], pa.int64()),
    }
    fields = [pa.field(k, v.type, nullable=(k != "req")) for k, v in cols.items()]
    return pa.Table.from_arrays(list(cols.values()), schema=pa.schema(fields))


def tag(v, t):
    if v is None:
        return None
    if pa.types.is_boolean(t):
        return v
    if pa.types.is_integer(t):
        if t.bit_width == 64 or t == pa.uint32():
            return {"$big": str(v)}
        return v
    if pa.types.is_floating(t):
        return v if math.isfinite(v) else {"$f": str(v)}
    if pa.types.is_decimal(t):
        return {"$big": str(int(v.scaleb(t.scale)))}
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return v
    if pa.types.is_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_large_binary(t):
        return {"$bin": v.hex()}
    if pa.types.is_date32(t):
        return (v - datetime.date(1970, 1, 1)).days
    if pa.types.is_timestamp(t):
        base = EPOCH_UTC if v.tzinfo is not None else EPOCH
        d = v - base
        return {"$big": str((d.days * 86400 + d.seconds) * 1000000 + d.microseconds)}
    if pa.types.is_map(t):
        return {"keys": [tag(k, t.key_type) for k, _ in v], "values": [tag(x, t.item_type) for _, x in v]}
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [tag(x, t.value_type) for x in v]
    if pa.types.is_struct(t):
        return [tag(v[f.name], f.type) for f in t]
    raise TypeError(t)


def expected(path, con=None):
    t = pq.read_table(path) if con is None else con.sql(f"SELECT * FROM '{path}'").to_arrow_table()
    if isinstance(t, pa.RecordBatchReader):
        t = t.read_all()
    rows = t.to_pylist()
    return {
        "columns": t.column_names,
        "rows": [[tag(row[f.name], f.type) for f in t.schema] for row in rows],
    }


def subset(exp, columns):
    idx = [exp["columns"].index(c) for c in columns]
    return {"columns": columns, "rows": [[row[i] for i in idx] for row in exp["rows"]]}


def save(name, exp):
    """JSON lines (the formatter leaves them alone): the header, then one row per line."""
    with open(os.path.join(HERE, name + ".jsonl"), "w") as f:
        f.write(json.dumps({k: v for k, v in exp.items() if k != "rows"}, separators=(",", ":")) + "\n")
        for row in exp["rows"]:
            f.write(json.dumps(row, separators=(",", ":")) + "\n")


def write(name, tbl, reference, **kw):
    path = os.path.join(HERE, name + ".parquet")
    pq.write_table(tbl, path, **kw)
    assert expected(path) == subset(reference, tbl.column_names), name


def main():
    t = table()
    ref = {"columns": t.column_names, "rows": [[tag(row[f.name], f.type) for f in t.schema] for row in t.to_pylist()]}
    save("pa", ref)
    small = dict(row_group_size=100, data_page_size=512, write_batch_size=64)
    write("pa_snappy_dict_v1", t, ref, compression="snappy", data_page_version="1.0", **small)
    write("pa_zstd_plain_v2", t, ref, compression="zstd", use_dictionary=False, data_page_version="2.0", **small)
    write("pa_gzip", t, ref, compression="gzip", **small)
    write("pa_lz4raw", t, ref, compression="lz4", **small)
    write("pa_brotli_v2", t, ref, compression="brotli", data_page_version="2.0", **small)
    write("pa_none", t, ref, compression="none", store_decimal_as_integer=True, **small)
    write("pa_int96", t.select(["ts", "ts_ms", "ts_ntz", "i32"]), ref, use_deprecated_int96_timestamps=True, **small)
    flat = t.select(["i32", "i64", "s", "bin", "f32", "f64", "fixed", "d18", "date", "ts"])
    write(
        "pa_delta",
        flat,
        ref,
        use_dictionary=False,
        data_page_version="2.0",
        column_encoding={
            "i32": "DELTA_BINARY_PACKED",
            "i64": "DELTA_BINARY_PACKED",
            "date": "DELTA_BINARY_PACKED",
            "ts": "DELTA_BINARY_PACKED",
            "s": "DELTA_LENGTH_BYTE_ARRAY",
            "bin": "DELTA_BYTE_ARRAY",
            "fixed": "BYTE_STREAM_SPLIT",
            "f32": "BYTE_STREAM_SPLIT",
            "f64": "BYTE_STREAM_SPLIT",
            "d18": "BYTE_STREAM_SPLIT",
        },
        **small,
    )
    # long runs of repeated values: dictionary pages with RLE runs, not only bit-packed ones
    r = range(2000)
    runs = pa.table(
        {
            "ri32": pa.array(nullable([(i // 100) % 7 - 3 for i in r], 997), pa.int32()),
            "ri64": pa.array(nullable([((i // 50) % 5) * 10**12 - 7 for i in r], 991), pa.int64()),
            "rf32": pa.array([float((i // 300) % 3) + 0.5 for i in r], pa.float32()),
            "rf64": pa.array(nullable([((i // 64) % 9) / 4 for i in r], 983), pa.float64()),
            "rs": pa.array([["aa", "b", "cccc"][(i // 40) % 3] for i in r], pa.string()),
        }
    )
    runs_ref = {"columns": runs.column_names, "rows": [[tag(row[f.name], f.type) for f in runs.schema] for row in runs.to_pylist()]}
    save("runs", runs_ref)
    write("pa_runs", runs, runs_ref, compression="snappy", row_group_size=700, data_page_size=2048)
    # types Spark 4 refuses (PARQUET_TYPE_ILLEGAL / UNSUPPORTED_TIME_TYPE)
    for name, arr in [
        ("pa_nanos", pa.array([1, None], pa.timestamp("ns", "UTC"))),
        ("pa_time", pa.array([1, None], pa.time64("us"))),
        ("pa_float16", pa.array([1.5, None], pa.float16())),
    ]:
        pq.write_table(pa.table({"x": arr}), os.path.join(HERE, name + ".parquet"))
    # DuckDB's writer: its own page layout; v2 pages with DELTA encodings and zstd
    con = duckdb.connect()
    con.register("t", t.drop(["u64", "d38"]))
    duck = None
    for name, opts in [
        ("duck_snappy", "COMPRESSION snappy, ROW_GROUP_SIZE 100"),
        ("duck_zstd_v2", "COMPRESSION zstd, PARQUET_VERSION v2, ROW_GROUP_SIZE 100"),
    ]:
        path = os.path.join(HERE, name + ".parquet")
        con.execute(f"COPY t TO '{path}' (FORMAT parquet, {opts})")
        # pyarrow 26 cannot read DuckDB's v2 pages: DuckDB reads its own files
        got = expected(path, con)
        assert duck is None or got == duck, name
        duck = got
    save("duck", duck)


if __name__ == "__main__":
    main()
