/**
 * The DataFrame API end to end on local[2], against results recorded from real Spark by
 * tools/oracles/dataframe_api.py (test/api/dataframe-expected.jsonl). Each case here is
 * the same program as the one of the same name in that script.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { type DataFrame, Decimal, F, Row, SparkSession, Window } from "../../src/index.ts";
import { simpleString } from "../../src/types/data-types.ts";

interface Expected {
  readonly case: string;
  readonly schema?: string;
  readonly rows?: unknown[][];
  readonly value?: unknown;
}

const expected = new Map<string, Expected>(
  readFileSync(new URL("./dataframe-expected.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Expected)
    .map((e) => [e.case, e]),
);

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .config("spark.sql.shuffle.partitions", "4")
  .create();
after(() => spark.stop());

const people = spark.createDataFrame(
  [
    ["NL", "ann", 5200],
    ["US", "bob", 8100],
    ["NL", "cas", 4700],
    ["JP", "dee", 6100],
    ["US", "eve", 7300],
    [null, "fay", null],
  ],
  "country string, name string, salary int",
);
const depts = spark.createDataFrame(
  [
    ["NL", "Europe"],
    ["US", "America"],
    ["FR", "Europe"],
  ],
  "country string, region string",
);

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof Row) return v.toArray().map(plain);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

function sortRows(rows: unknown[][]): unknown[][] {
  const key = (r: unknown[]): string => JSON.stringify(r);
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function check(name: string, df: DataFrame, sorted = true): Promise<void> {
  const want = expected.get(name);
  assert.ok(want?.rows, `no expected result for ${name}`);
  const schema = await df.schema();
  assert.equal(simpleString(schema), want.schema);
  const rows = (await df.collect()).map((r) => r.toArray().map(plain));
  assert.deepEqual(sorted ? sortRows(rows) : rows, sorted ? sortRows(want.rows) : want.rows);
}

const cases: [string, () => DataFrame, boolean?][] = [
  ["canonical", () => people.groupBy("country").sum("salary")],
  [
    "agg multi",
    () => people.groupBy("country").agg(F.count("*").alias("n"), F.avg("salary"), F.max("name")),
  ],
  ["count", () => people.groupBy("country").count()],
  [
    "filter select",
    () =>
      people
        .filter(F.col("salary").gt(5000))
        .select("name", F.col("salary").multiply(2).alias("double")),
  ],
  [
    "withColumn",
    () => people.withColumn("salary", F.col("salary").plus(1)).withColumn("bonus", F.lit(10)),
  ],
  ["renamed drop", () => people.withColumnRenamed("name", "who").drop("salary")],
  ["inner join", () => people.join(depts, "country")],
  ["left join", () => people.join(depts, "country", "left")],
  ["full join", () => people.join(depts, "country", "full")],
  ["semi join", () => people.join(depts, "country", "left_semi")],
  ["anti join", () => people.join(depts, "country", "left_anti")],
  ["orderBy", () => people.orderBy(F.col("salary").desc_nulls_last(), "name"), false],
  ["limit offset", () => people.orderBy("name").offset(1).limit(3), false],
  ["distinct", () => people.select("country").distinct()],
  ["dropDuplicates", () => people.dropDuplicates(["country"]).select("country")],
  ["union", () => people.select("country").union(depts.select("country"))],
  ["unionByName", () => depts.unionByName(depts.select("region", "country"))],
  ["intersect", () => people.select("country").intersect(depts.select("country"))],
  ["exceptAll", () => people.select("country").exceptAll(depts.select("country"))],
  ["na fill", () => people.na.fill(0).na.fill("?")],
  ["na drop", () => people.na.drop()],
  [
    "when",
    () =>
      people.select(
        "name",
        F.when(F.col("salary").gt(6000), "high")
          .when(F.col("salary").gt(5000), "mid")
          .otherwise("low")
          .alias("band"),
      ),
  ],
  [
    "window",
    () =>
      people.select(
        "name",
        F.rank()
          .over(Window.partitionBy("country").orderBy(F.col("salary").desc()))
          .alias("r"),
      ),
  ],
  ["global agg", () => people.agg(F.sum("salary"), F.min("salary"), F.countDistinct("country"))],
  ["range", () => spark.range(0, 10, 3).select("id", F.col("id").mod(2).alias("m"))],
  ["describe", () => people.describe(), false],
  ["describe salary", () => people.describe("salary"), false],
];

for (const [name, build, sorted] of cases) {
  test(`DataFrame: ${name}`, async () => {
    await check(name, build(), sorted ?? true);
  });
}

test("DataFrame: columns and count()", async () => {
  assert.deepEqual(
    await people.groupBy("country").sum("salary").columns(),
    expected.get("columns")?.value,
  );
  assert.equal(await people.count(), expected.get("count()")?.value);
});

test("DataFrames are immutable: transformations return new DataFrames", async () => {
  const filtered = people.filter(F.col("salary").gt(7000));
  assert.notEqual(filtered, people);
  assert.equal(await people.count(), 6);
  assert.equal(await filtered.count(), 2);
});

test("Row gives values by name and position, and asDict", async () => {
  const [row] = await people.filter(F.col("name").eq("bob")).collect();
  assert.ok(row);
  assert.equal(row.get("salary"), 8100);
  assert.equal(row.get(1), "bob");
  assert.deepEqual(row.asDict(), { country: "US", name: "bob", salary: 8100 });
});

test("spark.sql binds named and positional parameters; mixing them is an error", async () => {
  const [named] = await spark
    .sql("SELECT :a + 1 AS x, :b AS y", { a: 41, b: F.lit("z") })
    .collect();
  assert.deepEqual(named?.asDict(), { x: 42, y: "z" });
  const [positional] = await spark.sql("SELECT ? * 2 AS x", [21]).collect();
  assert.equal(positional?.get("x"), 42);
  assert.throws(() => spark.sql("SELECT :a + ?", { a: 1 }), {
    errorClass: "INVALID_QUERY_MIXED_QUERY_PARAMETERS",
  });
});

test("cache(): later queries over the DataFrame read the cached data; unpersist() stops that", async () => {
  const base = people.filter(F.col("salary").isNotNull()).select("country", "salary");
  const cached = base.cache();
  const query = cached.groupBy("country").sum("salary");
  const before = (await query.collect()).map((r) => r.toString()).sort();
  assert.match(await query.explainString("extended"), /InMemoryRelation/);
  assert.match(await query.explainString(), /InMemoryTableScan/);
  const again = (await query.collect()).map((r) => r.toString()).sort();
  assert.deepEqual(again, before);
  cached.unpersist();
  const plain = cached.groupBy("country").sum("salary");
  assert.doesNotMatch(await plain.explainString(), /InMemoryTableScan/);
  assert.deepEqual((await plain.collect()).map((r) => r.toString()).sort(), before);
});
