/**
 * SHOW TABLES / VIEWS / COLUMNS / TBLPROPERTIES / CREATE TABLE / PARTITIONS, with Spark's
 * result columns.
 */
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import {
  type DataType,
  quoteIfNeeded,
  structField,
  structType,
  treeString,
  typeSql,
} from "../../types/data-types.ts";
import type { CatalogTable } from "./catalog-types.ts";
import { BOOLEAN, type CommandEngine, likePattern, resultRows } from "./command-context.ts";
import { detailRows } from "./describe-commands.ts";
import { quotedName } from "./persistent-catalog.ts";
import { commandTableNotFound, lookupForCommand, partitionSpecOf } from "./table-commands.ts";
import { listPartitions } from "./table-relation.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** SHOW TABLE EXTENDED's `information`: the detail rows as `key: value` lines, the schema. */
function tableInformation(table: CatalogTable): string {
  const lines = detailRows(table).map(([k, v]) => `${k}: ${v}`);
  if (table.partitionColumns.length > 0) {
    lines.push(`Partition Columns: [${table.partitionColumns.map((c) => `\`${c}\``).join(", ")}]`);
  }
  return `${lines.join("\n")}\nSchema: ${treeString(table.schema)}\n`;
}

export function showTables(s: Of<"ShowTables">, engine: CommandEngine): LogicalPlan {
  if (s.extended) return showTablesExtended(s, engine);
  const pc = engine.persistent;
  const db = s.database ? pc.databaseName(s.database) : engine.catalog.currentDatabase;
  pc.requireDatabase(db);
  const matches = likePattern(s.pattern);
  const rows: unknown[][] = [];
  for (const name of pc.external.listTables(db)) {
    if (!matches(name)) continue;
    if (s.views && pc.external.getTable(db, name)?.type !== "VIEW") continue;
    rows.push([db, name, false]);
  }
  for (const name of engine.catalog.listTempViews()) {
    if (matches(name)) rows.push(["", name, true]);
  }
  return resultRows(
    ["namespace", s.views ? "viewName" : "tableName", ["isTemporary", BOOLEAN]],
    rows,
  );
}

/** The columns of a table, view or temp view by name. */
function columnsOf(engine: CommandEngine, name: readonly string[]): string[] {
  if (name.length === 1) {
    const view = engine.catalog.lookupTempView(name[0] as string);
    if (view) return outputOf(view).map((a) => a.name);
  }
  const id = engine.persistent.resolve(name, engine.catalog.currentDatabase);
  const table = id ? engine.persistent.getTable(id) : undefined;
  if (!table) throw commandTableNotFound(engine, name);
  return table.schema.fields.map((f) => f.name);
}

export function showColumns(s: Of<"ShowColumns">, engine: CommandEngine): LogicalPlan {
  const name = s.database ? [...s.database, ...s.table.slice(-1)] : s.table;
  return resultRows(
    ["col_name"],
    columnsOf(engine, name).map((c) => [c]),
  );
}

export function showTableProperties(
  s: Of<"ShowTableProperties">,
  engine: CommandEngine,
): LogicalPlan {
  const { id, table } = lookupForCommand(engine, s.name);
  const props = Object.entries(table.properties).sort(([a], [b]) => (a < b ? -1 : 1));
  if (s.key !== null) {
    const v = table.properties[s.key];
    return resultRows(
      ["key", "value"],
      [
        [
          s.key,
          v ?? `Table spark_catalog.${id.database}.${id.name} does not have property: ${s.key}`,
        ],
      ],
    );
  }
  return resultRows(["key", "value"], props);
}

function sqlString(s: string): string {
  return `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** A column type as SHOW CREATE TABLE prints it (strings with their collation). */
function columnTypeSql(t: DataType): string {
  return t.kind === "string" ? "STRING COLLATE UTF8_BINARY" : typeSql(t);
}

function propertiesBlock(props: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return [];
  return [
    `TBLPROPERTIES (\n${entries.map(([k, v]) => `  ${sqlString(k)} = ${sqlString(v)}`).join(",\n")})`,
  ];
}

