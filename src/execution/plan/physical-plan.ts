/**
 * Physical plans as an immutable tagged union (Spark's SparkPlan nodes). A physical plan
 * is pure data: it is serialized to JSON for tasks (see ../run/serde.ts), so nodes hold
 * expressions, attributes and constants, never functions. Operator behaviour lives in
 * ../operators/, one file per node kind, dispatched through `Record<PhysicalKind, ...>`.
 *
 * Expressions reference their input by `AttributeReference` (as in Spark); they are bound
 * to column ordinals of the child's output when a task compiles its pipeline.
 */
import type {
  AggregateExpression,
  AttributeReference,
  Expression,
  NamedExpression,
  SortOrder,
} from "../../catalyst/expressions/expression.ts";
import type { JoinType } from "../../catalyst/plans/logical-plan.ts";
import type { StructType } from "../../types/data-types.ts";

export type PhysicalPlan =
  | LocalTableScanExec
  | RangeExec
  | OneRowScanExec
  | FileSourceScanExec
  | WithSubqueriesExec
  | ProjectExec
  | FilterExec
  | HashAggregateExec
  | SortExec
  | TakeOrderedAndProjectExec
  | CollectLimitExec
  | LocalLimitExec
  | GlobalLimitExec
  | ShuffleExchangeExec
  | BroadcastExchangeExec
  | BroadcastHashJoinExec
  | SortMergeJoinExec
  | BroadcastNestedLoopJoinExec
  | UnionExec
  | CoalesceExec
  | ExpandExec
  | SampleExec
  | WindowExec
  | GenerateExec
  | InMemoryTableScanExec
  | CartesianProductExec
  | WriteFilesExec;

export type PhysicalKind = PhysicalPlan["kind"];

/** Common fields: `id` is unique within one planned query (explain's node numbers, metrics). */
interface Base {
  readonly id: number;
  /** The whole-stage codegen subtree this node is fused into (`*(n)`), or 0. */
  readonly codegenStageId: number;
}

// ---------------------------------------------------------------------------------------
// Partitioning (what an operator's output looks like) and distribution (what it needs)

export type Partitioning =
  | {
      readonly kind: "Hash";
      readonly expressions: readonly Expression[];
      readonly numPartitions: number;
    }
  | {
      readonly kind: "Range";
      readonly ordering: readonly SortOrder[];
      readonly numPartitions: number;
    }
  | { readonly kind: "RoundRobin"; readonly numPartitions: number }
  | { readonly kind: "Single" }
  | {
      readonly kind: "Unknown";
      readonly numPartitions: number;
      /**
       * Spark's LocalTableScan reports UnknownPartitioning(0): it satisfies no distribution,
       * even with one slice (so a 1-row relation still gets its exchange).
       */
      readonly satisfiesNothing?: true;
    }
  /** Every task sees all rows (a broadcast's output). */
  | { readonly kind: "Broadcast" };

export type Distribution =
  | { readonly kind: "Unspecified" }
  | { readonly kind: "AllTuples" }
  | { readonly kind: "Clustered"; readonly expressions: readonly Expression[] }
  | { readonly kind: "Ordered"; readonly ordering: readonly SortOrder[] }
  | { readonly kind: "Broadcast" };

// ---------------------------------------------------------------------------------------
// Leaves

/** Rows carried in the plan (internal representation), split into `numSlices` partitions. */
export interface LocalTableScanExec extends Base {
  readonly kind: "LocalTableScan";
  readonly output: readonly AttributeReference[];
  readonly rows: readonly (readonly unknown[])[];
  readonly numSlices: number;
}

/** `SELECT` without FROM: one row, no columns (Spark's `Scan OneRowRelation[]`). */
export interface OneRowScanExec extends Base {
  readonly kind: "OneRowScan";
}

export interface RangeExec extends Base {
  readonly kind: "Range";
  readonly start: bigint;
  readonly end: bigint;
  readonly step: bigint;
  readonly numSlices: number;
  readonly output: readonly [AttributeReference];
}

// ---------------------------------------------------------------------------------------
// Narrow operators

export interface ProjectExec extends Base {
  readonly kind: "Project";
  readonly projectList: readonly NamedExpression[];
  readonly child: PhysicalPlan;
}

export interface FilterExec extends Base {
  readonly kind: "Filter";
  readonly condition: Expression;
  readonly child: PhysicalPlan;
}

/**
 * Hash aggregation in one mode. Partial: output = grouping attributes ++ buffer attributes.
 * Final: consumes the partial's output and evaluates `resultExpressions` over grouping
 * attributes ++ `aggregateAttributes` (one result attribute per aggregate).
 */
