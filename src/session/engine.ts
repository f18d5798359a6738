/**
 * The session's query pipeline, Spark's QueryExecution: parse -> analyze -> use cached
 * data -> optimize -> plan -> execute, plus EXPLAIN in Spark's formats. Owns the lazily
 * started executors (local mode: worker threads of this process).
 */
import { cpus } from "node:os";
import type { ExplainMode, InternalResult, StorageLevel } from "../api/session-handle.ts";
import { analyze } from "../catalyst/analysis/analyzer.ts";
import { analyzerConfigFrom } from "../catalyst/analysis/context.ts";
import type { FunctionRegistry } from "../catalyst/catalog/function-registry.ts";
import { SessionCatalog } from "../catalyst/catalog/session-catalog.ts";
import type { Expression } from "../catalyst/expressions/expression.ts";
import { builtinRegistry } from "../catalyst/functions/index.ts";
import { optimize } from "../catalyst/optimizer/optimizer.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { outputOf } from "../catalyst/plans/output.ts";
import { statsOf, statsString } from "../catalyst/plans/statistics.ts";
import {
  treeString as logicalTreeString,
  planNodeString,
  renderTree,
} from "../catalyst/plans/tree-string.ts";
import { planChildren } from "../catalyst/trees/plan-tree.ts";
import { ERROR_CLASSES, FlintError } from "../errors/index.ts";
import { type ColumnarBatch, rowsFromBatch } from "../execution/columnar/batch.ts";
import type { TableWriteTarget } from "../execution/datasources/write/table-target.ts";
import {
  type WriteSpec,
  type WriteSummary,
  writeFiles,
} from "../execution/datasources/write/write-job.ts";
import {
  codegenString,
  formattedString,
  physicalTreeString,
} from "../execution/explain/explain.ts";
import { DEFAULT_EXEC_CONF, type OperatorMetrics } from "../execution/operators/operator.ts";
import type { PhysicalPlan } from "../execution/plan/physical-plan.ts";
import { parseByteSize } from "../execution/planner/config.ts";
import { planPhysical } from "../execution/planner/plan-physical.ts";
import { executePlan } from "../execution/run/execute-plan.ts";
import { type FlintRuntime, startLocalRuntime } from "../executor/local-runtime.ts";
import { JobFailedError, TaskExceptionError } from "../scheduler/errors.ts";
import {
  bindParameters,
  type ParameterValues,
  type ParseOptions,
  parseExpression,
  parseStatement,
  parseTableSchema,
} from "../sql/index.ts";
import { type StructType, simpleString, structField, structType } from "../types/data-types.ts";
import { rowFromInternal } from "../types/external-values.ts";
import type { Row } from "../types/row.ts";
import { CacheManager } from "./cache-manager.ts";
import { CommandQueue } from "./catalog/command-context.ts";
import { PersistentCatalog } from "./catalog/persistent-catalog.ts";
import { catalogWriteTarget } from "./catalog/write-target.ts";
import { runCommand } from "./commands.ts";
import type { ConfigSnapshot, RuntimeConfig } from "./config.ts";
import { FileSources } from "./file-sources.ts";

const TASK_RUNNER = new URL("../execution/run/task-runner.ts", import.meta.url);

/** One query's plans, each computed once (Spark's QueryExecution). */
export interface QueryPlans {
  readonly conf: ConfigSnapshot;
  readonly parsed: LogicalPlan;
  readonly analyzed: LogicalPlan;
  readonly withCachedData: LogicalPlan;
  readonly optimized: LogicalPlan;
  readonly physical: PhysicalPlan;
}

/**
 * `spark.sql.adaptive.autoBroadcastJoinThreshold`, which defaults to the static
 * `spark.sql.autoBroadcastJoinThreshold` (so -1 turns both off).
 */
function adaptiveBroadcastThreshold(conf: ConfigSnapshot): number {
  const fallback = conf.getString("spark.sql.autoBroadcastJoinThreshold", "10485760");
  return parseByteSize(conf.getString("spark.sql.adaptive.autoBroadcastJoinThreshold", fallback));
}

export class Engine {
  readonly #conf: RuntimeConfig;
  readonly #catalog: SessionCatalog;
  readonly #functions: FunctionRegistry;
  readonly #cache = new CacheManager();
  readonly #files = new FileSources();
  readonly #persistent: PersistentCatalog;
  readonly #commands = new CommandQueue();
  /**
   * Where `df.write.saveAsTable` / `insertInto` go: set by the persistent catalog when the
   * session has one (see execution/datasources/write/table-target.ts).
   */
  tableWriteTarget: TableWriteTarget | undefined = undefined;
  #runtime: Promise<FlintRuntime> | undefined;
  #stopped = false;
  /**
   * The last executed plans of each DataFrame plan and their metrics: EXPLAIN after a run
   * shows the plan that ran, with its metrics, as Spark's DataFrame keeps its
   * QueryExecution.
   */
  readonly #executed = new WeakMap<
    LogicalPlan,
    { plans: QueryPlans; metrics: OperatorMetrics; finalPlan: PhysicalPlan }
  >();

