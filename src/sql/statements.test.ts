/** Commands parse into plain data; queries into `{ kind: "Query" }`. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { simpleString } from "../types/data-types.ts";
import { parseDataType, parseStatement, parseTableSchema, splitStatements } from "./index.ts";
import { show } from "./print.ts";

const s = (sql: string) => parseStatement(sql);

test("databases and USE", () => {
  assert.deepEqual(s("CREATE DATABASE IF NOT EXISTS db COMMENT 'c' WITH DBPROPERTIES (a = 'b')"), {
    kind: "CreateDatabase",
    name: ["db"],
    ifNotExists: true,
    comment: "c",
    location: null,
    properties: { a: "b" },
  });
  assert.deepEqual(s("DROP SCHEMA IF EXISTS db CASCADE"), {
    kind: "DropDatabase",
    name: ["db"],
    ifExists: true,
    cascade: true,
  });
  assert.deepEqual(s("USE db"), { kind: "Use", name: ["db"] });
});

test("views", () => {
  const v = s("CREATE OR REPLACE TEMPORARY VIEW v (x, y) AS SELECT 1, 2");
  assert.equal(v.kind, "CreateView");
  if (v.kind !== "CreateView") return;
  assert.deepEqual(
    [v.replace, v.temporary, v.global, v.columns, v.queryText],
    [true, true, false, ["x", "y"], "SELECT 1, 2"],
  );
  const g = s("CREATE GLOBAL TEMP VIEW g AS VALUES (1)");
  assert.ok(g.kind === "CreateView" && g.global && g.temporary);
  const u = s("CREATE TEMPORARY VIEW t (a int) USING parquet OPTIONS (path '/x')");
  assert.equal(u.kind, "CreateTempViewUsing");
  if (u.kind === "CreateTempViewUsing") {
    assert.deepEqual(
      [u.provider, u.options, u.schema?.fields.length],
      ["parquet", { path: "/x" }, 1],
    );
  }
});

test("CREATE TABLE", () => {
  const t = s(
    "CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL COMMENT 'x', b STRING) USING parquet " +
      "PARTITIONED BY (b) OPTIONS ('compression' = 'snappy') TBLPROPERTIES (k = 1) LOCATION '/p'",
  );
  assert.equal(t.kind, "CreateTable");
  if (t.kind !== "CreateTable") return;
  assert.deepEqual(t.name, ["db", "t"]);
  assert.equal(t.ifNotExists, true);
  assert.equal(t.provider, "parquet");
  assert.deepEqual(t.partitionColumns, ["b"]);
  assert.deepEqual(t.options, { compression: "snappy" });
  assert.deepEqual(t.properties, { k: "1" });
  assert.equal(t.location, "/p");
  assert.equal(t.schema && simpleString(t.schema), "struct<a:int,b:string>");
  assert.equal(t.schema?.fields[0]?.nullable, false);
  assert.deepEqual(t.schema?.fields[0]?.metadata, { comment: "x" });
  const ctas = s("CREATE TABLE t USING json AS SELECT 1 AS a");
  assert.ok(ctas.kind === "CreateTable" && ctas.query?.kind === "Project" && ctas.schema === null);
});

test("INSERT", () => {
  const i = s("INSERT OVERWRITE TABLE t PARTITION (p = 1, q) SELECT * FROM s");
  assert.equal(i.kind, "Insert");
  if (i.kind !== "Insert") return;
  assert.deepEqual([i.table, i.overwrite, i.partition], [["t"], true, { p: "1", q: null }]);
  const v = s("INSERT INTO t (a, b) VALUES (1, 2)");
  assert.ok(v.kind === "Insert" && !v.overwrite && v.columns?.join() === "a,b");
});

test("DROP, ALTER", () => {
  assert.deepEqual(s("DROP VIEW IF EXISTS v"), {
    kind: "DropTable",
    name: ["v"],
    ifExists: true,
    isView: true,
    purge: false,
  });
  assert.deepEqual(s("ALTER TABLE a RENAME TO b"), {
    kind: "AlterTableRename",
    from: ["a"],
    to: ["b"],
    isView: false,
  });
  const add = s("ALTER TABLE t ADD COLUMNS (c int, d string)");
  assert.ok(add.kind === "AlterTableAddColumns" && add.columns.length === 2);
  assert.deepEqual(s("ALTER TABLE t SET TBLPROPERTIES ('a' = 'b')"), {
    kind: "AlterTableSetProperties",
    name: ["t"],
    isView: false,
    properties: { a: "b" },
  });
});

test("SHOW and DESCRIBE", () => {
  assert.deepEqual(s("SHOW DATABASES LIKE 'd*'"), { kind: "ShowDatabases", pattern: "d*" });
  assert.deepEqual(s("SHOW TABLES IN db"), {
    kind: "ShowTables",
    database: ["db"],
    pattern: null,
    views: false,
    extended: false,
  });
  assert.deepEqual(s("SHOW COLUMNS FROM t IN db"), {
    kind: "ShowColumns",
    table: ["t"],
    database: ["db"],
  });
  assert.deepEqual(s("SHOW USER FUNCTIONS LIKE 'f*'"), {
    kind: "ShowFunctions",
    scope: "USER",
    pattern: "f*",
  });
  assert.deepEqual(s("SHOW CREATE TABLE t"), {
    kind: "ShowCreateTable",
    name: ["t"],
    asSerde: false,
  });
  assert.deepEqual(s("DESCRIBE EXTENDED t"), {
    kind: "DescribeTable",
    name: ["t"],
    extended: true,
    column: null,
    partition: null,
  });
  assert.deepEqual(s("DESC FUNCTION EXTENDED upper"), {
    kind: "DescribeFunction",
    name: ["upper"],
    extended: true,
  });
  assert.equal(s("DESCRIBE QUERY SELECT 1").kind, "DescribeQuery");
});

test("EXPLAIN, SET, RESET, CACHE, ANALYZE", () => {
  const e = s("EXPLAIN FORMATTED SELECT 1");
  assert.ok(e.kind === "Explain" && e.mode === "formatted" && e.statement.kind === "Query");
  assert.deepEqual(s("SET spark.sql.shuffle.partitions = 4"), {
    kind: "Set",
    key: "spark.sql.shuffle.partitions",
    value: "4",
    verbose: false,
  });
  assert.deepEqual(s("SET a.b"), { kind: "Set", key: "a.b", value: null, verbose: false });
  assert.deepEqual(s("SET"), { kind: "Set", key: null, value: null, verbose: false });
  assert.deepEqual(s("SET -v"), { kind: "Set", key: null, value: null, verbose: true });
  assert.deepEqual(s("RESET spark.x"), { kind: "Reset", key: "spark.x" });
  assert.deepEqual(s("CACHE LAZY TABLE t"), {
    kind: "CacheTable",
    name: ["t"],
    lazy: true,
    options: {},
    query: null,
  });
  assert.deepEqual(s("UNCACHE TABLE IF EXISTS t"), {
    kind: "UncacheTable",
    name: ["t"],
    ifExists: true,
  });
  assert.deepEqual(s("ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS a, b"), {
    kind: "AnalyzeTable",
    name: ["t"],
    noScan: false,
    columns: ["a", "b"],
  });
  assert.deepEqual(s("ANALYZE TABLE t COMPUTE STATISTICS NOSCAN"), {
    kind: "AnalyzeTable",
    name: ["t"],
    noScan: true,
    columns: null,
  });
});

test("functions and variables", () => {
  const f = s("CREATE TEMPORARY FUNCTION f(x INT) RETURNS INT RETURN x + 1");
  assert.ok(f.kind === "CreateFunction" && f.temporary && f.bodyText === "x + 1");
  assert.deepEqual(s("DECLARE VARIABLE v INT DEFAULT 1").kind, "DeclareVariable");
  assert.equal(show(s("SET VAR v = 2")), 'SetVariable(names=[["v"]], values=[2])');
  assert.equal(s("EXECUTE IMMEDIATE 'SELECT 1'").kind, "ExecuteImmediate");
});

test("data types and table schemas", () => {
  const t = (x: string): string => simpleString(parseDataType(x));
  assert.equal(t("int"), "int");
  assert.equal(t("BIGINT"), "bigint");
  assert.equal(t("decimal(10,2)"), "decimal(10,2)");
  assert.equal(t("decimal"), "decimal(10,0)");
  assert.equal(t("varchar(5)"), "string");
  assert.equal(t("array<map<string,int>>"), "array<map<string,int>>");
  assert.equal(t("struct<a:int, b struct<c:array<int>>>"), "struct<a:int,b:struct<c:array<int>>>");
  assert.equal(t("interval day to second"), "interval day to second");
  assert.equal(t("interval year"), "interval year");
  assert.equal(
    simpleString(parseTableSchema("name string, salary int")),
    "struct<name:string,salary:int>",
  );
  assert.equal(simpleString(parseTableSchema("struct<a:int>")), "struct<a:int>");
  assert.equal(parseTableSchema("`a b` int").fields[0]?.name, "a b");
  assert.throws(
    () => parseDataType("foo"),
    (e: { errorClass?: string; messageParameters?: Record<string, string> }) =>
      e.errorClass === "UNSUPPORTED_DATATYPE" && e.messageParameters?.typeName === '"FOO"',
  );
});

test("splitStatements respects quotes and comments", () => {
  assert.deepEqual(
    splitStatements("SELECT ';'; -- a; comment\nSELECT 2 /* x; /* y; */ */;\n\n;SELECT `a;b`"),
    ["SELECT ';'", "-- a; comment\nSELECT 2 /* x; /* y; */ */", "SELECT `a;b`"],
  );
  assert.deepEqual(splitStatements("  ;; -- only a comment\n"), []);
});