export interface HashAggregateExec extends Base {
  readonly kind: "HashAggregate";
  /**
   * The operator Spark would pick (AggUtils.createAggregate): HashAggregate when every
   * buffer is of a fixed-width type, ObjectHashAggregate when every function keeps an
   * object buffer (collect_list, ...), SortAggregate otherwise (input sorted by the keys).
   * Flint runs all three with its hash table; the name drives EXPLAIN and the ordering.
   */
  readonly implementation: "HashAggregate" | "ObjectHashAggregate" | "SortAggregate";
  readonly requiredChildDistributionExpressions: readonly Expression[] | null;
  readonly groupingExpressions: readonly NamedExpression[];
  readonly aggregateExpressions: readonly AggregateExpression[];
  /** Per aggregate: its buffer attributes (partial input/output of the merge step). */
  readonly bufferAttributes: readonly (readonly AttributeReference[])[];
  /** Per aggregate: its result attribute (`sum(salary#2)#4L`). */
  readonly aggregateAttributes: readonly AttributeReference[];
  readonly resultExpressions: readonly NamedExpression[];
  readonly child: PhysicalPlan;
}

export interface SortExec extends Base {
  readonly kind: "Sort";
  readonly order: readonly SortOrder[];
  readonly global: boolean;
  readonly child: PhysicalPlan;
  /** Only the first `limit` rows are needed (a partition's top-N before a top-N's shuffle). */
  readonly limit?: number;
}

/** Top-N: `ORDER BY ... LIMIT n` with a projection, all in one operator (no full sort). */
export interface TakeOrderedAndProjectExec extends Base {
  readonly kind: "TakeOrderedAndProject";
  readonly limit: number;
  readonly offset: number;
  readonly order: readonly SortOrder[];
  readonly projectList: readonly NamedExpression[];
  readonly child: PhysicalPlan;
}

/** The root limit: takes the first `limit` rows, scanning partitions in order. */
export interface CollectLimitExec extends Base {
  readonly kind: "CollectLimit";
  readonly limit: number;
  readonly offset: number;
  readonly child: PhysicalPlan;
}

export interface LocalLimitExec extends Base {
  readonly kind: "LocalLimit";
  readonly limit: number;
  readonly child: PhysicalPlan;
}

export interface GlobalLimitExec extends Base {
  readonly kind: "GlobalLimit";
  readonly limit: number;
  readonly offset: number;
  readonly child: PhysicalPlan;
}

// ---------------------------------------------------------------------------------------
// Exchanges

export type ShuffleOrigin = "ENSURE_REQUIREMENTS" | "REPARTITION_BY_COL" | "REPARTITION_BY_NUM";

/** A shuffle: cuts the plan into stages. */
export interface ShuffleExchangeExec extends Base {
  readonly kind: "ShuffleExchange";
  readonly partitioning: Partitioning;
  readonly origin: ShuffleOrigin;
  readonly child: PhysicalPlan;
}

/** Collects the child to the driver and ships it to every task (hash-join build side). */
export interface BroadcastExchangeExec extends Base {
  readonly kind: "BroadcastExchange";
  /** Keys the build side is hashed on (`HashedRelationBroadcastMode`); empty = identity. */
  readonly keys: readonly Expression[];
  readonly child: PhysicalPlan;
}

// ---------------------------------------------------------------------------------------
// Joins

export type BuildSide = "BuildLeft" | "BuildRight";

export interface BroadcastHashJoinExec extends Base {
  readonly kind: "BroadcastHashJoin";
  readonly leftKeys: readonly Expression[];
  readonly rightKeys: readonly Expression[];
  readonly joinType: JoinType;
  readonly buildSide: BuildSide;
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}

export interface SortMergeJoinExec extends Base {
  readonly kind: "SortMergeJoin";
  readonly leftKeys: readonly Expression[];
  readonly rightKeys: readonly Expression[];
  readonly joinType: JoinType;
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}

export interface BroadcastNestedLoopJoinExec extends Base {
  readonly kind: "BroadcastNestedLoopJoin";
  readonly joinType: JoinType;
  readonly buildSide: BuildSide;
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}

export interface UnionExec extends Base {
  readonly kind: "Union";
  readonly output: readonly AttributeReference[];
  readonly children: readonly PhysicalPlan[];
}

/** `coalesce(n)`: merges contiguous child partitions into `numPartitions`, no shuffle. */
export interface CoalesceExec extends Base {
  readonly kind: "Coalesce";
  readonly numPartitions: number;
  readonly child: PhysicalPlan;
}

/** One output row per projection per input row (GROUPING SETS, ROLLUP, CUBE). */
export interface ExpandExec extends Base {
  readonly kind: "Expand";
  readonly projections: readonly (readonly Expression[])[];
  readonly output: readonly AttributeReference[];
  readonly child: PhysicalPlan;
}

