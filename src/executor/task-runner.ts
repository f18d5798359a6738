import type { TaskDescription } from "../scheduler/task.ts";
import type { TaskContext } from "./task-context.ts";

/**
 * The module the execution layer provides, loaded by URL in every worker thread
 * (`taskRunnerModule` in the runtime options). The runtime never imports it statically.
 *
 * - Result tasks return their bytes (e.g. an Arrow IPC stream); `undefined` means empty.
 * - Shuffle map tasks write through `ctx.shuffleWriter().write(reducePartition, bytes, rows)`
 *   and return nothing; the runtime commits the output and reports the MapStatus.
 * - Reading a parent shuffle: `ctx.readShuffle(shuffleId)` yields the segments of this
 *   task's partition (or a given range) from every map output.
 * - Throwing fails the attempt (retried up to the task failure limit); a `FetchFailedError`
 *   from the reader makes the scheduler re-run the parent map stage instead.
 */
export interface TaskRunnerModule {
  // biome-ignore lint/suspicious/noConfusingVoidType: map-task runners return nothing (`async () => {}`).
  runTask(task: TaskDescription, ctx: TaskContext): Promise<Uint8Array | undefined | void>;
}

export function isTaskRunnerModule(m: unknown): m is TaskRunnerModule {
  return (
    typeof m === "object" &&
    m !== null &&
    typeof (m as { runTask?: unknown }).runTask === "function"
  );
}
