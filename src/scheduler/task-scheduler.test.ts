import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SchedulerBackend } from "./backend.ts";
import { DAGScheduler } from "./dag-scheduler.ts";
import { ListenerBus } from "./events.ts";
import type { ResultStageDef, ShuffleMapStageDef } from "./job.ts";
import { MapOutputTracker } from "./map-output-tracker.ts";
import { emptyTaskMetrics, type TaskDescription } from "./task.ts";
import { TaskScheduler } from "./task-scheduler.ts";

/** A scheduler driven by hand: tasks are launched into a list and finished by the test. */
function setup(maxTaskFailures = 2) {
  let now = 0;
  const bus = new ListenerBus();
  const tracker = new MapOutputTracker();
  let ts: TaskScheduler | undefined;
  const dag = new DAGScheduler({
    conf: { maxConsecutiveStageAttempts: 4, resubmitDelayMs: 0 },
    taskScheduler: () => ts as TaskScheduler,
    mapOutputTracker: tracker,
    listenerBus: bus,
  });
  ts = new TaskScheduler(
    {
      maxTaskFailures,
      speculation: false,
      speculationIntervalMs: 100,
      speculationMinTaskRuntimeMs: 100,
      speculationMultiplier: 1.5,
      speculationQuantile: 0.5,
      speculateOnSameExecutor: true,
    },
    dag,
    () => now,
  );
  const running: TaskDescription[] = [];
  const killed: number[] = [];
  const backend: SchedulerBackend = {
    reviveOffers: () => {
      const free = 4 - running.length;
      if (free > 0) {
        for (const l of ts?.resourceOffers([{ executorId: "e1", freeSlots: free }]) ?? [])
          running.push(l.task);
      }
    },
    killTask: (taskId) => killed.push(taskId),
    defaultParallelism: () => 4,
  };
  ts.setBackend(backend);
  const take = (pred: (t: TaskDescription) => boolean) => {
    const i = running.findIndex(pred);
    const [t] = running.splice(i, 1);
    assert.ok(t, "no such running task");
    return t;
  };
  const succeed = (t: TaskDescription) =>
    ts?.statusUpdate(
      t.taskId,
      t.kind === "result"
        ? { state: "finished", value: new Uint8Array([t.partition]), metrics: emptyTaskMetrics() }
        : {
            state: "finished",
            mapStatus: {
              executorId: "e1",
              mapIndex: t.partition,
              mapId: t.taskId,
              partitionLengths: [1, 2],
              recordCounts: [1, 1],
            },
            metrics: emptyTaskMetrics(),
          },
    );
  const fail = (t: TaskDescription, message = "boom") =>
    ts?.statusUpdate(t.taskId, {
      state: "failed",
      reason: { kind: "exception", exception: { className: "Error", message } },
      metrics: emptyTaskMetrics(),
    });
  return {
    dag,
    ts,
    running,
    killed,
    take,
    succeed,
    fail,
    tick: (ms: number) => {
      now += ms;
    },
  };
}

const map: ShuffleMapStageDef = {
  kind: "shuffleMap",
  shuffleId: 0,
  numPartitions: 2,
  numReducePartitions: 2,
  payload: "m",
  parents: [],
};
const result: ResultStageDef = { kind: "result", numPartitions: 2, payload: "r", parents: [map] };

describe("DAG and task scheduler (no threads)", () => {
  it("runs the map stage before the result stage and passes map locations", async () => {
    const s = setup();
    const job = s.dag.submitJob(result);
    assert.deepEqual(
      s.running.map((t) => `${t.kind}:${t.partition}`),
      ["shuffleMap:0", "shuffleMap:1"],
    );
    s.succeed(s.take((t) => t.partition === 0));
    s.succeed(s.take((t) => t.partition === 1));
    await Promise.resolve();
    assert.deepEqual(
      s.running.map((t) => t.kind),
      ["result", "result"],
    );
    const r0 = s.running[0];
    assert.deepEqual(
      r0?.shuffleInputs[0]?.maps.map((m) => m?.mapIndex),
      [0, 1],
    );
    s.succeed(s.take((t) => t.partition === 1));
    s.succeed(s.take((t) => t.partition === 0));
    assert.deepEqual(
      (await job.result).map((b) => b[0]),
      [0, 1],
    );
  });

  it("re-launches a failed task with the next attempt number, then aborts at the limit", async () => {
    const s = setup(2);
    const job = s.dag.submitJob({ kind: "result", numPartitions: 1, payload: "r", parents: [] });
    const first = s.take(() => true);
    s.fail(first);
    await Promise.resolve();
    const second = s.take(() => true);
    assert.equal(second.attempt, 1);
    assert.equal(second.partition, 0);
    s.fail(second, "still broken");
    await assert.rejects(
      job.result,
      /Task 0 in stage 0\.0 failed 2 times, most recent failure: Lost task 0\.1 in stage 0\.0 \(TID 1\) \(localhost executor e1\): Error: still broken/,
    );
  });

  it("cancels the jobs of a job group only", async () => {
    const s = setup();
    const single = { kind: "result", numPartitions: 1, payload: "r", parents: [] } as const;
    const a = s.dag.submitJob(single, { properties: { "spark.jobGroup.id": "g1" } });
    const b = s.dag.submitJob(single, { properties: { "spark.jobGroup.id": "g2" } });
    s.dag.cancelJobGroup("g1");
    await assert.rejects(a.result, /Job 0 cancelled because part of cancelled job group g1/);
    assert.equal(s.killed.length, 1);
    s.succeed(s.take((t) => t.jobId === b.jobId));
    assert.equal((await b.result).length, 1);
  });
});
