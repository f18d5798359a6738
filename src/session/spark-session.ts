/**
 * SparkSession: the entry point. Holds the configuration, the catalog, the function
 * registry and (lazily started) the executors; makes DataFrames.
 */
import { Column } from "../api/column.ts";
import { DataFrame } from "../api/dataframe.ts";
import { DataFrameReader } from "../api/reader.ts";
import type { ExplainMode, SessionHandle, StorageLevel } from "../api/session-handle.ts";
import type { Expression } from "../catalyst/expressions/expression.ts";
import { attribute } from "../catalyst/expressions/factories.ts";
import { localRelation, range, unresolvedRelation } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { FlintError } from "../errors/index.ts";
import type { StructType } from "../types/data-types.ts";
import { toInternal } from "../types/external-values.ts";
import { Row } from "../types/row.ts";
import { Catalog } from "./catalog/catalog-api.ts";
import { RuntimeConfig } from "./config.ts";
import { Engine } from "./engine.ts";
import { entriesOf, type InputRow, inferSchema } from "./infer-schema.ts";

let activeSession: SparkSession | undefined;

export class SparkSessionBuilder {
  readonly #options = new Map<string, string>();

  master(master: string): this {
    this.#options.set("spark.master", master);
    return this;
  }

  appName(name: string): this {
    this.#options.set("spark.app.name", name);
    return this;
  }

  config(
    key: string | Readonly<Record<string, string | number | boolean>>,
    value?: string | number | boolean,
  ): this {
    if (typeof key === "string") this.#options.set(key, String(value));
    else for (const [k, v] of Object.entries(key)) this.#options.set(k, String(v));
    return this;
  }

  /** The active session (with these options applied to its config), or a new one. */
  getOrCreate(): SparkSession {
    if (activeSession && !activeSession.isStopped) {
      for (const [k, v] of this.#options) activeSession.conf.set(k, v);
      return activeSession;
    }
    activeSession = new SparkSession(new RuntimeConfig(this.#options));
    return activeSession;
  }

  /** Always a new session, not registered as the active one (useful in tests). */
  create(): SparkSession {
    return new SparkSession(new RuntimeConfig(this.#options));
  }
}

export class SparkSession {
  readonly conf: RuntimeConfig;
  readonly #engine: Engine;
  readonly #handle: SessionHandle;

  constructor(conf: RuntimeConfig) {
    this.conf = conf;
    this.#engine = new Engine(conf);
    this.#handle = this.#makeHandle();
  }

  static builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  static getActiveSession(): SparkSession | undefined {
    return activeSession && !activeSession.isStopped ? activeSession : undefined;
  }

  get version(): string {
    return "4.0.0";
  }

  get isStopped(): boolean {
    return this.#engine.isStopped;
  }

  /** `range(end)` or `range(start, end, step?, numPartitions?)`: a bigint column `id`. */
  range(
    start: number | bigint,
    end?: number | bigint,
    step: number | bigint = 1,
    numPartitions?: number,
  ): DataFrame {
    const [s, e] = end === undefined ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    if (BigInt(step) === 0n) {
      throw new FlintError("INVALID_CONF_VALUE", {
        confValue: "0",
        confName: "step",
        reason: "The step of range() cannot be 0.",
      });
    }
    return this.#df(range(s, e, BigInt(step), numPartitions ?? null));
  }

  /**
   * A DataFrame from rows: objects keyed by column name, arrays (by position), or Rows.
   * `schema` is a StructType, a DDL string (`"name string, age int"`), or column names
   * (types are then inferred as PySpark infers them).
   */
  createDataFrame(
    rows: readonly InputRow[],
    schema?: StructType | string | readonly string[],
  ): DataFrame {
    const names = Array.isArray(schema) ? (schema as readonly string[]) : undefined;
    const struct: StructType =
      schema === undefined || names
        ? inferSchema(rows, names)
        : typeof schema === "string"
          ? this.#engine.parseSchema(schema)
          : (schema as StructType);
    const internal = rows.map((row, r) => {
      const entries = entriesOf(row);
      const byName = new Map(entries);
      const positional = Array.isArray(row) || row instanceof Row;
      return struct.fields.map((f, i) => {
        const v = positional ? entries[i]?.[1] : byName.get(f.name);
        if ((v === null || v === undefined) && !f.nullable) {
          throw new TypeError(`row ${r}: field ${f.name} is not nullable but the value is null`);
        }
        return toInternal(v, f.dataType, `row ${r}, field ${f.name}`);
      });
    });
    const output = struct.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    return this.#df(localRelation(output, internal));
  }

  /**
   * A DataFrame over a query; other statements (temp views, SET, ...) run at once, as in
   * Spark. `args` binds `:name` parameters (an object) or `?` parameters (an array);
   * values are JS values or Columns.
   */
  sql(query: string, args?: Readonly<Record<string, unknown>> | readonly unknown[]): DataFrame {
    const bound = (v: unknown): unknown => (v instanceof Column ? v.expr : v);
    const values =
      args === undefined
        ? undefined
        : Array.isArray(args)
          ? args.map(bound)
          : Object.fromEntries(Object.entries(args).map(([k, v]) => [k, bound(v)]));
    return this.#df(this.#engine.sql(query, values));
  }

  /** The catalog: databases, tables, views and columns (`spark.catalog`). */
  get catalog(): Catalog {
    return new Catalog(this.#engine);
  }

  /** Reading files: `spark.read.parquet(path)`, `spark.read.format("parquet").load(path)`. */
  get read(): DataFrameReader {
    return new DataFrameReader((plan) => this.#df(plan));
  }

  table(name: string): DataFrame {
    return this.#df(unresolvedRelation(name.split(".")));
  }

  async stop(): Promise<void> {
    await this.#engine.stop();
    if (activeSession === this) activeSession = undefined;
  }

  #df(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.#handle, plan);
  }

  #makeHandle(): SessionHandle {
    const engine = this.#engine;
    return {
      schemaOf: async (plan) => {
        await engine.prepare(plan);
        return engine.schemaOf(plan);
      },
      collect: async (plan) => engine.collect(plan),
      collectInternal: async (plan) => engine.collectInternal(plan),
      explainString: async (plan, mode: ExplainMode) => {
        await engine.prepare(plan);
        return engine.explainString(plan, mode);
      },
      createTempView: async (name, plan, replace) => {
        await engine.prepare(plan);
        engine.createTempView(name, plan, replace);
      },
      persist: (plan, level: StorageLevel) => engine.persist(plan, level),
      unpersist: (plan) => engine.unpersist(plan),
      parseExpression: (sql): Expression => engine.parseExpression(sql),
      writeFiles: (plan, spec) => engine.writeFiles(plan, spec),
      tableWriteTarget: () => engine.tableWriteTarget,
    };
  }
}

export { Column };
