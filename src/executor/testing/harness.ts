/** Helpers for the runtime's integration tests. */
import type { ListenerEvent } from "../../scheduler/events.ts";
import type { ResultStageDef, ShuffleMapStageDef } from "../../scheduler/job.ts";
import { type FlintRuntime, startLocalRuntime } from "../local-runtime.ts";
import type { TestPayload, TestResult } from "./fixture-runner.ts";

export const TEST_RUNNER = new URL("./fixture-runner.ts", import.meta.url);

export async function startTestRuntime(
  master = "local[2]",
  conf: Record<string, string> = {},
): Promise<{ rt: FlintRuntime; events: ListenerEvent[] }> {
  const rt = await startLocalRuntime({
    master,
    conf: { "spark.ui.showConsoleProgress": "false", "spark.app.id": "test", ...conf },
    taskRunnerModule: TEST_RUNNER,
  });
  const events: ListenerEvent[] = [];
  const record = (e: ListenerEvent) => events.push(e);
  rt.listenerBus.addListener({
    jobStart: record,
    jobEnd: record,
    stageSubmitted: record,
    stageCompleted: record,
    taskStart: record,
    taskEnd: record,
    speculativeTaskSubmitted: record,
  });
  return { rt, events };
}

export function mapStage(
  rt: FlintRuntime,
  numMaps: number,
  numReducers: number,
  payload: TestPayload,
  parents: readonly ShuffleMapStageDef[] = [],
): ShuffleMapStageDef {
  return {
    kind: "shuffleMap",
    shuffleId: rt.newShuffleId(),
    numPartitions: numMaps,
    numReducePartitions: numReducers,
    payload: JSON.stringify({ numMaps, ...payload }),
    parents,
  };
}

export function resultStage(
  numPartitions: number,
  payload: TestPayload,
  parents: readonly ShuffleMapStageDef[],
): ResultStageDef {
  return { kind: "result", numPartitions, payload: JSON.stringify(payload), parents };
}

export function decodeResults(results: readonly Uint8Array[]): TestResult[] {
  return results.map((r) => JSON.parse(new TextDecoder().decode(r)) as TestResult);
}

/** Sum of i in [from, to) with i % reducers === r, for every r. */
export function expectedSums(from: number, to: number, reducers: number): number[] {
  const out = new Array<number>(reducers).fill(0);
  for (let i = from; i < to; i++) out[i % reducers] = (out[i % reducers] ?? 0) + i;
  return out;
}
