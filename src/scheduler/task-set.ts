import type { FailedTaskInfo } from "./errors.ts";
import type { TaskInfo } from "./events.ts";
import type { TaskDescription, TaskKind, TaskOutcome } from "./task.ts";

/** A task of a task set before launch: everything but the attempt-specific fields. */
export type TaskTemplate = Omit<TaskDescription, "taskId" | "attempt" | "speculative"> & {
  /** Executor ids where this task would rather run. */
  readonly preferredLocations: readonly string[];
};

/** The missing tasks of one stage attempt, handed from the DAG scheduler to the task scheduler. */
export interface TaskSet {
  readonly stageId: number;
  readonly stageAttempt: number;
  /** FIFO priority: lower job ids first. */
  readonly jobId: number;
  readonly kind: TaskKind;
  readonly tasks: readonly TaskTemplate[];
}

/** What the task scheduler tells the DAG scheduler (Spark's DAGScheduler event calls). */
export interface TaskSetListener {
  taskStarted(task: TaskDescription, info: TaskInfo): void;
  taskEnded(task: TaskDescription, outcome: TaskOutcome, info: TaskInfo): void;
  /** The task set gave up (a task failed too often); the stage must be aborted. */
  taskSetFailed(taskSet: TaskSet, message: string, failedTask: FailedTaskInfo | undefined): void;
  speculativeTaskSubmitted(taskSet: TaskSet, index: number): void;
}
