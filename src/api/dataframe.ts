/**
 * DataFrame: an immutable, lazily evaluated query. Transformations are synchronous and
 * build an unresolved logical plan; actions (`collect`, `count`, `show`, ...) and
 * introspection (`schema`, `explain`, ...) are asynchronous and are where analysis
 * errors surface, as in Spark Connect.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { alias, literalOf, unresolvedFunction } from "../catalyst/expressions/factories.ts";
import {
  aggregate,
  distinct,
  filter,
  join,
  limit,
  offset,
  project,
  sort,
  subqueryAlias,
  union,
} from "../catalyst/plans/factories.ts";
import type { JoinType, LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import { type StructType, simpleString, treeString } from "../types/data-types.ts";
import type { Row } from "../types/row.ts";
import { Column, colExpr, toSortOrder } from "./column.ts";
import { GroupedData } from "./grouped-data.ts";
import { DataFrameNaFunctions } from "./na-functions.ts";
import type { ExplainMode, SessionHandle, StorageLevel } from "./session-handle.ts";
import { showString } from "./show.ts";
import { DataFrameWriter } from "./writer.ts";

const f = Object.freeze;

export type ColumnArg = Column | string;
export type JoinHow =
  | "inner"
  | "cross"
  | "outer"
  | "full"
  | "fullouter"
  | "full_outer"
  | "left"
  | "leftouter"
  | "left_outer"
  | "right"
  | "rightouter"
  | "right_outer"
  | "semi"
  | "leftsemi"
  | "left_semi"
  | "anti"
  | "leftanti"
  | "left_anti";

const JOIN_TYPES: Readonly<Record<JoinHow, JoinType>> = {
  inner: "Inner",
  cross: "Cross",
  outer: "FullOuter",
  full: "FullOuter",
  fullouter: "FullOuter",
  full_outer: "FullOuter",
  left: "LeftOuter",
  leftouter: "LeftOuter",
  left_outer: "LeftOuter",
  right: "RightOuter",
  rightouter: "RightOuter",
  right_outer: "RightOuter",
  semi: "LeftSemi",
  leftsemi: "LeftSemi",
  left_semi: "LeftSemi",
  anti: "LeftAnti",
  leftanti: "LeftAnti",
  left_anti: "LeftAnti",
};

export class DataFrame {
  readonly #session: SessionHandle;
  readonly #plan: LogicalPlan;

  constructor(session: SessionHandle, plan: LogicalPlan) {
    this.#session = session;
    this.#plan = plan;
  }

  /** The unresolved logical plan (internal). */
  get plan(): LogicalPlan {
    return this.#plan;
  }

  get sparkSession(): SessionHandle {
    return this.#session;
  }

  #with(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.#session, plan);
  }

  #expr(c: ColumnArg): Expression {
    return c instanceof Column ? c.expr : colExpr(c);
  }

  // ------------------------------------------------------------------------------------
  // Transformations

  select(...cols: (ColumnArg | readonly ColumnArg[])[]): DataFrame {
    const flat = cols.flat() as ColumnArg[];
    return this.#with(
      project(
        flat.map((c) => this.#expr(c)),
        this.#plan,
      ),
    );
  }

  selectExpr(...exprs: string[]): DataFrame {
    return this.#with(
      project(
        exprs.map((e) => this.#session.parseExpression(e)),
        this.#plan,
      ),
    );
  }

  filter(condition: Column | string): DataFrame {
    const cond =
      typeof condition === "string" ? this.#session.parseExpression(condition) : condition.expr;
    return this.#with(filter(cond, this.#plan));
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(name: string, col: Column): DataFrame {
    return this.withColumns({ [name]: col });
  }

  withColumns(columns: Readonly<Record<string, Column>>): DataFrame {
    const names = Object.keys(columns);
    return this.#with(
      f({
        kind: "WithColumns",
        names: f(names),
        exprs: f(names.map((n) => (columns[n] as Column).expr)),
        child: this.#plan,
      }),
    );
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: newName });
  }

  withColumnsRenamed(renames: Readonly<Record<string, string>>): DataFrame {
    return this.#with(
      f({
        kind: "WithColumnsRenamed",
        renames: f(Object.entries(renames).map(([a, b]) => f([a, b] as const))),
        positional: false,
        child: this.#plan,
      }),
    );
  }

  drop(...cols: ColumnArg[]): DataFrame {
    return this.#with(
      f({
        kind: "DropColumns",
        columns: f(
          cols.map((c) =>
            c instanceof Column
              ? c.expr
              : f({ kind: "UnresolvedAttribute" as const, nameParts: f([c]) }),
          ),
        ),
        child: this.#plan,
      }),
    );
  }

  toDF(...names: string[]): DataFrame {
    return this.#with(
      f({
        kind: "WithColumnsRenamed",
        renames: f(names.map((n) => f(["", n] as const))),
        positional: true,
        child: this.#plan,
      }),
    );
  }

  groupBy(...cols: (ColumnArg | readonly ColumnArg[])[]): GroupedData {
    const flat = cols.flat() as ColumnArg[];
    return new GroupedData(
      (grouping, aggs) => this.#with(aggregate(grouping, aggs, this.#plan)),
      flat.map((c) => this.#expr(c)),
    );
  }

  groupby(...cols: (ColumnArg | readonly ColumnArg[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  /** Aggregates over the whole DataFrame: `df.agg(F.max("a"))`. */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  join(
    other: DataFrame,
    on?: string | readonly string[] | Column,
    how: JoinHow = "inner",
  ): DataFrame {
    const joinType = JOIN_TYPES[how.toLowerCase() as JoinHow];
    if (!joinType) {
      throw new FlintError("UNSUPPORTED_FEATURE", { feature: `join type '${how}'` });
    }
    if (on === undefined) {
      return this.#with(
        join(this.#plan, other.plan, joinType === "Inner" ? "Inner" : joinType, null),
      );
    }
    if (on instanceof Column) {
      return this.#with(join(this.#plan, other.plan, joinType, on.expr));
    }
    const using = typeof on === "string" ? [on] : [...on];
    return this.#with(join(this.#plan, other.plan, joinType, null, f(using)));
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.#with(join(this.#plan, other.plan, "Cross", null));
  }

  orderBy(...cols: (ColumnArg | readonly ColumnArg[])[]): DataFrame {
    const flat = cols.flat() as ColumnArg[];
    return this.#with(sort(flat.map(toSortOrder), true, this.#plan));
  }

  sort(...cols: (ColumnArg | readonly ColumnArg[])[]): DataFrame {
    return this.orderBy(...cols);
  }

  sortWithinPartitions(...cols: ColumnArg[]): DataFrame {
    return this.#with(sort(cols.map(toSortOrder), false, this.#plan));
  }

  limit(n: number): DataFrame {
    return this.#with(limit(n, this.#plan));
  }

  offset(n: number): DataFrame {
    return this.#with(offset(n, this.#plan));
  }

  distinct(): DataFrame {
    return this.#with(distinct(this.#plan));
  }

  dropDuplicates(subset?: readonly string[]): DataFrame {
    if (!subset) return this.#with(f({ kind: "Deduplicate", keys: f([]), child: this.#plan }));
    return this.#with(
      f({
        kind: "Deduplicate",
        keys: f(subset.map((s) => colExpr(s))),
        child: this.#plan,
      }),
    );
  }

  drop_duplicates(subset?: readonly string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  union(other: DataFrame): DataFrame {
    return this.#with(union([this.#plan, other.plan]));
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.#with(union([this.#plan, other.plan], true, allowMissingColumns));
  }

  intersect(other: DataFrame): DataFrame {
    return this.#with(f({ kind: "Intersect", left: this.#plan, right: other.plan, isAll: false }));
  }

  intersectAll(other: DataFrame): DataFrame {
    return this.#with(f({ kind: "Intersect", left: this.#plan, right: other.plan, isAll: true }));
  }

  subtract(other: DataFrame): DataFrame {
    return this.#with(f({ kind: "Except", left: this.#plan, right: other.plan, isAll: false }));
  }

  exceptAll(other: DataFrame): DataFrame {
    return this.#with(f({ kind: "Except", left: this.#plan, right: other.plan, isAll: true }));
  }

  alias(name: string): DataFrame {
    return this.#with(subqueryAlias([name], this.#plan));
  }

  repartition(numPartitions: number, ...cols: ColumnArg[]): DataFrame {
    if (cols.length === 0) {
      return this.#with(
        f({ kind: "Repartition", numPartitions, shuffle: true, child: this.#plan }),
      );
    }
    return this.#with(
      f({
        kind: "RepartitionByExpression",
        partitionExpressions: f(cols.map((c) => this.#expr(c))),
        numPartitions,
        child: this.#plan,
      }),
    );
  }

  repartitionByRange(numPartitions: number, ...cols: ColumnArg[]): DataFrame {
    return this.#with(
      f({
        kind: "RepartitionByExpression",
        partitionExpressions: f(cols.map(toSortOrder)),
        numPartitions,
        child: this.#plan,
      }),
    );
  }

  coalesce(numPartitions: number): DataFrame {
    return this.#with(f({ kind: "Repartition", numPartitions, shuffle: false, child: this.#plan }));
  }

  sample(fraction: number, seed?: number, withReplacement = false): DataFrame {
    if (!(fraction >= 0)) {
      throw new FlintError("INVALID_CONF_VALUE", {
        confValue: String(fraction),
        confName: "fraction",
        reason: "Sampling fraction must be non-negative.",
      });
    }
    return this.#with(
      f({
        kind: "Sample",
        lowerBound: 0,
        upperBound: fraction,
        withReplacement,
        seed: seed ?? Math.floor(Math.random() * 2 ** 31),
        child: this.#plan,
      }),
    );
  }

  hint(name: string, ...parameters: (string | number)[]): DataFrame {
    return this.#with(
      f({
        kind: "UnresolvedHint",
        name,
        parameters: f(parameters.map((p) => literalOf(p))),
        child: this.#plan,
      }),
    );
  }

  /** Saving the rows as files or into a table (`df.write.mode(...).parquet(path)`). */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this.#session, this.#plan);
  }

  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this, (plan) => this.#with(plan));
  }

  /**
   * Summary statistics (count, mean, stddev, min, max) as strings, for the given columns
   * or every numeric and string column, as Spark's `describe`.
   */
  describe(...cols: string[]): DataFrame {
    return this.#with(
      f({ kind: "Describe", columns: cols.length > 0 ? f([...cols]) : null, child: this.#plan }),
    );
  }

  /** A column of this DataFrame by name (for joins: `df.col("id")`). */
  col(name: string): Column {
    return new Column(colExpr(name));
  }

  // ------------------------------------------------------------------------------------
  // Cache and views

  cache(): DataFrame {
    return this.persist("MEMORY_AND_DISK");
  }

  persist(level: StorageLevel = "MEMORY_AND_DISK"): DataFrame {
    this.#session.persist(this.#plan, level);
    return this;
  }

  unpersist(): DataFrame {
    this.#session.unpersist(this.#plan);
    return this;
  }

  async createOrReplaceTempView(name: string): Promise<void> {
    await this.#session.createTempView(name, this.#plan, true);
  }

  async createTempView(name: string): Promise<void> {
    await this.#session.createTempView(name, this.#plan, false);
  }

  // ------------------------------------------------------------------------------------
  // Actions and introspection

  async collect(): Promise<Row[]> {
    return this.#session.collect(this.#plan);
  }

  async count(): Promise<number> {
    const rows = await this.#session.collect(
      aggregate([], [alias(unresolvedFunction("count", [literalOf(1)]), "count")], this.#plan),
    );
    return Number(rows[0]?.get(0) ?? 0);
  }

  async take(n: number): Promise<Row[]> {
    return this.limit(n).collect();
  }

  async head(n = 1): Promise<Row[]> {
    return this.take(n);
  }

  async first(): Promise<Row | null> {
    return (await this.take(1))[0] ?? null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.take(1)).length === 0;
  }

  async schema(): Promise<StructType> {
    return this.#session.schemaOf(this.#plan);
  }

  async columns(): Promise<string[]> {
    return (await this.schema()).fields.map((x) => x.name);
  }

  async dtypes(): Promise<[string, string][]> {
    return (await this.schema()).fields.map((x) => [x.name, simpleString(x.dataType)]);
  }

  async printSchema(): Promise<void> {
    process.stdout.write(treeString(await this.schema()));
  }

  async explain(mode: ExplainMode | boolean = "simple"): Promise<void> {
    process.stdout.write(`${await this.explainString(mode)}\n`);
  }

  async explainString(mode: ExplainMode | boolean = "simple"): Promise<string> {
    const m: ExplainMode = mode === true ? "extended" : mode === false ? "simple" : mode;
    return this.#session.explainString(this.#plan, m);
  }

  /** Prints the first `n` rows as Spark's `show` does. */
  async show(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(await this.showString(n, truncate, vertical));
  }

  async showString(n = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    const { schema, rows, timeZone } = await this.#session.collectInternal(this.limit(n + 1).plan);
    const width = truncate === true ? 20 : truncate === false ? 0 : truncate;
    return showString(schema, rows, n, width, vertical, timeZone);
  }
}
