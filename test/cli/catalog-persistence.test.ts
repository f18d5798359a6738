/**
 * The persistent catalog as a `flint sql` user sees it: a database, a table with data
 * and a view created by one process are there for the next one started in the same
 * directory (warehouse `./spark-warehouse`, catalog file `./metastore_db/`), and a
 * missing table is one line on stderr while the interactive shell carries on.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const BIN = new URL("../../bin/flint.mjs", import.meta.url).pathname;
const cwd = mkdtempSync(join(tmpdir(), "flint-catalog-cli-"));
after(() => rmSync(cwd, { recursive: true, force: true }));

function flint(
  args: string[],
  input?: string,
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, "sql", "--master", "local[1]", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test("a database, table and view created by one run are there in the next", () => {
  const first = flint([
    "-e",
    [
      "CREATE DATABASE shop",
      "USE shop",
      "CREATE TABLE items (id INT, name STRING) USING parquet",
      "INSERT INTO items VALUES (1, 'pen'), (2, 'ink')",
      "CREATE VIEW big_ids AS SELECT id * 10 AS id10 FROM items",
      "CREATE TABLE default.parts USING parquet PARTITIONED BY (p) AS SELECT 'x' AS v, 1 AS p",
    ].join(";\n"),
  ]);
  assert.equal(first.status, 0, first.stderr);
  assert.ok(existsSync(join(cwd, "spark-warehouse", "shop.db", "items")));
  assert.ok(existsSync(join(cwd, "metastore_db", "flint-catalog.sqlite")));

  const second = flint([
    "-e",
    [
      "SHOW DATABASES",
      "SHOW TABLES IN shop",
      "SELECT * FROM shop.items ORDER BY id",
      "SELECT * FROM shop.big_ids ORDER BY id10",
      "SELECT * FROM parts",
    ].join(";\n"),
  ]);
  assert.equal(second.status, 0, second.stderr);
  assert.equal(
    second.stdout,
    ["default", "shop", "big_ids", "items", "1\tpen", "2\tink", "10", "20", "x\t1", ""].join("\n"),
  );
});

test("DESCRIBE prints padded columns as spark-sql does", () => {
  const r = flint(["-e", "DESCRIBE shop.items"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    `${"id".padEnd(20)}\t${"int".padEnd(20)}\t${"".padEnd(20)}\n${"name".padEnd(20)}\t${"string".padEnd(20)}\t${"".padEnd(20)}\n`,
  );
});

test("a missing table prints one line and the interactive shell carries on", () => {
  const r = flint(
    [],
    "SELECT * FROM shop.nope;\nCREATE TABLE shop.items (x INT);\nSELECT count(*) FROM shop.items;\nexit;\n",
  );
  const errors = r.stderr.trim().split("\n");
  assert.equal(errors.length, 2, r.stderr);
  assert.match(errors[0] ?? "", /^\[TABLE_OR_VIEW_NOT_FOUND\] .*`shop`\.`nope`/);
  assert.match(
    errors[1] ?? "",
    /^\[TABLE_OR_VIEW_ALREADY_EXISTS\] .*`spark_catalog`\.`shop`\.`items`/,
  );
  assert.match(r.stdout, /\b2\n/);
});
