/**
 * Entry point of a task slot's worker thread. Loads the task runner module, runs one task
 * at a time, and answers the executor's main thread with typed messages.
 */
import { parentPort, workerData } from "node:worker_threads";
import { UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import { TaskMemoryManager } from "../memory/task-memory-manager.ts";
import {
  type BlockRequest,
  dispatch,
  type ExecutorToWorker,
  type WorkerToExecutor,
} from "../rpc/messages.ts";
import { transferablesOf } from "../rpc/transport.ts";
import { exceptionInfo } from "../scheduler/errors.ts";
import type { TaskDescription, TaskOutcome } from "../scheduler/task.ts";
import {
  FetchFailedError,
  LocalShuffleBlockFetcher,
  ShuffleReader,
} from "../shuffle/shuffle-reader.ts";
import { compressionCodec } from "../storage/compression.ts";
import { DiskDirs } from "../storage/disk-dirs.ts";
import { SharedBlockTable, tagOf } from "../storage/shared-block-table.ts";
import { SlotControl } from "./control.ts";
import { type BlockAccess, TaskContext, TaskKilledError } from "./task-context.ts";
import { isTaskRunnerModule, type TaskRunnerModule } from "./task-runner.ts";
import type { WorkerInit } from "./worker-init.ts";

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error("worker-main.ts must run in a worker thread");

function send(message: WorkerToExecutor, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

const control = new SlotControl(init.controlBuffer);
const dirs = new DiskDirs(init.dirsRoot);
const shuffleCodec = compressionCodec(init.shuffleCodec);
const spillCodec = compressionCodec(init.spillCodec);
const memoryManager = new UnifiedMemoryManager({
  pool: new SharedPool(init.poolBuffer),
  requestEviction: (bytes) => {
    control.beginEviction(init.slot);
    send({ kind: "evictStorage", slot: init.slot, bytes });
    control.awaitEviction(init.slot, 10_000);
  },
});

let nextRequestId = 0;
interface BlockAnswer {
  readonly found: boolean;
  readonly value: Uint8Array | undefined;
}
const pendingBlocks = new Map<
  number,
  { resolve: (v: BlockAnswer) => void; reject: (e: Error) => void }
>();
function blockRequest(request: BlockRequest): Promise<BlockAnswer> {
  const requestId = nextRequestId++;
  return new Promise<BlockAnswer>((resolve, reject) => {
    pendingBlocks.set(requestId, { resolve, reject });
    send({ kind: "blockRequest", requestId, request });
  });
}

/**
 * Tagged blocks this thread got or stored, kept while the executor's block table says the
 * block manager still holds them in memory: reading them again needs no message.
 */
const blockTable = new SharedBlockTable(init.blockTableBuffer);
const keptBlocks = new Map<string, Uint8Array>();

function kept(blockId: string): Uint8Array | undefined {
  const bytes = keptBlocks.get(blockId);
  if (bytes === undefined) return undefined;
  const tag = tagOf(bytes);
  if (tag !== undefined && blockTable.holds(blockId, tag)) return bytes;
  keptBlocks.delete(blockId);
  return undefined;
}

function keep(blockId: string, bytes: Uint8Array | undefined): void {
  if (bytes !== undefined && tagOf(bytes) !== undefined) keptBlocks.set(blockId, bytes);
}

/** Drops kept blocks the block manager no longer holds (their memory can then be freed). */
function forgetStaleBlocks(): void {
  for (const id of [...keptBlocks.keys()]) kept(id);
}

const blocks: BlockAccess = {
  get: async (blockId) => {
    const hit = kept(blockId);
    if (hit !== undefined) return hit;
    const { value } = await blockRequest({ op: "get", blockId });
    keep(blockId, value);
    return value;
  },
  put: async (blockId, value, level) => {
    const { found } = await blockRequest({ op: "put", blockId, value, level });
    if (found) keep(blockId, value);
    return found;
  },
  remove: async (blockId) => {
    keptBlocks.delete(blockId);
    await blockRequest({ op: "remove", blockId });
  },
};

/** A broadcast's bytes: the executor shares them (no copy) from its block manager. */
async function getBroadcast(broadcastId: number): Promise<Uint8Array> {
  const { value } = await blockRequest({ op: "getBroadcast", broadcastId });
  if (!value) throw new Error(`broadcast ${broadcastId} is not available`);
  return value;
}

let runner: TaskRunnerModule | undefined;
let current: TaskContext | undefined;

async function runTask(task: TaskDescription): Promise<void> {
  control.setKilled(init.slot, false);
  forgetStaleBlocks();
  const memory = new TaskMemoryManager(memoryManager, init.slot, () => {
    if (control.isKilled(init.slot)) throw new TaskKilledError("killed while waiting for memory");
  });
  const ctx = new TaskContext(task, {
    executorId: init.executorId,
    memory,
    dirs,
    shuffleCodec,
    spillCodec,
    shuffleReader: new ShuffleReader(
      new LocalShuffleBlockFetcher(dirs.shuffleDir),
      shuffleCodec,
      init.executorId,
    ),
    blocks,
    getBroadcast,
    isKilled: () => control.isKilled(init.slot),
  });
  current = ctx;
  const start = performance.now();
  let outcome: TaskOutcome;
  let transfer: ArrayBuffer[] = [];
  try {
    if (!runner) throw new Error("task runner module not loaded");
    const value = await runner.runTask(task, ctx);
    // A fetch failure counts even if the runner caught it (its output would be incomplete).
    if (ctx.fetchFailure) throw ctx.fetchFailure;
    ctx.throwIfInterrupted();
    if (task.kind === "shuffleMap") {
      const commit = ctx.commitShuffleOutput();
      ctx.finish();
      ctx.metrics.executorRunTimeMs = performance.now() - start;
      outcome = {
        state: "finished",
        mapStatus: {
          executorId: init.executorId,
          mapIndex: task.partition,
          mapId: task.taskId,
          partitionLengths: commit.partitionLengths,
          recordCounts: commit.recordCounts,
        },
        metrics: ctx.metrics,
      };
    } else {
      const bytes = value instanceof Uint8Array ? value : new Uint8Array(0);
      ctx.finish();
      ctx.metrics.executorRunTimeMs = performance.now() - start;
      ctx.metrics.resultSize = bytes.byteLength;
      outcome = { state: "finished", value: bytes, metrics: ctx.metrics };
      transfer = transferablesOf(bytes);
    }
  } catch (e) {
    ctx.finish();
    ctx.metrics.executorRunTimeMs = performance.now() - start;
    outcome = { state: "failed", reason: failureReason(ctx, e), metrics: ctx.metrics };
  }
  current = undefined;
  send({ kind: "taskDone", taskId: task.taskId, outcome }, transfer);
}

function failureReason(
  ctx: TaskContext,
  e: unknown,
): Extract<TaskOutcome, { state: "failed" }>["reason"] {
  const fetch = ctx.fetchFailure ?? (e instanceof FetchFailedError ? e : undefined);
  if (fetch) {
    return {
      kind: "fetchFailed",
      shuffleId: fetch.shuffleId,
      mapIndex: fetch.mapIndex,
      mapId: fetch.mapId,
      reducePartition: fetch.reducePartition,
      executorId: fetch.executorId,
      message: fetch.message,
    };
  }
  const killReason = ctx.killReason;
  if (killReason !== undefined) return { kind: "killed", reason: killReason };
  return { kind: "exception", exception: exceptionInfo(e) };
}

port.on("message", (message: ExecutorToWorker) =>
  dispatch<ExecutorToWorker>(
    {
      runTask: (m) => {
        void runTask(m.task);
      },
      killTask: (m) => {
        if (current?.task.taskId === m.taskId) current.kill(m.reason);
      },
      blockReply: (m) => {
        const pending = pendingBlocks.get(m.requestId);
        if (!pending) return;
        pendingBlocks.delete(m.requestId);
        if (m.ok) pending.resolve({ found: m.found, value: m.value });
        else pending.reject(new Error(m.error ?? "block request failed"));
      },
    },
    message,
  ),
);

const loaded: unknown = await import(init.taskRunnerModule);
if (!isTaskRunnerModule(loaded)) {
  throw new Error(`${init.taskRunnerModule} does not export runTask(task, ctx)`);
}
runner = loaded;
send({ kind: "ready" });
