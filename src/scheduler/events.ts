import type { TaskFailureReason, TaskKind, TaskMetrics } from "./task.ts";

/** A stage as the UI and event log see it (Spark's StageInfo). */
export interface StageInfo {
  readonly stageId: number;
  readonly attempt: number;
  readonly name: string;
  readonly kind: TaskKind;
  readonly numTasks: number;
  readonly parentIds: readonly number[];
  readonly submissionTime?: number;
  readonly completionTime?: number;
  readonly failureReason?: string;
}

/** One task attempt as the UI sees it (Spark's TaskInfo). */
export interface TaskInfo {
  readonly taskId: number;
  readonly index: number;
  readonly attempt: number;
  readonly partition: number;
  readonly executorId: string;
  readonly launchTime: number;
  readonly finishTime?: number;
  readonly speculative: boolean;
  readonly status: "RUNNING" | "SUCCESS" | "FAILED" | "KILLED";
}

export type ListenerEvent =
  | {
      readonly kind: "jobStart";
      readonly jobId: number;
      readonly time: number;
      readonly stageInfos: readonly StageInfo[];
      readonly properties: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "jobEnd";
      readonly jobId: number;
      readonly time: number;
      readonly result: "succeeded" | "failed";
      readonly error?: string;
    }
  | { readonly kind: "stageSubmitted"; readonly stageInfo: StageInfo }
  | { readonly kind: "stageCompleted"; readonly stageInfo: StageInfo }
  | {
      readonly kind: "taskStart";
      readonly stageId: number;
      readonly stageAttempt: number;
      readonly taskInfo: TaskInfo;
    }
  | {
      readonly kind: "taskEnd";
      readonly stageId: number;
      readonly stageAttempt: number;
      readonly taskType: TaskKind;
      /** undefined for success. */
      readonly reason: TaskFailureReason | undefined;
      readonly taskInfo: TaskInfo;
      readonly metrics: TaskMetrics;
    }
  | {
      readonly kind: "speculativeTaskSubmitted";
      readonly stageId: number;
      readonly stageAttempt: number;
      readonly taskIndex: number;
    }
  | {
      readonly kind: "executorAdded";
      readonly executorId: string;
      readonly time: number;
      readonly totalCores: number;
    }
  | {
      readonly kind: "executorRemoved";
      readonly executorId: string;
      readonly time: number;
      readonly reason: string;
    };

export type ListenerEventKind = ListenerEvent["kind"];

/** Handlers for the events a listener cares about (any subset). */
export type SchedulerListener = {
  readonly [K in ListenerEventKind]?: (event: Extract<ListenerEvent, { kind: K }>) => void;
};

/**
 * Delivers scheduler events to listeners asynchronously and in order (Spark's
 * LiveListenerBus), so a slow or failing listener never stalls or breaks scheduling.
 */
export class ListenerBus {
  readonly #listeners = new Set<SchedulerListener>();
  readonly #queue: ListenerEvent[] = [];
  #draining = false;
  #idle: (() => void)[] = [];

  addListener(listener: SchedulerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  post(event: ListenerEvent): void {
    this.#queue.push(event);
    if (!this.#draining) {
      this.#draining = true;
      queueMicrotask(() => this.#drain());
    }
  }

  /** Resolves once every event posted so far has been delivered. */
  waitUntilEmpty(): Promise<void> {
    if (!this.#draining) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      const event = this.#queue.shift();
      if (!event) break;
      for (const listener of this.#listeners) {
        const handler = listener[event.kind] as ((e: ListenerEvent) => void) | undefined;
        try {
          handler?.(event);
        } catch (e) {
          // A listener's bug must not break the scheduler; Spark logs and goes on.
          process.emitWarning(`listener failed on ${event.kind}: ${String(e)}`);
        }
      }
    }
    this.#draining = false;
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }
}
