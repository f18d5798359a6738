import type { TaskDescription } from "./task.ts";

/** Free task slots on one executor. */
export interface WorkerOffer {
  readonly executorId: string;
  readonly freeSlots: number;
}

/**
 * How the task scheduler reaches executors (Spark's SchedulerBackend). The local backend
 * (worker threads) and a future cluster backend (processes over sockets) both implement it
 * with the same rpc messages.
 */
export interface SchedulerBackend {
  /** Asks the backend to offer its free slots now (it calls `TaskScheduler.resourceOffers`). */
  reviveOffers(): void;
  killTask(taskId: number, executorId: string, reason: string): void;
  /** Total task slots (Spark's defaultParallelism). */
  defaultParallelism(): number;
}

/** A task assigned to an executor by `resourceOffers`. */
export interface TaskLaunch {
  readonly executorId: string;
  readonly task: TaskDescription;
}
