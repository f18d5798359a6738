/**
 * The session's view of the persistent catalog: resolves `t`, `db.t` and
 * `spark_catalog.db.t` against the current database, and serves tables and views to the
 * analyzer as a `TableProvider`. A table reads its files (see table-relation.ts); a view
 * is its stored SQL, analyzed at each read with the database that was current when the
 * view was created, its columns renamed (and cast) to the names and types it was stored
 * with.
 */
import { mkdirSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { TableProvider } from "../../catalyst/catalog/session-catalog.ts";
import { alias, cast } from "../../catalyst/expressions/factories.ts";
import { project } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { FlintError } from "../../errors/index.ts";
import { sameType } from "../../types/data-types.ts";
import { type CatalogTable, toPath, toUri } from "./catalog-types.ts";
import { ExternalCatalog } from "./external-catalog.ts";
import { tableRelation } from "./table-relation.ts";

/** A table name resolved against the current database. */
export interface TableIdent {
  readonly database: string;
  readonly name: string;
}

/** `` `spark_catalog`.`db`.`t` ``, as Spark names tables in messages. */
export function quotedName(id: TableIdent): string {
  return `\`spark_catalog\`.\`${id.database}\`.\`${id.name}\``;
}

/** Analyzes a view's SQL text with the given current database. */
export type ViewAnalyzer = (sql: string, currentDatabase: string) => LogicalPlan;

export interface PersistentCatalogOptions {
  /** `spark.sql.warehouse.dir`, relative to the working directory if not absolute. */
  readonly warehouse: string;
  /** `in-memory` keeps the catalog in this session only; otherwise a SQLite file. */
  readonly implementation: string;
  /** The SQLite file; default `<warehouse>/../metastore_db/flint-catalog.sqlite`. */
  readonly file?: string | undefined;
}

export class PersistentCatalog implements TableProvider {
  readonly external: ExternalCatalog;
  /** The absolute warehouse path. */
  readonly warehouse: string;
  #analyzeView: ViewAnalyzer | undefined;
  readonly #relations = new Map<string, { version: string; plan: LogicalPlan }>();

  constructor(options: PersistentCatalogOptions) {
    const wh = toPath(options.warehouse);
    this.warehouse = isAbsolute(wh) ? wh : resolve(wh);
    const file =
      options.implementation === "in-memory"
        ? ":memory:"
        : (options.file ?? join(this.warehouse, "..", "metastore_db", "flint-catalog.sqlite"));
    this.external = new ExternalCatalog(file, toUri(this.warehouse));
  }

  set viewAnalyzer(fn: ViewAnalyzer) {
    this.#analyzeView = fn;
  }

  /** `t` -> current database; `db.t`; `spark_catalog.db.t`. Undefined for other shapes. */
  resolve(nameParts: readonly string[], currentDatabase: string): TableIdent | undefined {
    const parts =
      nameParts.length === 3 && (nameParts[0] ?? "").toLowerCase() === "spark_catalog"
        ? nameParts.slice(1)
        : nameParts;
    if (parts.length === 1) {
      return { database: currentDatabase.toLowerCase(), name: (parts[0] as string).toLowerCase() };
    }
    if (parts.length === 2) {
      return {
        database: (parts[0] as string).toLowerCase(),
        name: (parts[1] as string).toLowerCase(),
      };
    }
    return undefined;
  }

  /** `spark_catalog.db` -> `db`; a one-part name as is. */
  databaseName(nameParts: readonly string[]): string {
    const parts =
      nameParts.length === 2 && (nameParts[0] ?? "").toLowerCase() === "spark_catalog"
        ? nameParts.slice(1)
        : nameParts;
    if (parts.length !== 1) {
      throw new FlintError("REQUIRES_SINGLE_PART_NAMESPACE", {
        sessionCatalog: "spark_catalog",
        namespace: nameParts.map((p) => `\`${p}\``).join("."),
      });
    }
    return (parts[0] as string).toLowerCase();
  }

  getTable(id: TableIdent): CatalogTable | undefined {
    return this.external.getTable(id.database, id.name);
  }

  /** The table, or TABLE_OR_VIEW_NOT_FOUND. */
  requireTable(id: TableIdent, nameParts: readonly string[]): CatalogTable {
    const t = this.getTable(id);
    if (!t) throw tableNotFound(nameParts, id.database);
    return t;
  }

  requireDatabase(name: string): void {
    if (!this.external.databaseExists(name)) {
      throw new FlintError("SCHEMA_NOT_FOUND", { schemaName: `\`spark_catalog\`.\`${name}\`` });
    }
  }

  /** Where a managed table of this database lives. */
  defaultTableLocation(id: TableIdent): string {
    const db = this.external.getDatabase(id.database);
    const base = db ? toPath(db.location) : join(this.warehouse, `${id.database}.db`);
    return join(base, id.name);
  }

  defaultDatabaseLocation(name: string): string {
    return join(this.warehouse, `${name.toLowerCase()}.db`);
  }

  ensureWarehouse(): void {
    mkdirSync(this.warehouse, { recursive: true });
  }

  // ------------------------------------------------------------------------------------
  // TableProvider

  databaseExists(name: string): boolean {
    return this.external.databaseExists(name);
  }

  lookupTable(nameParts: readonly string[], currentDatabase: string): LogicalPlan | undefined {
    const id = this.resolve(nameParts, currentDatabase);
    if (!id) return undefined;
    const table = this.getTable(id);
    if (!table) return undefined;
    if (table.type === "VIEW") return this.#viewPlan(table);
    const key = `${id.database}.${id.name}`;
    const cached = this.#relations.get(key);
    if (cached && cached.version === this.external.version) return cached.plan;
    const plan = tableRelation(table);
    // Partitioned tables list their partitions at each read; plain ones keep their ids.
    if (table.partitionColumns.length === 0) {
      this.#relations.set(key, { version: this.external.version, plan });
    }
    return plan;
  }

  #viewPlan(view: CatalogTable): LogicalPlan {
    if (!this.#analyzeView) throw new Error("the view analyzer is not set");
    const analyzed = this.#analyzeView(view.viewText ?? "", view.viewCurrentDatabase ?? "default");
    const out = outputOf(analyzed);
    const fields = view.schema.fields;
    return project(
      fields.map((f, i) => {
        const a = out[i];
        if (!a) {
          throw new FlintError("INCOMPATIBLE_VIEW_SCHEMA_CHANGE", {
            viewName: quotedName({ database: view.database, name: view.name }),
            colName: `\`${f.name}\``,
            expectedNum: String(fields.length),
            actualCols: `[${out.map((x) => `\`${x.name}\``).join(", ")}]`,
            suggestion: "CREATE OR REPLACE VIEW",
          });
        }
        const value = sameType(a.dataType, f.dataType) ? a : cast(a, f.dataType);
        return alias(value, f.name);
      }),
      analyzed,
    );
  }
}

export function tableNotFound(nameParts: readonly string[], currentDatabase: string): FlintError {
  return new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
    relationName: nameParts.map((p) => `\`${p}\``).join("."),
    searchPath: `[\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`${currentDatabase}\`]`,
  });
}
