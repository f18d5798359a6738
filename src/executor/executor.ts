import os from "node:os";
import { Worker } from "node:worker_threads";
import { computeMemoryLimits, UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import {
  type BlockRequest,
  type DriverToExecutor,
  dispatch,
  type ExecutorToDriver,
  type ExecutorToWorker,
  type WorkerToExecutor,
} from "../rpc/messages.ts";
import { type Transport, transferablesOf } from "../rpc/transport.ts";
import { emptyTaskMetrics, type TaskDescription, type TaskOutcome } from "../scheduler/task.ts";
import { removeShuffleFiles } from "../shuffle/shuffle-files.ts";
import { BlockManager } from "../storage/block-manager.ts";
import type { DiskDirs } from "../storage/disk-dirs.ts";
import { SharedBlockTable, tagOf } from "../storage/shared-block-table.ts";
import { BlockIds } from "../storage/storage-level.ts";
import { SlotControl } from "./control.ts";
import type { RuntimeConf } from "./runtime-conf.ts";
import type { WorkerInit } from "./worker-init.ts";

interface Slot {
  readonly index: number;
  worker: Worker;
  ready: boolean;
  task: TaskDescription | undefined;
  /** Set when the worker is being terminated on purpose (stop, task reaper). */
  terminating: "stop" | "reaper" | undefined;
  lastError: string | undefined;
  reaperTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface ExecutorOptions {
  readonly executorId: string;
  readonly conf: RuntimeConf;
  readonly dirs: DiskDirs;
  readonly transport: Transport<DriverToExecutor, ExecutorToDriver>;
  /** URL of the module exporting `runTask(task, ctx)`. */
  readonly taskRunnerModule: string;
}

/**
 * An executor: task slots (one worker thread each), the block manager and the shuffle
 * files of one process (Spark's Executor + CoarseGrainedExecutorBackend). In local mode it
 * runs on the driver's main thread and talks to the driver over a MessageChannel; in cluster
 * mode the same class runs in an executor process behind a socket transport.
 *
 * A worker thread that dies while running a task (process.exit, an uncaught error,
 * terminate) is replaced, and the task is reported lost, which counts as a failed attempt.
 */
export class Executor {
  readonly executorId: string;
  readonly blockManager: BlockManager;
  readonly memoryManager: UnifiedMemoryManager;
  readonly #conf: RuntimeConf;
  readonly #dirs: DiskDirs;
  readonly #transport: Transport<DriverToExecutor, ExecutorToDriver>;
  readonly #taskRunnerModule: string;
  readonly #pool: SharedPool;
  readonly #control: SlotControl;
  /** Which tagged blocks are in memory, for the worker threads' own block caches. */
  readonly #blockTable = SharedBlockTable.create();
  readonly #slots: Slot[] = [];
  readonly #queue: TaskDescription[] = [];
  readonly #broadcastWaiters = new Map<number, (value: Uint8Array | undefined) => void>();
  #nextRequestId = 0;
  #stopped = false;

  constructor(options: ExecutorOptions) {
    this.executorId = options.executorId;
    this.#conf = options.conf;
    this.#dirs = options.dirs;
    this.#transport = options.transport;
    this.#taskRunnerModule = options.taskRunnerModule;
    const limits = computeMemoryLimits({
      systemMemory: options.conf.executorMemory,
      memoryFraction: options.conf.memoryFraction,
      storageFraction: options.conf.storageFraction,
      ...(options.conf.reservedMemory === undefined
        ? {}
        : { reservedMemory: options.conf.reservedMemory }),
    });
    this.#pool = SharedPool.create({ ...limits, numTaskSlots: options.conf.slotsPerExecutor });
    this.#control = SlotControl.create(options.conf.slotsPerExecutor);
    this.blockManager = new BlockManager(
      this.executorId,
      this.#dirs.blocksDir,
      (status) =>
        this.#transport.send({ kind: "blockUpdate", executorId: this.executorId, status }),
      (blockId, bytes) =>
        this.#blockTable.set(blockId, bytes === undefined ? null : (tagOf(bytes) ?? null)),
    );
    this.memoryManager = new UnifiedMemoryManager({ pool: this.#pool, evictor: this.blockManager });
    this.blockManager.attach(this.memoryManager);
  }

  /** Starts the worker threads, waits until they loaded the task runner, registers with the driver. */
  async start(): Promise<void> {
    this.#transport.onMessage((m) => this.#onDriverMessage(m));
    const ready: Promise<void>[] = [];
    for (let i = 0; i < this.#conf.slotsPerExecutor; i++) ready.push(this.#spawn(i));
    await Promise.all(ready);
    this.#transport.send({
      kind: "registerExecutor",
      executorId: this.executorId,
      host: os.hostname(),
      cores: this.#conf.slotsPerExecutor,
    });
  }

  /** Terminates the worker threads and drops blocks (the driver removes the directories). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await Promise.all(
      this.#slots.map((slot) => {
        slot.terminating = "stop";
        if (slot.reaperTimer) clearTimeout(slot.reaperTimer);
        return slot.worker.terminate();
      }),
    );
    this.blockManager.clear();
    this.#transport.send({ kind: "executorStopped", executorId: this.executorId });
  }

  /** Worker threads currently alive (tests kill them to simulate crashes). */
  workers(): readonly Worker[] {
    return this.#slots.map((s) => s.worker);
  }

  #spawn(index: number): Promise<void> {
    const init: WorkerInit = {
      executorId: this.executorId,
      slot: index,
      poolBuffer: this.#pool.buffer,
      controlBuffer: this.#control.buffer,
      blockTableBuffer: this.#blockTable.buffer,
      dirsRoot: this.#dirs.root,
      shuffleCodec: this.#conf.shuffleCodec,
      spillCodec: this.#conf.spillCodec,
      taskRunnerModule: this.#taskRunnerModule,
    };
    const worker = new Worker(new URL("./worker-main.ts", import.meta.url), { workerData: init });
    const slot: Slot = {
      index,
      worker,
      ready: false,
      task: undefined,
      terminating: undefined,
      lastError: undefined,
      reaperTimer: undefined,
    };
    this.#slots[index] = slot;
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: WorkerToExecutor) => {
        if (m.kind === "ready") {
          slot.ready = true;
          resolve();
          this.#launchQueued();
          return;
        }
        this.#onWorkerMessage(slot, m);
      });
      worker.on("error", (e) => {
        slot.lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        if (!slot.ready) reject(e);
      });
      worker.on("exit", (code) => this.#onWorkerExit(slot, worker, code));
    });
  }

  #onWorkerExit(slot: Slot, worker: Worker, code: number): void {
    if (this.#slots[slot.index]?.worker !== worker) return;
    if (slot.reaperTimer) clearTimeout(slot.reaperTimer);
    const task = slot.task;
    slot.task = undefined;
    this.memoryManager.releaseAllExecutionMemoryForTask(slot.index);
    if (this.#stopped || slot.terminating === "stop") return;
    if (task) {
      const outcome: TaskOutcome =
        slot.terminating === "reaper"
          ? {
              state: "failed",
              reason: { kind: "killed", reason: "killed by the task reaper" },
              metrics: emptyTaskMetrics(),
            }
          : {
              state: "failed",
              reason: {
                kind: "executorLost",
                executorId: this.executorId,
                causedByApp: true,
                message: `worker thread ${slot.index} exited with code ${code} while running task ${task.taskId}${slot.lastError ? `: ${slot.lastError}` : ""}`,
              },
              metrics: emptyTaskMetrics(),
            };
      this.#transport.send({
        kind: "statusUpdate",
        executorId: this.executorId,
        taskId: task.taskId,
        outcome,
      });
    }
    // Replace the dead thread; queued tasks go to it once it is ready.
    void this.#spawn(slot.index).catch(() => {});
  }

  #onDriverMessage(message: DriverToExecutor): void {
    dispatch<DriverToExecutor>(
      {
        launchTask: (m) => {
          this.#queue.push(m.task);
          this.#launchQueued();
        },
        killTask: (m) => this.#kill(m.taskId, m.reason),
        removeShuffle: (m) => removeShuffleFiles(this.#dirs.shuffleDir, m.shuffleId),
        removeBlocks: (m) => {
          this.blockManager.removeBlocks(m.prefix);
        },
        removeBlock: (m) => {
          this.blockManager.remove(m.blockId);
        },
        broadcastValue: (m) => {
          const waiter = this.#broadcastWaiters.get(m.requestId);
          this.#broadcastWaiters.delete(m.requestId);
          waiter?.(m.value);
        },
        stopExecutor: () => {
          void this.stop();
        },
      },
      message,
    );
  }

  #launchQueued(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.ready && !s.task && !s.terminating);
      if (!slot) return;
      const task = this.#queue.shift();
      if (!task) return;
      slot.task = task;
      slot.lastError = undefined;
      this.#control.setKilled(slot.index, false);
      const m: ExecutorToWorker = { kind: "runTask", task };
      slot.worker.postMessage(m);
    }
  }

  #kill(taskId: number, reason: string): void {
    const queued = this.#queue.findIndex((t) => t.taskId === taskId);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#transport.send({
        kind: "statusUpdate",
        executorId: this.executorId,
        taskId,
        outcome: {
          state: "failed",
          reason: { kind: "killed", reason },
          metrics: emptyTaskMetrics(),
        },
      });
      return;
    }
    const slot = this.#slots.find((s) => s.task?.taskId === taskId);
    if (!slot) return;
    this.#control.setKilled(slot.index, true);
    const m: ExecutorToWorker = { kind: "killTask", taskId, reason };
    slot.worker.postMessage(m);
    const timeout = this.#conf.taskReaperKillTimeoutMs;
    if (timeout >= 0 && !slot.reaperTimer) {
      const worker = slot.worker;
      slot.reaperTimer = setTimeout(() => {
        slot.reaperTimer = undefined;
        if (slot.worker === worker && slot.task?.taskId === taskId) {
          slot.terminating = "reaper";
          void worker.terminate();
        }
      }, timeout);
    }
  }

  #onWorkerMessage(slot: Slot, message: WorkerToExecutor): void {
    dispatch<WorkerToExecutor>(
      {
        ready: () => {},
        taskDone: (m) => {
          if (slot.task?.taskId !== m.taskId) return;
          slot.task = undefined;
          if (slot.reaperTimer) clearTimeout(slot.reaperTimer);
          slot.reaperTimer = undefined;
          this.#control.setKilled(slot.index, false);
          const outcome = m.outcome;
          const transfer = outcome.state === "finished" ? transferablesOf(outcome.value) : [];
          this.#transport.send(
            { kind: "statusUpdate", executorId: this.executorId, taskId: m.taskId, outcome },
            transfer,
          );
          this.#launchQueued();
        },
        blockRequest: (m) => {
          void this.#answerBlockRequest(m.request).then(
            ({ found, value }) =>
              this.#reply(slot, {
                kind: "blockReply",
                requestId: m.requestId,
                ok: true,
                found,
                value,
                error: undefined,
              }),
            (e: unknown) =>
              this.#reply(slot, {
                kind: "blockReply",
                requestId: m.requestId,
                ok: false,
                found: false,
                value: undefined,
                error: e instanceof Error ? e.message : String(e),
              }),
          );
        },
        evictStorage: (m) => {
          try {
            this.memoryManager.shrinkStorageForExecution(m.bytes);
          } finally {
            this.#control.completeEviction(m.slot);
          }
        },
      },
      message,
    );
  }

  #reply(slot: Slot, message: ExecutorToWorker): void {
    slot.worker.postMessage(message);
  }

  async #answerBlockRequest(
    request: BlockRequest,
  ): Promise<{ found: boolean; value: Uint8Array | undefined }> {
    const bm = this.blockManager;
    switch (request.op) {
      case "get": {
        const value = bm.get(request.blockId);
        return { found: value !== undefined, value };
      }
      case "put":
        return { found: bm.put(request.blockId, request.value, request.level), value: undefined };
      case "remove":
        return { found: bm.remove(request.blockId), value: undefined };
      case "getBroadcast": {
        const id = BlockIds.broadcast(request.broadcastId);
        let value = bm.get(id);
        if (!value) {
          const fetched = await this.#fetchBroadcast(request.broadcastId);
          if (fetched) {
            // Shared memory: handing the value to each worker thread then copies nothing.
            value = new Uint8Array(new SharedArrayBuffer(fetched.byteLength));
            value.set(fetched);
            bm.put(id, value, "MEMORY_AND_DISK");
          }
        }
        return { found: value !== undefined, value };
      }
    }
  }

  #fetchBroadcast(broadcastId: number): Promise<Uint8Array | undefined> {
    const requestId = this.#nextRequestId++;
    return new Promise((resolve) => {
      this.#broadcastWaiters.set(requestId, resolve);
      this.#transport.send({
        kind: "fetchBroadcast",
        executorId: this.executorId,
        requestId,
        broadcastId,
      });
    });
  }
}
