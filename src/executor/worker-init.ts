import type { CompressionCodecName } from "../storage/compression.ts";

/** What a worker thread is started with (its `workerData`). */
export interface WorkerInit {
  readonly executorId: string;
  readonly slot: number;
  readonly poolBuffer: SharedArrayBuffer;
  readonly controlBuffer: SharedArrayBuffer;
  /** The executor's SharedBlockTable (which tagged blocks it holds in memory). */
  readonly blockTableBuffer: SharedArrayBuffer;
  readonly dirsRoot: string;
  readonly shuffleCodec: CompressionCodecName;
  readonly spillCodec: CompressionCodecName;
  /** URL of the task runner module. */
  readonly taskRunnerModule: string;
}
