# Produces the expected hash values in hash.test.ts from real Spark (pyspark 4):
#   python3 src/execution/hash/spark_expected.py
# Each case: label, SQL expression list; prints hash() and xxhash64() per case, then the
# partition ids Spark's HashPartitioning assigns.
from pyspark.sql import SparkSession

spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.legacy.allowHashOnMapType", "true")
    .config("spark.ui.enabled", "false")
    .getOrCreate()
)

CASES = [
    ("int 0", "CAST(0 AS INT)"),
    ("int 1", "CAST(1 AS INT)"),
    ("int -1", "CAST(-1 AS INT)"),
    ("int max", "CAST(2147483647 AS INT)"),
    ("int min", "CAST(-2147483648 AS INT)"),
    ("tinyint -128", "CAST(-128 AS TINYINT)"),
    ("tinyint 127", "CAST(127 AS TINYINT)"),
    ("smallint -32768", "CAST(-32768 AS SMALLINT)"),
    ("smallint 1234", "CAST(1234 AS SMALLINT)"),
    ("bigint 0", "CAST(0 AS BIGINT)"),
    ("bigint -1", "CAST(-1 AS BIGINT)"),
    ("bigint max", "CAST(9223372036854775807 AS BIGINT)"),
    ("bigint min", "CAST(-9223372036854775808 AS BIGINT)"),
    ("bigint 1234567890123", "CAST(1234567890123 AS BIGINT)"),
    ("float 0", "CAST(0 AS FLOAT)"),
    ("float -0", "CAST('-0.0' AS FLOAT)"),
    ("float NaN", "CAST('NaN' AS FLOAT)"),
    ("float 1.5", "CAST(1.5 AS FLOAT)"),
    ("float -3.25", "CAST(-3.25 AS FLOAT)"),
    ("float inf", "CAST('Infinity' AS FLOAT)"),
    ("double 0", "CAST(0 AS DOUBLE)"),
    ("double -0", "CAST('-0.0' AS DOUBLE)"),
    ("double NaN", "CAST('NaN' AS DOUBLE)"),
    ("double 1.5", "CAST(1.5 AS DOUBLE)"),
    ("double -1e300", "CAST(-1e300 AS DOUBLE)"),
    ("double inf", "CAST('Infinity' AS DOUBLE)"),
    ("boolean true", "true"),
    ("boolean false", "false"),
    ("string empty", "''"),
    ("string a", "'a'"),
    ("string abc", "'abc'"),
    ("string abcd", "'abcd'"),
    ("string abcde", "'abcde'"),
    ("string Spark", "'Spark'"),
    ("string héllo", "'héllo'"),
    ("string snowman", "'☃'"),
    ("string clef", "'𝄞 music'"),
    ("string fox", "'The quick brown fox jumps over the lazy dog'"),
    ("binary empty", "X''"),
    ("binary 00ff", "X'00FF'"),
    ("binary 0102030405", "X'0102030405'"),
    ("decimal(10,2) 123.45", "CAST(123.45 AS DECIMAL(10,2))"),
    ("decimal(10,2) -0.01", "CAST(-0.01 AS DECIMAL(10,2))"),
    ("decimal(18,0) max", "CAST(999999999999999999 AS DECIMAL(18,0))"),
    ("decimal(38,6) big", "CAST('123456789012345678901234567890.123456' AS DECIMAL(38,6))"),
    ("decimal(38,6) -1", "CAST(-1 AS DECIMAL(38,6))"),
    ("decimal(38,0) 0", "CAST(0 AS DECIMAL(38,0))"),
    ("decimal(20,0) 2^64", "CAST('18446744073709551616' AS DECIMAL(20,0))"),
    ("decimal(38,0) -128", "CAST(-128 AS DECIMAL(38,0))"),
    ("decimal(38,0) 255", "CAST(255 AS DECIMAL(38,0))"),
    ("decimal(38,0) min", "CAST('-99999999999999999999999999999999999999' AS DECIMAL(38,0))"),
    ("date epoch", "DATE'1970-01-01'"),
    ("date 2024-02-29", "DATE'2024-02-29'"),
    ("date 0001-01-01", "DATE'0001-01-01'"),
    ("timestamp", "TIMESTAMP'2024-01-01 00:00:00'"),
    ("timestamp_ntz", "TIMESTAMP_NTZ'2024-01-01 12:34:56.789'"),
    ("daytime interval", "INTERVAL '1 02:03:04.5' DAY TO SECOND"),
    ("yearmonth interval", "INTERVAL '1-2' YEAR TO MONTH"),
    ("null int", "CAST(NULL AS INT)"),
    ("null string", "CAST(NULL AS STRING)"),
    ("array int", "array(1, 2, 3)"),
    ("array int with null", "array(1, NULL, 3)"),
    ("array empty", "CAST(array() AS ARRAY<INT>)"),
    ("array string", "array('a', 'b')"),
    ("array nested", "array(array(1), array(2, 3))"),
    ("struct", "named_struct('a', 1, 'b', 'x')"),
    ("struct with null", "named_struct('a', CAST(NULL AS INT), 'b', 'y')"),
    ("map", "map('a', 1, 'b', 2)"),
    ("multi", "1, 'a', CAST(NULL AS INT), 2.5D"),
    ("doc example", "'Spark', array(123), 2"),
]

print("// label -> [hash, xxhash64]")
for label, expr in CASES:
    row = spark.sql(f"SELECT hash({expr}) AS h, xxhash64({expr}) AS x").collect()[0]
    print(f'  ["{label}", {row.h}, {row.x}n],')

# HashPartitioning: pmod(hash(keys), n)
df = spark.sql(
    "SELECT CAST(id AS INT) AS i, CAST(id * 1000003 AS BIGINT) AS l, concat('k', id) AS s "
    "FROM range(12)"
)
parts = (
    df.repartition(5, "i", "s")
    .selectExpr("i", "spark_partition_id() AS p")
    .orderBy("i")
    .collect()
)
print("partition ids (i, s) n=5:", [r.p for r in parts])
parts = df.repartition(7, "l").selectExpr("i", "spark_partition_id() AS p").orderBy("i").collect()
print("partition ids (l) n=7:", [r.p for r in parts])
spark.stop()
