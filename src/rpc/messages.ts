/**
 * Every message between the driver, executors and worker threads. Each direction is a
 * tagged union; endpoints dispatch through `Handlers`, a record with one handler per kind,
 * so adding a message without handling it does not compile.
 *
 * Messages are plain data: structured-cloneable for MessagePorts (local mode) and encodable
 * with `codec.ts` for a socket transport (cluster mode).
 */
import type { TaskDescription, TaskOutcome } from "../scheduler/task.ts";
import type { BlockStatus, StorageLevel } from "../storage/storage-level.ts";

/** Driver -> executor. */
export type DriverToExecutor =
  | { readonly kind: "launchTask"; readonly task: TaskDescription }
  | { readonly kind: "killTask"; readonly taskId: number; readonly reason: string }
  | { readonly kind: "removeShuffle"; readonly shuffleId: number }
  | { readonly kind: "removeBlocks"; readonly prefix: string }
  | { readonly kind: "removeBlock"; readonly blockId: string }
  | {
      readonly kind: "broadcastValue";
      readonly requestId: number;
      readonly broadcastId: number;
      /** Absent when the broadcast was destroyed. */
      readonly value: Uint8Array | undefined;
    }
  | { readonly kind: "stopExecutor" };

/** Executor -> driver. */
export type ExecutorToDriver =
  | {
      readonly kind: "registerExecutor";
      readonly executorId: string;
      readonly host: string;
      readonly cores: number;
    }
  | {
      readonly kind: "statusUpdate";
      readonly executorId: string;
      readonly taskId: number;
      readonly outcome: TaskOutcome;
    }
  | { readonly kind: "blockUpdate"; readonly executorId: string; readonly status: BlockStatus }
  | {
      readonly kind: "fetchBroadcast";
      readonly executorId: string;
      readonly requestId: number;
      readonly broadcastId: number;
    }
  | { readonly kind: "executorStopped"; readonly executorId: string };

/** Executor main thread -> worker thread (one task slot). */
export type ExecutorToWorker =
  | { readonly kind: "runTask"; readonly task: TaskDescription }
  | { readonly kind: "killTask"; readonly taskId: number; readonly reason: string }
  | {
      readonly kind: "blockReply";
      readonly requestId: number;
      readonly ok: boolean;
      /** get / getBroadcast: the block exists; put: it was stored; remove: it existed. */
      readonly found: boolean;
      readonly value: Uint8Array | undefined;
      readonly error: string | undefined;
    };

export type BlockRequest =
  | { readonly op: "get"; readonly blockId: string }
  | {
      readonly op: "put";
      readonly blockId: string;
      readonly value: Uint8Array;
      readonly level: StorageLevel;
    }
  | { readonly op: "remove"; readonly blockId: string }
  | { readonly op: "getBroadcast"; readonly broadcastId: number };

/** Worker thread -> executor main thread. */
export type WorkerToExecutor =
  | { readonly kind: "ready" }
  | { readonly kind: "taskDone"; readonly taskId: number; readonly outcome: TaskOutcome }
  | { readonly kind: "blockRequest"; readonly requestId: number; readonly request: BlockRequest }
  | {
      /** Blocking request: the worker waits on its control word for the answer. */
      readonly kind: "evictStorage";
      readonly slot: number;
      readonly bytes: number;
    };

export type Message = { readonly kind: string };

/** One handler per message kind. */
export type Handlers<M extends Message> = {
  readonly [K in M["kind"]]: (message: Extract<M, { kind: K }>) => void;
};

export function dispatch<M extends Message>(handlers: Handlers<M>, message: M): void {
  const handler = handlers[message.kind as M["kind"]] as (m: M) => void;
  handler(message);
}
