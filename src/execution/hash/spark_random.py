# Writes spark-random.json: random rows with nested types and their Spark 4 hash() and
# xxhash64() values (per column and over all columns), for hash-random.test.ts.
#   python3 src/execution/hash/spark_random.py
import json, math, random, struct
from decimal import Decimal
from pyspark.sql import SparkSession
from pyspark.sql.types import *

random.seed(20261123)
spark = (SparkSession.builder.master("local[1]")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.legacy.allowHashOnMapType", "true")
         .config("spark.ui.enabled", "false").getOrCreate())

schema = StructType([
    StructField("s", StringType()),
    StructField("d", DoubleType()),
    StructField("f", FloatType()),
    StructField("dec", DecimalType(38, 10)),
    StructField("a", ArrayType(LongType())),
    StructField("m", MapType(StringType(), IntegerType())),
    StructField("st", StructType([StructField("x", ShortType()), StructField("y", BinaryType())])),
])
ALPHABET = "abcXYZ019 éßü☃€𝄞中文\u0000"

def rstr():
    return "".join(random.choice(ALPHABET) for _ in range(random.randint(0, 45)))

def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]

def maybe(v):
    return None if random.random() < 0.15 else v

SPECIAL = [0.0, -0.0, float("nan"), float("inf"), -float("inf"), 1e-310]

def rows():
    out = []
    for _ in range(120):
        d = random.choice(SPECIAL) if random.random() < 0.2 else random.uniform(-1e6, 1e6)
        f = f32(random.choice(SPECIAL[:5]) if random.random() < 0.2 else random.uniform(-1e4, 1e4))
        unscaled = random.randint(-10**38 + 1, 10**38 - 1) if random.random() < 0.5 else random.randint(-10**12, 10**12)
        dec = Decimal(unscaled).scaleb(-10)
        a = [maybe(random.randint(-2**63, 2**63 - 1)) for _ in range(random.randint(0, 4))]
        m = {rstr(): maybe(random.randint(-2**31, 2**31 - 1)) for _ in range(random.randint(0, 3))}
        st = (random.randint(-32768, 32767), maybe(bytes(random.randint(0, 255) for _ in range(random.randint(0, 9)))))
        out.append(tuple(maybe(v) for v in (rstr(), d, f, dec, a, m, st)))
    return out

df = spark.createDataFrame(rows(), schema)
cols = [c.name for c in schema.fields]
exprs = [f"hash({c}) AS h_{c}" for c in cols] + [f"xxhash64({c}) AS x_{c}" for c in cols]
exprs += [f"hash({', '.join(cols)}) AS h_all", f"xxhash64({', '.join(cols)}) AS x_all"]
# a collected map comes back as a dict whose order may differ from Spark's; keep Spark's
exprs += ["map_keys(m) AS mk", "map_values(m) AS mv"]
res = df.selectExpr("*", *exprs).collect()

def enc_float(x):
    if x is None: return None
    if math.isnan(x): return "NaN"
    if math.isinf(x): return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1, x) < 0: return "-0"
    return repr(x)

out = []
for r in res:
    dec = None if r.dec is None else str(int(r.dec.scaleb(10)))
    a = r.a
    m = None if r.m is None else [[k, v] for k, v in zip(r.mk, r.mv)]
    st = None if r.st is None else [r.st.x, None if r.st.y is None else bytes(r.st.y).hex()]
    out.append({
        "s": r.s, "d": enc_float(r.d), "f": enc_float(r.f), "dec": dec,
        "a": None if a is None else [None if v is None else str(v) for v in a],
        "m": m, "st": st,
        "h": [r[f"h_{c}"] for c in cols] + [r.h_all],
        "x": [str(r[f"x_{c}"]) for c in cols] + [str(r.x_all)],
    })
with open(__file__.replace("spark_random.py", "spark-random.json"), "w") as fh:
    json.dump(out, fh, ensure_ascii=False)
spark.stop()
