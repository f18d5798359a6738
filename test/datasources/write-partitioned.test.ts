/**
 * partitionBy: Flint lays out the same rows as Spark 4 does (the fixture is pyspark's
 * layout for these rows, tools/oracles/partition-layout.py): the same relative partition
 * directories (Spark's escaping, __HIVE_DEFAULT_PARTITION__ for null and ''), the same
 * ids in each, partition columns left out of the files, `.c000` file names. Dynamic
 * partition overwrite replaces only the partitions the job writes.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { FlintError, SparkSession } from "../../src/index.ts";

interface Layout {
  readonly pk: Record<string, { ids: number[]; files: string[] }>;
  readonly ts: Record<string, { ids: number[]; files: string[] }>;
  readonly rows: [number, number | null, string | null][];
}

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "partition-layout.json"), "utf8"),
) as Layout;

const dir = mkdtempSync(join(tmpdir(), "flint-write-partitioned-"));
const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
let duck: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;

async function query(sql: string): Promise<unknown[][]> {
  const r = await duck.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (typeof v === "bigint" ? Number(v) : v)));
}

/** Leaf directories holding data files, with the ids and columns of their files. */
async function leaves(
  root: string,
): Promise<Record<string, { ids: number[]; files: string[]; columns: string[] }>> {
  const out: Record<string, { ids: number[]; files: string[]; columns: string[] }> = {};
  const visit = async (d: string): Promise<void> => {
    const entries = readdirSync(d, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && !e.name.startsWith("_") && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
    if (files.length > 0) {
      const glob = join(d, "*.parquet").replaceAll("'", "''");
      const ids = (
        await query(`SELECT id FROM read_parquet('${glob}', hive_partitioning=false) ORDER BY id`)
      ).map((r) => Number(r[0]));
      const columns = (
        await query(
          `SELECT name FROM parquet_schema('${join(d, files[0] ?? "").replaceAll("'", "''")}')`,
        )
      )
        .map((r) => String(r[0]))
        .filter((n) => n !== "spark_schema" && n !== "schema");
      out[relative(root, d)] = { ids, files, columns };
    }
    for (const e of entries) if (e.isDirectory()) await visit(join(d, e.name));
  };
  await visit(root);
  return out;
}

const shape = (files: string[]): string[] =>
  files.map((f) =>
    f.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "<uuid>"),
  );

before(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("partitionBy", () => {
  it("writes Spark's directories, escaping and null partitions, without the partition columns", async () => {
    const out = join(dir, "pk");
    const df = spark.createDataFrame(fixture.rows, "id int, p int, k string").coalesce(1);
    const s = await df.write.partitionBy("p", "k").parquet(out);
    assert.equal(s.rows, fixture.rows.length);
    const got = await leaves(out);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(fixture.pk).sort());
    for (const [rel, want] of Object.entries(fixture.pk)) {
      assert.deepEqual(got[rel]?.ids, want.ids, rel);
      assert.deepEqual(shape(got[rel]?.files ?? []), shape(want.files), rel);
      assert.deepEqual(got[rel]?.columns, ["id"], rel);
    }
    assert.deepEqual(
      readdirSync(out).filter((n) => !n.includes("=")),
      ["_SUCCESS"],
    );
  });

  it("formats timestamp and date partition values in the session time zone", async () => {
    const out = join(dir, "ts");
    await spark
      .sql(
        "SELECT id, CASE WHEN id % 2 = 0 THEN timestamp'2024-01-02 03:04:05.123456' " +
          "ELSE timestamp'1999-12-31 23:59:59' END AS ts, date'2024-02-29' AS d FROM range(4)",
      )
      .write.partitionBy("ts", "d")
      .parquet(out);
    const got = await leaves(out);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(fixture.ts).sort());
    for (const [rel, want] of Object.entries(fixture.ts)) assert.deepEqual(got[rel]?.ids, want.ids);
  });

  it("partition column errors are Spark's", async () => {
    const df = spark.sql("SELECT 1 AS id, 'x' AS s, array(1) AS a");
    const cases: [string[], string, Record<string, string>][] = [
      [
        ["zz"],
        "_LEGACY_ERROR_TEMP_1155",
        { col: "zz", schemaCatalog: "struct<id:int,s:string,a:array<int>>" },
      ],
      [["id", "s", "a"], "INVALID_PARTITION_COLUMN_DATA_TYPE", { type: '"ARRAY<INT>"' }],
      [["id", "id"], "COLUMN_ALREADY_EXISTS", { columnName: "`id`" }],
    ];
    for (const [cols, cls, params] of cases) {
      await assert.rejects(
        df.write.partitionBy(...cols).parquet(join(dir, "bad")),
        (e: unknown) => {
          assert.ok(e instanceof FlintError);
          assert.equal(e.errorClass, cls);
          assert.deepEqual(e.messageParameters, params);
          return true;
        },
      );
    }
    await assert.rejects(
      spark.sql("SELECT 1 AS id, 'x' AS s").write.partitionBy("id", "s").parquet(join(dir, "bad")),
      (e: unknown) =>
        e instanceof FlintError && e.errorClass === "ALL_PARTITION_COLUMNS_NOT_ALLOWED",
    );
  });

  it("dynamic partition overwrite replaces only the partitions written; static replaces all", async () => {
    const out = join(dir, "dyn");
    const base = spark.sql("SELECT id, id % 3 AS p FROM range(9)");
    await base.write.partitionBy("p").parquet(out);
    const fresh = spark.sql("SELECT 100 + id AS id, 1 + id AS p FROM range(3)"); // p = 1, 2, 3
    await fresh.write
      .mode("overwrite")
      .option("partitionOverwriteMode", "dynamic")
      .partitionBy("p")
      .parquet(out);
    const got = await leaves(out);
    assert.deepEqual(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.ids])), {
      "p=0": [0, 3, 6],
      "p=1": [100],
      "p=2": [101],
      "p=3": [102],
    });
    assert.deepEqual(
      readdirSync(out).filter((n) => n.startsWith(".") || n === "_temporary"),
      [],
    );
    await fresh.write.mode("overwrite").partitionBy("p").parquet(out);
    assert.deepEqual(Object.keys(await leaves(out)).sort(), ["p=1", "p=2", "p=3"]);
    // the session setting works as the option does
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    try {
      await spark
        .sql("SELECT 7L AS id, 9L AS p")
        .write.mode("overwrite")
        .partitionBy("p")
        .parquet(out);
    } finally {
      spark.conf.set("spark.sql.sources.partitionOverwriteMode", "static");
    }
    assert.deepEqual(Object.keys(await leaves(out)).sort(), ["p=1", "p=2", "p=3", "p=9"]);
  });
});
