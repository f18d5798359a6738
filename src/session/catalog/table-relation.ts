/**
 * The plan that reads a catalog table: a FileRelation over the table's directory. A
 * partitioned table reads each partition directory (`p=1/q=a`) as its own relation and
 * adds the partition values as literal columns, the union of those being the table:
 *
 *   Union
 *   :- Project [a#1, b#2, CAST('1' AS INT) AS p#3]
 *   :  +- FileRelation parquet [a#1, b#2] <location>/p=1
 *   +- Project [a#4, b#5, CAST('2' AS INT) AS p#6]
 *      +- FileRelation parquet [a#4, b#5] <location>/p=2
 *
 * (until file scans discover partitions themselves).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AttributeReference, Expression } from "../../catalyst/expressions/expression.ts";
import { alias, attribute, cast, literal } from "../../catalyst/expressions/factories.ts";
import { localRelation, project, union } from "../../catalyst/plans/factories.ts";
import type { FileRelation, LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { StringT, type StructField, structType } from "../../types/data-types.ts";
import { type CatalogTable, toPath } from "./catalog-types.ts";

export const DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

/** The table's data columns and partition columns, in schema order. */
export function splitSchema(table: CatalogTable): {
  data: StructField[];
  partition: StructField[];
} {
  const parts = new Set(table.partitionColumns.map((c) => c.toLowerCase()));
  return {
    data: table.schema.fields.filter((f) => !parts.has(f.name.toLowerCase())),
    partition: table.partitionColumns.map(
      (c) =>
        table.schema.fields.find((f) => f.name.toLowerCase() === c.toLowerCase()) as StructField,
    ),
  };
}

/** Escapes a partition value for a directory name, as Hive's `escapePathName`. */
export function escapePartitionValue(v: string): string {
  let out = "";
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || "\"#%'*/:=?\\\x7f{[]^".includes(ch)) {
      out += `%${c.toString(16).toUpperCase().padStart(2, "0")}`;
    } else out += ch;
  }
  return out;
}

export function unescapePartitionValue(v: string): string {
  return v.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A partition: column name -> raw value (null for the default partition). */
export type PartitionValues = ReadonlyMap<string, string | null>;

/** The partitions present under a table's location, depth-first in name order. */
export function listPartitions(table: CatalogTable): { dir: string; values: PartitionValues }[] {
  const root = toPath(table.location ?? "");
  const cols = table.partitionColumns;
  const out: { dir: string; values: PartitionValues }[] = [];
  const visit = (dir: string, depth: number, values: Map<string, string | null>): void => {
    if (depth === cols.length) {
      out.push({ dir, values: new Map(values) });
      return;
    }
    if (!existsSync(dir)) return;
    const col = (cols[depth] as string).toLowerCase();
    for (const name of readdirSync(dir).sort()) {
      const eq = name.indexOf("=");
      if (eq <= 0 || name.slice(0, eq).toLowerCase() !== col) continue;
      const child = join(dir, name);
      if (!statSync(child).isDirectory()) continue;
      const raw = unescapePartitionValue(name.slice(eq + 1));
      values.set(cols[depth] as string, raw === DEFAULT_PARTITION ? null : raw);
      visit(child, depth + 1, values);
      values.delete(cols[depth] as string);
    }
  };
  visit(root, 0, new Map());
  return out;
}

/** The directory of a partition under the table's location. */
export function partitionDir(table: CatalogTable, values: PartitionValues): string {
  let dir = toPath(table.location ?? "");
  for (const c of table.partitionColumns) {
    const v = values.get(c) ?? null;
    dir = join(dir, `${c}=${v === null ? DEFAULT_PARTITION : escapePartitionValue(v)}`);
  }
  return dir;
}

/** Bytes of the data files under a path (hidden and `_` files skipped). */
export function directorySize(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(path)) {
    if (name.startsWith(".") || name.startsWith("_")) continue;
    total += directorySize(join(path, name));
  }
  return total;
}

/** Nullable attributes for the fields, carrying their comments as Spark's do. */
function attributesOf(fields: readonly StructField[]): AttributeReference[] {
  return fields.map((f) => {
    const a = attribute(f.name, f.dataType, true);
    return typeof f.metadata.comment === "string"
      ? Object.freeze({ ...a, metadata: Object.freeze({ comment: f.metadata.comment }) })
      : a;
  });
}

function fileRelation(
  table: CatalogTable,
  path: string,
  data: readonly StructField[],
): FileRelation {
  return Object.freeze({
    kind: "FileRelation",
    format: table.provider ?? "parquet",
    paths: Object.freeze([path]),
    options: table.options,
    dataSchema: structType(data),
    partitionSchema: structType([]),
    output: Object.freeze(attributesOf(data)),
    pushedFilters: Object.freeze([]),
    sizeInBytes: table.stats?.sizeInBytes ?? directorySize(path),
  });
}

/** The plan that reads a (non-view) catalog table. */
export function tableRelation(table: CatalogTable): LogicalPlan {
  const root = toPath(table.location ?? "");
  const { data, partition } = splitSchema(table);
  if (partition.length === 0) return fileRelation(table, root, data);
  const parts = listPartitions(table);
  if (parts.length === 0) {
    const output: AttributeReference[] = attributesOf([...data, ...partition]);
    return localRelation(output, []);
  }
  const children = parts.map(({ dir, values }) => {
    const rel = fileRelation(table, dir, data);
    const partCols: Expression[] = partition.map((f) => {
      const raw = values.get(f.name) ?? null;
      const value =
        raw === null
          ? literal(null, f.dataType)
          : f.dataType.kind === "string"
            ? literal(raw, StringT)
            : cast(literal(raw, StringT), f.dataType, "ANSI", "UTC");
      return alias(value, f.name);
    });
    return project([...rel.output, ...partCols], rel);
  });
  return children.length === 1 ? (children[0] as LogicalPlan) : union(children);
}
