import { type FailedTaskInfo, JobFailedError, TaskExceptionError } from "./errors.ts";
import type { ListenerBus, StageInfo, TaskInfo } from "./events.ts";
import type {
  JobOptions,
  MapOutputStatistics,
  ResultStageDef,
  ShuffleMapStageDef,
  StageDef,
} from "./job.ts";
import type { MapOutputTracker } from "./map-output-tracker.ts";
import { describeFailure, type TaskDescription, type TaskOutcome } from "./task.ts";
import type { TaskScheduler } from "./task-scheduler.ts";
import type { TaskSet, TaskSetListener, TaskTemplate } from "./task-set.ts";

export interface DAGSchedulerConf {
  /** `spark.stage.maxConsecutiveAttempts` (4). */
  readonly maxConsecutiveStageAttempts: number;
  /** Delay before re-running stages after a fetch failure (Spark's RESUBMIT_TIMEOUT, 200 ms). */
  readonly resubmitDelayMs: number;
}

interface StageBase {
  readonly id: number;
  readonly def: StageDef;
  readonly parents: readonly MapStage[];
  readonly jobIds: Set<number>;
  readonly firstJobId: number;
  latestAttempt: number;
  pendingPartitions: Set<number>;
  readonly failedAttempts: Set<number>;
  info: StageInfo;
}

interface MapStage extends StageBase {
  readonly kind: "shuffleMap";
  readonly def: ShuffleMapStageDef;
  readonly shuffleId: number;
}

interface ResultStage extends StageBase {
  readonly kind: "result";
  readonly def: ResultStageDef;
  job: ActiveJob | undefined;
}

type Stage = MapStage | ResultStage;

interface ActiveJob {
  readonly jobId: number;
  readonly finalStage: Stage;
  /** Result jobs: the partitions computed, in result order. */
  readonly partitions: readonly number[];
  readonly outputIndex: ReadonlyMap<number, number>;
  readonly finished: boolean[];
  numFinished: number;
  readonly results: Uint8Array[];
  readonly properties: Readonly<Record<string, string>>;
  readonly options: JobOptions;
  readonly resolveResults: (results: Uint8Array[]) => void;
  readonly resolveMapStage: (stats: MapOutputStatistics) => void;
  readonly reject: (error: Error) => void;
}

/** A submitted job: its id, its outcome, and a way to cancel it. */
export interface JobHandle<T> {
  readonly jobId: number;
  readonly result: Promise<T>;
  cancel(reason?: string): void;
}

/**
 * Runs jobs as DAGs of stages (Spark's DAGScheduler): registers shuffles, runs missing
 * parent stages first (independent ones at once), tracks map outputs, re-runs a map stage
 * whose output a reducer could not fetch, and returns the result stage's per-partition
 * bytes in order. Map stages are shared by shuffle id across jobs, so a shuffle computed
 * once (e.g. by `submitMapStage` for adaptive planning) is not computed again.
 */
