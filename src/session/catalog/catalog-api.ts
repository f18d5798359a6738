/**
 * `spark.catalog`: the session's catalog as an API (Spark's `Catalog`): databases,
 * tables, views, columns and the current database.
 */
import { outputOf } from "../../catalyst/plans/output.ts";
import { FlintError } from "../../errors/index.ts";
import { simpleString } from "../../types/data-types.ts";
import { type CommandEngine, likePattern } from "./command-context.ts";

export interface DatabaseInfo {
  readonly name: string;
  readonly catalog: string;
  readonly description: string | null;
  readonly locationUri: string;
}

export interface TableInfo {
  readonly name: string;
  readonly catalog: string | null;
  readonly namespace: readonly string[] | null;
  readonly description: string | null;
  /** `MANAGED`, `EXTERNAL`, `VIEW` or `TEMPORARY`. */
  readonly tableType: string;
  readonly isTemporary: boolean;
}

export interface ColumnInfo {
  readonly name: string;
  readonly description: string | null;
  readonly dataType: string;
  readonly nullable: boolean;
  readonly isPartition: boolean;
  readonly isBucket: boolean;
}

export class Catalog {
  readonly #engine: CommandEngine;

  constructor(engine: CommandEngine) {
    this.#engine = engine;
  }

  currentDatabase(): string {
    return this.#engine.catalog.currentDatabase;
  }

  setCurrentDatabase(name: string): void {
    this.#engine.persistent.requireDatabase(name.toLowerCase());
    this.#engine.catalog.setCurrentDatabase(name.toLowerCase());
  }

  databaseExists(name: string): boolean {
    return this.#engine.persistent.external.databaseExists(name);
  }

  listDatabases(pattern?: string): DatabaseInfo[] {
    const ext = this.#engine.persistent.external;
    return ext
      .listDatabases()
      .filter(likePattern(pattern ?? null))
      .flatMap((n) => {
        const db = ext.getDatabase(n);
        return db
          ? [
              {
                name: db.name,
                catalog: "spark_catalog",
                description: db.comment,
                locationUri: db.location,
              },
            ]
          : [];
      });
  }

  /** Tables and views of a database (default: the current one), then temp views. */
  listTables(dbName?: string, pattern?: string): TableInfo[] {
    const pc = this.#engine.persistent;
    const db = (dbName ?? this.currentDatabase()).toLowerCase();
    pc.requireDatabase(db);
    const matches = likePattern(pattern ?? null);
    const out: TableInfo[] = [];
    for (const n of pc.external.listTables(db)) {
      const t = pc.external.getTable(db, n);
      if (!t || !matches(n)) continue;
      out.push({
        name: t.name,
        catalog: "spark_catalog",
        namespace: [db],
        description: t.comment,
        tableType: t.type,
        isTemporary: false,
      });
    }
    for (const n of this.#engine.catalog.listTempViews()) {
      if (!matches(n)) continue;
      out.push({
        name: n,
        catalog: null,
        namespace: [],
        description: null,
        tableType: "TEMPORARY",
        isTemporary: true,
      });
    }
    return out;
  }

  /** `t`, `db.t` or (with dbName) `t` in that database; temp views count. */
  tableExists(tableName: string, dbName?: string): boolean {
    const parts = dbName ? [dbName, tableName] : tableName.split(".");
    if (parts.length === 1 && this.#engine.catalog.lookupTempView(parts[0] as string)) return true;
    const id = this.#engine.persistent.resolve(parts, this.currentDatabase());
    return id !== undefined && this.#engine.persistent.getTable(id) !== undefined;
  }

  listColumns(tableName: string, dbName?: string): ColumnInfo[] {
    const parts = dbName ? [dbName, tableName] : tableName.split(".");
    if (parts.length === 1) {
      const view = this.#engine.catalog.lookupTempView(parts[0] as string);
      if (view) {
        return outputOf(view).map((a) => ({
          name: a.name,
          description: null,
          dataType: simpleString(a.dataType),
          nullable: a.nullable,
          isPartition: false,
          isBucket: false,
        }));
      }
    }
    const id = this.#engine.persistent.resolve(parts, this.currentDatabase());
    const t = id ? this.#engine.persistent.getTable(id) : undefined;
    if (!t) {
      throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
        relationName: parts.map((p) => `\`${p}\``).join("."),
        searchPath: `[\`spark_catalog\`.\`${this.currentDatabase()}\`]`,
      });
    }
    const parts2 = new Set(t.partitionColumns);
    return t.schema.fields.map((f) => ({
      name: f.name,
      description: typeof f.metadata.comment === "string" ? f.metadata.comment : null,
      dataType: simpleString(f.dataType),
      nullable: f.nullable,
      isPartition: parts2.has(f.name),
      isBucket: false,
    }));
  }

  dropTempView(name: string): boolean {
    return this.#engine.catalog.dropTempView(name);
  }
}
