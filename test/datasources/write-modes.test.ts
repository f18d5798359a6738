/**
 * df.write save modes, file layout and errors, as Spark 4 behaves (checked with pyspark:
 * PATH_ALREADY_EXISTS even for an empty directory, `ignore` leaves the path alone, append
 * with another schema just adds files, Spark's file names per codec). Files are read back
 * with DuckDB, an independent reader.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { FlintError, SparkSession } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-write-modes-"));
const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
let duck: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;

async function rows(sql: string): Promise<unknown[][]> {
  const r = await duck.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (typeof v === "bigint" ? Number(v) : v)));
}

const count = async (path: string): Promise<number> =>
  Number((await rows(`SELECT count(*) FROM read_parquet('${path}/*.parquet')`))[0]?.[0]);

/** Data files (visible names) of a directory. */
const dataFiles = (path: string): string[] =>
  readdirSync(path).filter((n) => !n.startsWith("_") && !n.startsWith("."));

/** Entries a write must not leave behind beside or inside the output. */
const leftovers = (path: string): string[] => [
  ...readdirSync(join(path, "..")).filter((n) => n.includes(".flint-")),
  ...(existsSync(path)
    ? readdirSync(path).filter((n) => n === "_temporary" || n.startsWith("."))
    : []),
];

const isError = (cls: string) => (e: unknown) => e instanceof FlintError && e.errorClass === cls;