test("ALTER TABLE column and partition commands, COMMENT ON", () => {
  assert.deepEqual(s("ALTER TABLE t RENAME COLUMN a TO b"), {
    kind: "AlterTableRenameColumn",
    name: ["t"],
    from: ["a"],
    to: "b",
  });
  assert.deepEqual(s("ALTER TABLE t DROP COLUMNS (a, b.c)"), {
    kind: "AlterTableDropColumns",
    name: ["t"],
    columns: [["a"], ["b", "c"]],
    ifExists: false,
  });
  const alter = s("ALTER TABLE t ALTER COLUMN a TYPE bigint");
  assert.ok(alter.kind === "AlterTableAlterColumn" && alter.dataType?.kind === "long");
  const change = s("ALTER TABLE t CHANGE a a INT COMMENT 'x'");
  assert.ok(change.kind === "AlterTableAlterColumn" && change.comment === "x");
  assert.deepEqual(s("ALTER TABLE t ADD PARTITION (p = 1)"), {
    kind: "AlterTablePartitions",
    name: ["t"],
    action: "ADD",
    partitions: [{ p: "1" }],
    ifExists: false,
  });
  assert.deepEqual(s("COMMENT ON TABLE t IS 'hello'"), {
    kind: "CommentOn",
    objectType: "TABLE",
    name: ["t"],
    comment: "hello",
  });
});

