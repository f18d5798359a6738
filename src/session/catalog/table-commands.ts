/**
 * Table DDL: CREATE TABLE (without AS SELECT), DROP TABLE / VIEW, ALTER TABLE / VIEW
 * (rename, add columns, properties, column comments, partitions), TRUNCATE TABLE.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { unresolvedRelation } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import {
  type StructField,
  type StructType,
  structField,
  structType,
  typeSql,
} from "../../types/data-types.ts";
import { type CatalogTable, toPath, toUri } from "./catalog-types.ts";
import { type CommandEngine, noRows, quoteParts } from "./command-context.ts";
import { quotedName, type TableIdent } from "./persistent-catalog.ts";
import { listPartitions, type PartitionValues, partitionDir } from "./table-relation.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

export const PROVIDERS: ReadonlySet<string> = new Set(["parquet", "csv", "json", "text", "orc"]);

/** Checks a new table's definition and builds its catalog entry. */
export function newTable(
  engine: CommandEngine,
  id: TableIdent,
  s: {
    readonly schema: StructType;
    readonly provider: string | null;
    readonly partitionColumns: readonly string[];
    readonly location: string | null;
    readonly properties: Readonly<Record<string, string>>;
    readonly options: Readonly<Record<string, string>>;
    readonly comment: string | null;
    readonly external?: boolean;
  },
): CatalogTable {
  const provider = (s.provider ?? "parquet").toLowerCase();
  if (!PROVIDERS.has(provider)) {
    throw new FlintError("DATA_SOURCE_NOT_FOUND", { provider: s.provider ?? provider });
  }
  const seen = new Set<string>();
  for (const f of s.schema.fields) {
    const k = f.name.toLowerCase();
    if (seen.has(k)) throw new FlintError("COLUMN_ALREADY_EXISTS", { columnName: `\`${k}\`` });
    seen.add(k);
  }
  const partitionFields: StructField[] = s.partitionColumns.map((c) => {
    const f = s.schema.fields.find((x) => x.name.toLowerCase() === c.toLowerCase());
    if (!f) {
      throw new FlintError("COLUMN_NOT_DEFINED_IN_TABLE", {
        colType: "partition",
        colName: `\`${c}\``,
        tableName: quotedName(id),
        tableCols: s.schema.fields.map((x) => `\`${x.name}\``).join(", "),
      });
    }
    return f;
  });
  const partNames = new Set(partitionFields.map((f) => f.name));
  const schema = structType([
    ...s.schema.fields.filter((f) => !partNames.has(f.name)),
    ...partitionFields,
  ]);
  const location = s.location ? toPath(s.location) : engine.persistent.defaultTableLocation(id);
  return {
    database: id.database,
    name: id.name,
    type: s.location || s.external ? "EXTERNAL" : "MANAGED",
    provider,
    location: toUri(location),
    schema,
    partitionColumns: partitionFields.map((f) => f.name),
    properties: s.properties,
    options: s.options,
    comment: s.comment,
    viewText: null,
    viewCurrentDatabase: null,
    createdMs: Date.now(),
    stats: null,
  };
}

/** Resolves a new table's name; its database must exist. */
export function newTableIdent(engine: CommandEngine, name: readonly string[]): TableIdent {
  const id = engine.persistent.resolve(name, engine.catalog.currentDatabase);
  if (!id)
    throw new FlintError("REQUIRES_SINGLE_PART_NAMESPACE", {
      sessionCatalog: "spark_catalog",
      namespace: quoteParts(name.slice(0, -1)),
    });
  engine.persistent.requireDatabase(id.database);
  return id;
}

export function createTable(s: Of<"CreateTable">, engine: CommandEngine): LogicalPlan {
  const id = newTableIdent(engine, s.name);
  const pc = engine.persistent;
  if (pc.getTable(id)) {
    if (s.ifNotExists) return noRows();
    if (s.replace) {
      throw new FlintError("UNSUPPORTED_FEATURE.TABLE_OPERATION", {
        tableName: quotedName(id),
        operation: "REPLACE TABLE",
      });
    }
    throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: quotedName(id) });
  }
  const table = newTable(engine, id, { ...s, schema: s.schema ?? structType([]) });
  mkdirSync(toPath(table.location ?? ""), { recursive: true });
  pc.external.createTable(table);
  return noRows();
}

/** A table or view of the persistent catalog, or TABLE_OR_VIEW_NOT_FOUND. */
export function lookupForCommand(
  engine: CommandEngine,
  name: readonly string[],
): { id: TableIdent; table: CatalogTable } {
  const id = engine.persistent.resolve(name, engine.catalog.currentDatabase);
  const table = id ? engine.persistent.getTable(id) : undefined;
  if (!id || !table) throw commandTableNotFound(engine, name);
  return { id, table };
}