before(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ten = () => spark.sql("SELECT id, CAST(id AS STRING) AS s FROM range(0, 10, 1, 2)");

describe("save modes", () => {
  it("errorifexists writes a new path with _SUCCESS and Spark's file names", async () => {
    const out = join(dir, "new");
    const summary = await ten().write.parquet(out);
    assert.equal(summary.rows, 10);
    assert.equal(summary.files, 2);
    assert.ok(existsSync(join(out, "_SUCCESS")));
    assert.equal(readFileSync(join(out, "_SUCCESS")).length, 0);
    const files = dataFiles(out).sort();
    assert.equal(files.length, 2);
    for (const [i, f] of files.entries()) {
      assert.match(f, new RegExp(`^part-0000${i}-[0-9a-f-]{36}-c000\\.snappy\\.parquet$`));
    }
    assert.equal(await count(out), 10);
    assert.deepEqual(leftovers(out), []);
  });

  it("errorifexists (and error, default) on an existing path is PATH_ALREADY_EXISTS, even empty", async () => {
    const out = join(dir, "new");
    for (const mode of ["errorifexists", "error", "default"]) {
      await assert.rejects(ten().write.mode(mode).parquet(out), (e: unknown) => {
        assert.ok(e instanceof FlintError);
        assert.equal(e.errorClass, "PATH_ALREADY_EXISTS");
        assert.equal(e.sqlState, "42K04");
        assert.equal(e.messageParameters.outputPath, `file:${out}`);
        return true;
      });
    }
    const empty = join(dir, "empty-dir");
    mkdirSync(empty);
    await assert.rejects(ten().write.parquet(empty), isError("PATH_ALREADY_EXISTS"));
    assert.deepEqual(readdirSync(empty), []);
  });

  it("ignore leaves an existing path as it is and writes a new one", async () => {
    const out = join(dir, "new");
    const before = readdirSync(out).sort();
    const s = await spark.sql("SELECT 1 AS id").write.mode("ignore").parquet(out);
    assert.equal(s.skipped, true);
    assert.deepEqual(readdirSync(out).sort(), before);
    const fresh = join(dir, "ignore-new");
    await ten().write.mode("ignore").parquet(fresh);
    assert.equal(await count(fresh), 10);
  });

  it("append adds files beside the old ones", async () => {
    const out = join(dir, "append");
    await ten().write.mode("append").parquet(out);
    await ten().write.mode("append").parquet(out);
    assert.equal(dataFiles(out).length, 4);
    assert.equal(await count(out), 20);
    assert.deepEqual(leftovers(out), []);
  });

  it("append with another schema adds the files (Spark does not check a path's schema)", async () => {
    const out = join(dir, "append-mismatch");
    await ten().write.parquet(out);
    await spark.sql("SELECT 1.5D AS x").write.mode("append").parquet(out);
    assert.equal(dataFiles(out).length, 3);
  });

  it("overwrite replaces the data and leaves nothing hidden behind", async () => {
    const out = join(dir, "overwrite");
    await ten().write.parquet(out);
    const old = dataFiles(out);
    await spark.sql("SELECT id FROM range(3)").write.mode("overwrite").parquet(out);
    const now = dataFiles(out);
    assert.ok(now.every((f) => !old.includes(f)));
    assert.equal(await count(out), 3);
    assert.ok(existsSync(join(out, "_SUCCESS")));
    assert.deepEqual(leftovers(out), []);
    // overwriting a path that does not exist creates it
    const fresh = join(dir, "overwrite-new", "nested");
    await ten().write.mode("overwrite").parquet(fresh);
    assert.equal(await count(fresh), 10);
  });

  it("an empty result writes one file holding the schema (Spark's first task always writes)", async () => {
    const out = join(dir, "empty-result");
    await spark.sql("SELECT id FROM range(0)").write.parquet(out);
    assert.equal(dataFiles(out).length, 1);
    assert.deepEqual(await rows(`SELECT count(*) FROM '${out}/*.parquet'`), [[0]]);
  });

  it("an unknown mode is INVALID_SAVE_MODE", () => {
    assert.throws(
      () => ten().write.mode("foo"),
      (e: unknown) =>
        e instanceof FlintError &&
        e.errorClass === "INVALID_SAVE_MODE" &&
        e.messageParameters.mode === '"foo"',
    );
  });
});

describe("formats and options", () => {
  it("codecs name files as Spark does and DuckDB reads them", async () => {
    const cases: [string, string][] = [
      ["none", ".parquet"],
      ["uncompressed", ".parquet"],
      ["snappy", ".snappy.parquet"],
      ["gzip", ".gz.parquet"],
      ["zstd", ".zstd.parquet"],
      ["lz4_raw", ".lz4raw.parquet"],
    ];
    for (const [codec, ext] of cases) {
      const out = join(dir, `codec-${codec}`);
      await ten().coalesce(1).write.option("compression", codec).parquet(out);
      const [f] = dataFiles(out);
      assert.ok(f?.endsWith(`-c000${ext}`), `${codec}: ${f}`);
      assert.equal(await count(out), 10, codec);
    }
  });

  it("unknown codecs are CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION", async () => {
    await assert.rejects(
      ten().write.option("compression", "foo").parquet(join(dir, "bad-codec")),
      (e: unknown) =>
        e instanceof FlintError &&
        e.errorClass === "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION" &&
        e.sqlState === "56038" &&
        e.messageParameters.codecName === "foo",
    );
    assert.ok(!existsSync(join(dir, "bad-codec")));
  });

  it("maxRecordsPerFile starts a new file (c001, ...) every n rows", async () => {
    const out = join(dir, "max-records");
    const s = await spark
      .sql("SELECT id FROM range(0, 10, 1, 1)")
      .write.option("maxRecordsPerFile", 4)
      .parquet(out);
    assert.equal(s.files, 3);
    assert.deepEqual(
      dataFiles(out)
        .map((f) => f.replace(/^part-00000-[0-9a-f-]{36}-/, ""))
        .sort(),
      ["c000.snappy.parquet", "c001.snappy.parquet", "c002.snappy.parquet"],
    );
    assert.equal(await count(out), 10);
  });

  it("text writes one line per row (.txt, .txt.gz); other columns are errors", async () => {
    const out = join(dir, "text");
    await spark
      .sql("SELECT * FROM VALUES ('a'), (NULL), ('é'), ('') AS t(v)")
      .coalesce(1)
      .write.text(out);
    const [f] = dataFiles(out);
    assert.match(f ?? "", /-c000\.txt$/);
    assert.equal(readFileSync(join(out, f ?? "")).toString(), "a\n\né\n\n");
    const gz = join(dir, "text-gz");
    await spark.sql("SELECT 'x' AS v").write.option("compression", "gzip").text(gz);
    const [g] = dataFiles(gz);
    assert.match(g ?? "", /-c000\.txt\.gz$/);
    assert.equal(gunzipSync(readFileSync(join(gz, g ?? ""))).toString(), "x\n");
    await assert.rejects(
      ten().write.text(join(dir, "text-bad")),
      (e: unknown) =>
        e instanceof FlintError &&
        e.errorClass === "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE" &&
        e.messageParameters.columnName === "`id`" &&
        e.messageParameters.columnType === '"BIGINT"' &&
        e.messageParameters.format === "Text",
    );
  });

  it("csv and json write Spark's extensions and lines", async () => {
    const csv = join(dir, "csv");
    await ten().coalesce(1).write.option("header", true).csv(csv);
    const [c] = dataFiles(csv);
    assert.match(c ?? "", /-c000\.csv$/);
    const text = readFileSync(join(csv, c ?? ""))
      .toString()
      .split("\n");
    assert.deepEqual(text.slice(0, 3), ["id,s", "0,0", "1,1"]);
    const json = join(dir, "json");
    await ten().coalesce(1).write.json(json);
    const [j] = dataFiles(json);
    assert.match(j ?? "", /-c000\.json$/);
    assert.equal(
      readFileSync(join(json, j ?? ""))
        .toString()
        .split("\n")[0],
      '{"id":0,"s":"0"}',
    );
  });

  it("a void column is written (Spark 4 does) and read back as void", async () => {
    const out = join(dir, "void");
    await spark.sql("SELECT NULL AS n, 1 AS a").write.parquet(out);
    assert.deepEqual(await rows(`SELECT n IS NULL, a FROM read_parquet('${out}/*.parquet')`), [
      [true, 1],
    ]);
    const back = spark.read.parquet(out);
    assert.deepEqual(await back.dtypes(), [
      ["n", "void"],
      ["a", "int"],
    ]);
    assert.deepEqual(
      (await back.collect()).map((r) => [r.get(0), r.get(1)]),
      [[null, 1]],
    );
  });

  it("spark.sql.parquet.outputTimestampType: INT96, TIMESTAMP_MILLIS (floored), TIMESTAMP_MICROS", async () => {
    const q = spark.sql(
      "SELECT id, timestamp_micros(-1 + id * 86400000001) AS ts, TIMESTAMP'0001-01-01 00:00:00' AS old FROM range(3)",
    );
    const want: Record<string, number[]> = {
      INT96: [-1, 86400000000, 172800000001],
      TIMESTAMP_MILLIS: [-1000, 86400000000, 172800000000],
      TIMESTAMP_MICROS: [-1, 86400000000, 172800000001],
    };
    try {
      for (const [type, micros] of Object.entries(want)) {
        spark.conf.set("spark.sql.parquet.outputTimestampType", type);
        const out = join(dir, `ts-${type}`);
        await q.coalesce(1).write.parquet(out);
        const physical = await rows(
          `SELECT type FROM parquet_schema('${out}/*.parquet') WHERE name = 'ts'`,
        );
        assert.deepEqual(physical, [[type === "INT96" ? "INT96" : "INT64"]], type);
        // DuckDB and Flint read the same instants
        assert.deepEqual(
          (
            await rows(`SELECT epoch_us(ts), epoch_us(old) FROM '${out}/*.parquet' ORDER BY id`)
          ).map((r) => r.map(Number)),
          micros.map((m) => [m, -62135596800000000]),
          type,
        );
        const back = await spark.read
          .parquet(out)
          .selectExpr("unix_micros(ts) AS u")
          .orderBy("u")
          .collect();
        assert.deepEqual(
          back.map((r) => Number(r.get(0))),
          micros,
          type,
        );
      }
    } finally {
      spark.conf.unset("spark.sql.parquet.outputTimestampType");
    }
  });

  it("an unknown format is DATA_SOURCE_NOT_FOUND", async () => {
    await assert.rejects(
      ten().write.format("foo").save(join(dir, "foo")),
      isError("DATA_SOURCE_NOT_FOUND"),
    );
  });

  it("overwriting a path the query reads is UNSUPPORTED_OVERWRITE.PATH", async () => {
    const out = join(dir, "self");
    await ten().write.parquet(out);
    await assert.rejects(
      spark.read.parquet(out).write.mode("overwrite").parquet(out),
      isError("UNSUPPORTED_OVERWRITE.PATH"),
    );
    assert.equal(await count(out), 10);
  });

  it("bucketBy and sortBy: file writes refuse buckets, sortBy needs bucketBy, bucket counts are checked", async () => {
    const out = join(dir, "bucketed");
    await assert.rejects(ten().write.bucketBy(2, "id").parquet(out), (e: unknown) => {
      assert.ok(e instanceof FlintError);
      assert.equal(e.errorClass, "_LEGACY_ERROR_TEMP_1312");
      assert.deepEqual(e.messageParameters, { operation: "save" });
      return true;
    });
    await assert.rejects(
      ten().write.sortBy("id").parquet(out),
      (e: unknown) =>
        e instanceof FlintError &&
        e.errorClass === "SORT_BY_WITHOUT_BUCKETING" &&
        e.sqlState === "42601",
    );
    await assert.rejects(ten().write.bucketBy(0, "id").saveAsTable("t"), (e: unknown) => {
      assert.ok(e instanceof FlintError);
      assert.equal(e.errorClass, "INVALID_BUCKET_COUNT");
      assert.deepEqual(e.messageParameters, { bucketingMaxBuckets: "100000", numBuckets: "0" });
      return true;
    });
    assert.ok(!existsSync(out));
  });

  it("insertInto without a catalog is TABLE_OR_VIEW_NOT_FOUND", async () => {
    await assert.rejects(ten().write.insertInto("nope_tbl"), (e: unknown) => {
      assert.ok(e instanceof FlintError);
      assert.equal(e.errorClass, "TABLE_OR_VIEW_NOT_FOUND");
      assert.equal(e.messageParameters.relationName, "`nope_tbl`");
      return true;
    });
  });
});