export function showCreateTableText(table: CatalogTable): string {
  const comment = (m: Readonly<Record<string, unknown>>): string =>
    typeof m.comment === "string" ? ` COMMENT ${sqlString(m.comment)}` : "";
  if (table.type === "VIEW") {
    const cols = table.schema.fields
      .map((f) => `  ${quoteIfNeeded(f.name)}${comment(f.metadata)}`)
      .join(",\n");
    return [
      `CREATE VIEW ${table.database}.${table.name} (\n${cols})`,
      ...(table.comment !== null ? [`COMMENT ${sqlString(table.comment)}`] : []),
      ...propertiesBlock(table.properties),
      "WITH SCHEMA COMPENSATION",
      `AS ${table.viewText ?? ""}`,
      "",
    ].join("\n");
  }
  const cols = table.schema.fields
    .map(
      (f) =>
        `  ${quoteIfNeeded(f.name)} ${columnTypeSql(f.dataType)}${f.nullable ? "" : " NOT NULL"}${comment(f.metadata)}`,
    )
    .join(",\n");
  const options = Object.entries(table.options).sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    `CREATE TABLE spark_catalog.${table.database}.${table.name} (\n${cols})`,
    `USING ${table.provider ?? "parquet"}`,
    ...(options.length > 0
      ? [
          `OPTIONS (\n${options.map(([k, v]) => `  ${sqlString(k)} = ${sqlString(v)}`).join(",\n")})`,
        ]
      : []),
    ...(table.partitionColumns.length > 0
      ? [`PARTITIONED BY (${table.partitionColumns.map(quoteIfNeeded).join(", ")})`]
      : []),
    ...(table.comment !== null ? [`COMMENT ${sqlString(table.comment)}`] : []),
    ...(table.type === "EXTERNAL" && table.location ? [`LOCATION '${table.location}'`] : []),
    ...propertiesBlock(table.properties),
    "",
  ].join("\n");
}

export function showCreateTable(s: Of<"ShowCreateTable">, engine: CommandEngine): LogicalPlan {
  const { table } = lookupForCommand(engine, s.name);
  return resultRows(["createtab_stmt"], [[showCreateTableText(table)]]);
}

export function showPartitions(s: Of<"ShowPartitions">, engine: CommandEngine): LogicalPlan {
  const { id, table } = lookupForCommand(engine, s.name);
  if (table.partitionColumns.length === 0) {
    throw new FlintError("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", {
      name: quotedName(id),
    });
  }
  const filter = s.partition ? partitionSpecOf(table, s.partition, id) : new Map();
  const rows: string[][] = [];
  for (const p of listPartitions(table)) {
    if (![...filter].every(([k, v]) => (p.values.get(k) ?? null) === v)) continue;
    rows.push([
      table.partitionColumns
        .map((c) => `${c}=${p.values.get(c) ?? "__HIVE_DEFAULT_PARTITION__"}`)
        .join("/"),
    ]);
  }
  return resultRows(["partition"], rows);
}

function showTablesExtended(s: Of<"ShowTables">, engine: CommandEngine): LogicalPlan {
  const pc = engine.persistent;
  const db = s.database ? pc.databaseName(s.database) : engine.catalog.currentDatabase;
  pc.requireDatabase(db);
  const matches = likePattern(s.pattern);
  const rows: unknown[][] = [];
  for (const name of pc.external.listTables(db)) {
    const table = pc.external.getTable(db, name);
    if (table && matches(name)) rows.push([db, name, false, tableInformation(table)]);
  }
  for (const name of engine.catalog.listTempViews()) {
    if (!matches(name)) continue;
    const view = engine.catalog.lookupTempView(name) as LogicalPlan;
    const schema = structType(
      outputOf(view).map((a) => structField(a.name, a.dataType, a.nullable)),
    );
    rows.push(["", name, true, `Table: ${name}\nType: VIEW\nSchema: ${treeString(schema)}\n`]);
  }
  return resultRows(["namespace", "tableName", ["isTemporary", BOOLEAN], "information"], rows);
}
