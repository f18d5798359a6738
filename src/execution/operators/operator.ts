/**
 * The contract every physical operator implements, and the table that dispatches on node
 * kind. Operators are immutable descriptions (../plan/physical-plan.ts); per-task state
 * lives in the generators `execute` returns, which do no work before the first batch is
 * pulled.
 */
import type { SortOrder } from "../../catalyst/expressions/expression.ts";
import type { TaskMemoryManager } from "../../memory/task-memory-manager.ts";
import type { SpillFile } from "../../storage/spill-file.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import type {
  Distribution,
  Partitioning,
  PhysicalKind,
  PhysicalPlan,
} from "../plan/physical-plan.ts";

/** Settings that change what operators compute. */
export interface ExecConf {
  /** `spark.sql.ansi.enabled` (true in Spark 4). */
  readonly ansi: boolean;
  /** Rows per batch produced by scans. */
  readonly batchSize: number;
  /** `spark.sql.codegen.factoryMode` (NO_CODEGEN interprets every expression). */
  readonly codegenFactoryMode?: "FALLBACK" | "NO_CODEGEN";
  /** Test-only fault injection (`spark.flint.test.fault`, see run/task-runner.ts). */
  readonly testFault?: string;
}

export const DEFAULT_EXEC_CONF: ExecConf = Object.freeze({ ansi: true, batchSize: 4096 });

/** Per-operator metrics of one task: node id -> metric name -> value. */
export type OperatorMetrics = Record<string, Record<string, number>>;

/** What a running task gives its operators. */
export interface ExecContext {
  readonly conf: ExecConf;
  /** Batches of shuffle partition `partition` of the exchange with this node id. */
  shuffleInput(exchangeId: number, partition: number): readonly ColumnarBatch[];
  /** Every batch of the broadcast exchange with this node id. */
  broadcastInput(exchangeId: number): readonly ColumnarBatch[];
  /** Adds to a metric of a node ("numOutputRows", "spillSize", "peakMemory", ...). */
  addMetric(nodeId: number, name: string, value: number): void;
  /** The task's execution memory (null outside a task: no accounting, no spilling). */
  readonly memory: TaskMemoryManager | null;
  /** A temporary file for spilling, deleted when the task ends. */
  createSpillFile(): SpillFile;
  /** The cached batches of a cached relation's partition, when its block was found. */
  cachedInput(nodeId: number, partition: number): readonly ColumnarBatch[] | undefined;
  /** The batches of a file scan's partition (read by the task runner before running). */
  fileInput(nodeId: number, partition: number): readonly ColumnarBatch[];
  /** Hands the computed batches of a cached relation's partition over to be stored. */
  cacheOutput(nodeId: number, partition: number, batches: readonly ColumnarBatch[]): void;
}

/** Runs `child` for one of its partitions (the operator decides which). */
export type RunChild = (child: PhysicalPlan, partition: number) => Iterable<ColumnarBatch>;

export interface OperatorDef<P extends PhysicalPlan> {
  /**
   * One line as Spark prints the node (without the `*(n) ` prefix): `simpleString`, or
   * `verboseString` (extended explain) when `verbose`.
   */
  readonly describe: (p: P, verbose: boolean) => string;
  /** Whether the node can be fused into a whole-stage codegen subtree (`*(n)`). */
  readonly supportsCodegen: (p: P) => boolean;
  /** The distribution each child must satisfy, in child order. */
  readonly requiredChildDistribution: (p: P) => readonly Distribution[];
  /** The ordering each child must satisfy (empty = none). */
  readonly requiredChildOrdering: (p: P) => readonly (readonly SortOrder[])[];
  readonly outputPartitioning: (p: P) => Partitioning;
  readonly outputOrdering: (p: P) => readonly SortOrder[];
  /** The output batches of partition `partition`. */
  readonly execute: (
    p: P,
    ctx: ExecContext,
    partition: number,
    run: RunChild,
  ) => Iterable<ColumnarBatch>;
}

export type OperatorTable = {
  readonly [K in PhysicalKind]: OperatorDef<Extract<PhysicalPlan, { kind: K }>>;
};
