import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { JobFailedError } from "../scheduler/errors.ts";
import type { ListenerEvent } from "../scheduler/events.ts";
import type { FlintRuntime } from "./local-runtime.ts";
import {
  decodeResults,
  expectedSums,
  mapStage,
  resultStage,
  startTestRuntime,
} from "./testing/harness.ts";

function taskEnds(events: readonly ListenerEvent[]) {
  return events.flatMap((e) => (e.kind === "taskEnd" ? [e] : []));
}

describe("fault tolerance: local[2,4]", () => {
  let rt: FlintRuntime;
  let events: ListenerEvent[];
  before(async () => {
    ({ rt, events } = await startTestRuntime("local[2,4]", {
      "spark.speculation": "true",
      "spark.speculation.quantile": "0.5",
      "spark.speculation.interval": "50ms",
    }));
  });
  after(() => rt.stop());

  it("retries a failing task until it succeeds", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 2, { from: 0, to: 20, fail: { partitions: [1], untilAttempt: 2 } });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 20, 2),
    );
    await rt.listenerBus.waitUntilEmpty();
    const failed = taskEnds(events).filter((e) => e.reason?.kind === "exception");
    assert.equal(failed.length, 2);
  });

  it("aborts the job after 4 failures with the stage, task and root cause", async () => {
    const map = mapStage(rt, 1, 1, { from: 0, to: 5 });
    const job = rt.submitJob(
      resultStage(2, { fail: { partitions: [1], always: true, message: "kaboom" } }, [map]),
    );
    await assert.rejects(job.result, (e: unknown) => {
      assert.ok(e instanceof JobFailedError);
      assert.equal(e.errorClass, "SPARK_JOB_ABORTED");
      assert.match(
        e.message,
        /^Job aborted due to stage failure: Task 1 in stage (\d+)\.0 failed 4 times, most recent failure: Lost task 1\.3 in stage \1\.0 \(TID \d+\) \(localhost executor driver\): Error: kaboom/,
      );
      assert.equal(e.failedTask?.partition, 1);
      assert.equal(e.failedTask?.attempt, 3);
      assert.equal(e.failedTask?.failures, 4);
      assert.ok(e.cause instanceof Error);
      assert.equal(e.cause.message, "kaboom");
      return true;
    });
  });

  it("replaces a worker thread that exits mid-task and completes the job", async () => {
    const map = mapStage(rt, 2, 2, { from: 0, to: 20, exit: { partition: 0, attempt: 0 } });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 20, 2),
    );
    assert.equal(rt.executors[0]?.workers().length, 2);
  });

  it("replaces a worker thread killed by an uncaught error", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 2, { from: 0, to: 20, crash: { partition: 1, attempt: 0 } });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 20, 2),
    );
    await rt.listenerBus.waitUntilEmpty();
    const lost = taskEnds(events).find((e) => e.reason?.kind === "executorLost");
    assert.ok(lost?.reason?.kind === "executorLost");
    assert.match(lost.reason.message, /uncaught in a timer/);
  });

  it("survives a worker terminated from outside", async () => {
    events.length = 0;
    let terminated = false;
    const off = rt.listenerBus.addListener({
      taskStart: (e) => {
        if (!terminated && e.taskInfo.partition === 0 && e.taskInfo.attempt === 0) {
          terminated = true;
          // Give the task a moment to start in its thread, then kill every worker.
          setTimeout(() => {
            for (const w of rt.executors[0]?.workers() ?? []) void w.terminate();
          }, 50);
        }
      },
    });
    const map = mapStage(rt, 2, 2, {
      from: 0,
      to: 20,
      sleep: { partitions: [0, 1], ms: 400, attempt: 0 },
    });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    off();
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 20, 2),
    );
    await rt.listenerBus.waitUntilEmpty();
    assert.ok(taskEnds(events).some((e) => e.reason?.kind === "executorLost"));
  });

  it("re-runs the map stage when a shuffle file is missing", async () => {
    events.length = 0;
    const map = mapStage(rt, 2, 2, { from: 0, to: 20 });
    await rt.submitMapStage(map).result;
    const shuffleDir = path.join(rt.localDir, "shuffle");
    const victim = fs
      .readdirSync(shuffleDir)
      .find((f) => f.startsWith(`shuffle_${map.shuffleId}_`) && f.endsWith(".data"));
    assert.ok(victim);
    fs.rmSync(path.join(shuffleDir, victim));
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 20, 2),
    );
    await rt.listenerBus.waitUntilEmpty();
    assert.ok(taskEnds(events).some((e) => e.reason?.kind === "fetchFailed"));
    const mapAttempts = events.filter(
      (e) => e.kind === "stageSubmitted" && e.stageInfo.kind === "shuffleMap",
    );
    assert.equal(mapAttempts.length, 2, "the map stage ran, then ran again for the lost output");
  });

  it("speculates a straggler; the first finisher wins and the copy is killed", async () => {
    events.length = 0;
    const map = mapStage(rt, 4, 2, {
      from: 0,
      to: 40,
      sleep: { partitions: [3], ms: 20_000, attempt: 0 },
    });
    const results = decodeResults(await rt.runJob(resultStage(2, {}, [map])));
    assert.deepEqual(
      results.map((r) => r.sum),
      expectedSums(0, 40, 2),
    );
    await rt.listenerBus.waitUntilEmpty();
    assert.ok(events.some((e) => e.kind === "speculativeTaskSubmitted"));
    const ends = taskEnds(events).filter(
      (e) => e.taskInfo.partition === 3 && e.taskType === "shuffleMap",
    );
    const winner = ends.find((e) => e.reason === undefined);
    assert.equal(winner?.taskInfo.speculative, true);
    await waitFor(() => taskEnds(events).some((e) => e.reason?.kind === "killed"));
  });

  it("cancels a job and kills its running tasks", async () => {
    events.length = 0;
    const controller = new AbortController();
    const started = new Promise<void>((resolve) => {
      const off = rt.listenerBus.addListener({
        taskStart: () => {
          off();
          resolve();
        },
      });
    });
    const job = rt.submitJob(
      resultStage(2, { from: 0, to: 4, numMaps: 2, sleep: { partitions: [0, 1], ms: 20_000 } }, []),
      { signal: controller.signal },
    );
    await started;
    controller.abort("the user pressed Ctrl-C");
    await assert.rejects(job.result, (e: unknown) => {
      assert.ok(e instanceof JobFailedError);
      assert.equal(e.errorClass, "SPARK_JOB_CANCELLED");
      assert.match(e.message, /Job \d+ cancelled because the user pressed Ctrl-C/);
      return true;
    });
    await waitFor(() => taskEnds(events).filter((e) => e.reason?.kind === "killed").length === 2);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
