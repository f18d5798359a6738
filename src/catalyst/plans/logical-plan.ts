/**
 * Logical plans as an immutable tagged union, mirroring Catalyst's nodes. Created through
 * the factories in `factories.ts`; compared structurally; never mutated.
 */
import type { DataType, StructType } from "../../types/data-types.ts";
import type {
  AttributeReference,
  Expression,
  NamedExpression,
  SortOrder,
} from "../expressions/expression.ts";

export type LogicalPlan =
  // leaves
  | LocalRelation
  | Range
  | OneRowRelation
  | UnresolvedRelation
  | CachedRelation
  | FileRelation
  | CteRelationRef
  // unary
  | Project
  | Filter
  | Aggregate
  | Sort
  | GlobalLimit
  | LocalLimit
  | Offset
  | Distinct
  | Deduplicate
  | Window
  | SubqueryAlias
  | Repartition
  | RepartitionByExpression
  | Sample
  | Expand
  | Generate
  | UnresolvedHint
  | ResolvedHint
  | WithCte
  | WithColumns
  | WithColumnsRenamed
  | DropColumns
  | NaFill
  | NaDrop
  | Describe
  | Pivot
  | Unpivot
  // binary / n-ary
  | Join
  | Union
  | Intersect
  | Except;

export type LogicalPlanKind = LogicalPlan["kind"];

// ---------------------------------------------------------------------------------------
// Leaves

/**
 * Rows held in the plan itself (`createDataFrame`, `VALUES`). `rows` use the internal
 * value representation, positional, one array per row.
 */
export interface LocalRelation {
  readonly kind: "LocalRelation";
  readonly output: readonly AttributeReference[];
  readonly rows: readonly (readonly unknown[])[];
}

/** `spark.range(start, end, step, numSlices)`: one non-null bigint column `id`. */
export interface Range {
  readonly kind: "Range";
  readonly start: bigint;
  readonly end: bigint;
  readonly step: bigint;
  readonly numSlices: number | null;
  readonly output: readonly [AttributeReference];
}

/** `SELECT 1` without FROM: a single row with no columns. */
export interface OneRowRelation {
  readonly kind: "OneRowRelation";
}

/** A table or view by name, before the analyzer looks it up in the catalog. */
export interface UnresolvedRelation {
  readonly kind: "UnresolvedRelation";
  readonly nameParts: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}

/** The output of a cached plan, read from the block manager (`df.cache()`). */
export interface CachedRelation {
  readonly kind: "CachedRelation";
  readonly cacheId: number;
  readonly output: readonly AttributeReference[];
  /** The plan that produces the cached data (for EXPLAIN and recomputation). */
  readonly plan: LogicalPlan;
  readonly storageLevel: string;
}

/** Files of a data source (parquet, csv, json, text), with partition columns. */
export interface FileRelation {
  readonly kind: "FileRelation";
  readonly format: string;
  readonly paths: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly dataSchema: StructType;
  readonly partitionSchema: StructType;
  readonly output: readonly AttributeReference[];
  /** Filters the scan may use to skip files and row groups (set by the optimizer). */
  readonly pushedFilters: readonly Expression[];
  readonly sizeInBytes: number | null;
  /**
   * The files listed when the relation was resolved (globs expanded, partition values in
   * `partitionSchema` order); when absent the planner lists `paths` itself.
   */
  readonly listing?:
    | {
        readonly rootPaths: readonly string[];
        readonly files: readonly {
          readonly path: string;
          readonly size: number;
          readonly partitionValues: readonly unknown[];
        }[];
      }
    | undefined;
}

/** A reference to a CTE defined by an enclosing `WithCte`. */
export interface CteRelationRef {
  readonly kind: "CteRelationRef";
  readonly cteId: number;
  readonly output: readonly AttributeReference[];
}

// ---------------------------------------------------------------------------------------
// Unary

export interface Project {
  readonly kind: "Project";
  readonly projectList: readonly Expression[];
  readonly child: LogicalPlan;
}

export interface Filter {
  readonly kind: "Filter";
  readonly condition: Expression;
  readonly child: LogicalPlan;
}

export interface Aggregate {
  readonly kind: "Aggregate";
  readonly groupingExpressions: readonly Expression[];
  readonly aggregateExpressions: readonly Expression[];
  readonly child: LogicalPlan;
}

