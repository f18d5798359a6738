import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ListenerBus } from "./events.ts";
import { ConsoleProgressBar, renderStage } from "./progress-bar.ts";

describe("console progress bar", () => {
  it("renders Spark's bar", () => {
    assert.equal(
      renderStage({ stageId: 2, numTasks: 20, completed: 12, active: 2 }, 40).length,
      40,
    );
    assert.equal(
      renderStage({ stageId: 2, numTasks: 20, completed: 12, active: 2 }, 40),
      "[Stage 2:==========>      (12 + 2) / 20]",
    );
  });

  it("shows stages running longer than the first delay and clears at job end", async () => {
    let now = 0;
    const written: string[] = [];
    const bus = new ListenerBus();
    const bar = new ConsoleProgressBar({ write: (t) => written.push(t) > 0, columns: 40 }, bus, {
      now: () => now,
      updatePeriodMs: 1_000_000,
    });
    const stageInfo = {
      stageId: 1,
      attempt: 0,
      name: "s",
      kind: "result" as const,
      numTasks: 4,
      parentIds: [],
      submissionTime: 0,
    };
    bus.post({ kind: "stageSubmitted", stageInfo });
    await bus.waitUntilEmpty();
    now = 100;
    bar.refresh();
    assert.deepEqual(written, [], "not shown before 500 ms");
    const taskInfo = {
      taskId: 0,
      index: 0,
      attempt: 0,
      partition: 0,
      executorId: "driver",
      launchTime: 0,
      speculative: false,
      status: "RUNNING" as const,
    };
    bus.post({ kind: "taskStart", stageId: 1, stageAttempt: 0, taskInfo });
    await bus.waitUntilEmpty();
    now = 600;
    bar.refresh();
    assert.equal(written.at(-1), "\r[Stage 1:>                  (0 + 1) / 4]");
    bar.refresh();
    assert.equal(written.length, 1, "unchanged bars are not redrawn");
    bus.post({ kind: "stageCompleted", stageInfo });
    bus.post({ kind: "jobEnd", jobId: 0, time: 700, result: "succeeded" });
    await bus.waitUntilEmpty();
    assert.equal(written.at(-1), `\r${" ".repeat(40)}\r`);
    bar.stop();
  });
});
