/**
 * The session catalog: temporary views, the current database, and a pluggable
 * `TableProvider` for persistent and file-backed tables (implemented elsewhere). The
 * analyzer asks it to turn a multi-part name into a plan.
 *
 * Temporary views hold resolved plans. Each lookup returns the same plan; the analyzer
 * gives repeated references fresh attribute ids where they would clash (self joins).
 */
import type { LogicalPlan } from "../plans/logical-plan.ts";

/** Persistent or file-backed tables (the metastore / lakehouse catalog implements this). */
export interface TableProvider {
  /** The table's plan (a resolved leaf such as FileRelation), or undefined if unknown. */
  lookupTable(nameParts: readonly string[], currentDatabase: string): LogicalPlan | undefined;
  /** Whether a database (namespace) exists; used only for error messages. */
  databaseExists?(name: string): boolean;
}

/** The plan of a relation found by name, with the qualifier Spark gives its columns. */
export interface CatalogRelation {
  readonly plan: LogicalPlan;
  /** `["t"]` for a temp view, `["spark_catalog", "db", "t"]` for a table. */
  readonly qualifier: readonly string[];
}

export interface SessionCatalogOptions {
  readonly tableProvider?: TableProvider | undefined;
  readonly currentDatabase?: string | undefined;
  /** `spark.sql.caseSensitive`: temp view names compare exactly when true. */
  readonly caseSensitive?: boolean | undefined;
}

export class SessionCatalog {
  readonly #views = new Map<string, { readonly name: string; readonly plan: LogicalPlan }>();
  readonly #provider: TableProvider | undefined;
  readonly #caseSensitive: boolean;
  #currentDatabase: string;

  constructor(options: SessionCatalogOptions = {}) {
    this.#provider = options.tableProvider;
    this.#currentDatabase = options.currentDatabase ?? "default";
    this.#caseSensitive = options.caseSensitive ?? false;
  }

  #key(name: string): string {
    return this.#caseSensitive ? name : name.toLowerCase();
  }

  get currentDatabase(): string {
    return this.#currentDatabase;
  }

  setCurrentDatabase(name: string): void {
    this.#currentDatabase = name;
  }

  /** Registers a temp view; returns false (and changes nothing) if it exists and !replace. */
  createTempView(name: string, plan: LogicalPlan, replace = true): boolean {
    const key = this.#key(name);
    if (!replace && this.#views.has(key)) return false;
    this.#views.set(key, { name, plan });
    return true;
  }

  dropTempView(name: string): boolean {
    return this.#views.delete(this.#key(name));
  }

  lookupTempView(name: string): LogicalPlan | undefined {
    return this.#views.get(this.#key(name))?.plan;
  }

  listTempViews(): string[] {
    return [...this.#views.values()].map((v) => v.name).sort();
  }

  /**
   * Finds a relation: a one-part name is first a temp view, then a table of the current
   * database; longer names go to the table provider.
   */
  lookupRelation(nameParts: readonly string[]): CatalogRelation | undefined {
    const only = nameParts.length === 1 ? nameParts[0] : undefined;
    if (only !== undefined) {
      const view = this.lookupTempView(only);
      if (view) return { plan: view, qualifier: [only] };
    }
    const table = this.#provider?.lookupTable(nameParts, this.#currentDatabase);
    if (!table) return undefined;
    const qualifier =
      nameParts.length === 1
        ? ["spark_catalog", this.#currentDatabase, ...nameParts]
        : nameParts.length === 2
          ? ["spark_catalog", ...nameParts]
          : [...nameParts];
    return { plan: table, qualifier };
  }
}
