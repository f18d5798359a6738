/**
 * The external catalog: databases and tables that outlive the session, kept in one
 * SQLite file (Node's built-in `node:sqlite`) beside the warehouse directory, as Spark
 * keeps its Derby `metastore_db` beside `spark-warehouse`. `:memory:` keeps them for the
 * session only (Spark's `spark.sql.catalogImplementation=in-memory`).
 *
 * The file is created on the first write, so sessions that only read (or never touch a
 * table) leave no file behind; until then the catalog holds just the `default` database.
 * Names are stored lower-cased, as Spark's session catalog formats them.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { fromJson, type StructType, toJson } from "../../types/data-types.ts";
import type { CatalogDatabase, CatalogTable, TableStats, TableType } from "./catalog-types.ts";

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS databases (
  name TEXT PRIMARY KEY,
  comment TEXT,
  location TEXT NOT NULL,
  properties TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
  db TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  provider TEXT,
  location TEXT,
  schema TEXT NOT NULL,
  partition_columns TEXT NOT NULL,
  properties TEXT NOT NULL,
  options TEXT NOT NULL,
  comment TEXT,
  view_text TEXT,
  view_db TEXT,
  created_ms INTEGER NOT NULL,
  stats TEXT,
  PRIMARY KEY (db, name)
);
`;

type SqlRow = Record<string, SQLInputValue>;

function str(v: SQLInputValue | undefined): string {
  return typeof v === "string" ? v : String(v ?? "");
}

function strOrNull(v: SQLInputValue | undefined): string | null {
  return v === null || v === undefined ? null : str(v);
}

export class ExternalCatalog {
  readonly #file: string;
  readonly #defaultLocation: string;
  #db: DatabaseSync | undefined;
  /** Bumped on every change, so cached relations can tell they are stale. */
  #version = 0;

  /**
   * @param file the SQLite file, or `:memory:`
   * @param defaultLocation the `file:` URI of the warehouse (the default database)
   */
  constructor(file: string, defaultLocation: string) {
    this.#file = file;
    this.#defaultLocation = defaultLocation;
    // An existing file is opened now; a missing one is created on the first write.
    if (file === ":memory:" || existsSync(file)) this.#open();
  }

  /**
   * Changes with every write of this session and (through SQLite's `data_version`) every
   * commit of another connection to the same file, so cached relations notice both.
   */
  get version(): string {
    const other = this.#db?.prepare("PRAGMA data_version").get()?.data_version ?? 0;
    return `${this.#version}:${String(other)}`;
  }

  get file(): string {
    return this.#file;
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  #open(): DatabaseSync {
    if (this.#db) return this.#db;
    if (this.#file !== ":memory:") mkdirSync(dirname(this.#file), { recursive: true });
    const db = new DatabaseSync(this.#file);
    db.exec(SCHEMA_SQL);
    this.#ensureDefault(db);
    this.#db = db;
    return db;
  }

  #ensureDefault(db: DatabaseSync): void {
    db.prepare(
      "INSERT OR IGNORE INTO databases (name, comment, location, properties) VALUES (?, ?, ?, ?)",
    ).run("default", "default database", this.#defaultLocation, "{}");
  }

  #write(sql: string, ...params: SQLInputValue[]): number {
    const r = this.#open()
      .prepare(sql)
      .run(...params);
    this.#version++;
    return Number(r.changes);
  }

  /** The open database for reading, if the file exists (another session may create it). */
  #reader(): DatabaseSync | undefined {
    if (!this.#db && existsSync(this.#file)) this.#open();
    return this.#db;
  }

  #all(sql: string, ...params: SQLInputValue[]): SqlRow[] {
    const db = this.#reader();
    if (!db) return [];
    return db.prepare(sql).all(...params) as SqlRow[];
  }

  // ------------------------------------------------------------------------------------
  // Databases

  databaseExists(name: string): boolean {
    return this.getDatabase(name) !== undefined;
  }

  getDatabase(name: string): CatalogDatabase | undefined {
    const key = name.toLowerCase();
    if (!this.#reader()) {
      return key === "default"
        ? {
            name: "default",
            comment: "default database",
            location: this.#defaultLocation,
            properties: {},
          }
        : undefined;
    }
    const row = this.#all("SELECT * FROM databases WHERE name = ?", key)[0];
    if (!row) return undefined;
    return {
      name: str(row.name),
      comment: strOrNull(row.comment),
      location: str(row.location),
      properties: JSON.parse(str(row.properties)) as Record<string, string>,
    };
  }

  listDatabases(): string[] {
    if (!this.#reader()) return ["default"];
    return this.#all("SELECT name FROM databases ORDER BY name").map((r) => str(r.name));
  }

  /** Returns false if it exists. */
  createDatabase(db: CatalogDatabase): boolean {
    return (
      this.#write(
        "INSERT OR IGNORE INTO databases (name, comment, location, properties) VALUES (?, ?, ?, ?)",
        db.name.toLowerCase(),
        db.comment,
        db.location,
        JSON.stringify(db.properties),
      ) > 0
    );
  }

  /** Replaces a database's comment and properties. */
  alterDatabase(db: CatalogDatabase): void {
    this.#write(
      "UPDATE databases SET comment = ?, location = ?, properties = ? WHERE name = ?",
      db.comment,
      db.location,
      JSON.stringify(db.properties),
      db.name.toLowerCase(),
    );
  }

  /** Drops a database and (the caller has checked CASCADE) its tables. */
  dropDatabase(name: string): void {
    const key = name.toLowerCase();
    this.#write("DELETE FROM tables WHERE db = ?", key);
    this.#write("DELETE FROM databases WHERE name = ?", key);
  }

  // ------------------------------------------------------------------------------------
  // Tables

  getTable(database: string, name: string): CatalogTable | undefined {
    const row = this.#all(
      "SELECT * FROM tables WHERE db = ? AND name = ?",
      database.toLowerCase(),
      name.toLowerCase(),
    )[0];
    return row ? tableFromRow(row) : undefined;
  }

  tableExists(database: string, name: string): boolean {
    return this.getTable(database, name) !== undefined;
  }

  listTables(database: string): string[] {
    return this.#all(
      "SELECT name FROM tables WHERE db = ? ORDER BY name",
      database.toLowerCase(),
    ).map((r) => str(r.name));
  }

  /** Returns false if a table of that name exists. */
  createTable(t: CatalogTable): boolean {
    return (
      this.#write(
        `INSERT OR IGNORE INTO tables (db, name, type, provider, location, schema,
          partition_columns, properties, options, comment, view_text, view_db, created_ms, stats)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...tableParams({ ...t, database: t.database.toLowerCase(), name: t.name.toLowerCase() }),
      ) > 0
    );
  }

  /** Replaces a table's metadata (same database and name). */
  alterTable(t: CatalogTable): void {
    this.#write(
      "DELETE FROM tables WHERE db = ? AND name = ?",
      t.database.toLowerCase(),
      t.name.toLowerCase(),
    );
    this.createTable(t);
  }

  dropTable(database: string, name: string): boolean {
    return (
      this.#write(
        "DELETE FROM tables WHERE db = ? AND name = ?",
        database.toLowerCase(),
        name.toLowerCase(),
      ) > 0
    );
  }

  renameTable(database: string, from: string, to: CatalogTable): void {
    this.dropTable(database, from);
    this.createTable(to);
  }
}

function tableParams(t: CatalogTable): SQLInputValue[] {
  return [
    t.database,
    t.name,
    t.type,
    t.provider,
    t.location,
    toJson(t.schema),
    JSON.stringify(t.partitionColumns),
    JSON.stringify(t.properties),
    JSON.stringify(t.options),
    t.comment,
    t.viewText,
    t.viewCurrentDatabase,
    t.createdMs,
    t.stats ? JSON.stringify(t.stats) : null,
  ];
}

function tableFromRow(row: SqlRow): CatalogTable {
  const stats = strOrNull(row.stats);
  return {
    database: str(row.db),
    name: str(row.name),
    type: str(row.type) as TableType,
    provider: strOrNull(row.provider),
    location: strOrNull(row.location),
    schema: fromJson(str(row.schema)) as StructType,
    partitionColumns: JSON.parse(str(row.partition_columns)) as string[],
    properties: JSON.parse(str(row.properties)) as Record<string, string>,
    options: JSON.parse(str(row.options)) as Record<string, string>,
    comment: strOrNull(row.comment),
    viewText: strOrNull(row.view_text),
    viewCurrentDatabase: strOrNull(row.view_db),
    createdMs: Number(row.created_ms),
    stats: stats === null ? null : (JSON.parse(stats) as TableStats),
  };
}