  constructor(conf: RuntimeConfig) {
    this.#conf = conf;
    this.#catalog = new SessionCatalog({
      caseSensitive: conf.get("spark.sql.caseSensitive") === "true",
      tableProvider: {
        lookupTable: (parts, db) =>
          this.#files.lookupTable(parts) ?? this.#persistent.lookupTable(parts, db),
        databaseExists: (name) => this.#persistent.databaseExists(name),
      },
    });
    this.#persistent = new PersistentCatalog({
      warehouse: conf.get("spark.sql.warehouse.dir") ?? "spark-warehouse",
      implementation: conf.get("spark.sql.catalogImplementation") ?? "hive",
    });
    this.tableWriteTarget = catalogWriteTarget(this);
    this.#persistent.viewAnalyzer = (sql, db) => {
      const previous = this.#catalog.currentDatabase;
      this.#catalog.setCurrentDatabase(db);
      try {
        return this.analyze(this.parseQuery(sql));
      } finally {
        this.#catalog.setCurrentDatabase(previous);
      }
    };
    this.#functions = builtinRegistry();
  }

  get isStopped(): boolean {
    return this.#stopped;
  }

  get catalog(): SessionCatalog {
    return this.#catalog;
  }

  get functions(): FunctionRegistry {
    return this.#functions;
  }

  /** The persistent catalog (databases, tables, views). */
  get persistent(): PersistentCatalog {
    return this.#persistent;
  }

  /** A query's unresolved plan from SQL text (commands are rejected). */
  parseQuery(sql: string): LogicalPlan {
    const stmt = parseStatement(sql, this.#parseOptions());
    if (stmt.kind !== "Query") {
      throw new FlintError("UNSUPPORTED_FEATURE", {
        feature: "a command where a query is expected",
      });
    }
    return stmt.plan;
  }

  /** Queues a command's asynchronous work (see CommandQueue). */
  deferred(work: () => Promise<void>): LogicalPlan {
    return this.#commands.enqueue(work);
  }

  /** Runs a query from a command's queued work (which must not wait for the queue). */
  executeQuery(plan: LogicalPlan): Promise<InternalResult> {
    this.#commands.exempt(plan);
    return this.collectInternal(plan);
  }

  /** Writes a query's rows as files from a command's queued work (see executeQuery). */
  writeQuery(plan: LogicalPlan, spec: WriteSpec): Promise<WriteSummary> {
    this.#commands.exempt(plan);
    return this.writeFiles(plan, spec);
  }

  // ------------------------------------------------------------------------------------
  // Parsing

  /**
   * Parses SQL; a command other than a query runs now and yields its result's plan.
   * `args` binds `:name` (an object) or `?` (an array) parameters.
   */
  sql(sql: string, args?: ParameterValues): LogicalPlan {
    const stmt = parseStatement(sql, this.#parseOptions());
    if (stmt.kind !== "Query") return runCommand(stmt, this, this.#conf);
    return args === undefined ? stmt.plan : bindParameters(stmt.plan, args);
  }

  parseExpression(sql: string): Expression {
    return parseExpression(sql, this.#parseOptions());
  }

  #parseOptions(): ParseOptions {
    return {
      timeZone: this.#conf.get("spark.sql.session.timeZone"),
      doubleQuotedIdentifiers: this.#conf.get("spark.sql.ansi.doubleQuotedIdentifiers") === "true",
    };
  }

  parseSchema(ddl: string): StructType {
    return parseTableSchema(ddl);
  }

  // ------------------------------------------------------------------------------------
  // Planning

  #analyzerContext(conf: ConfigSnapshot) {
    return {
      catalog: this.#catalog,
      functions: this.#functions,
      config: analyzerConfigFrom((k) => conf.get(k)),
    };
  }

  analyze(plan: LogicalPlan, conf: ConfigSnapshot = this.#conf.snapshot()): LogicalPlan {
    this.#checkOpen();
    return analyze(plan, this.#analyzerContext(conf));
  }

  plans(parsed: LogicalPlan): QueryPlans {
    const conf = this.#conf.snapshot();
    const analyzed = this.analyze(parsed, conf);
    const withCachedData = this.#cache.useCachedData(analyzed, (p) => this.analyze(p, conf));
    const optimized = optimize(withCachedData, { conf }).plan;
    const physical = planPhysical(optimized, {
      conf,
      defaultParallelism: this.#parallelism(conf),
    });
    return { conf, parsed, analyzed, withCachedData, optimized, physical };
  }

  #parallelism(conf: ConfigSnapshot): number {
    const m = /^local(?:\[(\d+|\*)(?:,\s*\d+)?\])?$/.exec(
      conf.getString("spark.master", "local[*]"),
    );
    const n = m?.[1];
    if (n === undefined) return 1;
    return n === "*" ? Math.max(1, cpus().length) : Math.max(1, Number(n));
  }

  /** Asynchronous work a plan needs before analysis: reading the footers of its files. */
  async prepare(plan: LogicalPlan): Promise<void> {
    this.#checkOpen();
    await this.#commands.awaitFor(plan);
    await this.#files.prepare(
      plan,
      (name) => this.#catalog.lookupTempView(name) !== undefined,
      this.#conf,
    );
  }

  schemaOf(plan: LogicalPlan): StructType {
    const analyzed = this.analyze(plan);
    return structType(outputOf(analyzed).map((a) => structField(a.name, a.dataType, a.nullable)));
  }

  // ------------------------------------------------------------------------------------
  // Execution

  async #getRuntime(conf: ConfigSnapshot): Promise<FlintRuntime> {
    this.#checkOpen();
    this.#runtime ??= startLocalRuntime({
      master: conf.getString("spark.master", "local[*]"),
      conf: conf.toRecord(),
      taskRunnerModule: TASK_RUNNER,
    });
    return this.#runtime;
  }

  async collectInternal(plan: LogicalPlan): Promise<InternalResult> {
    await this.prepare(plan);
    const q = this.plans(plan);
    const runtime = await this.#getRuntime(q.conf);
    const options = {
      conf: {
        ansi: q.conf.getBoolean("spark.sql.ansi.enabled", true),
        batchSize: DEFAULT_EXEC_CONF.batchSize,
        // interpreted expressions and test-only fault injection (differential, fault tests)
        ...(q.conf.getString("spark.sql.codegen.factoryMode", "").toUpperCase() === "NO_CODEGEN"
          ? { codegenFactoryMode: "NO_CODEGEN" as const }
          : {}),
        ...(q.conf.getString("spark.flint.test.fault", "") === ""
          ? {}
          : { testFault: q.conf.getString("spark.flint.test.fault", "") }),
      },
      // Spark's adaptive execution coalesces small shuffle partitions and turns sort-merge
      // joins with a small side into broadcast joins; null turns it off.
      adaptive: q.conf.getBoolean("spark.sql.adaptive.enabled", true)
        ? {
            advisoryPartitionSize: 64 * 1024 * 1024,
            minPartitionSize: 1024 * 1024,
            parallelism: runtime.defaultParallelism,
            broadcastThreshold: adaptiveBroadcastThreshold(q.conf),
          }
        : null,
    };
    const { batches, metrics, finalPlan } = await executePlan(q.physical, runtime, options).catch(
      (e: unknown) => {
        throw surfaceTaskError(e);
      },
    );
    this.#executed.set(plan, { plans: q, metrics, finalPlan });
    const schema = structType(
      outputOf(q.analyzed).map((a) => structField(a.name, a.dataType, a.nullable)),
    );
    return {
      schema,
      rows: batches.flatMap((b) => rowsFromBatch(b)),
      timeZone: q.conf.getString("spark.sql.session.timeZone", "UTC"),
    };
  }

  /** Runs a physical plan as one job (a write's `WriteFiles` root) and returns its batches. */
  async executePhysical(
    physical: PhysicalPlan,
    conf: ConfigSnapshot,
  ): Promise<readonly ColumnarBatch[]> {
    const runtime = await this.#getRuntime(conf);
    const options = {
      conf: {
        ansi: conf.getBoolean("spark.sql.ansi.enabled", true),
        batchSize: DEFAULT_EXEC_CONF.batchSize,
        ...(conf.getString("spark.sql.codegen.factoryMode", "").toUpperCase() === "NO_CODEGEN"
          ? { codegenFactoryMode: "NO_CODEGEN" as const }
          : {}),
        ...(conf.getString("spark.flint.test.fault", "") === ""
          ? {}
          : { testFault: conf.getString("spark.flint.test.fault", "") }),
      },
      ...(conf.getBoolean("spark.sql.adaptive.enabled", true) ? {} : { adaptive: null }),
    };
    const { batches } = await executePlan(physical, runtime, options).catch((e: unknown) => {
      throw surfaceTaskError(e);
    });
    return batches;
  }

  /**
   * Writes the rows of `plan` as files (`df.write`, INSERT, CTAS): the commit protocol of
   * execution/datasources/write/write-job.ts.
   */
  writeFiles(plan: LogicalPlan, spec: WriteSpec): Promise<WriteSummary> {
    return writeFiles(this, plan, spec);
  }

  async collect(plan: LogicalPlan): Promise<Row[]> {
    const { schema, rows } = await this.collectInternal(plan);
    return rows.map((r) => rowFromInternal(schema, r));
  }

  // ------------------------------------------------------------------------------------
  // EXPLAIN

  explainString(plan: LogicalPlan, mode: ExplainMode): string {
    const executed = this.#executed.get(plan);
    const q = executed?.plans ?? this.plans(plan);
    const ansi = q.conf.getBoolean("spark.sql.ansi.enabled", true);
    switch (mode) {
      case "simple":
        return `== Physical Plan ==\n${physicalTreeString(q.physical)}`;
      case "extended": {
        const schema = outputOf(q.analyzed)
          .map((a) => `${a.name}: ${simpleString(a.dataType)}`)
          .join(", ");
        return [
          `== Parsed Logical Plan ==\n${logicalTreeString(q.parsed)}`,
          `== Analyzed Logical Plan ==\n${schema}\n${logicalTreeString(q.analyzed)}`,
          `== Optimized Logical Plan ==\n${logicalTreeString(q.optimized)}`,
          `== Physical Plan ==\n${physicalTreeString(q.physical, true)}`,
        ].join("\n");
      }
      case "formatted":
        // after a run: the plan as it ran (joins converted at run time included)
        return `== Physical Plan ==\n${formattedString(executed?.finalPlan ?? q.physical, executed?.metrics)}`;
      case "codegen":
        return codegenString(q.physical, ansi);
      case "cost":
        return [
          `== Optimized Logical Plan ==\n${costTreeString(q.optimized, q.conf)}`,
          `== Physical Plan ==\n${physicalTreeString(q.physical, true)}`,
        ].join("\n");
      default:
        throw new FlintError("UNSUPPORTED_FEATURE", { feature: `explain mode ${String(mode)}` });
    }
  }

  // ------------------------------------------------------------------------------------
  // Views and cache

  createTempView(name: string, plan: LogicalPlan, replace: boolean): void {
    const analyzed = this.analyze(plan);
    if (!this.#catalog.createTempView(name, analyzed, replace)) {
      throw new FlintError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: `\`${name}\`` });
    }
  }

  clearCache(): void {
    for (const id of this.#cache.clear()) {
      if (this.#runtime) void this.#runtime.then((rt) => rt.removeBlocks(`rdd_${id}_`));
    }
  }

  persist(plan: LogicalPlan, level: StorageLevel): void {
    this.#cache.persist(plan, level);
  }

  unpersist(plan: LogicalPlan): void {
    const id = this.#cache.unpersist(plan, (p) => this.analyze(p));
    if (id !== undefined && this.#runtime) {
      void this.#runtime.then((rt) => rt.removeBlocks(`rdd_${id}_`));
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const rt = this.#runtime;
    this.#runtime = undefined;
    this.#persistent.external.close();
    if (rt) await (await rt).stop();
  }

  #checkOpen(): void {
    if (this.#stopped) throw new FlintError("SESSION_STOPPED", {});
  }
}

/**
 * An error a task raised with an error class of ours (DIVIDE_BY_ZERO, CAST_INVALID_INPUT,
 * ...) reaches the user as itself, as Spark surfaces a SparkThrowable from a task; other
 * job failures keep Spark's "Job aborted due to stage failure" form.
 */
function surfaceTaskError(e: unknown): unknown {
  if (!(e instanceof JobFailedError)) return e;
  const cause = e.cause;
  if (
    cause instanceof TaskExceptionError &&
    cause.errorClass !== undefined &&
    ERROR_CLASSES[cause.errorClass.split(".")[0] ?? ""]
  ) {
    return new FlintError(cause.errorClass, cause.messageParameters ?? {}, { cause: e });
  }
  return e;
}

/** EXPLAIN COST's optimized plan: each node followed by its estimated statistics. */
function costTreeString(plan: LogicalPlan, conf: ConfigSnapshot): string {
  return renderTree(plan, {
    text: (p) => `${planNodeString(p)}, ${statsString(statsOf(p, { conf }))}`,
    children: planChildren,
  });
}
