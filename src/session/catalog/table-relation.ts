/**
 * The plan that reads a catalog table: a FileRelation over the table's directory. For a
 * partitioned table the relation carries the listing of its `p=v/q=w` directories with
 * each file's partition values (read at every lookup, so new partitions appear), and
 * `partitionSchema` names the partition columns, which follow the data columns.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../catalyst/expressions/eval/evaluate.ts";
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import { attribute, cast, literal } from "../../catalyst/expressions/factories.ts";
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

/** A partition value (raw directory text) as the column's internal value; null if invalid. */
function partitionValue(raw: string | null, f: StructField): unknown {
  if (raw === null) return null;
  if (f.dataType.kind === "string") return raw;
  try {
    const v = evaluate(cast(literal(raw, StringT), f.dataType, "ANSI", "UTC"), []);
    return v === undefined ? null : v;
  } catch {
    return null;
  }
}

/** The data files directly under a partition directory. */
function filesIn(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name.startsWith("_")) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isFile()) out.push({ path: p, size: st.size });
  }
  return out;
}

/**
 * The plan that reads a (non-view) catalog table: a FileRelation over its location; a
 * partitioned table's relation carries the listing of its partition directories, so the
 * scan can prune partitions by the filters on their columns.
 */
export function tableRelation(table: CatalogTable): LogicalPlan {
  const root = toPath(table.location ?? "");
  const { data, partition } = splitSchema(table);
  if (partition.length === 0) return fileRelation(table, root, data);
  const files: { path: string; size: number; partitionValues: unknown[] }[] = [];
  for (const { dir, values } of listPartitions(table)) {
    const pv = partition.map((f) => partitionValue(values.get(f.name) ?? null, f));
    for (const file of filesIn(dir)) files.push({ ...file, partitionValues: pv });
  }
  const rel: FileRelation = Object.freeze({
    ...fileRelation(table, root, data),
    partitionSchema: structType(partition),
    output: Object.freeze(attributesOf([...data, ...partition])),
    sizeInBytes: table.stats?.sizeInBytes ?? files.reduce((n, f) => n + f.size, 0),
    listing: Object.freeze({ rootPaths: Object.freeze([root]), files: Object.freeze(files) }),
  });
  return rel;
}