export interface Sort {
  readonly kind: "Sort";
  readonly order: readonly SortOrder[];
  /** true: a total order over all partitions (ORDER BY); false: within each partition. */
  readonly global: boolean;
  readonly child: LogicalPlan;
}

/** The limit over the whole result. */
export interface GlobalLimit {
  readonly kind: "GlobalLimit";
  readonly limit: Expression;
  readonly child: LogicalPlan;
}

/** A limit per partition, which limit pushdown may place below other operators. */
export interface LocalLimit {
  readonly kind: "LocalLimit";
  readonly limit: Expression;
  readonly child: LogicalPlan;
}

export interface Offset {
  readonly kind: "Offset";
  readonly offset: Expression;
  readonly child: LogicalPlan;
}

export interface Distinct {
  readonly kind: "Distinct";
  readonly child: LogicalPlan;
}

/** `dropDuplicates(keys)`: keeps the first row for each distinct key. */
export interface Deduplicate {
  readonly kind: "Deduplicate";
  readonly keys: readonly Expression[];
  readonly child: LogicalPlan;
}

/** Window expressions over one partitioning and ordering; output = child + windows. */
export interface Window {
  readonly kind: "Window";
  readonly windowExpressions: readonly NamedExpression[];
  readonly partitionSpec: readonly Expression[];
  readonly orderSpec: readonly SortOrder[];
  readonly child: LogicalPlan;
}

export interface SubqueryAlias {
  readonly kind: "SubqueryAlias";
  /** The qualifier the child's output takes, e.g. ["t"] or ["db", "t"]. */
  readonly identifier: readonly string[];
  readonly child: LogicalPlan;
}

/** `repartition(n)` (shuffle = true, round robin) or `coalesce(n)` (shuffle = false). */
export interface Repartition {
  readonly kind: "Repartition";
  readonly numPartitions: number;
  readonly shuffle: boolean;
  readonly child: LogicalPlan;
}

/** `repartition(n?, cols...)` (hash) or `repartitionByRange(n?, orders...)` (range). */
export interface RepartitionByExpression {
  readonly kind: "RepartitionByExpression";
  readonly partitionExpressions: readonly Expression[];
  readonly numPartitions: number | null;
  readonly child: LogicalPlan;
}

export interface Sample {
  readonly kind: "Sample";
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly withReplacement: boolean;
  readonly seed: number;
  readonly child: LogicalPlan;
}

/** Each input row yields one output row per projection (GROUPING SETS, ROLLUP, CUBE). */
export interface Expand {
  readonly kind: "Expand";
  readonly projections: readonly (readonly Expression[])[];
  readonly output: readonly AttributeReference[];
  readonly child: LogicalPlan;
}

/** A generator (explode, ...) joined with its input row (LATERAL VIEW). */
export interface Generate {
  readonly kind: "Generate";
  readonly generator: Expression;
  /** Child output columns not needed above (pruned by the optimizer). */
  readonly unrequiredChildIndex: readonly number[];
  readonly outer: boolean;
  readonly qualifier: string | null;
  readonly generatorOutput: readonly AttributeReference[];
  readonly child: LogicalPlan;
}

export interface UnresolvedHint {
  readonly kind: "UnresolvedHint";
  readonly name: string;
  readonly parameters: readonly Expression[];
  readonly child: LogicalPlan;
}

export type JoinStrategyHint =
  | "BROADCAST"
  | "SHUFFLE_MERGE"
  | "SHUFFLE_HASH"
  | "SHUFFLE_REPLICATE_NL";

export interface ResolvedHint {
  readonly kind: "ResolvedHint";
  readonly strategy: JoinStrategyHint;
  readonly child: LogicalPlan;
}

export interface CteDef {
  readonly id: number;
  readonly name: string;
  readonly plan: LogicalPlan;
  readonly recursive: boolean;
}

/** Common table expressions referenced by `CteRelationRef`s in the child. */
export interface WithCte {
  readonly kind: "WithCte";
  readonly ctes: readonly CteDef[];
  readonly child: LogicalPlan;
}

/**
 * DataFrame operations that depend on the child's resolved columns, kept lazy as Spark
 * Connect keeps them; the analyzer rewrites each into a Project once the child resolves.
 * `withColumns`: replace same-named columns in place, append the others.
 */
export interface WithColumns {
  readonly kind: "WithColumns";
  readonly names: readonly string[];
  readonly exprs: readonly Expression[];
  readonly child: LogicalPlan;
}

