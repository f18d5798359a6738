/**
 * Failures during a write leave the old data intact and nothing partial visible: a task
 * that throws in the middle of writing (ANSI division by zero after some files were
 * written), and a process killed with SIGKILL in the middle of an overwrite job.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { FlintError, SparkSession } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-write-failure-"));
const spark = SparkSession.builder()
  .master("local[2]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
let duck: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;

async function count(path: string): Promise<number> {
  const r = await duck.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}/*.parquet')`);
  return Number(r.getRows()[0]?.[0]);
}

const visible = (path: string): string[] =>
  readdirSync(path).filter((n) => !n.startsWith("_") && !n.startsWith("."));

/** Every file under `path`, recursively (relative names). */
function walk(path: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(join(path, e.name), rel));
    else out.push(rel);
  }
  return out;
}

before(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});

after(async () => {
  await spark.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("failed writes", () => {
  it("a task failing mid-write leaves the old data and no staged files", async () => {
    const out = join(dir, "task-fails");
    await spark.sql("SELECT id FROM range(5)").write.parquet(out);
    const old = visible(out).sort();
    // partition 1 writes files of 100 rows, then divides by zero at id 7500
    const failing = spark.sql("SELECT id, 10 DIV (id - 7500) AS q FROM range(0, 10000, 1, 2)");
    await assert.rejects(
      failing.write.mode("overwrite").option("maxRecordsPerFile", 100).parquet(out),
      (e: unknown) => e instanceof FlintError && e.errorClass === "DIVIDE_BY_ZERO",
    );
    assert.deepEqual(visible(out).sort(), old);
    assert.equal(await count(out), 5);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".")),
      [],
      "the job's staging directory is removed",
    );
    // append: the failed job's _temporary is removed too
    await assert.rejects(
      failing.write.mode("append").option("maxRecordsPerFile", 100).parquet(out),
      (e: unknown) => e instanceof FlintError && e.errorClass === "DIVIDE_BY_ZERO",
    );
    assert.deepEqual(walk(out).sort(), [...old, "_SUCCESS"].sort());
  });

  it("a process killed (SIGKILL) in the middle of an overwrite leaves the old data readable", async () => {
    const out = join(dir, "killed");
    await spark.sql("SELECT id, id AS x, 'old' AS s FROM range(1000)").write.parquet(out);
    const old = walk(out).sort();
    const node = process.execPath;
    const child = spawn(node, [join(import.meta.dirname, "write-kill-child.ts"), out], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, TZ: "UTC" },
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
    // wait until task attempts have written some files into the staging directory
    const deadline = Date.now() + 60_000;
    let staged = 0;
    while (Date.now() < deadline) {
      const staging = readdirSync(dir).filter((n) => n.startsWith(".killed.flint-staging-"));
      try {
        staged = staging.length === 0 ? 0 : walk(join(dir, staging[0] ?? "")).length;
      } catch {
        staged = 0; // the staging directory moved while we looked
      }
      if (staged >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await exited;
    assert.ok(staged >= 3, `the child staged files before the kill (${stdout})`);
    assert.ok(!stdout.includes("finished"));
    // the output is exactly the old data; what the killed job staged is hidden
    assert.deepEqual(walk(out).sort(), old);
    assert.equal(await count(out), 1000);
    for (const n of readdirSync(dir)) {
      if (n !== "killed" && n !== "task-fails")
        assert.ok(n.startsWith("."), `only hidden leftovers: ${n}`);
    }
    // the next overwrite succeeds and removes what the killed job staged
    await spark.sql("SELECT id FROM range(7)").write.mode("overwrite").parquet(out);
    assert.equal(await count(out), 7);
    assert.ok(existsSync(join(out, "_SUCCESS")));
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".killed.")),
      [],
      "the killed job's staging directory is removed",
    );
  });
});
