/**
 * DESCRIBE [EXTENDED | FORMATTED] TABLE, DESCRIBE t column, DESCRIBE QUERY and
 * DESCRIBE FUNCTION [EXTENDED], with Spark's rows (`col_name`, `data_type`, `comment`,
 * the `# Partition Information` and `# Detailed Table Information` sections).
 */
import type { FunctionDef } from "../../catalyst/catalog/function-registry.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import { catalogString, type StructField, structField } from "../../types/data-types.ts";
import { type CatalogTable, toUri } from "./catalog-types.ts";
import { type CommandEngine, quoteParts, resultRows } from "./command-context.ts";
import { OPERATOR_NAMES, operatorDoc } from "./operator-docs.ts";
import type { TableIdent } from "./persistent-catalog.ts";
import { partitionSpecOf } from "./table-commands.ts";
import { listPartitions, type PartitionValues, splitSchema } from "./table-relation.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;
type Row = [string, string, string | null];

const DESCRIBE_COLUMNS = ["col_name", "data_type", "comment"] as const;

/** A time as Java's `Date.toString` prints it in UTC: `Mon Nov 23 23:52:53 UTC 2026`. */
function javaDateString(ms: number): string {
  const d = new Date(ms);
  const [dow, mon] = [
    ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][
      d.getUTCMonth()
    ],
  ];
  const two = (n: number): string => String(n).padStart(2, "0");
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${dow} ${mon} ${two(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

function commentOf(f: StructField): string | null {
  return typeof f.metadata.comment === "string" ? f.metadata.comment : null;
}

function columnRows(fields: readonly StructField[]): Row[] {
  return fields.map((f) => [f.name, catalogString(f.dataType), commentOf(f)]);
}

export function detailRows(table: CatalogTable): Row[] {
  const rows: Row[] = [
    ["Catalog", "spark_catalog", ""],
    ["Database", table.database, ""],
    ["Table", table.name, ""],
    ["Created Time", javaDateString(table.createdMs), ""],
    ["Last Access", "UNKNOWN", ""],
    ["Created By", "Flint 0.1.0", ""],
    ["Type", table.type, ""],
  ];
  if (table.provider) rows.push(["Provider", table.provider, ""]);
  if (table.comment !== null) rows.push(["Comment", table.comment, ""]);
  const props = Object.entries(table.properties).sort(([a], [b]) => (a < b ? -1 : 1));
  if (props.length > 0) {
    rows.push(["Table Properties", `[${props.map(([k, v]) => `${k}=${v}`).join(", ")}]`, ""]);
  }
  if (table.stats) {
    const rc = table.stats.rowCount;
    rows.push([
      "Statistics",
      `${table.stats.sizeInBytes} bytes${rc !== null ? `, ${rc} rows` : ""}`,
      "",
    ]);
  }
  if (table.type === "VIEW") {
    rows.push(
      ["View Text", table.viewText ?? "", ""],
      ["View Original Text", table.viewText ?? "", ""],
      ["View Schema Mode", "COMPENSATION", ""],
      ["View Catalog and Namespace", `spark_catalog.${table.viewCurrentDatabase ?? "default"}`, ""],
      [
        "View Query Output Columns",
        `[${table.schema.fields.map((f) => `\`${f.name}\``).join(", ")}]`,
        "",
      ],
    );
  } else {
    if (table.location) rows.push(["Location", table.location, ""]);
    if (table.partitionColumns.length > 0) rows.push(["Partition Provider", "Catalog", ""]);
  }
  return rows;
}

function describeRows(rows: readonly Row[]): LogicalPlan {
  return resultRows(DESCRIBE_COLUMNS, rows);
}

export function describeTable(s: Of<"DescribeTable">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1) {
    const view = engine.catalog.lookupTempView(s.name[0] as string);
    if (view) {
      const out = outputOf(view);
      const fields = out.map((a) => structField(a.name, a.dataType, a.nullable, a.metadata));
      if (s.column) return describeColumn(s, fields, null);
      return describeRows(columnRows(fields));
    }
  }
  const id = engine.persistent.resolve(s.name, engine.catalog.currentDatabase);
  const table = id ? engine.persistent.getTable(id) : undefined;
  if (!id || !table) {
    throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
      relationName: quoteParts(s.name),
      searchPath: `[\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`${engine.catalog.currentDatabase}\`]`,
    });
  }
  if (s.column) return describeColumn(s, table.schema.fields, table);
  const rows = columnRows(table.schema.fields);
  const { partition } = splitSchema(table);
  if (partition.length > 0) {
    rows.push(["# Partition Information", "", ""], ["# col_name", "data_type", "comment"]);
    rows.push(...columnRows(partition));
  }
  if (s.partition) {
    const part = describedPartition(table, s.partition, id);
    if (s.extended) {
      const values = table.partitionColumns.map((c) => `${c}=${part.values.get(c) ?? "null"}`);
      rows.push(
        ["", "", ""],
        ["# Detailed Partition Information", "", ""],
        ["Database", table.database, ""],
        ["Table", table.name, ""],
        ["Partition Values", `[${values.join(", ")}]`, ""],
        ["Location", toUri(part.dir), ""],
        ["Created Time", javaDateString(table.createdMs), ""],
        ["Last Access", "UNKNOWN", ""],
        ["", "", ""],
        ["# Storage Information", "", ""],
        ["Location", table.location ?? "", ""],
      );
    }
    return describeRows(rows);
  }
  if (s.extended) {
    rows.push(["", "", ""], ["# Detailed Table Information", "", ""], ...detailRows(table));
  }
  return describeRows(rows);
}

