/** What a DataFrame needs from its session: analysis, execution, views and cache. */
import type { Expression } from "../catalyst/expressions/expression.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import type { TableWriteTarget } from "../execution/datasources/write/table-target.ts";
import type { WriteSpec, WriteSummary } from "../execution/datasources/write/write-job.ts";
import type { StructType } from "../types/data-types.ts";
import type { Row } from "../types/row.ts";

/** Rows in the internal representation, with what formatting them needs. */
export interface InternalResult {
  readonly schema: StructType;
  readonly rows: unknown[][];
  /** The session time zone, for rendering timestamps. */
  readonly timeZone: string;
}

export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

export type StorageLevel =
  | "MEMORY_ONLY"
  | "MEMORY_AND_DISK"
  | "DISK_ONLY"
  | "MEMORY_AND_DISK_DESER";

export interface SessionHandle {
  /** Analyzes the plan (raising analysis errors) and returns its schema. */
  schemaOf(plan: LogicalPlan): Promise<StructType>;
  /** Runs the plan and returns its rows. */
  collect(plan: LogicalPlan): Promise<Row[]>;
  /** Runs the plan and returns its schema and rows in the internal representation. */
  collectInternal(plan: LogicalPlan): Promise<InternalResult>;
  explainString(plan: LogicalPlan, mode: ExplainMode): Promise<string>;
  createTempView(name: string, plan: LogicalPlan, replace: boolean): Promise<void>;
  persist(plan: LogicalPlan, level: StorageLevel): void;
  unpersist(plan: LogicalPlan): void;
  /** Parses a SQL expression (for `selectExpr`, `filter("...")`, `F.expr`). */
  parseExpression(sql: string): Expression;
  /** Writes the plan's rows as files (`df.write.save`). */
  writeFiles(plan: LogicalPlan, spec: WriteSpec): Promise<WriteSummary>;
  /** The catalog's table writes (`saveAsTable`, `insertInto`), when there is a catalog. */
  tableWriteTarget(): TableWriteTarget | undefined;
}
