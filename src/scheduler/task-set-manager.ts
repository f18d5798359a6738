import type { TaskInfo } from "./events.ts";
import { describeFailure, type TaskDescription, type TaskOutcome } from "./task.ts";
import type { TaskSet, TaskSetListener } from "./task-set.ts";

export interface TaskSetManagerConf {
  /** `spark.task.maxFailures` (1 for `local[N]`, as in Spark). */
  readonly maxTaskFailures: number;
  readonly speculationMultiplier: number;
  readonly speculationQuantile: number;
  /** Let a speculative copy run on the executor of the original (needed in local mode). */
  readonly speculateOnSameExecutor: boolean;
}

interface Running {
  readonly task: TaskDescription;
  readonly index: number;
  info: TaskInfo;
}

/**
 * Schedules the tasks of one stage attempt (Spark's TaskSetManager): hands out pending tasks
 * (preferring their locations), retries failures up to `maxTaskFailures`, finds stragglers
 * to speculate, and kills the losing copy when one attempt of a task succeeds.
 */
export class TaskSetManager {
  readonly taskSet: TaskSet;
  readonly #conf: TaskSetManagerConf;
  readonly #listener: TaskSetListener;
  readonly #kill: (taskId: number, executorId: string, reason: string) => void;
  readonly #numTasks: number;
  readonly #successful: boolean[];
  readonly #copiesRunning: number[];
  readonly #numFailures: number[];
  readonly #nextAttempt: number[];
  #pending: number[];
  readonly #speculatable = new Set<number>();
  readonly #running = new Map<number, Running>();
  readonly #durations: number[] = [];
  #tasksSuccessful = 0;
  /** No more tasks are launched (all done, aborted, fetch-failed or superseded). */
  isZombie = false;

  constructor(
    taskSet: TaskSet,
    conf: TaskSetManagerConf,
    listener: TaskSetListener,
    kill: (taskId: number, executorId: string, reason: string) => void,
  ) {
    this.taskSet = taskSet;
    this.#conf = conf;
    this.#listener = listener;
    this.#kill = kill;
    this.#numTasks = taskSet.tasks.length;
    this.#successful = new Array<boolean>(this.#numTasks).fill(false);
    this.#copiesRunning = new Array<number>(this.#numTasks).fill(0);
    this.#numFailures = new Array<number>(this.#numTasks).fill(0);
    this.#nextAttempt = new Array<number>(this.#numTasks).fill(0);
    this.#pending = taskSet.tasks.map((_, i) => i);
  }

  get runningTaskCount(): number {
    return this.#running.size;
  }

  /** Zombie and nothing running: the task scheduler can forget it. */
  get isFinished(): boolean {
    return this.isZombie && this.#running.size === 0;
  }