function describeColumn(
  s: Of<"DescribeTable">,
  fields: readonly StructField[],
  table: CatalogTable | null,
): LogicalPlan {
  const name = (s.column ?? []).join(".");
  const f = fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!f) {
    throw new FlintError("COLUMN_NOT_FOUND", {
      colName: quoteParts(s.column ?? []),
      caseSensitiveConfig: '"spark.sql.caseSensitive"',
    });
  }
  const rows: [string, string | null][] = [
    ["col_name", f.name],
    ["data_type", catalogString(f.dataType)],
    ["comment", commentOf(f)],
  ];
  if (s.extended) {
    const st = table?.stats?.columns[f.name.toLowerCase()];
    const num = (v: number | undefined): string | null => (v === undefined ? null : String(v));
    rows.push(
      ["min", st?.min ?? null],
      ["max", st?.max ?? null],
      ["num_nulls", num(st?.nullCount)],
      ["distinct_count", num(st?.distinctCount)],
      ["avg_col_len", num(st?.avgLen)],
      ["max_col_len", num(st?.maxLen)],
      ["histogram", null],
    );
  }
  return resultRows(["info_name", "info_value"], rows);
}

function attributeComment(a: {
  readonly metadata: Readonly<Record<string, unknown>>;
}): string | null {
  return typeof a.metadata.comment === "string" ? a.metadata.comment : null;
}

export function describeQuery(s: Of<"DescribeQuery">, engine: CommandEngine): LogicalPlan {
  const out = outputOf(engine.analyze(s.plan));
  return describeRows(out.map((a) => [a.name, catalogString(a.dataType), attributeComment(a)]));
}

// ---------------------------------------------------------------------------------------
// DESCRIBE FUNCTION

export { OPERATOR_NAMES };

/** The expression class Spark names a function after (`date_add` -> `DateAdd`). */
function className(def: FunctionDef): string {
  const pascal = def.name
    .split("_")
    .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w))
    .join("");
  const pkg =
    def.kind === "aggregate"
      ? "org.apache.spark.sql.catalyst.expressions.aggregate"
      : "org.apache.spark.sql.catalyst.expressions";
  return `${pkg}.${pascal}`;
}

/** Spark's "Extended Usage" text from a definition's examples and since-version. */
export function extendedUsage(def: FunctionDef): string {
  let text = "";
  if (def.info.arguments) text += def.info.arguments;
  if (def.info.examples) {
    const lines = def.info.examples.split("\n");
    text += "\n    Examples:";
    lines.forEach((line, i) => {
      if (i === 0 && line === "") return;
      text += i === lines.length - 1 ? `\n${line}` : `\n  ${line}`;
    });
  }
  if (def.info.since) text += `\n    Since: ${def.info.since}\n`;
  return text;
}

export function describeFunction(s: Of<"DescribeFunction">, engine: CommandEngine): LogicalPlan {
  const name = s.name.join(".");
  const def = engine.functions.lookup(name);
  const op = def ? undefined : operatorDoc(name);
  if (op) {
    return resultRows(
      ["function_desc"],
      [
        [`Function: ${op.name}`],
        ...(op.className ? [[`Class: ${op.className}`]] : []),
        [`Usage: ${op.usage}`],
      ],
    );
  }
  if (!def) {
    throw new FlintError("UNRESOLVED_ROUTINE", {
      routineName: quoteParts(s.name),
      searchPath: `[\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`${engine.catalog.currentDatabase}\`]`,
    });
  }
  const rows: string[][] = [
    [`Function: ${def.name}`],
    [`Class: ${className(def)}`],
    [`Usage: ${def.info.usage}`],
  ];
  if (s.extended) rows.push([`Extended Usage:${extendedUsage(def)}`]);
  return resultRows(["function_desc"], rows);
}

/** The partition a DESCRIBE ... PARTITION (...) names; it must exist. */
function describedPartition(
  table: CatalogTable,
  spec: Readonly<Record<string, string | null>>,
  id: TableIdent,
): { dir: string; values: PartitionValues } {
  if (table.partitionColumns.length === 0) {
    throw new FlintError("_LEGACY_ERROR_TEMP_1251", {
      action: "DESC PARTITION",
      tableName: id.name,
    });
  }
  const values = partitionSpecOf(table, spec, id);
  const found = listPartitions(table).find((p) =>
    table.partitionColumns.every((c) => (p.values.get(c) ?? null) === (values.get(c) ?? null)),
  );
  if (!found) {
    throw new FlintError("PARTITIONS_NOT_FOUND", {
      partitionList: `PARTITION (${Object.entries(spec)
        .map(([k, v]) => `\`${k}\` = ${v}`)
        .join(", ")})`,
      tableName: `\`${id.database}\`.\`${id.name}\``,
    });
  }
  return found;
}