/**
 * `withColumnsRenamed`: existing names are renamed; unknown names are ignored. With
 * `positional` (`toDF(names)`), `renames` holds only new names, one per column.
 */
export interface WithColumnsRenamed {
  readonly kind: "WithColumnsRenamed";
  readonly renames: readonly (readonly [string, string])[];
  readonly positional: boolean;
  readonly child: LogicalPlan;
}

/**
 * `PIVOT (aggregates FOR column IN (values))`, unresolved: the analyzer turns it into an
 * Aggregate grouped by `groupBy` (null: every input column the pivot and the aggregates
 * do not use) with one aggregate per (value, aggregate). Values may carry aliases.
 */
export interface Pivot {
  readonly kind: "Pivot";
  readonly groupBy: readonly Expression[] | null;
  readonly pivotColumn: Expression;
  readonly values: readonly Expression[];
  readonly aggregates: readonly Expression[];
  readonly child: LogicalPlan;
}

/**
 * `UNPIVOT [INCLUDE NULLS] (values FOR name IN (columns))`, unresolved: one output row per
 * input row and column set, holding the other columns (`ids`; null: every input column not
 * unpivoted), the set's name and its values; without INCLUDE NULLS rows whose values are
 * all null are dropped. The analyzer turns it into an Expand (and a Filter).
 */
export interface Unpivot {
  readonly kind: "Unpivot";
  readonly ids: readonly Expression[] | null;
  /** Column sets, each as wide as `valueColumnNames`. */
  readonly columns: readonly (readonly Expression[])[];
  /** The name of each set (null: the column's name, or names joined with `_`). */
  readonly aliases: readonly (string | null)[];
  readonly nameColumn: string;
  readonly valueColumnNames: readonly string[];
  readonly includeNulls: boolean;
  readonly child: LogicalPlan;
}

/** `drop(cols)`: columns by name (unknown names ignored) or by Column reference. */
export interface DropColumns {
  readonly kind: "DropColumns";
  readonly columns: readonly Expression[];
  readonly child: LogicalPlan;
}

/**
 * `na.fill`: per entry, a column name (null = every column whose type matches the
 * value) and the literal replacing its nulls.
 */
export interface NaFill {
  readonly kind: "NaFill";
  readonly columns: readonly (string | null)[];
  readonly values: readonly Expression[];
  readonly child: LogicalPlan;
}

/** `na.drop`: keep rows with at least `minNonNulls` non-nulls (or per `how`) in `columns`. */
export interface NaDrop {
  readonly kind: "NaDrop";
  readonly how: "any" | "all";
  readonly minNonNulls: number | null;
  /** null = all columns. */
  readonly columns: readonly string[] | null;
  readonly child: LogicalPlan;
}

/**
 * `describe(cols)`: count, mean, stddev, min and max of the columns (null = every numeric
 * and string column), each as a string, one row per statistic.
 */
export interface Describe {
  readonly kind: "Describe";
  readonly columns: readonly string[] | null;
  readonly child: LogicalPlan;
}

// ---------------------------------------------------------------------------------------
// Binary and n-ary

export type JoinType =
  | "Inner"
  | "LeftOuter"
  | "RightOuter"
  | "FullOuter"
  | "LeftSemi"
  | "LeftAnti"
  | "Cross";

export interface Join {
  readonly kind: "Join";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: JoinType;
  readonly condition: Expression | null;
  /** `USING (cols)` / natural join columns, resolved into a condition and projection. */
  readonly usingColumns: readonly string[] | null;
  /** `LATERAL`: the right side may read the left side's columns (outer references). */
  readonly lateral?: boolean;
}

export interface Union {
  readonly kind: "Union";
  readonly children: readonly LogicalPlan[];
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}

export interface Intersect {
  readonly kind: "Intersect";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly isAll: boolean;
}

export interface Except {
  readonly kind: "Except";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly isAll: boolean;
}

/** Column statistics for the cost-based optimizer (from ANALYZE TABLE or computed). */
export interface ColumnStat {
  readonly distinctCount: number | null;
  readonly min: unknown;
  readonly max: unknown;
  readonly nullCount: number | null;
  readonly avgLen: number | null;
  readonly maxLen: number | null;
}

export interface Statistics {
  readonly sizeInBytes: number;
  readonly rowCount: number | null;
  readonly attributeStats: ReadonlyMap<number, ColumnStat>;
}

/** A column's name and type, for schemas derived from plans. */
export interface OutputColumn {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}
