/**
 * CREATE / DROP DATABASE, USE, SHOW DATABASES, DESCRIBE DATABASE. A database is a
 * directory `<warehouse>/<name>.db` (the `default` database is the warehouse itself).
 */
import { mkdirSync, rmSync } from "node:fs";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import { toPath, toUri } from "./catalog-types.ts";
import { type CommandEngine, likePattern, noRows, resultRows } from "./command-context.ts";
import { lookupForCommand } from "./table-commands.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

function schemaNotFound(name: string): FlintError {
  return new FlintError("SCHEMA_NOT_FOUND", { schemaName: `\`spark_catalog\`.\`${name}\`` });
}

export function createDatabase(s: Of<"CreateDatabase">, engine: CommandEngine): LogicalPlan {
  const pc = engine.persistent;
  const name = pc.databaseName(s.name);
  if (pc.external.databaseExists(name)) {
    if (s.ifNotExists) return noRows();
    throw new FlintError("SCHEMA_ALREADY_EXISTS", { schemaName: `\`${name}\`` });
  }
  const path = s.location ? toPath(s.location) : pc.defaultDatabaseLocation(name);
  mkdirSync(path, { recursive: true });
  pc.external.createDatabase({
    name,
    comment: s.comment,
    location: toUri(path),
    properties: s.properties,
  });
  return noRows();
}

export function dropDatabase(s: Of<"DropDatabase">, engine: CommandEngine): LogicalPlan {
  const pc = engine.persistent;
  const name = pc.databaseName(s.name);
  if (name === "default") {
    throw new FlintError("UNSUPPORTED_FEATURE.DROP_DATABASE", {
      database: "`spark_catalog`.`default`",
    });
  }
  const db = pc.external.getDatabase(name);
  if (!db) {
    if (s.ifExists) return noRows();
    throw schemaNotFound(name);
  }
  const tables = pc.external.listTables(name);
  if (tables.length > 0 && !s.cascade) {
    throw new FlintError("SCHEMA_NOT_EMPTY", { schemaName: `\`${name}\`` });
  }
  for (const t of tables) {
    const table = pc.external.getTable(name, t);
    if (table?.type === "MANAGED" && table.location) {
      rmSync(toPath(table.location), { recursive: true, force: true });
    }
  }
  pc.external.dropDatabase(name);
  rmSync(toPath(db.location), { recursive: true, force: true });
  if (engine.catalog.currentDatabase === name) engine.catalog.setCurrentDatabase("default");
  return noRows();
}

export function useDatabase(s: Of<"Use">, engine: CommandEngine): LogicalPlan {
  const name = engine.persistent.databaseName(s.name);
  if (!engine.persistent.external.databaseExists(name)) throw schemaNotFound(name);
  engine.catalog.setCurrentDatabase(name);
  return noRows();
}

export function showDatabases(s: Of<"ShowDatabases">, engine: CommandEngine): LogicalPlan {
  const matches = likePattern(s.pattern);
  return resultRows(
    ["namespace"],
    engine.persistent.external
      .listDatabases()
      .filter(matches)
      .map((n) => [n]),
  );
}

export function describeDatabase(s: Of<"DescribeDatabase">, engine: CommandEngine): LogicalPlan {
  const name = engine.persistent.databaseName(s.name);
  const db = engine.persistent.external.getDatabase(name);
  if (!db) throw schemaNotFound(name);
  const rows: [string, string][] = [
    ["Catalog Name", "spark_catalog"],
    ["Namespace Name", db.name],
    ["Comment", db.comment ?? ""],
    ["Location", db.location],
    ["Owner", process.env.USER ?? "flint"],
  ];
  if (s.extended) {
    const props = Object.entries(db.properties)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `(${k},${v})`)
      .join(", ");
    rows.push(["Properties", `(${props})`]);
  }
  return resultRows(["info_name", "info_value"], rows);
}

export function alterDatabaseProperties(
  s: Of<"AlterDatabaseProperties">,
  engine: CommandEngine,
): LogicalPlan {
  const ext = engine.persistent.external;
  const name = engine.persistent.databaseName(s.name);
  const db = ext.getDatabase(name);
  if (!db) throw schemaNotFound(name);
  ext.alterDatabase({ ...db, properties: { ...db.properties, ...s.properties } });
  return noRows();
}

/** `COMMENT ON DATABASE | TABLE | VIEW name IS 'text' | NULL` (NULL leaves an empty comment). */
export function commentOn(s: Of<"CommentOn">, engine: CommandEngine): LogicalPlan {
  const comment = s.comment ?? "";
  const ext = engine.persistent.external;
  if (s.objectType === "TABLE" || s.objectType === "VIEW") {
    const { table } = lookupForCommand(engine, s.name);
    ext.alterTable({ ...table, comment });
    return noRows();
  }
  if (s.objectType === "COLUMN") {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "COMMENT ON COLUMN" });
  }
  const name = engine.persistent.databaseName(s.name);
  const db = ext.getDatabase(name);
  if (!db) throw schemaNotFound(name);
  ext.alterDatabase({ ...db, comment });
  return noRows();
}
