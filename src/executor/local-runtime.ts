import type { DriverToExecutor, ExecutorToDriver } from "../rpc/messages.ts";
import { DAGScheduler, type JobHandle } from "../scheduler/dag-scheduler.ts";
import { ListenerBus } from "../scheduler/events.ts";
import type {
  JobOptions,
  MapOutputStatistics,
  ResultStageDef,
  ShuffleMapStageDef,
} from "../scheduler/job.ts";
import { MapOutputTracker } from "../scheduler/map-output-tracker.ts";
import { ConsoleProgressBar } from "../scheduler/progress-bar.ts";
import { TaskScheduler } from "../scheduler/task-scheduler.ts";
import { BlockManagerMaster } from "../storage/block-manager-master.ts";
import { DiskDirs } from "../storage/disk-dirs.ts";
import { BlockIds } from "../storage/storage-level.ts";
import { DriverEndpoint } from "./driver-endpoint.ts";
import { Executor } from "./executor.ts";
import { inProcessTransports } from "./in-process-transport.ts";
import { parseRuntimeConf, type RuntimeConf } from "./runtime-conf.ts";

export interface LocalRuntimeOptions {
  /** `local`, `local[N]`, `local[*]` or `local[N,F]` (default `local[*]`). */
  readonly master?: string;
  /** Spark settings (`spark.executor.memory`, `spark.speculation`, ...). */
  readonly conf?: Readonly<Record<string, string>>;
  /** URL (string or URL) of the module exporting `runTask(task, ctx)`. */
  readonly taskRunnerModule: string | URL;
}

/** A broadcast variable: tasks read its bytes with `ctx.getBroadcast(id)`. */
export interface Broadcast {
  readonly id: number;
  /** Drops the value on the driver and every executor. */
  destroy(): void;
}

/**
 * The driver side of the generic runtime: what the session and the SQL execution layer
 * call to run work. Knows nothing about SQL: it runs stage DAGs whose payloads the task
 * runner module interprets.
 */
export interface FlintRuntime {
  readonly conf: RuntimeConf;
  /** This application's directory under `spark.local.dir` (shuffle files, blocks, spills). */
  readonly localDir: string;
  readonly listenerBus: ListenerBus;
  /** Total task slots. */
  readonly defaultParallelism: number;
  /** Runs a job to completion; resolves to the result partitions' bytes, in order. */
  runJob(stage: ResultStageDef, options?: JobOptions): Promise<Uint8Array[]>;
  /** Like `runJob`, with the job id and a cancel handle. */
  submitJob(stage: ResultStageDef, options?: JobOptions): JobHandle<Uint8Array[]>;
  /** Computes a shuffle map stage (and its missing parents) alone, for adaptive planning. */
  submitMapStage(stage: ShuffleMapStageDef, options?: JobOptions): JobHandle<MapOutputStatistics>;
  cancelJob(jobId: number, reason?: string): void;
  /** Cancels jobs whose `spark.jobGroup.id` local property is `groupId`. */
  cancelJobGroup(groupId: string, reason?: string): void;
  /** Cancels jobs carrying `tag` in their `spark.job.tags` local property. */
  cancelJobsWithTag(tag: string, reason?: string): void;
  /** A fresh shuffle id for a planner's exchange. */
  newShuffleId(): number;
  /** Forgets a shuffle and deletes its files everywhere. */
  unregisterShuffle(shuffleId: number): void;
  broadcast(value: Uint8Array): Broadcast;
  /** Executors holding a block (for `preferredLocations` of stages reading cached data). */
  blockLocations(blockId: string): string[];
  /** Removes blocks by id prefix on every executor (unpersist: `rdd_<id>_`). */
  removeBlocks(prefix: string): void;
  /** The local executor (tests, metrics). */
  readonly executors: readonly Executor[];
  /** Cancels running jobs, stops executors and deletes the application's temp files. */
  stop(): Promise<void>;
}