  runningTaskIds(): number[] {
    return [...this.#running.keys()];
  }

  executorOf(taskId: number): string | undefined {
    return this.#running.get(taskId)?.info.executorId;
  }

  /** A task for a free slot on `executorId`, or undefined. */
  resourceOffer(
    executorId: string,
    taskId: () => number,
    now: number,
  ): TaskDescription | undefined {
    if (this.isZombie) return undefined;
    const found = this.#dequeue(executorId);
    if (!found) return undefined;
    const { index, speculative } = found;
    const template = this.taskSet.tasks[index];
    if (!template) return undefined;
    const { preferredLocations: _, ...rest } = template;
    const attempt = this.#nextAttempt[index] ?? 0;
    this.#nextAttempt[index] = attempt + 1;
    const task: TaskDescription = { ...rest, taskId: taskId(), attempt, speculative };
    const info: TaskInfo = {
      taskId: task.taskId,
      index,
      attempt,
      partition: task.partition,
      executorId,
      launchTime: now,
      speculative,
      status: "RUNNING",
    };
    this.#running.set(task.taskId, { task, index, info });
    this.#copiesRunning[index] = (this.#copiesRunning[index] ?? 0) + 1;
    if (speculative) this.#speculatable.delete(index);
    this.#listener.taskStarted(task, info);
    return task;
  }

  handleOutcome(taskId: number, outcome: TaskOutcome, now: number): void {
    const run = this.#running.get(taskId);
    if (!run) return;
    this.#running.delete(taskId);
    const index = run.index;
    this.#copiesRunning[index] = (this.#copiesRunning[index] ?? 1) - 1;
    const duration = now - run.info.launchTime;
    if (outcome.state === "finished") {
      run.info = { ...run.info, finishTime: now, status: "SUCCESS" };
      const first = !this.#successful[index];
      if (first) {
        this.#successful[index] = true;
        this.#tasksSuccessful++;
        this.#durations.push(duration);
        // First finisher wins: kill the other copies of this task.
        for (const [otherId, other] of this.#running) {
          if (other.index === index) {
            this.#kill(otherId, other.info.executorId, `another attempt succeeded`);
          }
        }
        if (this.#tasksSuccessful === this.#numTasks) this.isZombie = true;
      }
      this.#listener.taskEnded(run.task, outcome, run.info);
      return;
    }
    const reason = outcome.reason;
    run.info = {
      ...run.info,
      finishTime: now,
      status: reason.kind === "killed" ? "KILLED" : "FAILED",
    };
    this.#listener.taskEnded(run.task, outcome, run.info);
    if (this.#successful[index]) return;
    switch (reason.kind) {
      case "fetchFailed":
        // The map stage must run again; this stage attempt is over (Spark marks it zombie).
        this.#successful[index] = true;
        this.#tasksSuccessful++;
        this.isZombie = true;
        return;
      case "killed":
        if (!this.isZombie) this.#pending.push(index);
        return;
      case "executorLost":
        if (!reason.causedByApp) {
          if (!this.isZombie) this.#pending.push(index);
          return;
        }
        break;
      case "exception":
        break;
    }
    const failures = (this.#numFailures[index] ?? 0) + 1;
    this.#numFailures[index] = failures;
    if (failures >= this.#conf.maxTaskFailures) {
      const { stageId, stageAttempt } = this.taskSet;
      const lost = `Lost task ${index}.${run.task.attempt} in stage ${stageId}.${stageAttempt} (TID ${taskId}) (localhost executor ${run.info.executorId}): ${describeFailure(reason)}`;
      const message = `Task ${index} in stage ${stageId}.${stageAttempt} failed ${failures} times, most recent failure: ${lost}`;
      this.isZombie = true;
      this.#listener.taskSetFailed(this.taskSet, message, {
        taskId,
        partition: run.task.partition,
        attempt: run.task.attempt,
        failures,
        ...(reason.kind === "exception" ? { exception: reason.exception } : {}),
      });
      return;
    }
    if (!this.isZombie) this.#pending.push(index);
  }

  /** Marks stragglers for speculation; returns whether any was found. */
  checkSpeculatableTasks(minTimeToSpeculation: number, now: number): boolean {
    if (this.isZombie || this.#numTasks === 1) return false;
    const minFinished = Math.max(Math.floor(this.#conf.speculationQuantile * this.#numTasks), 1);
    if (this.#tasksSuccessful < minFinished) return false;
    const sorted = [...this.#durations].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const threshold = Math.max(this.#conf.speculationMultiplier * median, minTimeToSpeculation);
    let found = false;
    for (const run of this.#running.values()) {
      const index = run.index;
      if (
        !this.#successful[index] &&
        this.#copiesRunning[index] === 1 &&
        !this.#speculatable.has(index) &&
        now - run.info.launchTime > threshold
      ) {
        this.#speculatable.add(index);
        this.#listener.speculativeTaskSubmitted(this.taskSet, index);
        found = true;
      }
    }
    return found;
  }

  /** Stops launching and kills what runs (cancellation, or a newer attempt of the stage). */
  abort(reason: string): void {
    this.isZombie = true;
    for (const [taskId, run] of this.#running) this.#kill(taskId, run.info.executorId, reason);
  }

  #dequeue(executorId: string): { index: number; speculative: boolean } | undefined {
    const isPending = (i: number) => !this.#successful[i] && this.#copiesRunning[i] === 0;
    // Clear out entries that were launched or finished since they were queued.
    this.#pending = this.#pending.filter(isPending);
    const preferred = this.#pending.findIndex((i) =>
      this.taskSet.tasks[i]?.preferredLocations.includes(executorId),
    );
    const pos = Math.max(preferred, 0);
    const index = this.#pending[pos];
    if (index !== undefined) {
      this.#pending.splice(pos, 1);
      return { index, speculative: false };
    }
    for (const i of this.#speculatable) {
      if (this.#successful[i]) {
        this.#speculatable.delete(i);
        continue;
      }
      const onSameExecutor = [...this.#running.values()].some(
        (r) => r.index === i && r.info.executorId === executorId,
      );
      if (!onSameExecutor || this.#conf.speculateOnSameExecutor) {
        return { index: i, speculative: true };
      }
    }
    return undefined;
  }
}