export class DAGScheduler implements TaskSetListener {
  readonly #conf: DAGSchedulerConf;
  readonly #taskScheduler: () => TaskScheduler;
  readonly #tracker: MapOutputTracker;
  readonly #bus: ListenerBus;
  readonly #stages = new Map<number, Stage>();
  readonly #shuffleToStage = new Map<number, MapStage>();
  readonly #jobs = new Map<number, ActiveJob>();
  readonly #waiting = new Set<Stage>();
  readonly #running = new Set<Stage>();
  readonly #failed = new Set<Stage>();
  #nextJobId = 0;
  #nextStageId = 0;
  #resubmitTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: {
    readonly conf: DAGSchedulerConf;
    /** Late-bound: the task scheduler also needs this DAG scheduler as its listener. */
    readonly taskScheduler: () => TaskScheduler;
    readonly mapOutputTracker: MapOutputTracker;
    readonly listenerBus: ListenerBus;
  }) {
    this.#conf = options.conf;
    this.#taskScheduler = options.taskScheduler;
    this.#tracker = options.mapOutputTracker;
    this.#bus = options.listenerBus;
  }

  /** Runs a result stage (and whatever parents are missing); resolves to its partitions' bytes. */
  submitJob(def: ResultStageDef, options: JobOptions = {}): JobHandle<Uint8Array[]> {
    const jobId = this.#nextJobId++;
    const partitions = def.partitions ?? range(def.numPartitions);
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= def.numPartitions) {
        throw new RangeError(`partition ${p} out of range for a stage of ${def.numPartitions}`);
      }
    }
    let resolveResults: (r: Uint8Array[]) => void = () => {};
    let reject: (e: Error) => void = () => {};
    const result = new Promise<Uint8Array[]>((res, rej) => {
      resolveResults = res;
      reject = rej;
    });
    const parents = def.parents.map((p) => this.#mapStageFor(p, jobId));
    const stage: ResultStage = {
      ...this.#newStageBase(def, parents, jobId),
      kind: "result",
      def,
      job: undefined,
    };
    this.#stages.set(stage.id, stage);
    const job = this.#newJob(jobId, stage, partitions, options, resolveResults, () => {}, reject);
    stage.job = job;
    this.#start(job);
    if (partitions.length === 0) {
      this.#finishJob(job);
      resolveResults([]);
    } else {
      this.#submitStage(stage);
    }
    return { jobId, result, cancel: (reason) => this.cancelJob(jobId, reason) };
  }

  /** Runs a shuffle map stage alone (adaptive planning); resolves to its output sizes. */
  submitMapStage(
    def: ShuffleMapStageDef,
    options: JobOptions = {},
  ): JobHandle<MapOutputStatistics> {
    const jobId = this.#nextJobId++;
    let resolveMapStage: (s: MapOutputStatistics) => void = () => {};
    let reject: (e: Error) => void = () => {};
    const result = new Promise<MapOutputStatistics>((res, rej) => {
      resolveMapStage = res;
      reject = rej;
    });
    const stage = this.#mapStageFor(def, jobId);
    const job = this.#newJob(jobId, stage, [], options, () => {}, resolveMapStage, reject);
    this.#start(job);
    if (this.#tracker.isAvailable(stage.shuffleId)) {
      this.#finishJob(job);
      resolveMapStage(this.#tracker.statistics(stage.shuffleId));
    } else {
      this.#submitStage(stage);
    }
    return { jobId, result, cancel: (reason) => this.cancelJob(jobId, reason) };
  }

  cancelJob(jobId: number, reason?: string): void {
    const job = this.#jobs.get(jobId);
    if (!job) return;
    const text = `Job ${jobId} cancelled${reason ? ` because ${reason}` : ""}`;
    this.#failJob(job, new JobFailedError({ jobId, message: text, cancelled: true }), text);
  }

  /** Cancels the active jobs whose `spark.jobGroup.id` property is `groupId` (Spark's cancelJobGroup). */
  cancelJobGroup(groupId: string, reason?: string): void {
    for (const job of [...this.#jobs.values()]) {
      if (job.properties["spark.jobGroup.id"] === groupId) {
        this.cancelJob(job.jobId, reason ?? `part of cancelled job group ${groupId}`);
      }
    }
  }

  /** Cancels the active jobs tagged `tag` in their `spark.job.tags` property (comma-separated). */
  cancelJobsWithTag(tag: string, reason?: string): void {
    for (const job of [...this.#jobs.values()]) {
      const tags = (job.properties["spark.job.tags"] ?? "").split(",");
      if (tags.includes(tag))
        this.cancelJob(job.jobId, reason ?? `part of cancelled job tag ${tag}`);
    }
  }

  /** Cancels every active job (session stop). */
  cancelAllJobs(reason: string): void {
    for (const jobId of [...this.#jobs.keys()]) this.cancelJob(jobId, reason);
  }

  /** An executor went away with its shuffle files: forget its map outputs. */
  executorLost(executorId: string): void {
    this.#tracker.removeOutputsOnExecutor(executorId);
  }

  activeJobIds(): number[] {
    return [...this.#jobs.keys()];
  }

  stop(): void {
    if (this.#resubmitTimer) clearTimeout(this.#resubmitTimer);
    this.cancelAllJobs("the runtime stopped");
  }

  // ---- TaskSetListener ----

  taskStarted(task: TaskDescription, info: TaskInfo): void {
    this.#bus.post({
      kind: "taskStart",
      stageId: task.stageId,
      stageAttempt: task.stageAttempt,
      taskInfo: info,
    });
  }

  taskEnded(task: TaskDescription, outcome: TaskOutcome, info: TaskInfo): void {
    this.#bus.post({
      kind: "taskEnd",
      stageId: task.stageId,
      stageAttempt: task.stageAttempt,
      taskType: task.kind,
      reason: outcome.state === "failed" ? outcome.reason : undefined,
      taskInfo: info,
      metrics: outcome.metrics,
    });
    const stage = this.#stages.get(task.stageId);
    if (!stage) return;
    if (outcome.state === "finished") {
      if (stage.kind === "result") this.#resultTaskSucceeded(stage, task, outcome.value);
      else if (outcome.mapStatus) this.#mapTaskSucceeded(stage, task, outcome.mapStatus);
      return;
    }
    const reason = outcome.reason;
    if (reason.kind !== "fetchFailed") return; // the task set manager retries the rest
    if (task.stageAttempt !== stage.latestAttempt) return; // an older attempt's news
    if (this.#running.has(stage)) {
      this.#markStageFinished(stage, describeFailure(reason));
    }
    stage.failedAttempts.add(task.stageAttempt);
    if (stage.failedAttempts.size >= this.#conf.maxConsecutiveStageAttempts) {
      this.#abortStage(
        stage,
        `${stage.info.name} (${stage.id}) has failed the maximum allowable number of times: ${this.#conf.maxConsecutiveStageAttempts}. Most recent failure reason:\n${describeFailure(reason)}`,
        undefined,
      );
      return;
    }
    const mapStage = this.#shuffleToStage.get(reason.shuffleId);
    if (reason.mapIndex >= 0) {
      this.#tracker.unregisterMapOutput(reason.shuffleId, reason.mapIndex, reason.mapId);
    }
    if (this.#failed.size === 0) {
      this.#resubmitTimer = setTimeout(
        () => this.#resubmitFailedStages(),
        this.#conf.resubmitDelayMs,
      );
    }
    this.#failed.add(stage);
    if (mapStage) this.#failed.add(mapStage);
  }

  taskSetFailed(taskSet: TaskSet, message: string, failedTask: FailedTaskInfo | undefined): void {
    const stage = this.#stages.get(taskSet.stageId);
    if (stage) this.#abortStage(stage, message, failedTask);
  }

  speculativeTaskSubmitted(taskSet: TaskSet, index: number): void {
    this.#bus.post({
      kind: "speculativeTaskSubmitted",
      stageId: taskSet.stageId,
      stageAttempt: taskSet.stageAttempt,
      taskIndex: index,
    });
  }

  // ---- stages ----

  #newStageBase(def: StageDef, parents: readonly MapStage[], jobId: number) {
    const id = this.#nextStageId++;
    return {
      id,
      parents,
      jobIds: new Set([jobId]),
      firstJobId: jobId,
      latestAttempt: -1,
      pendingPartitions: new Set<number>(),
      failedAttempts: new Set<number>(),
      info: {
        stageId: id,
        attempt: 0,
        name:
          def.name ?? (def.kind === "result" ? `result stage ${id}` : `shuffle map stage ${id}`),
        kind: def.kind,
        numTasks: def.numPartitions,
        parentIds: parents.map((p) => p.id),
      } satisfies StageInfo,
    };
  }

  /** The stage computing `def`'s shuffle, created (with its parents) when new. */
  #mapStageFor(def: ShuffleMapStageDef, jobId: number): MapStage {
    const existing = this.#shuffleToStage.get(def.shuffleId);
    if (existing) {
      this.#addJobToAncestors(existing, jobId);
      return existing;
    }
    const parents = def.parents.map((p) => this.#mapStageFor(p, jobId));
    const stage: MapStage = {
      ...this.#newStageBase(def, parents, jobId),
      kind: "shuffleMap",
      def,
      shuffleId: def.shuffleId,
    };
    this.#stages.set(stage.id, stage);
    this.#shuffleToStage.set(def.shuffleId, stage);
    this.#tracker.registerShuffle(def.shuffleId, def.numPartitions, def.numReducePartitions);
    return stage;
  }

  #addJobToAncestors(stage: Stage, jobId: number): void {
    stage.jobIds.add(jobId);
    for (const p of stage.parents) this.#addJobToAncestors(p, jobId);
  }

  #submitStage(stage: Stage): void {
    if (this.#waiting.has(stage) || this.#running.has(stage) || this.#failed.has(stage)) return;
    const jobId = this.#activeJobFor(stage);
    if (jobId === undefined) return;
    const missing = stage.parents.filter((p) => !this.#tracker.isAvailable(p.shuffleId));
    if (missing.length === 0) {
      this.#submitMissingTasks(stage, jobId);
      return;
    }
    for (const parent of missing.sort((a, b) => a.id - b.id)) this.#submitStage(parent);
    this.#waiting.add(stage);
  }

  #submitMissingTasks(stage: Stage, jobId: number): void {
    const job = this.#jobs.get(jobId);
    if (!job) return;
    const partitions =
      stage.kind === "shuffleMap"
        ? this.#tracker.missingPartitions(stage.shuffleId)
        : this.#resultPartitionsToCompute(stage);
    stage.latestAttempt++;
    stage.pendingPartitions = new Set(partitions);
    this.#running.add(stage);
    const { completionTime: _c, failureReason: _f, ...info } = stage.info;
    stage.info = {
      ...info,
      attempt: stage.latestAttempt,
      numTasks: partitions.length,
      submissionTime: Date.now(),
    };
    this.#bus.post({ kind: "stageSubmitted", stageInfo: stage.info });
    const shuffleInputs = stage.parents.map((p) => this.#tracker.shuffleInput(p.shuffleId));
    const def = stage.def;
    const tasks: TaskTemplate[] = partitions.map((partition) => ({
      jobId,
      stageId: stage.id,
      stageAttempt: stage.latestAttempt,
      partition,
      kind: stage.kind,
      payload: def.payload,
      ...(def.kind === "shuffleMap"
        ? {
            shuffleOutput: {
              shuffleId: def.shuffleId,
              numReducePartitions: def.numReducePartitions,
            },
          }
        : {}),
      shuffleInputs,
      localProperties: job.properties,
      preferredLocations: def.preferredLocations?.[partition] ?? [],
    }));
    if (tasks.length === 0) {
      this.#markStageFinished(stage, undefined);
      this.#stageOutputComplete(stage);
      return;
    }
    this.#taskScheduler().submitTasks({
      stageId: stage.id,
      stageAttempt: stage.latestAttempt,
      jobId,
      kind: stage.kind,
      tasks,
    });
  }

  #resultPartitionsToCompute(stage: ResultStage): number[] {
    const job = stage.job;
    if (!job) return [];
    return job.partitions.filter((_, i) => !job.finished[i]);
  }

  #resultTaskSucceeded(stage: ResultStage, task: TaskDescription, value: Uint8Array | undefined) {
    const job = stage.job;
    if (!job) return;
    const index = job.outputIndex.get(task.partition);
    if (index === undefined || job.finished[index]) return;
    job.finished[index] = true;
    job.numFinished++;
    const bytes = value ?? new Uint8Array(0);
    job.results[index] = bytes;
    stage.pendingPartitions.delete(task.partition);
    try {
      job.options.onResult?.(index, bytes);
    } catch (e) {
      this.#failJob(
        job,
        new JobFailedError({
          jobId: job.jobId,
          message: `Result handler failed: ${String(e)}`,
          cause: e,
        }),
        "result handler failed",
      );
      return;
    }
    if (job.numFinished === job.partitions.length) {
      this.#markStageFinished(stage, undefined);
      this.#finishJob(job);
      job.resolveResults(job.results);
    }
  }

  #mapTaskSucceeded(stage: MapStage, task: TaskDescription, status: TaskOutcomeMapStatus): void {
    if (task.stageAttempt === stage.latestAttempt) stage.pendingPartitions.delete(task.partition);
    // Any attempt's output is good (Spark registers late successes of older attempts too).
    this.#tracker.registerMapOutput(stage.shuffleId, status);
    if (this.#running.has(stage) && stage.pendingPartitions.size === 0) {
      this.#markStageFinished(stage, undefined);
      if (!this.#tracker.isAvailable(stage.shuffleId)) {
        // Some outputs were lost while the stage ran (fetch failure, executor loss).
        this.#submitStage(stage);
      } else {
        this.#stageOutputComplete(stage);
      }
    }
  }

  /** A map stage's shuffle is complete: finish map-stage jobs, start waiting children. */
  #stageOutputComplete(stage: Stage): void {
    if (stage.kind !== "shuffleMap") return;
    for (const job of [...this.#jobs.values()]) {
      if (job.finalStage === stage) {
        this.#finishJob(job);
        job.resolveMapStage(this.#tracker.statistics(stage.shuffleId));
      }
    }
    const children = [...this.#waiting]
      .filter((s) => s.parents.includes(stage))
      .sort((a, b) => a.firstJobId - b.firstJobId || a.id - b.id);
    for (const child of children) {
      this.#waiting.delete(child);
      this.#submitStage(child);
    }
  }

  #markStageFinished(stage: Stage, failureReason: string | undefined): void {
    this.#running.delete(stage);
    stage.info = {
      ...stage.info,
      completionTime: Date.now(),
      ...(failureReason === undefined ? {} : { failureReason }),
    };
    if (failureReason === undefined) stage.failedAttempts.clear();
    this.#bus.post({ kind: "stageCompleted", stageInfo: stage.info });
  }

  #resubmitFailedStages(): void {
    this.#resubmitTimer = undefined;
    const failed = [...this.#failed].sort((a, b) => a.firstJobId - b.firstJobId || a.id - b.id);
    this.#failed.clear();
    for (const stage of failed) this.#submitStage(stage);
  }

  #abortStage(stage: Stage, message: string, failedTask: FailedTaskInfo | undefined): void {
    const cause = failedTask?.exception ? new TaskExceptionError(failedTask.exception) : undefined;
    const text = `Job aborted due to stage failure: ${message}`;
    for (const job of [...this.#jobs.values()].sort((a, b) => a.jobId - b.jobId)) {
      if (!stage.jobIds.has(job.jobId)) continue;
      const error = new JobFailedError({
        jobId: job.jobId,
        message: text,
        stageId: stage.id,
        stageAttempt: stage.latestAttempt,
        ...(failedTask ? { failedTask } : {}),
        ...(cause ? { cause } : {}),
      });
      this.#failJob(job, error, message);
    }
  }

  // ---- jobs ----

  #newJob(
    jobId: number,
    finalStage: Stage,
    partitions: readonly number[],
    options: JobOptions,
    resolveResults: (r: Uint8Array[]) => void,
    resolveMapStage: (s: MapOutputStatistics) => void,
    reject: (e: Error) => void,
  ): ActiveJob {
    const job: ActiveJob = {
      jobId,
      finalStage,
      partitions,
      outputIndex: new Map(partitions.map((p, i) => [p, i])),
      finished: partitions.map(() => false),
      numFinished: 0,
      results: partitions.map(() => new Uint8Array(0)),
      properties: options.properties ?? {},
      options,
      resolveResults,
      resolveMapStage,
      reject,
    };
    this.#jobs.set(jobId, job);
    const signal = options.signal;
    if (signal) {
      const onAbort = () => this.cancelJob(jobId, abortReason(signal));
      if (signal.aborted) queueMicrotask(onAbort);
      else signal.addEventListener("abort", onAbort, { once: true });
    }
    return job;
  }

  #start(job: ActiveJob): void {
    this.#bus.post({
      kind: "jobStart",
      jobId: job.jobId,
      time: Date.now(),
      stageInfos: this.#stagesOf(job).map((s) => s.info),
      properties: {
        ...job.properties,
        ...(job.options.description ? { "spark.job.description": job.options.description } : {}),
      },
    });
  }

  #stagesOf(job: ActiveJob): Stage[] {
    return [...this.#stages.values()].filter((s) => s.jobIds.has(job.jobId));
  }

  #activeJobFor(stage: Stage): number | undefined {
    let best: number | undefined;
    for (const id of stage.jobIds)
      if (this.#jobs.has(id) && (best === undefined || id < best)) best = id;
    return best;
  }

  #finishJob(job: ActiveJob): void {
    this.#cleanUpJob(job);
    this.#bus.post({ kind: "jobEnd", jobId: job.jobId, time: Date.now(), result: "succeeded" });
  }

  #failJob(job: ActiveJob, error: Error, reason: string): void {
    if (!this.#jobs.has(job.jobId)) return;
    for (const stage of this.#stagesOf(job)) {
      const onlyThisJob = [...stage.jobIds].every((id) => id === job.jobId || !this.#jobs.has(id));
      if (onlyThisJob && this.#running.has(stage)) {
        this.#taskScheduler().cancelTasks(stage.id, reason);
        this.#markStageFinished(stage, reason);
      }
    }
    this.#cleanUpJob(job);
    this.#bus.post({
      kind: "jobEnd",
      jobId: job.jobId,
      time: Date.now(),
      result: "failed",
      error: error.message,
    });
    job.reject(error);
  }

  #cleanUpJob(job: ActiveJob): void {
    this.#jobs.delete(job.jobId);
    for (const stage of [...this.#stages.values()]) {
      if (!stage.jobIds.delete(job.jobId) || stage.jobIds.size > 0) continue;
      this.#stages.delete(stage.id);
      this.#waiting.delete(stage);
      this.#running.delete(stage);
      this.#failed.delete(stage);
      if (stage.kind === "shuffleMap" && this.#shuffleToStage.get(stage.shuffleId) === stage) {
        this.#shuffleToStage.delete(stage.shuffleId);
      }
    }
  }
}

type TaskOutcomeMapStatus = NonNullable<Extract<TaskOutcome, { state: "finished" }>["mapStatus"]>;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : r === undefined ? "it was aborted" : String(r);
}