/** TABLE_OR_VIEW_NOT_FOUND as commands report it (no builtin functions on the path). */
export function commandTableNotFound(engine: CommandEngine, name: readonly string[]): FlintError {
  return new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
    relationName: quoteParts(name),
    searchPath: `[\`system\`.\`session\`, \`spark_catalog\`.\`${engine.catalog.currentDatabase}\`]`,
  });
}

export function dropTable(s: Of<"DropTable">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1 && engine.catalog.lookupTempView(s.name[0] as string)) {
    engine.catalog.dropTempView(s.name[0] as string);
    return noRows();
  }
  const pc = engine.persistent;
  const id = pc.resolve(s.name, engine.catalog.currentDatabase);
  const table = id ? pc.getTable(id) : undefined;
  if (!id || !table) {
    if (s.ifExists) return noRows();
    const db = id?.database ?? engine.catalog.currentDatabase;
    throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
      relationName: id ? quotedName(id) : quoteParts(s.name),
      searchPath: `[\`spark_catalog\`.\`${db}\`]`,
    });
  }
  if (s.isView && table.type !== "VIEW") {
    throw new FlintError("WRONG_COMMAND_FOR_OBJECT_TYPE", {
      alternative: "DROP TABLE",
      foundType: table.type,
      objectName: quotedName(id),
      operation: "DROP VIEW",
      requiredType: "VIEW or METRIC_VIEW",
    });
  }
  engine.unpersist(unresolvedRelation([id.database, id.name]));
  pc.external.dropTable(id.database, id.name);
  if (table.type === "MANAGED" && table.location) {
    rmSync(toPath(table.location), { recursive: true, force: true });
  }
  return noRows();
}

export function alterTableRename(s: Of<"AlterTableRename">, engine: CommandEngine): LogicalPlan {
  if (s.from.length === 1 && engine.catalog.lookupTempView(s.from[0] as string)) {
    const name = s.from[0] as string;
    const plan = engine.catalog.lookupTempView(name) as LogicalPlan;
    engine.catalog.dropTempView(name);
    engine.catalog.createTempView(s.to[s.to.length - 1] as string, plan, true);
    return noRows();
  }
  const { id, table } = lookupForCommand(engine, s.from);
  checkKind(table, s.isView, s.isView ? "ALTER VIEW" : "ALTER TABLE", s.from);
  const pc = engine.persistent;
  const to = pc.resolve(s.to.length === 1 ? [id.database, ...s.to] : s.to, id.database);
  if (!to) throw commandTableNotFound(engine, s.to);
  if (pc.getTable(to)) {
    throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", {
      relationName: `\`${to.database}\`.\`${to.name}\``,
    });
  }
  let location = table.location;
  if (table.type === "MANAGED" && table.location) {
    const newPath = pc.defaultTableLocation(to);
    rmSync(newPath, { recursive: true, force: true });
    mkdirSync(join(newPath, ".."), { recursive: true });
    renameDir(toPath(table.location), newPath);
    location = toUri(newPath);
  }
  engine.unpersist(unresolvedRelation([id.database, id.name]));
  pc.external.renameTable(id.database, id.name, { ...table, ...to, location });
  return noRows();
}

function renameDir(from: string, to: string): void {
  mkdirSync(from, { recursive: true });
  renameSync(from, to);
}

/** ALTER TABLE on a view, or ALTER VIEW on a table, as Spark reports them. */
function checkKind(
  table: CatalogTable,
  isView: boolean,
  operation: string,
  name: readonly string[],
): void {
  if (isView && table.type !== "VIEW") {
    throw new FlintError("EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE", {
      operation,
      tableName: quoteParts(name),
    });
  }
  if (!isView && table.type === "VIEW") {
    throw new FlintError("EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW", {
      operation,
      viewName: quoteParts(name),
    });
  }
}

export function alterTableAddColumns(
  s: Of<"AlterTableAddColumns">,
  engine: CommandEngine,
): LogicalPlan {
  const { table } = lookupForCommand(engine, s.name);
  checkKind(table, false, "ALTER TABLE ... ADD COLUMNS", s.name);
  const existing = new Set(table.schema.fields.map((f) => f.name.toLowerCase()));
  for (const c of s.columns) {
    if (existing.has(c.name.toLowerCase())) {
      throw new FlintError("COLUMN_ALREADY_EXISTS", { columnName: `\`${c.name.toLowerCase()}\`` });
    }
    existing.add(c.name.toLowerCase());
  }
  const parts = new Set(table.partitionColumns);
  const data = table.schema.fields.filter((f) => !parts.has(f.name));
  const partFields = table.schema.fields.filter((f) => parts.has(f.name));
  engine.persistent.external.alterTable({
    ...table,
    schema: structType([...data, ...s.columns, ...partFields]),
  });
  return noRows();
}

