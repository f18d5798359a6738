/**
 * The `flint sql` command as a user runs it: a real process, tab-separated rows with
 * NULL (as spark-sql prints them), JSON lines, and a one-line error with its class.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const BIN = new URL("../../bin/flint.mjs", import.meta.url).pathname;

function flint(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test("flint sql -e prints rows tab-separated with NULL", () => {
  const r = flint("sql", "--master", "local[1]", "-e", "SELECT 1 AS a, 'x' AS b, NULL AS c");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "1\tx\tNULL\n");
});

test("flint sql --output json prints one object per row", () => {
  const r = flint(
    "sql",
    "--master",
    "local[1]",
    "--output",
    "json",
    "-e",
    "SELECT id FROM range(2)",
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '{"id":0}\n{"id":1}\n');
});

test("a failing statement prints one line with its error class and exits non-zero", () => {
  const r = flint("sql", "--master", "local[1]", "-e", "SELECT 1; SELECT 1/0; SELECT 2");
  assert.equal(r.stdout, "1\n");
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? "", /^\[DIVIDE_BY_ZERO\] Division by zero/);
});
