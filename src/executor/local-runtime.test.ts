import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { ListenerEvent } from "../scheduler/events.ts";
import type { FlintRuntime } from "./local-runtime.ts";
import {
  decodeResults,
  expectedSums,
  mapStage,
  resultStage,
  startTestRuntime,
} from "./testing/harness.ts";

const enc = new TextEncoder();

describe("local runtime: local[2]", () => {
  let rt: FlintRuntime;
  let events: ListenerEvent[];
  before(async () => {
    ({ rt, events } = await startTestRuntime("local[2]", {
      // Small memory so the map side has to spill: 3 MiB with no reserve.
      "spark.executor.memory": "3m",
      "spark.testing.reservedMemory": "0",
    }));
  });
  after(async () => {
    await rt.stop();
    assert.equal(fs.existsSync(rt.localDir), false, "the app dir is removed on stop");
  });

  it("runs a two-stage job with a shuffle", async () => {
    const map = mapStage(rt, 3, 4, { from: 0, to: 100 });
    const results = decodeResults(await rt.runJob(resultStage(4, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 100, 4),
    );
    assert.deepEqual(
      results.map((r) => r.count),
      [25, 25, 25, 25],
    );
  });

  it("runs independent parent stages concurrently and joins them", async () => {
    events.length = 0;
    const sleep = { partitions: [0], ms: 300 };
    const a = mapStage(rt, 1, 2, { from: 0, to: 10, sleep });
    const b = mapStage(rt, 1, 2, { from: 100, to: 110, sleep });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [a, b])));
    const sums = expectedSums(0, 10, 2).map((s, i) => s + (expectedSums(100, 110, 2)[i] ?? 0));
    assert.deepEqual(
      results.map((r) => r.sum),
      sums,
    );
    await rt.listenerBus.waitUntilEmpty();
    const kinds = events
      .filter((e) => e.kind === "taskStart" || e.kind === "taskEnd")
      .map((e) => (e.kind === "taskStart" || e.kind === "taskEnd" ? `${e.kind}:${e.stageId}` : ""));
    // Both parents' tasks started before either finished.
    const firstEnd = kinds.findIndex((k) => k.startsWith("taskEnd"));
    assert.equal(kinds.slice(0, firstEnd).length, 2, kinds.join(" "));
  });

  it("reuses a computed shuffle and reports its statistics", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 3, { from: 0, to: 30 });
    const stats = await rt.submitMapStage(map).result;
    assert.deepEqual(stats.recordsByPartitionId, [10, 10, 10]);
    assert.ok(stats.bytesByPartitionId.every((b) => b > 0));
    const results = decodeResults(await rt.runJob(resultStage(3, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 30, 3),
    );
    await rt.listenerBus.waitUntilEmpty();
    const submitted = events.filter((e) => e.kind === "stageSubmitted");
    assert.equal(submitted.length, 2, "the map stage ran once, then only the result stage");
  });

  it("deletes a shuffle's files when it is unregistered", async () => {
    const map = mapStage(rt, 2, 2, { from: 0, to: 10 });
    await rt.submitMapStage(map).result;
    const files = () =>
      fs
        .readdirSync(`${rt.localDir}/shuffle`)
        .filter((f) => f.startsWith(`shuffle_${map.shuffleId}_`));
    assert.equal(files().length, 4, "a data and an index file per map task");
    rt.unregisterShuffle(map.shuffleId);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(files(), []);
  });

  it("computes only the requested result partitions, in the requested order", async () => {
    const map = mapStage(rt, 2, 4, { from: 0, to: 40 });
    const stage = { ...resultStage(4, {}, [map]), partitions: [3, 1] };
    const results = decodeResults(await rt.runJob(stage));
    assert.deepEqual(
      results.map((r) => r.partition),
      [3, 1],
    );
    assert.deepEqual(
      results.map((r) => r.sum),
      [expectedSums(0, 40, 4)[3], expectedSums(0, 40, 4)[1]],
    );
  });

  it("spills map output under memory pressure and still shuffles correctly", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 4, {
      from: 0,
      to: 2000,
      segmentPerNumber: true,
      padding: 2000,
    });
    const results = decodeResults(await rt.runJob(resultStage(4, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 2000, 4),
    );
    await rt.listenerBus.waitUntilEmpty();
    const spilled = events
      .filter((e) => e.kind === "taskEnd" && e.taskType === "shuffleMap")
      .map((e) => (e.kind === "taskEnd" ? e.metrics.diskBytesSpilled : 0));
    assert.ok(
      spilled.some((b) => b > 0),
      `map tasks spilled: ${spilled.join(",")}`,
    );
    assert.deepEqual(fs.readdirSync(`${rt.localDir}/spill`), [], "spill files are deleted");
  });

  it("ships broadcast variables to tasks", async () => {
    const b = rt.broadcast(enc.encode("1000"));
    const results = decodeResults(
      await rt.runJob(resultStage(2, { from: 0, to: 4, numMaps: 2, broadcastId: b.id }, [])),
    );
    assert.deepEqual(
      results.map((r) => r.sum),
      [1002, 1004],
    );
    b.destroy();
  });

  it("caches blocks on the executor, tracks their location, and unpersists them", async () => {
    const payload = { from: 0, to: 4, numMaps: 2, cacheBlock: "rdd_9", readCache: true };
    const first = decodeResults(await rt.runJob(resultStage(2, payload, [])));
    assert.deepEqual(
      first.map((r) => r.fromCache ?? false),
      [false, false],
    );
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(rt.blockLocations("rdd_9_0"), ["driver"]);
    const second = decodeResults(await rt.runJob(resultStage(2, payload, [])));
    assert.deepEqual(
      second.map((r) => [r.fromCache, r.sum]),
      [
        [true, 2],
        [true, 4],
      ],
    );
    rt.removeBlocks("rdd_9_");
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(rt.blockLocations("rdd_9_0"), []);
  });

  it("fails the job on the first task failure, as Spark's local[N] does", async () => {
    const job = rt.submitJob(resultStage(1, { fail: { always: true, message: "no retry" } }, []));
    await assert.rejects(
      job.result,
      /failed 1 times, most recent failure: Lost task 0\.0 .*no retry/,
    );
  });

  it("reports job, stage and task events with metrics", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 2, { from: 0, to: 10 });
    await rt.runJob(resultStage(2, {}, [map]), { description: "events" });
    await rt.listenerBus.waitUntilEmpty();
    const kinds = events.map((e) => e.kind);
    assert.equal(kinds[0], "jobStart");
    assert.equal(kinds.at(-1), "jobEnd");
    assert.equal(kinds.filter((k) => k === "stageCompleted").length, 2);
    const ends = events.filter((e) => e.kind === "taskEnd");
    assert.equal(ends.length, 4);
    for (const e of ends) {
      if (e.kind !== "taskEnd") continue;
      if (e.taskType === "shuffleMap") assert.ok(e.metrics.shuffleWrite.bytesWritten > 0);
      else {
        assert.equal(e.metrics.shuffleRead.recordsRead, 5);
        assert.equal(e.metrics.operators.sum?.numOutputRows, 1);
      }
    }
  });
});