export function alterTableSetProperties(
  s: Of<"AlterTableSetProperties">,
  engine: CommandEngine,
): LogicalPlan {
  const { table } = lookupForCommand(engine, s.name);
  checkKind(table, s.isView, s.isView ? "ALTER VIEW" : "ALTER TABLE", s.name);
  engine.persistent.external.alterTable({
    ...table,
    properties: { ...table.properties, ...s.properties },
  });
  return noRows();
}

export function alterTableUnsetProperties(
  s: Of<"AlterTableUnsetProperties">,
  engine: CommandEngine,
): LogicalPlan {
  const { table } = lookupForCommand(engine, s.name);
  checkKind(table, s.isView, s.isView ? "ALTER VIEW" : "ALTER TABLE", s.name);
  const properties = { ...table.properties };
  for (const k of s.keys) delete properties[k];
  engine.persistent.external.alterTable({ ...table, properties });
  return noRows();
}

export function alterTableUnsupported(
  s: Of<"AlterTableRenameColumn"> | Of<"AlterTableDropColumns">,
  engine: CommandEngine,
): LogicalPlan {
  const { id } = lookupForCommand(engine, s.name);
  throw new FlintError("UNSUPPORTED_FEATURE.TABLE_OPERATION", {
    operation: s.kind === "AlterTableRenameColumn" ? "RENAME COLUMN" : "DROP COLUMN",
    tableName: quotedName(id),
  });
}

export function alterTableAlterColumn(
  s: Of<"AlterTableAlterColumn">,
  engine: CommandEngine,
): LogicalPlan {
  const { id, table } = lookupForCommand(engine, s.name);
  const colName = s.column.join(".");
  const field = table.schema.fields.find((f) => f.name.toLowerCase() === colName.toLowerCase());
  if (!field) {
    throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
      objectName: `\`${colName}\``,
      proposal: table.schema.fields.map((f) => `\`${f.name}\``).join(", "),
    });
  }
  if (s.dataType && typeSql(s.dataType) !== typeSql(field.dataType)) {
    throw new FlintError("NOT_SUPPORTED_CHANGE_COLUMN", {
      table: quotedName(id),
      originName: `\`${field.name}\``,
      originType: `"${typeSql(field.dataType)}"`,
      newName: `\`${field.name}\``,
      newType: `"${typeSql(s.dataType)}"`,
    });
  }
  const metadata = s.comment === null ? field.metadata : { ...field.metadata, comment: s.comment };
  const nullable = s.nullable ?? field.nullable;
  engine.persistent.external.alterTable({
    ...table,
    schema: structType(
      table.schema.fields.map((f) =>
        f === field ? structField(f.name, f.dataType, nullable, metadata) : f,
      ),
    ),
  });
  return noRows();
}

/** `PARTITION (p = 1)` spec values keyed by the table's partition column names. */
export function partitionSpecOf(
  table: CatalogTable,
  spec: Readonly<Record<string, string | null>>,
  id: TableIdent,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(spec)) {
    const col = table.partitionColumns.find((c) => c.toLowerCase() === k.toLowerCase());
    if (!col) {
      throw new FlintError("PARTITIONS_NOT_FOUND", {
        partitionList: `PARTITION (${Object.entries(spec)
          .map(([a, b]) => `\`${a}\` = ${b}`)
          .join(", ")})`,
        tableName: `\`${id.database}\`.\`${id.name}\``,
      });
    }
    out.set(col, v === null ? null : unquoteValue(v));
  }
  return out;
}

/** Partition spec values arrive as written: `'a'` or `1`. */
export function unquoteValue(v: string): string {
  const m = /^'(.*)'$|^"(.*)"$/s.exec(v);
  return m ? (m[1] ?? m[2] ?? "") : v;
}

