import type { SchedulerBackend, TaskLaunch, WorkerOffer } from "./backend.ts";
import type { TaskOutcome } from "./task.ts";
import type { TaskSet, TaskSetListener } from "./task-set.ts";
import { TaskSetManager, type TaskSetManagerConf } from "./task-set-manager.ts";

export interface TaskSchedulerConf extends TaskSetManagerConf {
  /** `spark.speculation`. */
  readonly speculation: boolean;
  /** `spark.speculation.interval` in ms (100). */
  readonly speculationIntervalMs: number;
  /** `spark.speculation.minTaskRuntime` in ms (100). */
  readonly speculationMinTaskRuntimeMs: number;
}

/**
 * Assigns the tasks of active task sets to free executor slots, FIFO by job then stage
 * (Spark's TaskSchedulerImpl), routes status updates to their task set, and runs the
 * speculation check on a timer.
 */
export class TaskScheduler {
  readonly conf: TaskSchedulerConf;
  readonly #listener: TaskSetListener;
  #backend: SchedulerBackend | undefined;
  #managers: TaskSetManager[] = [];
  readonly #taskToManager = new Map<number, TaskSetManager>();
  #nextTaskId = 0;
  #speculationTimer: ReturnType<typeof setInterval> | undefined;
  readonly #now: () => number;

  constructor(conf: TaskSchedulerConf, listener: TaskSetListener, now: () => number = Date.now) {
    this.conf = conf;
    this.#listener = listener;
    this.#now = now;
  }

  setBackend(backend: SchedulerBackend): void {
    this.#backend = backend;
    if (this.conf.speculation && !this.#speculationTimer) {
      this.#speculationTimer = setInterval(
        () => this.checkSpeculatableTasks(),
        this.conf.speculationIntervalMs,
      );
      this.#speculationTimer.unref();
    }
  }

  submitTasks(taskSet: TaskSet): void {
    // A newer attempt of a stage supersedes older ones (their running tasks may finish).
    for (const m of this.#managers) {
      if (m.taskSet.stageId === taskSet.stageId) m.isZombie = true;
    }
    const manager = new TaskSetManager(taskSet, this.conf, this.#listener, (taskId, exec, reason) =>
      this.#backend?.killTask(taskId, exec, reason),
    );
    this.#managers.push(manager);
    this.#managers.sort(
      (a, b) => a.taskSet.jobId - b.taskSet.jobId || a.taskSet.stageId - b.taskSet.stageId,
    );
    this.#backend?.reviveOffers();
  }

  /** Fills free slots with tasks, highest priority task set first. */
  resourceOffers(offers: readonly WorkerOffer[]): TaskLaunch[] {
    const free = offers.map((o) => ({ executorId: o.executorId, slots: o.freeSlots }));
    const launched: TaskLaunch[] = [];
    const now = this.#now();
    for (const manager of this.#managers) {
      let progress = true;
      while (progress) {
        progress = false;
        for (const offer of free) {
          if (offer.slots <= 0) continue;
          const task = manager.resourceOffer(offer.executorId, () => this.#nextTaskId++, now);
          if (!task) continue;
          this.#taskToManager.set(task.taskId, manager);
          offer.slots--;
          launched.push({ executorId: offer.executorId, task });
          progress = true;
        }
      }
    }
    return launched;
  }

  statusUpdate(taskId: number, outcome: TaskOutcome): void {
    const manager = this.#taskToManager.get(taskId);
    if (!manager) return;
    this.#taskToManager.delete(taskId);
    manager.handleOutcome(taskId, outcome, this.#now());
    this.#removeFinished();
    this.#backend?.reviveOffers();
  }

  /** Kills every running attempt of a stage and stops launching its tasks. */
  cancelTasks(stageId: number, reason: string): void {
    for (const m of this.#managers) if (m.taskSet.stageId === stageId) m.abort(reason);
    this.#removeFinished();
  }

  killTaskAttempt(taskId: number, reason: string): boolean {
    const executorId = this.#taskToManager.get(taskId)?.executorOf(taskId);
    if (executorId === undefined) return false;
    this.#backend?.killTask(taskId, executorId, reason);
    return true;
  }

  /** Task ids running on an executor (to fail them when it is lost). */
  runningTasksOn(executorId: string): number[] {
    const out: number[] = [];
    for (const [taskId, m] of this.#taskToManager) {
      if (m.executorOf(taskId) === executorId) out.push(taskId);
    }
    return out;
  }

  hasActiveTaskSets(): boolean {
    return this.#managers.length > 0;
  }

  checkSpeculatableTasks(): void {
    const now = this.#now();
    let found = false;
    for (const m of this.#managers) {
      if (m.checkSpeculatableTasks(this.conf.speculationMinTaskRuntimeMs, now)) found = true;
    }
    if (found) this.#backend?.reviveOffers();
  }

  stop(): void {
    if (this.#speculationTimer) clearInterval(this.#speculationTimer);
    this.#speculationTimer = undefined;
  }

  #removeFinished(): void {
    this.#managers = this.#managers.filter((m) => !m.isFinished);
  }
}
