/**
 * The commit protocol on its own: task attempts, retried attempts (one attempt's files
 * per split), job abort, and recovery of an overwrite swap interrupted after its journal.
 */
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  abortJob,
  abortTask,
  commitJob,
  commitTask,
  recoverInterruptedCommit,
  setupJob,
  setupTask,
  stagingRootFor,
  type WriteJob,
} from "../../src/execution/datasources/write/commit-protocol.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-write-commit-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function job(outputPath: string, strategy: WriteJob["strategy"], uuid: string): WriteJob {
  return {
    jobUuid: uuid,
    jobTrackerId: "20261123000000",
    stagingRoot: stagingRootFor(outputPath, strategy, uuid),
    strategy,
    outputPath,
  };
}

function walk(path: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(join(path, e.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

describe("commit protocol", () => {
  it("uses Spark's attempt and task directories", () => {
    const out = join(dir, "layout");
    const j = job(out, "append", "u1");
    setupJob(j);
    const a = setupTask(j, 3, "7");
    assert.equal(a, join(out, "_temporary/0/_temporary/attempt_20261123000000_0000_m_000003_7"));
    writeFileSync(join(a, "part-00003-u1-c000.txt"), "x");
    commitTask(j, 3, "7");
    assert.ok(existsSync(join(out, "_temporary/0/task_20261123000000_0000_m_000003")));
    assert.deepEqual(commitJob(j, 0), ["part-00003-u1-c000.txt"]);
    assert.deepEqual(walk(out), ["_SUCCESS", "part-00003-u1-c000.txt"]);
  });

  it("a retried or speculative attempt replaces the split's earlier attempt: no duplicates", () => {
    const out = join(dir, "retry");
    const j = job(out, "swap", "u2");
    setupJob(j);
    // attempt 0 fails after writing a file; attempts 1 and 2 both commit (speculation)
    const a0 = setupTask(j, 0, "0");
    writeFileSync(join(a0, "part-00000-u2-c000.parquet"), "partial");
    abortTask(j, 0, "0");
    for (const [n, text] of [
      ["1", "first"],
      ["2", "second"],
    ] as const) {
      const a = setupTask(j, 0, n);
      writeFileSync(join(a, "part-00000-u2-c000.parquet"), text);
      writeFileSync(join(a, `only-in-attempt-${n}.parquet`), text);
      commitTask(j, 0, n);
    }
    // an attempt that never committed
    writeFileSync(join(setupTask(j, 1, "0"), "part-00001-u2-c000.parquet"), "lost");
    commitJob(j, 0);
    assert.deepEqual(walk(out), [
      "_SUCCESS",
      "only-in-attempt-2.parquet",
      "part-00000-u2-c000.parquet",
    ]);
    assert.equal(readFileSync(join(out, "part-00000-u2-c000.parquet"), "utf8"), "second");
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".retry")),
      [],
    );
  });

  it("job abort removes what the job staged and leaves the output", () => {
    const out = join(dir, "abort");
    mkdirSync(out);
    writeFileSync(join(out, "old.parquet"), "old");
    for (const strategy of ["append", "swap", "dynamic"] as const) {
      const j = job(out, strategy, `u-${strategy}`);
      setupJob(j);
      writeFileSync(join(setupTask(j, 0, "0"), "new.parquet"), "new");
      commitTask(j, 0, "0");
      abortJob(j);
      assert.deepEqual(walk(out), ["old.parquet"], strategy);
    }
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".abort")),
      [],
    );
  });

  it("an overwrite killed between its renames is finished by recoverInterruptedCommit", () => {
    const out = join(dir, "swap");
    mkdirSync(out);
    writeFileSync(join(out, "old.parquet"), "old");
    // the state a kill after "old output -> trash" leaves: journal, trash, staged new data
    const staging = join(dir, ".swap.flint-staging-u3");
    const trash = join(dir, ".swap.flint-trash-u3");
    mkdirSync(staging);
    writeFileSync(join(staging, "new.parquet"), "new");
    writeFileSync(join(staging, "_SUCCESS"), "");
    writeFileSync(
      join(dir, ".swap.flint-commit-u3.json"),
      JSON.stringify({
        strategy: "swap",
        outputPath: out,
        stagingRoot: staging,
        trash,
        partitions: [],
      }),
    );
    renameSync(out, trash);
    assert.ok(!existsSync(out));
    assert.equal(recoverInterruptedCommit(out), true);
    assert.deepEqual(walk(out), ["_SUCCESS", "new.parquet"]);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".swap")),
      [],
    );
    assert.equal(recoverInterruptedCommit(out), false);
  });

  it("a journaled swap whose staged data vanished puts the old data back", () => {
    const out = join(dir, "swap-lost");
    const trash = join(dir, ".swap-lost.flint-trash-u5");
    mkdirSync(trash);
    writeFileSync(join(trash, "old.parquet"), "old");
    writeFileSync(
      join(dir, ".swap-lost.flint-commit-u5.json"),
      JSON.stringify({
        strategy: "swap",
        outputPath: out,
        stagingRoot: join(dir, ".swap-lost.flint-staging-u5"),
        trash,
        partitions: [],
      }),
    );
    assert.equal(recoverInterruptedCommit(out), true);
    assert.deepEqual(walk(out), ["old.parquet"]);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith(".swap-lost")),
      [],
    );
  });

  it("dynamic partition overwrite replaces only the partitions written, recoverably", () => {
    const out = join(dir, "dyn");
    for (const p of ["p=1", "p=2"]) {
      mkdirSync(join(out, p), { recursive: true });
      writeFileSync(join(out, p, "old.parquet"), p);
    }
    const j = job(out, "dynamic", "u4");
    setupJob(j);
    const a = setupTask(j, 0, "0");
    mkdirSync(join(a, "p=2"));
    mkdirSync(join(a, "p=3"));
    writeFileSync(join(a, "p=2", "new.parquet"), "2");
    writeFileSync(join(a, "p=3", "new.parquet"), "3");
    commitTask(j, 0, "0");
    commitJob(j, 1);
    assert.deepEqual(walk(out), [
      "_SUCCESS",
      "p=1/old.parquet",
      "p=2/new.parquet",
      "p=3/new.parquet",
    ]);
  });
});