/** Bernoulli (or Poisson, with replacement) sampling of each partition. */
export interface SampleExec extends Base {
  readonly kind: "Sample";
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly withReplacement: boolean;
  readonly seed: number;
  readonly child: PhysicalPlan;
}

/**
 * Window functions over partitions of rows clustered by `partitionSpec` and sorted by
 * `partitionSpec ++ orderSpec`; output = child output ++ one column per window expression.
 */
export interface WindowExec extends Base {
  readonly kind: "Window";
  readonly windowExpressions: readonly NamedExpression[];
  readonly partitionSpec: readonly Expression[];
  readonly orderSpec: readonly SortOrder[];
  readonly child: PhysicalPlan;
}

/** A generator (explode, posexplode, inline) joined with the child columns still needed. */
export interface GenerateExec extends Base {
  readonly kind: "Generate";
  readonly generator: Expression;
  readonly requiredChildOutput: readonly AttributeReference[];
  readonly outer: boolean;
  readonly generatorOutput: readonly AttributeReference[];
  readonly child: PhysicalPlan;
}

/**
 * A cached relation: partition p is block `rdd_<cacheId>_<p>` of the executors' block
 * managers, computed from `child` (the cached plan) and stored the first time it is read.
 */
export interface InMemoryTableScanExec extends Base {
  readonly kind: "InMemoryTableScan";
  readonly cacheId: number;
  readonly storageLevel: string;
  readonly output: readonly AttributeReference[];
  readonly child: PhysicalPlan;
}

/** Every left row with every right row (then the condition): partition (i, j) pairs them. */
export interface CartesianProductExec extends Base {
  readonly kind: "CartesianProduct";
  readonly condition: Expression | null;
  readonly output: readonly AttributeReference[];
  readonly left: PhysicalPlan;
  readonly right: PhysicalPlan;
}

/**
 * Files of a data source, one task per file (`files` are resolved at planning time).
 * Only Parquet is read so far; rows come back as batches of the requested columns.
 */
export interface FileSourceScanExec extends Base {
  readonly kind: "FileSourceScan";
  readonly format: string;
  /** One entry per task: the byte ranges of files it reads (several small files may share one). */
  readonly partitions: readonly (readonly FileScanSplit[])[];
  readonly rootPaths: readonly string[];
  /** Data columns read (in `dataSchema`) then partition columns (in `partitionSchema`). */
  readonly output: readonly AttributeReference[];
  /** Every data column of the files (CSV/JSON parse against it). */
  readonly dataSchema: StructType;
  readonly partitionSchema: StructType;
  /** Data source options, keys lower-cased. */
  readonly options: Readonly<Record<string, string>>;
  readonly timeZone: string;
  /** Filters on partition columns only: partitions they reject were not planned. */
  readonly partitionFilters: readonly Expression[];
  /** Filters on data columns the source may use (row groups). */
  readonly pushedFilters: readonly Expression[];
  /** Files selected after partition pruning. */
  readonly numFiles: number;
}

/** A byte range of a data file and its partition values (internal representation). */
export interface FileScanSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileSize: number;
  readonly partitionValues: readonly unknown[];
}

/**
 * The root of a plan whose expressions hold uncorrelated scalar subqueries: each is run
 * first (its own job) and its value replaces `scalar-subquery#id` in `child`.
 */
export interface WithSubqueriesExec extends Base {
  readonly kind: "WithSubqueries";
  readonly subqueries: readonly { readonly exprId: number; readonly plan: PhysicalPlan }[];
  readonly child: PhysicalPlan;
}

/**
 * The root of a file write's stage: each task writes its partition of `child` as files
 * under its task attempt directory of the job's staging root, commits the task, and
 * returns one row (`output`: a JSON commit message of what it wrote). The driver commits
 * the job (../datasources/write/). Partitioned writes get their child sorted by the
 * partition columns, so each task has one file open at a time.
 */
export interface WriteFilesExec extends Base {
  readonly kind: "WriteFiles";
  readonly format: string;
  /** Resolved codec name (`snappy`, `none`, `gzip`, ...). */
  readonly codec: string;
  readonly options: Readonly<Record<string, string>>;
  readonly timeZone: string;
  readonly jobUuid: string;
  readonly jobTrackerId: string;
  readonly stagingRoot: string;
  /** Columns written into the files, in file schema order. */
  readonly dataColumns: readonly AttributeReference[];
  /** Columns encoded in the directory names (`k=v/`), in directory order. */
  readonly partitionColumns: readonly AttributeReference[];
  /** Rows per file before another is started (0: no limit). */
  readonly maxRecordsPerFile: number;
  readonly output: readonly AttributeReference[];
  readonly child: PhysicalPlan;
}
