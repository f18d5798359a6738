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
