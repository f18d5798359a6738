import type { TaskMemoryManager } from "../memory/task-memory-manager.ts";
import type { TaskDescription, TaskMetrics } from "../scheduler/task.ts";
import { emptyTaskMetrics } from "../scheduler/task.ts";
import {
  FetchFailedError,
  type ShuffleInput,
  type ShuffleReader,
  type ShuffleReadRange,
} from "../shuffle/shuffle-reader.ts";
import { ShuffleWriter } from "../shuffle/shuffle-writer.ts";
import type { CompressionCodec } from "../storage/compression.ts";
import type { DiskDirs } from "../storage/disk-dirs.ts";
import { SpillFile } from "../storage/spill-file.ts";
import type { StorageLevel } from "../storage/storage-level.ts";

/** Thrown inside a task that was killed (cancellation, a losing speculative copy). */
export class TaskKilledError extends Error {
  override readonly name = "TaskKilledException";
}

/** The executor's block manager, as seen from a worker thread. */
export interface BlockAccess {
  get(blockId: string): Promise<Uint8Array | undefined>;
  /** Returns false when the level allows memory only and the block did not fit. */
  put(blockId: string, value: Uint8Array, level: StorageLevel): Promise<boolean>;
  remove(blockId: string): Promise<void>;
}

export interface TaskContextServices {
  readonly executorId: string;
  readonly memory: TaskMemoryManager;
  readonly dirs: DiskDirs;
  readonly shuffleCodec: CompressionCodec;
  readonly spillCodec: CompressionCodec;
  readonly shuffleReader: ShuffleReader;
  readonly blocks: BlockAccess;
  readonly getBroadcast: (broadcastId: number) => Promise<Uint8Array>;
  readonly isKilled: () => boolean;
}

/**
 * What a running task can reach (Spark's TaskContext), handed to the task runner module's
 * `runTask`. Lives in the worker thread for the duration of one task attempt.
 */
export class TaskContext {
  readonly task: TaskDescription;
  readonly executorId: string;
  /** Accumulated as the task runs; sent back with the task's outcome. */
  readonly metrics: TaskMetrics = emptyTaskMetrics();
  /** Aborted when the task is killed; pass it to anything cancellable. */
  readonly signal: AbortSignal;
  /** The task's execution memory; operators build `MemoryConsumer`s on it. */
  readonly memory: TaskMemoryManager;
  readonly blocks: BlockAccess;
  readonly #services: TaskContextServices;
  readonly #abort = new AbortController();
  readonly #spillFiles: SpillFile[] = [];
  readonly #completionListeners: (() => void)[] = [];
  #writer: ShuffleWriter | undefined;
  #fetchFailure: FetchFailedError | undefined;
  #killReason: string | undefined;

  constructor(task: TaskDescription, services: TaskContextServices) {
    this.task = task;
    this.executorId = services.executorId;
    this.memory = services.memory;
    this.blocks = services.blocks;
    this.#services = services;
    this.signal = this.#abort.signal;
  }

  get partition(): number {
    return this.task.partition;
  }
  get stageId(): number {
    return this.task.stageId;
  }
  get stageAttempt(): number {
    return this.task.stageAttempt;
  }
  /** Which attempt of this task this is (0 first). */
  get attemptNumber(): number {
    return this.task.attempt;
  }
  get taskAttemptId(): number {
    return this.task.taskId;
  }
  get localProperties(): Readonly<Record<string, string>> {
    return this.task.localProperties;
  }

  /** Whether the task was asked to stop; long loops should check it now and then. */
  isInterrupted(): boolean {
    return this.#killReason !== undefined || this.#services.isKilled();
  }

