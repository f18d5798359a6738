import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emptyTaskMetrics } from "../scheduler/task.ts";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { dispatch, type ExecutorToDriver, type Handlers } from "./messages.ts";

describe("rpc", () => {
  it("round-trips messages with bytes through the JSON codec", () => {
    const m: ExecutorToDriver = {
      kind: "statusUpdate",
      executorId: "1",
      taskId: 7,
      outcome: {
        state: "finished",
        value: new Uint8Array([1, 2, 255]),
        metrics: emptyTaskMetrics(),
      },
    };
    assert.deepEqual(decodeMessage<ExecutorToDriver>(encodeMessage(m)), m);
  });

  it("encodes a launched task with a binary payload", () => {
    const m = {
      kind: "launchTask",
      task: {
        taskId: 1,
        jobId: 0,
        stageId: 2,
        stageAttempt: 0,
        partition: 3,
        attempt: 0,
        kind: "result",
        payload: new Uint8Array([9, 8, 7]),
        shuffleInputs: [
          {
            shuffleId: 0,
            numReducePartitions: 2,
            maps: [{ mapIndex: 0, mapId: 5, executorId: "e" }],
          },
        ],
        localProperties: { "spark.job.description": "x" },
        speculative: false,
      },
    } as const;
    assert.deepEqual(decodeMessage(encodeMessage(m)), m);
    assert.deepEqual(structuredClone(m), m);
  });

  it("dispatches to the handler of the message's kind", () => {
    const seen: string[] = [];
    const handlers: Handlers<ExecutorToDriver> = {
      registerExecutor: (m) => seen.push(`register ${m.executorId}`),
      statusUpdate: (m) => seen.push(`status ${m.taskId}`),
      blockUpdate: () => seen.push("block"),
      fetchBroadcast: () => seen.push("broadcast"),
      executorStopped: () => seen.push("stopped"),
    };
    dispatch(handlers, { kind: "registerExecutor", executorId: "e", host: "h", cores: 2 });
    dispatch(handlers, { kind: "executorStopped", executorId: "e" });
    assert.deepEqual(seen, ["register e", "stopped"]);
  });
});