/** Starts a driver and one executor with N worker threads in this process. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<FlintRuntime> {
  const conf = parseRuntimeConf(options.master ?? "local[*]", options.conf ?? {});
  const taskRunnerModule = String(options.taskRunnerModule);
  const dirs = DiskDirs.create(conf.localDir, conf.appId);
  const listenerBus = new ListenerBus();
  const tracker = new MapOutputTracker();
  const blockMaster = new BlockManagerMaster();
  let taskScheduler: TaskScheduler | undefined;
  const dag = new DAGScheduler({
    conf: { maxConsecutiveStageAttempts: conf.maxConsecutiveStageAttempts, resubmitDelayMs: 200 },
    taskScheduler: () => {
      if (!taskScheduler) throw new Error("task scheduler not started");
      return taskScheduler;
    },
    mapOutputTracker: tracker,
    listenerBus,
  });
  taskScheduler = new TaskScheduler(
    {
      maxTaskFailures: conf.maxTaskFailures,
      speculation: conf.speculation,
      speculationIntervalMs: conf.speculationIntervalMs,
      speculationMultiplier: conf.speculationMultiplier,
      speculationQuantile: conf.speculationQuantile,
      speculationMinTaskRuntimeMs: conf.speculationMinTaskRuntimeMs,
      // One executor in local mode: a speculative copy can only run beside the original.
      speculateOnSameExecutor: true,
    },
    dag,
  );
  const broadcasts = new Map<number, Uint8Array>();
  let nextBroadcastId = 0;
  const endpoint = new DriverEndpoint({
    taskScheduler,
    dagScheduler: dag,
    blockManagerMaster: blockMaster,
    listenerBus,
    broadcasts: (id) => broadcasts.get(id),
  });
  taskScheduler.setBackend(endpoint);

  const progress =
    conf.showConsoleProgress && process.stderr.isTTY
      ? new ConsoleProgressBar(process.stderr, listenerBus)
      : undefined;

  // driver and executor share this thread: messages between them are handed over, not cloned
  const [driverSide, executorSide] = inProcessTransports<ExecutorToDriver, DriverToExecutor>();
  endpoint.connect(driverSide);
  const executor = new Executor({
    executorId: "driver",
    conf,
    dirs,
    transport: executorSide,
    taskRunnerModule,
  });
  const registered = new Promise<void>((resolve) => {
    const off = listenerBus.addListener({
      executorAdded: () => {
        off();
        resolve();
      },
    });
  });
  try {
    await executor.start();
    await registered;
  } catch (e) {
    await executor.stop();
    driverSide.close();
    dirs.removeAll();
    throw e;
  }

  let nextShuffleId = 0;
  let stopped = false;
  return {
    conf,
    localDir: dirs.root,
    listenerBus,
    defaultParallelism: conf.slotsPerExecutor,
    executors: [executor],
    runJob: (stage, opts) => dag.submitJob(stage, opts).result,
    submitJob: (stage, opts) => dag.submitJob(stage, opts),
    submitMapStage: (stage, opts) => dag.submitMapStage(stage, opts),
    cancelJob: (jobId, reason) => dag.cancelJob(jobId, reason),
    cancelJobGroup: (groupId, reason) => dag.cancelJobGroup(groupId, reason),
    cancelJobsWithTag: (tag, reason) => dag.cancelJobsWithTag(tag, reason),
    newShuffleId: () => nextShuffleId++,
    unregisterShuffle: (shuffleId) => {
      tracker.unregisterShuffle(shuffleId);
      endpoint.broadcastToExecutors({ kind: "removeShuffle", shuffleId });
    },
    broadcast: (value) => {
      const id = nextBroadcastId++;
      broadcasts.set(id, value);
      return {
        id,
        destroy: () => {
          broadcasts.delete(id);
          endpoint.broadcastToExecutors({ kind: "removeBlock", blockId: BlockIds.broadcast(id) });
        },
      };
    },
    blockLocations: (blockId) => blockMaster.getLocations(blockId),
    removeBlocks: (prefix) => endpoint.broadcastToExecutors({ kind: "removeBlocks", prefix }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      dag.stop();
      taskScheduler?.stop();
      endpoint.stop();
      progress?.stop();
      await executor.stop();
      await listenerBus.waitUntilEmpty();
      driverSide.close();
      dirs.removeAll();
    },
  };
}