test("IDENTIFIER clauses name objects", () => {
  assert.deepEqual(s("DROP TABLE IDENTIFIER('db.' || 't')"), {
    kind: "DropTable",
    name: ["db", "t"],
    ifExists: false,
    isView: false,
    purge: false,
  });
});

test("SQL scripts: blocks, variables, control flow", () => {
  const script = s(`BEGIN
    DECLARE total INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' SET total = -1;
    lbl: WHILE total < 3 DO
      SET total = total + 1;
      IF total = 2 THEN ITERATE lbl; ELSEIF total > 5 THEN LEAVE lbl; ELSE SELECT total; END IF;
    END WHILE lbl;
    FOR r AS SELECT 1 AS x DO SELECT r.x; END FOR;
    REPEAT SET total = total - 1; UNTIL total <= 0 END REPEAT;
  END`);
  assert.equal(script.kind, "Script");
  if (script.kind !== "Script" || script.block.kind !== "Block") return;
  assert.deepEqual(
    script.block.body.map((x) => x.kind),
    ["Statement", "DeclareHandler", "While", "For", "Repeat"],
  );
  const loop = script.block.body[2];
  assert.ok(loop?.kind === "While" && loop.label === "lbl" && loop.body.length === 2);
  const set = loop?.kind === "While" ? loop.body[0] : undefined;
  assert.ok(set?.kind === "Statement" && set.statement.kind === "SetVariable");
  const handler = script.block.body[1];
  assert.ok(handler?.kind === "DeclareHandler" && handler.conditions[0] === "SQLSTATE 22012");
});

test("UPDATE and DELETE", () => {
  const u = s("UPDATE t AS x SET a = a + 1, b = 'z' WHERE c > 0");
  assert.ok(u.kind === "Update" && u.alias === "x" && u.assignments.length === 2 && u.condition);
  assert.deepEqual(
    show(s("DELETE FROM t WHERE a = 1")),
    'Delete(table=["t"], condition=(\'a = 1))',
  );
});

test("MERGE INTO", () => {
  const m = s(
    "MERGE INTO t AS x USING (SELECT * FROM u) AS y ON x.id = y.id " +
      "WHEN MATCHED AND y.del THEN DELETE " +
      "WHEN MATCHED THEN UPDATE SET x.v = y.v " +
      "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (y.id, y.v) " +
      "WHEN NOT MATCHED BY SOURCE THEN UPDATE SET *",
  );
  assert.equal(m.kind, "Merge");
  if (m.kind !== "Merge") return;
  assert.deepEqual([m.target, m.targetAlias], [["t"], "x"]);
  assert.equal(m.source.kind, "SubqueryAlias");
  assert.deepEqual(
    m.clauses.map((c) => [c.when, c.action.kind, c.condition !== null]),
    [
      ["MATCHED", "Delete", true],
      ["MATCHED", "Update", false],
      ["NOT MATCHED", "Insert", false],
      ["NOT MATCHED BY SOURCE", "Update", false],
    ],
  );
  const insert = m.clauses[2]?.action;
  assert.ok(
    insert?.kind === "Insert" && insert.columns?.length === 2 && insert.values.length === 2,
  );
});

test("nested type brackets closed by >> and >>>, also after backtracking", () => {
  const t = (x: string): string => simpleString(parseDataType(x));
  assert.equal(t("struct<a:array<int>>"), "struct<a:array<int>>");
  assert.equal(t("map<string,array<map<string,int>>>"), "map<string,array<map<string,int>>>");
  // `WITH ... INSERT` first tries to read a query, then backtracks over the same types
  const ins = s(
    "WITH c AS (SELECT CAST(x AS array<array<int>>) AS y) INSERT INTO t SELECT * FROM c",
  );
  assert.ok(ins.kind === "Insert" && ins.query.kind === "WithCte");
});