function partitionListText(spec: Readonly<Record<string, string | null>>): string {
  return `PARTITION (${Object.entries(spec)
    .map(([k, v]) => `\`${k}\` = ${v}`)
    .join(", ")})`;
}

export function requirePartitioned(table: CatalogTable, id: TableIdent, action: string): void {
  if (table.partitionColumns.length === 0) {
    throw new FlintError("_LEGACY_ERROR_TEMP_1251", { action, tableName: id.name });
  }
}

export function alterTablePartitions(
  s: Of<"AlterTablePartitions">,
  engine: CommandEngine,
): LogicalPlan {
  const { id, table } = lookupForCommand(engine, s.name);
  if (s.action === "RENAME") {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "ALTER TABLE ... RENAME PARTITION" });
  }
  requirePartitioned(table, id, `ALTER TABLE ${s.action} PARTITION`);
  const existing = listPartitions(table);
  const same = (a: PartitionValues, b: PartitionValues): boolean =>
    table.partitionColumns.every((c) => (a.get(c) ?? null) === (b.get(c) ?? null));
  for (const spec of s.partitions) {
    const values = partitionSpecOf(table, spec, id);
    const found = existing.some((p) => same(p.values, values));
    if (s.action === "ADD") {
      if (found) {
        if (s.ifExists) continue;
        throw new FlintError("PARTITIONS_ALREADY_EXIST", {
          partitionList: partitionListText(spec),
          tableName: `\`${id.database}\`.\`${id.name}\``,
        });
      }
      mkdirSync(partitionDir(table, values), { recursive: true });
    } else {
      const matching = existing.filter((p) =>
        [...values].every(([k, v]) => (p.values.get(k) ?? null) === v),
      );
      if (matching.length === 0) {
        if (s.ifExists) continue;
        throw new FlintError("PARTITIONS_NOT_FOUND", {
          partitionList: partitionListText(spec),
          tableName: `\`${id.database}\`.\`${id.name}\``,
        });
      }
      for (const p of matching) rmSync(p.dir, { recursive: true, force: true });
    }
  }
  engine.persistent.external.alterTable(table);
  return noRows();
}

export function truncateTable(s: Of<"TruncateTable">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1 && engine.catalog.lookupTempView(s.name[0] as string)) {
    throw new FlintError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", {
      operation: "TRUNCATE TABLE",
      viewName: quoteParts(s.name),
    });
  }
  const { id, table } = lookupForCommand(engine, s.name);
  if (table.type === "VIEW") {
    throw new FlintError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", {
      operation: "TRUNCATE TABLE",
      viewName: quotedName(id),
    });
  }
  const root = toPath(table.location ?? "");
  if (s.partition) {
    if (table.partitionColumns.length === 0) {
      throw new FlintError("_LEGACY_ERROR_TEMP_1267", { tableIdentWithDB: quotedName(id) });
    }
    const values = partitionSpecOf(table, s.partition, id);
    for (const p of listPartitions(table)) {
      if ([...values].every(([k, v]) => (p.values.get(k) ?? null) === v)) clearDir(p.dir);
    }
  } else if (table.partitionColumns.length > 0) {
    for (const p of listPartitions(table)) clearDir(p.dir);
  } else clearDir(root);
  engine.unpersist(unresolvedRelation([id.database, id.name]));
  engine.persistent.external.alterTable({ ...table, stats: null });
  return noRows();
}

/** Deletes the data files of a directory, keeping the directory (and sub-directories). */
export function clearDir(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (n.includes("=")) continue;
    rmSync(p, { recursive: true, force: true });
  }
}

/** `CREATE TABLE t LIKE source`: the source's columns and partitioning, no data. */
export function createTableLike(s: Of<"CreateTableLike">, engine: CommandEngine): LogicalPlan {
  let schema: StructType;
  let partitionColumns: readonly string[] = [];
  let provider: string | null = null;
  const view =
    s.source.length === 1 ? engine.catalog.lookupTempView(s.source[0] as string) : undefined;
  if (view) {
    schema = structType(
      outputOf(view).map((a) => structField(a.name, a.dataType, true, a.metadata)),
    );
  } else {
    const { table } = lookupForCommand(engine, s.source);
    schema = table.schema;
    partitionColumns = table.partitionColumns;
    provider = table.provider;
  }
  const id = newTableIdent(engine, s.name);
  if (engine.persistent.getTable(id)) {
    if (s.ifNotExists) return noRows();
    throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", {
      relationName: `\`${id.database}\`.\`${id.name}\``,
    });
  }
  const table = newTable(engine, id, {
    schema,
    provider: s.provider ?? provider,
    partitionColumns,
    location: s.location,
    properties: s.properties,
    options: {},
    comment: null,
  });
  mkdirSync(toPath(table.location ?? ""), { recursive: true });
  engine.persistent.external.createTable(table);
  return noRows();
}

/** `ALTER TABLE t SET LOCATION 'path'`: the table reads (and writes) there from now on. */
export function alterTableSetLocation(
  s: Of<"AlterTableSetLocation">,
  engine: CommandEngine,
): LogicalPlan {
  const { id, table } = lookupForCommand(engine, s.name);
  checkKind(table, false, "ALTER TABLE ... SET LOCATION", s.name);
  engine.unpersist(unresolvedRelation([id.database, id.name]));
  engine.persistent.external.alterTable({ ...table, location: toUri(toPath(s.location)) });
  return noRows();
}
