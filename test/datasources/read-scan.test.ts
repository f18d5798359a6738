/**
 * The file scan: EXPLAIN's FileScan line as Spark prints it, partition pruning (pruned
 * partitions' files are never opened), Parquet splits aligned to row groups (task counts
 * and rows per task as pyspark 4 planned them for the same file), corrupt files, and CSV /
 * JSON lines that DuckDB writes read back with DuckDB's results, split into many tasks.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { planFileScan } from "../../src/execution/datasources/files/plan-scan.ts";
import type { FileSourceScanExec } from "../../src/execution/plan/physical-plan.ts";
import { readFilePartition } from "../../src/execution/run/read-files.ts";
import { F, SparkSession } from "../../src/index.ts";
import { resolveFileRelation } from "../../src/session/file-sources.ts";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "flint-read-scan-"));

const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .getOrCreate();

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

function errorClasses(e: unknown): string[] {
  const out: string[] = [];
  for (let x: unknown = e; x !== undefined && x !== null; x = (x as { cause?: unknown }).cause) {
    const c = (x as { errorClass?: string }).errorClass;
    if (c !== undefined) out.push(c);
  }
  return out;
}

const ids = (s: string): string => s.replace(/#\d+/g, "#x");

test("EXPLAIN: the FileScan line of a partitioned CSV read with filters is Spark's", async () => {
  const df = spark.read
    .option("inferSchema", "true")
    .csv(`${fixtures}part`)
    .filter("year = 2023 AND _c0 > 1");
  const plan = await df.explainString();
  const line = plan.split("\n").find((l) => l.includes("FileScan")) ?? "";
  // pyspark 4: spark.read.option("inferSchema","true").csv(part).filter(...).explain()
  assert.equal(
    ids(line.replace(/^\+- /, "")),
    ids(
      `FileScan csv [_c0#17,_c1#18,year#19,month#20] Batched: false, DataFilters: [isnotnull(_c0#17), (_c0#17 > 1)], Format: CSV, Location: InMemoryFileIndex(1 paths)[file:${fixtures}part], PartitionFilters: [isnotnull(year#19), (year#19 = 2023)], PushedFilters: [IsNotNull(_c0), GreaterThan(_c0,1)], ReadSchema: struct<_c0:int,_c1:string>`,
    ),
  );
  assert.deepEqual((await df.collect()).map((r) => r.toArray()).sort(), [
    [2, "b", 2023, 1],
    [3, "c", 2023, 2],
  ]);
  const formatted = await df.explainString("formatted");
  assert.match(formatted, /numFiles=2\b/, "two of the four files are read");
});

test("EXPLAIN: long ReadSchema and Location values are abbreviated at 100 characters", async () => {
  const line =
    (await spark.read.json(`${fixtures}json/basic.jsonl`).explainString())
      .split("\n")
      .find((l) => l.includes("FileScan")) ?? "";
  // pyspark 4 prints exactly this ReadSchema for the file.
  assert.ok(
    line.endsWith(
      "ReadSchema: struct<extra:string,id:bigint,name:string,ok:boolean,pt:struct<x:bigint,y:double>,tags:array<stri...",
    ),
    line,
  );
});

test("partition pruning: files of pruned partitions are never opened", async () => {
  const root = join(dir, "pruned");
  mkdirSync(join(root, "k=1"), { recursive: true });
  mkdirSync(join(root, "k=2"), { recursive: true });
  copyFileSync(`${fixtures}parquet/rowgroups.parquet`, join(root, "k=1", "good.parquet"));
  copyFileSync(`${fixtures}parquet/corrupt.parquet`, join(root, "k=2", "bad.parquet"));
  const df = spark.read.parquet(root);
  assert.equal(await df.filter("k = 1").count(), 3000);
  await assert.rejects(df.count(), (e: unknown) => {
    assert.ok(
      errorClasses(e).some((c) => c.startsWith("FAILED_READ_FILE")),
      String(e),
    );
    assert.match(String((e as Error).message), /bad\.parquet/);
    return true;
  });
});

test("a corrupt Parquet file fails with FAILED_READ_FILE naming the file", async () => {
  await assert.rejects(spark.read.parquet(`${fixtures}parquet/corrupt.parquet`).count(), (e) => {
    assert.ok(errorClasses(e).some((c) => c.startsWith("FAILED_READ_FILE")));
    assert.match(String((e as Error).message), /corrupt\.parquet/);
    return true;
  });
});

async function tasksOf(
  format: string,
  path: string,
  conf: Record<string, string>,
  options: Record<string, string> = {},
): Promise<{ scan: FileSourceScanExec; rows: number[] }> {
  const get = (k: string): string | undefined => conf[k];
  const rel = await resolveFileRelation({ format, paths: [path], options }, { get });
  const scan = {
    ...planFileScan(rel, { get }, 1),
    id: 0,
    codegenStageId: 0,
  } as FileSourceScanExec;
  const rows: number[] = [];
  for (let p = 0; p < scan.partitions.length; p++) {
    const batches = await readFilePartition(scan, p);
    rows.push(batches.reduce((s, b) => s + b.numRows, 0));
  }
  return { scan, rows };
}

test("Parquet splits follow row groups as Spark plans them", async () => {
  // pyspark 4 on the same file (openCostInBytes 1024, minPartitionNum 1):
  // maxPartitionBytes 8192 -> 4 tasks of [1092, 765, 1020, 123] rows; 16384 -> [1857, 1143].
  const cases: [string, number[]][] = [
    ["8192", [1092, 765, 1020, 123]],
    ["16384", [1857, 1143]],
    ["100000", [3000]],
  ];
  for (const [max, want] of cases) {
    const { rows } = await tasksOf("parquet", `${fixtures}parquet/rowgroups.parquet`, {
      "spark.sql.files.maxPartitionBytes": max,
      "spark.sql.files.openCostInBytes": "1024",
      "spark.sql.files.minPartitionNum": "1",
    });
    assert.deepEqual(rows, want, `maxPartitionBytes ${max}`);
  }
});

test("multiLine JSON and gzip files are read whole by one task each", async () => {
  const conf = {
    "spark.sql.files.maxPartitionBytes": "64",
    "spark.sql.files.openCostInBytes": "1",
    "spark.sql.files.minPartitionNum": "1",
  };
  const json = await tasksOf("json", `${fixtures}splitjson`, conf, { multiLine: "true" });
  for (const part of json.scan.partitions) {
    for (const s of part) assert.equal(s.start === 0 && s.length === s.fileSize, true);
  }
  const lines = await tasksOf("json", `${fixtures}splitjson`, conf);
  assert.ok(lines.scan.partitions.length > 10);
  assert.equal(
    lines.rows.reduce((a, b) => a + b, 0),
    50,
  );
  const gz = await tasksOf("csv", `${fixtures}gz`, conf);
  assert.equal(gz.scan.partitions.length, 1);
  assert.deepEqual(gz.rows, [3]);
});

test("an empty directory cannot give a schema; an unknown format is DATA_SOURCE_NOT_FOUND", async () => {
  const empty = join(dir, "empty");
  mkdirSync(empty, { recursive: true });
  for (const f of ["csv", "json", "parquet"]) {
    await assert.rejects(spark.read.format(f).load(empty).schema(), (e) => {
      assert.deepEqual(errorClasses(e).slice(0, 1), ["UNABLE_TO_INFER_SCHEMA"]);
      return true;
    });
  }
  assert.throws(
    () => spark.read.format("foo").load(empty),
    (e) => errorClasses(e)[0] === "DATA_SOURCE_NOT_FOUND",
  );
  // Text always has its schema.
  assert.equal((await spark.read.text(empty).collect()).length, 0);
});

test("SQL reads files by format name: csv.`path`, json.`path`, text.`path`", async () => {
  const csv = await spark.sql(`SELECT count(*) FROM csv.\`${fixtures}split\``).collect();
  assert.equal(Number(csv[0]?.get(0)), 50);
  const json = await spark.sql(`SELECT max(i) FROM json.\`${fixtures}splitjson\``).collect();
  assert.equal(Number(json[0]?.get(0)), 49);
  const text = await spark.sql(`SELECT count(*) FROM text.\`${fixtures}text/lines.txt\``).collect();
  assert.equal(Number(text[0]?.get(0)), 4);
});

// ---------------------------------------------------------------------------------------
// DuckDB writes CSV and JSON lines; Flint reads them split into many tasks.

let duck: { csv: unknown[][]; json: unknown[][] } = { csv: [], json: [] };
const csvFile = join(dir, "duck.csv");
const jsonFile = join(dir, "duck.json");

before(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const data = `SELECT i AS id, 'n' || (i % 13) AS cat, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS x,
      DATE '2020-01-01' + (i % 400)::INTEGER AS d, i % 3 = 0 AS flag FROM range(20000) t(i)`;
  await con.run(`COPY (${data}) TO '${csvFile}' (FORMAT csv, HEADER true)`);
  await con.run(`COPY (${data}) TO '${jsonFile}' (FORMAT json)`);
  const q = (src: string) =>
    `SELECT cat, count(*)::BIGINT, count(x)::BIGINT, sum(x)::DOUBLE, max(d)::VARCHAR, sum(CASE WHEN flag THEN 1 ELSE 0 END)::BIGINT FROM ${src} GROUP BY cat ORDER BY cat`;
  const norm = (rows: unknown[][]): unknown[][] =>
    rows.map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v)));
  duck = {
    csv: norm((await con.runAndReadAll(q(`read_csv('${csvFile}')`))).getRows()),
    json: norm((await con.runAndReadAll(q(`read_json('${jsonFile}')`))).getRows()),
  };
});

for (const kind of ["csv", "json"] as const) {
  test(`${kind} written by DuckDB reads back with DuckDB's aggregates, in many splits`, async () => {
    spark.conf.set("spark.sql.files.maxPartitionBytes", "20000");
    spark.conf.set("spark.sql.files.openCostInBytes", "1000");
    try {
      const df =
        kind === "csv"
          ? spark.read.option("header", "true").option("inferSchema", "true").csv(csvFile)
          : spark.read.json(jsonFile);
      assert.deepEqual(
        (await df.dtypes()).map(([n, t]) => `${n}:${t}`).sort(),
        kind === "csv"
          ? ["cat:string", "d:date", "flag:boolean", "id:int", "x:double"]
          : ["cat:string", "d:string", "flag:boolean", "id:bigint", "x:double"],
      );
      const rows = await df
        .groupBy("cat")
        .agg(
          F.count("*"),
          F.count("x"),
          F.sum("x"),
          F.max(F.col("d").cast("string")),
          F.sum(F.col("flag").cast("int")),
        )
        .orderBy("cat")
        .collect();
      assert.deepEqual(
        rows.map((r) => r.toArray().map((v) => (typeof v === "bigint" ? Number(v) : v))),
        kind === "csv" ? duck.csv : duck.json,
      );
    } finally {
      spark.conf.unset("spark.sql.files.maxPartitionBytes");
      spark.conf.unset("spark.sql.files.openCostInBytes");
    }
  });
}

test("CSV and JSON that df.write compresses (gzip, deflate) read back", async () => {
  const df = spark.range(0, 500).selectExpr("id", "concat('v', id) AS s");
  for (const codec of ["gzip", "deflate"]) {
    for (const fmt of ["csv", "json"] as const) {
      const out = join(dir, `${fmt}-${codec}`);
      await df.write.format(fmt).option("compression", codec).option("header", "true").save(out);
      const back = spark.read
        .format(fmt)
        .option("header", "true")
        .option("inferSchema", "true")
        .load(out);
      const rows = await back.agg(F.count("*"), F.sum("id")).collect();
      assert.deepEqual(
        rows[0]?.toArray().map((v) => Number(v)),
        [500, 124750],
        `${fmt} ${codec}`,
      );
    }
  }
});

test("Parquet row groups that pushed filters rule out are skipped", async () => {
  const df = spark.read.parquet(`${fixtures}parquet/rowgroups.parquet`).filter("id >= 2900");
  assert.equal(await df.count(), 100);
  const rows = await df.agg(F.min("id"), F.max("id")).collect();
  assert.deepEqual(rows[0]?.toArray().map(Number), [2900, 2999]);
  assert.equal((await df.collect()).length, 100);
  const formatted = await df.explainString("formatted");
  const scanned = /FileScan[\s\S]*?numOutputRows=(\d+)/.exec(formatted)?.[1];
  assert.ok(scanned !== undefined && Number(scanned) < 3000, `scan read ${scanned} rows`);
});

test("ignoreCorruptFiles and ignoreMissingFiles leave such files out", async () => {
  const root = join(dir, "ignore");
  mkdirSync(root, { recursive: true });
  copyFileSync(`${fixtures}parquet/rowgroups.parquet`, join(root, "a.parquet"));
  copyFileSync(`${fixtures}parquet/corrupt.parquet`, join(root, "b.parquet"));
  const reader = () => spark.read.schema("id BIGINT, s STRING");
  await assert.rejects(reader().parquet(root).count());
  assert.equal(await reader().option("ignoreCorruptFiles", "true").parquet(root).count(), 3000);
  spark.conf.set("spark.sql.files.ignoreCorruptFiles", "true");
  try {
    assert.equal(await reader().parquet(root).count(), 3000);
  } finally {
    spark.conf.unset("spark.sql.files.ignoreCorruptFiles");
  }
  // A file listed with the relation and deleted before the read.
  const csvRoot = join(dir, "missing");
  mkdirSync(csvRoot, { recursive: true });
  copyFileSync(`${fixtures}split/f1.csv`, join(csvRoot, "f1.csv"));
  copyFileSync(`${fixtures}split/f2.csv`, join(csvRoot, "f2.csv"));
  const strict = spark.read.csv(csvRoot);
  const lenient = spark.read.option("ignoreMissingFiles", "true").csv(csvRoot);
  assert.equal(await strict.count(), 45);
  assert.equal(await lenient.count(), 45);
  rmSync(join(csvRoot, "f2.csv"));
  await assert.rejects(strict.count(), (e) => {
    assert.ok(errorClasses(e).includes("FAILED_READ_FILE.FILE_NOT_EXIST"), String(e));
    return true;
  });
  assert.equal(await lenient.count(), 30);
});

test("resolveFileRelation: declared partition columns set the order of partition values", async () => {
  const rel = await resolveFileRelation({
    format: "csv",
    paths: [`${fixtures}part`],
    options: {},
    partitionColumns: ["month", "year"],
  });
  assert.deepEqual(
    rel.partitionSchema.fields.map((f) => `${f.name}:${f.dataType.kind}`),
    ["month:integer", "year:integer"],
  );
  assert.deepEqual(
    rel.output.map((a) => a.name),
    ["_c0", "_c1", "month", "year"],
  );
  const file = rel.listing?.files.find((f) => f.path.includes("year=2024"));
  assert.deepEqual(file?.partitionValues, [1, 2024]);
});