  /** Throws `TaskKilledError` when the task was asked to stop. */
  throwIfInterrupted(): void {
    if (this.isInterrupted()) throw new TaskKilledError(this.#killReason ?? "killed");
  }

  /** The free-form metric map of one operator (filled by the SQL layer, shown by the UI). */
  operatorMetrics(operatorId: string): Record<string, number> {
    let m = this.metrics.operators[operatorId];
    if (!m) {
      m = {};
      this.metrics.operators[operatorId] = m;
    }
    return m;
  }

  /** The shuffle writer of a map task (one per task; committed by the runtime after `runTask`). */
  shuffleWriter(): ShuffleWriter {
    const out = this.task.shuffleOutput;
    if (!out) throw new Error(`task ${this.task.taskId} is not a shuffle map task`);
    this.#writer ??= new ShuffleWriter({
      taskMemoryManager: this.memory,
      dirs: this.#services.dirs,
      shuffleId: out.shuffleId,
      mapId: this.task.taskId,
      numReducePartitions: out.numReducePartitions,
      codec: this.#services.shuffleCodec,
    });
    return this.#writer;
  }

  /** The input description of a shuffle this task reads. */
  shuffleInput(shuffleId: number): ShuffleInput {
    const input = this.task.shuffleInputs.find((s) => s.shuffleId === shuffleId);
    if (!input) throw new Error(`task ${this.task.taskId} does not read shuffle ${shuffleId}`);
    return input;
  }

  /**
   * Reads reduce partitions `range` of a shuffle (default: this task's partition). A missing
   * or corrupt block fails the task as a fetch failure, whatever the caller does with the error.
   */
  async *readShuffle(shuffleId: number, range?: ShuffleReadRange): AsyncGenerator<Uint8Array> {
    const r = range ?? { startPartition: this.partition, endPartition: this.partition + 1 };
    try {
      for await (const segment of this.#services.shuffleReader.read(
        this.shuffleInput(shuffleId),
        r,
      )) {
        this.throwIfInterrupted();
        yield segment;
      }
    } catch (e) {
      if (e instanceof FetchFailedError) this.#fetchFailure ??= e;
      throw e;
    }
  }

  /** All segments of `range`, collected. */
  async readShuffleAll(shuffleId: number, range?: ShuffleReadRange): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for await (const s of this.readShuffle(shuffleId, range)) out.push(s);
    return out;
  }

  /** A broadcast variable's bytes (fetched once per executor, shared by its worker threads). */
  getBroadcast(broadcastId: number): Promise<Uint8Array> {
    return this.#services.getBroadcast(broadcastId);
  }

  /** A temp file for spilling, deleted when the task ends. */
  createSpillFile(prefix = "temp_local"): SpillFile {
    const dirs = this.#services.dirs;
    const f = new SpillFile(dirs.tempFile(dirs.spillDir, prefix), this.#services.spillCodec);
    this.#spillFiles.push(f);
    return f;
  }

  /** Runs `fn` when the task ends (success or failure), in reverse registration order. */
  addTaskCompletionListener(fn: () => void): void {
    this.#completionListeners.push(fn);
  }

  // ---- used by the worker runtime ----

  /** @internal */
  kill(reason: string): void {
    this.#killReason ??= reason;
    this.#abort.abort(new TaskKilledError(reason));
  }

  /** @internal the fetch failure seen by this task, if any. */
  get fetchFailure(): FetchFailedError | undefined {
    return this.#fetchFailure;
  }

  /** @internal */
  get killReason(): string | undefined {
    return this.#killReason ?? (this.#services.isKilled() ? "killed" : undefined);
  }

  /** @internal commits the map output (creating an empty one if the runner wrote nothing). */
  commitShuffleOutput(): ReturnType<ShuffleWriter["commit"]> {
    const t0 = performance.now();
    const result = this.shuffleWriter().commit();
    const w = this.metrics.shuffleWrite;
    w.bytesWritten += result.bytesWritten;
    w.recordsWritten += result.recordsWritten;
    w.writeTimeMs += performance.now() - t0;
    this.metrics.diskBytesSpilled += result.spillBytes;
    return result;
  }

  /** @internal releases everything the task held; returns leaked execution bytes. */
  finish(): void {
    for (const fn of this.#completionListeners.reverse()) {
      try {
        fn();
      } catch {
        // A failing listener must not keep the others from running.
      }
    }
    this.#writer?.release();
    for (const f of this.#spillFiles) {
      this.metrics.diskBytesSpilled += f.size;
      f.delete();
    }
    const r = this.#services.shuffleReader.metrics;
    const m = this.metrics.shuffleRead;
    m.localBytesRead += r.localBytesRead;
    m.remoteBytesRead += r.remoteBytesRead;
    m.fetchWaitTimeMs += r.fetchWaitTimeMs;
    m.blocksFetched += r.blocksFetched;
    this.metrics.peakExecutionMemory = Math.max(
      this.metrics.peakExecutionMemory,
      this.memory.peakExecutionMemory,
    );
    this.metrics.memoryBytesSpilled += this.memory.memoryBytesSpilled;
    this.memory.cleanUpAllAllocatedMemory();
  }
}
