/**
 * What a planner hands the runtime: a job is the final (result) stage and, through
 * `parents`, the DAG of shuffle map stages it reads. The planner has already cut the plan at
 * its exchanges; the scheduler cuts nothing. Payloads are opaque to the runtime: the task
 * runner module on the executor interprets them.
 */

/** A stage's work, e.g. the JSON of a plan fragment or its binary encoding. */
export type Payload = Uint8Array | string;

/** A stage that writes a shuffle: `numPartitions` map tasks, each writing `numReducePartitions` blocks. */
export interface ShuffleMapStageDef {
  readonly kind: "shuffleMap";
  /** From `runtime.newShuffleId()`. A stage def with an already computed shuffle is not re-run. */
  readonly shuffleId: number;
  readonly numPartitions: number;
  readonly numReducePartitions: number;
  readonly payload: Payload;
  /** The map stages whose shuffles this stage reads (the same object when shared). */
  readonly parents: readonly ShuffleMapStageDef[];
  /** Per partition, executor ids where the task would rather run (e.g. a cached block's). */
  readonly preferredLocations?: readonly (readonly string[])[];
  /** For the UI and progress bar ("Exchange hashpartitioning(...)"). */
  readonly name?: string;
}

/** The final stage: each task returns bytes to the driver. */
export interface ResultStageDef {
  readonly kind: "result";
  readonly numPartitions: number;
  /** Compute only these partitions (e.g. `take`); all when absent. Results come back in this order. */
  readonly partitions?: readonly number[];
  readonly payload: Payload;
  readonly parents: readonly ShuffleMapStageDef[];
  readonly preferredLocations?: readonly (readonly string[])[];
  readonly name?: string;
}

export type StageDef = ShuffleMapStageDef | ResultStageDef;

export interface JobOptions {
  /** Shown in the UI and progress bar. */
  readonly description?: string;
  /** Spark's local properties (job group, scheduler pool, SQL execution id, ...), passed to every task. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Aborting cancels the job: running tasks are killed and the promise rejects. */
  readonly signal?: AbortSignal;
  /** Called as each result partition arrives (index into the job's partitions, bytes). */
  readonly onResult?: (index: number, value: Uint8Array) => void;
}

/** Sizes of a completed shuffle, for adaptive planning (Spark's MapOutputStatistics). */
export interface MapOutputStatistics {
  readonly shuffleId: number;
  /** Total bytes per reduce partition, summed over map outputs. */
  readonly bytesByPartitionId: readonly number[];
  /** Total records per reduce partition, as declared by the map tasks. */
  readonly recordsByPartitionId: readonly number[];
}
