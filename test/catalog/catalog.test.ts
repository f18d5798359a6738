/**
 * The persistent catalog through the session: the SQLite store survives a new session
 * on the same warehouse, `df.write.saveAsTable` / `insertInto` go through it, and table
 * statistics from ANALYZE TABLE reach the optimizer's estimates. (Statement semantics are
 * checked against Spark by the golden files in test/sql/inputs/statements.)
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { SparkSession } from "../../src/index.ts";
import { ExternalCatalog } from "../../src/session/catalog/external-catalog.ts";
import { IntegerT, structField, structType } from "../../src/types/data-types.ts";

const root = mkdtempSync(join(tmpdir(), "flint-catalog-"));
after(() => rmSync(root, { recursive: true, force: true }));

function session(warehouse: string): SparkSession {
  return SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "2")
    .config("spark.sql.warehouse.dir", warehouse)
    .create();
}

async function rows(spark: SparkSession, sql: string): Promise<unknown[][]> {
  return (await spark.sql(sql).collect()).map((r) => r.toArray());
}

test("the external catalog creates its file on the first write and reads it back", () => {
  const file = join(root, "meta", "c.sqlite");
  const a = new ExternalCatalog(file, "file:/wh");
  assert.deepEqual(a.listDatabases(), ["default"]);
  assert.equal(existsSync(file), false);
  a.createDatabase({ name: "Sales", comment: "c", location: "file:/wh/sales.db", properties: {} });
  a.createTable({
    database: "sales",
    name: "T1",
    type: "MANAGED",
    provider: "parquet",
    location: "file:/wh/sales.db/t1",
    schema: structType([structField("a", IntegerT, true, { comment: "x" })]),
    partitionColumns: [],
    properties: { k: "v" },
    options: {},
    comment: null,
    viewText: null,
    viewCurrentDatabase: null,
    createdMs: 1,
    stats: { sizeInBytes: 10, rowCount: 2, columns: {} },
  });
  a.close();
  const b = new ExternalCatalog(file, "file:/wh");
  assert.deepEqual(b.listDatabases(), ["default", "sales"]);
  const t = b.getTable("SALES", "t1");
  assert.equal(t?.name, "t1");
  assert.equal(t?.schema.fields[0]?.metadata.comment, "x");
  assert.deepEqual(t?.properties, { k: "v" });
  assert.equal(t?.stats?.rowCount, 2);
  b.close();
});

test("tables and views outlive the session; saveAsTable and insertInto use the catalog", async () => {
  const warehouse = join(root, "wh1", "spark-warehouse");
  const one = session(warehouse);
  await one.sql("CREATE DATABASE d").collect();
  const df = one.createDataFrame(
    [
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ],
    "id INT, name STRING",
  );
  await df.write.saveAsTable("d.people");
  await df.write.insertInto("d.people");
  await one.sql("CREATE VIEW d.names AS SELECT upper(name) AS n FROM d.people").collect();
  await one.stop();
  assert.ok(existsSync(join(root, "wh1", "metastore_db", "flint-catalog.sqlite")));

  const two = session(warehouse);
  after(() => two.stop());
  assert.deepEqual(await rows(two, "SELECT id, name FROM d.people ORDER BY id, name"), [
    [1, "a"],
    [1, "a"],
    [2, "b"],
    [2, "b"],
  ]);
  assert.deepEqual(await rows(two, "SELECT DISTINCT n FROM d.names ORDER BY n"), [["A"], ["B"]]);
  const again = two.createDataFrame([{ id: 3 }], "id INT");
  await assert.rejects(
    () => again.write.saveAsTable("d.people"),
    (e: Error) => /TABLE_OR_VIEW_ALREADY_EXISTS/.test(e.message),
  );
  await again.write.mode("append").saveAsTable("d.people");
  assert.deepEqual(await rows(two, "SELECT count(*) FROM d.people WHERE name IS NULL"), [[1n]]);
});

test("ANALYZE TABLE statistics reach EXPLAIN COST and DESCRIBE EXTENDED", async () => {
  const spark = session(join(root, "wh2", "spark-warehouse"));
  after(() => spark.stop());
  await spark.sql("CREATE TABLE s (a INT) USING parquet").collect();
  await spark.sql("INSERT INTO s SELECT id FROM range(10)").collect();
  await spark.sql("ANALYZE TABLE s COMPUTE STATISTICS").collect();
  const described = await rows(spark, "DESCRIBE EXTENDED s");
  const stat = described.find((r) => r[0] === "Statistics");
  assert.match(String(stat?.[1]), /^\d+ bytes, 10 rows$/);
  const bytes = Number(/^(\d+)/.exec(String(stat?.[1]))?.[1]);
  const plan = String((await rows(spark, "EXPLAIN COST SELECT * FROM s"))[0]?.[0]);
  assert.match(plan, new RegExp(`Relation .*sizeInBytes=${bytes}\\.0 B`), plan);
});

test("spark.catalog lists databases, tables and columns", async () => {
  const spark = session(join(root, "wh3", "spark-warehouse"));
  after(() => spark.stop());
  await spark.sql("CREATE DATABASE cat_db COMMENT 'for the API'").collect();
  await spark
    .sql("CREATE TABLE cat_db.t (a INT COMMENT 'the a', p STRING) USING parquet PARTITIONED BY (p)")
    .collect();
  await spark.sql("CREATE TEMPORARY VIEW tv AS SELECT 1 AS one").collect();
  const c = spark.catalog;
  assert.deepEqual(
    c.listDatabases().map((d) => [d.name, d.description]),
    [
      ["cat_db", "for the API"],
      ["default", "default database"],
    ],
  );
  assert.deepEqual(
    c.listTables("cat_db").map((t) => [t.name, t.tableType, t.isTemporary]),
    [
      ["t", "MANAGED", false],
      ["tv", "TEMPORARY", true],
    ],
  );
  assert.equal(c.tableExists("cat_db.t"), true);
  assert.equal(c.tableExists("t", "cat_db"), true);
  assert.equal(c.tableExists("t"), false);
  assert.equal(c.databaseExists("CAT_DB"), true);
  assert.deepEqual(
    c.listColumns("cat_db.t").map((x) => [x.name, x.dataType, x.description, x.isPartition]),
    [
      ["a", "int", "the a", false],
      ["p", "string", null, true],
    ],
  );
  c.setCurrentDatabase("cat_db");
  assert.equal(c.currentDatabase(), "cat_db");
  assert.equal(c.tableExists("t"), true);
  assert.throws(() => c.setCurrentDatabase("nope"), /SCHEMA_NOT_FOUND/);
});

test("CREATE TEMPORARY VIEW ... USING reads files through the data source", async () => {
  const spark = session(join(root, "wh4", "spark-warehouse"));
  after(() => spark.stop());
  const dir = join(root, "files", "people");
  await spark.createDataFrame([{ id: 1 }, { id: 2 }], "id INT").write.parquet(dir);
  spark.sql(`CREATE TEMPORARY VIEW people USING parquet OPTIONS (path '${dir}')`);
  assert.deepEqual(await rows(spark, "SELECT sum(id) FROM people"), [[3n]]);
  await assert.rejects(
    () =>
      spark
        .sql("CREATE TEMPORARY VIEW nofiles USING parquet OPTIONS (path '/nonexistent/x')")
        .collect(),
    /PATH_NOT_FOUND/,
  );
});

test("an external table's files outlive DROP TABLE; a managed table's do not", async () => {
  const warehouse = join(root, "wh5", "spark-warehouse");
  const spark = session(warehouse);
  after(() => spark.stop());
  const ext = join(root, "external", "events");
  await spark.sql(`CREATE TABLE ev (id INT) USING parquet LOCATION '${ext}'`).collect();
  await spark.sql("INSERT INTO ev VALUES (1), (2)").collect();
  await spark.sql("CREATE TABLE man (id INT) USING parquet").collect();
  await spark.sql("INSERT INTO man VALUES (1)").collect();
  const described = await rows(spark, "DESCRIBE EXTENDED ev");
  assert.deepEqual(
    described.find((r) => r[0] === "Type"),
    ["Type", "EXTERNAL", ""],
  );
  await spark.sql("DROP TABLE ev").collect();
  await spark.sql("DROP TABLE man").collect();
  assert.ok(existsSync(ext));
  assert.equal(existsSync(join(warehouse, "man")), false);
  // a new table over the same location sees the files
  await spark.sql(`CREATE TABLE ev2 (id INT) USING parquet LOCATION '${ext}'`).collect();
  assert.deepEqual(await rows(spark, "SELECT sum(id) FROM ev2"), [[3n]]);
});

test("ALTER TABLE SET LOCATION reads the new place; ANALYZE TABLES covers a database", async () => {
  const spark = session(join(root, "wh6", "spark-warehouse"));
  after(() => spark.stop());
  const dir = join(root, "moved", "data");
  await spark.createDataFrame([{ id: 5 }, { id: 6 }], "id INT").write.parquet(dir);
  await spark.sql("CREATE DATABASE adb").collect();
  await spark.sql("CREATE TABLE adb.t (id INT) USING parquet").collect();
  await spark.sql("CREATE TABLE adb.u (id INT) USING parquet").collect();
  await spark.sql(`ALTER TABLE adb.t SET LOCATION '${dir}'`).collect();
  assert.deepEqual(await rows(spark, "SELECT sum(id) FROM adb.t"), [[11n]]);
  await spark.sql("ANALYZE TABLES IN adb COMPUTE STATISTICS").collect();
  for (const [t, n] of [
    ["t", 2],
    ["u", 0],
  ] as const) {
    const stat = (await rows(spark, `DESCRIBE EXTENDED adb.${t}`)).find(
      (r) => r[0] === "Statistics",
    );
    assert.match(String(stat?.[1]), new RegExp(`^\\d+ bytes, ${n} rows$`));
  }
});

test("a session sees tables another session of the same warehouse changed", async () => {
  const warehouse = join(root, "wh7", "spark-warehouse");
  const a = session(warehouse);
  const b = session(warehouse);
  after(async () => {
    await a.stop();
    await b.stop();
  });
  await a.sql("CREATE TABLE shared (x INT) USING parquet").collect();
  assert.deepEqual(await rows(b, "SELECT count(*) FROM shared"), [[0n]]);
  await a.sql("DROP TABLE shared").collect();
  await a.sql("CREATE TABLE shared (x INT, y STRING) USING parquet").collect();
  await a.sql("INSERT INTO shared VALUES (1, 'one')").collect();
  assert.deepEqual(await rows(b, "SELECT * FROM shared"), [[1, "one"]]);
});
