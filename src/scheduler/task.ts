/**
 * The data that travels between driver and executors. Everything here is plain data
 * (structured-cloneable, and JSON-encodable with byte arrays as base64), never closures.
 */
import type { ShuffleInput } from "../shuffle/shuffle-reader.ts";
import type { Payload } from "./job.ts";

export type { ShuffleInput } from "../shuffle/shuffle-reader.ts";
export type TaskKind = "shuffleMap" | "result";

/** One attempt of one task, as launched on an executor. */
export interface TaskDescription {
  /** Unique per attempt in the application (Spark's TID). */
  readonly taskId: number;
  readonly jobId: number;
  readonly stageId: number;
  readonly stageAttempt: number;
  /** The partition of the stage this task computes. */
  readonly partition: number;
  /** Which attempt of this partition within the stage attempt (0 first). */
  readonly attempt: number;
  readonly kind: TaskKind;
  readonly payload: Payload;
  /** For map tasks: the shuffle to write. */
  readonly shuffleOutput?: { readonly shuffleId: number; readonly numReducePartitions: number };
  /** The shuffles this task may read, with every map output's location. */
  readonly shuffleInputs: readonly ShuffleInput[];
  readonly localProperties: Readonly<Record<string, string>>;
  readonly speculative: boolean;
}

/** What a map task produced (Spark's MapStatus). */
export interface MapStatus {
  readonly executorId: string;
  readonly mapIndex: number;
  /** The attempt's task id, which names its files. */
  readonly mapId: number;
  readonly partitionLengths: readonly number[];
  readonly recordCounts: readonly number[];
}

export interface ShuffleReadMetrics {
  recordsRead: number;
  localBytesRead: number;
  remoteBytesRead: number;
  fetchWaitTimeMs: number;
  blocksFetched: number;
}

export interface ShuffleWriteMetrics {
  bytesWritten: number;
  recordsWritten: number;
  writeTimeMs: number;
}

/** Metrics of one task attempt; the SQL layer fills `operators` (per-operator metric maps). */
export interface TaskMetrics {
  executorRunTimeMs: number;
  resultSize: number;
  peakExecutionMemory: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  input: { bytesRead: number; recordsRead: number };
  output: { bytesWritten: number; recordsWritten: number };
  shuffleRead: ShuffleReadMetrics;
  shuffleWrite: ShuffleWriteMetrics;
  /** operator id -> metric name -> value ("numOutputRows", "spillSize", ...). */
  operators: Record<string, Record<string, number>>;
}

export function emptyTaskMetrics(): TaskMetrics {
  return {
    executorRunTimeMs: 0,
    resultSize: 0,
    peakExecutionMemory: 0,
    memoryBytesSpilled: 0,
    diskBytesSpilled: 0,
    input: { bytesRead: 0, recordsRead: 0 },
    output: { bytesWritten: 0, recordsWritten: 0 },
    shuffleRead: {
      recordsRead: 0,
      localBytesRead: 0,
      remoteBytesRead: 0,
      fetchWaitTimeMs: 0,
      blocksFetched: 0,
    },
    shuffleWrite: { bytesWritten: 0, recordsWritten: 0, writeTimeMs: 0 },
    operators: {},
  };
}

/** A task's exception, carried as data (an error class survives the trip to the driver). */
export interface ExceptionInfo {
  readonly className: string;
  readonly message: string;
  readonly stack?: string;
  readonly errorClass?: string;
  readonly sqlState?: string;
  readonly messageParameters?: Readonly<Record<string, string>>;
}

/** Why a task attempt ended other than successfully (Spark's TaskEndReason). */
export type TaskFailureReason =
  | { readonly kind: "exception"; readonly exception: ExceptionInfo }
  | {
      readonly kind: "fetchFailed";
      readonly shuffleId: number;
      readonly mapIndex: number;
      readonly mapId: number;
      readonly reducePartition: number;
      readonly executorId: string;
      readonly message: string;
    }
  | { readonly kind: "killed"; readonly reason: string }
  | {
      /** The executor or worker thread running the task went away. */
      readonly kind: "executorLost";
      readonly executorId: string;
      /** Counts toward spark.task.maxFailures when the task's own code may be to blame. */
      readonly causedByApp: boolean;
      readonly message: string;
    };

/** The final report of a task attempt. */
export type TaskOutcome =
  | {
      readonly state: "finished";
      /** Result tasks: the bytes returned by the task runner. */
      readonly value?: Uint8Array;
      /** Map tasks: where the output is and how big. */
      readonly mapStatus?: MapStatus;
      readonly metrics: TaskMetrics;
    }
  | {
      readonly state: "failed";
      readonly reason: TaskFailureReason;
      readonly metrics: TaskMetrics;
    };

/** Spark's text for a failure reason (what "most recent failure: ..." prints). */
export function describeFailure(reason: TaskFailureReason): string {
  switch (reason.kind) {
    case "exception": {
      // the class and message only: the stack stays on the exception info, out of messages
      const e = reason.exception;
      return `${e.className}: ${e.message}`;
    }
    case "fetchFailed":
      return `FetchFailed(shuffleId=${reason.shuffleId}, mapIndex=${reason.mapIndex}, mapId=${reason.mapId}, reduceId=${reason.reducePartition}, executor=${reason.executorId}, message=\n${reason.message})`;
    case "killed":
      return `TaskKilled (${reason.reason})`;
    case "executorLost":
      return `ExecutorLostFailure (executor ${reason.executorId} exited ${reason.causedByApp ? "caused by one of the running tasks" : "unrelated to the running tasks"}) Reason: ${reason.message}`;
    default:
      return assertNever(reason);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
