/**
 * Writing a query's rows into a catalog table's directory (INSERT INTO / OVERWRITE,
 * CREATE TABLE AS SELECT) through the data source writer (`writeFiles`: one task per
 * partition, Hive partition directories, an atomic commit). The plan's columns are
 * already in the table's order and types (the store-assignment projection of
 * insert-commands.ts). Overwriting in Spark's static mode with static partition values
 * deletes the partitions they select, then appends; without any, the whole table is
 * replaced. In dynamic mode only the partitions written are replaced.
 */
import { rmSync } from "node:fs";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { type CatalogTable, toPath } from "./catalog-types.ts";
import type { CommandEngine } from "./command-context.ts";
import { listPartitions } from "./table-relation.ts";

export interface TableWrite {
  readonly overwrite: boolean;
  /** Static partition values (raw strings); overwrite replaces only matching partitions. */
  readonly staticPartitions: ReadonlyMap<string, string>;
  /** `spark.sql.sources.partitionOverwriteMode` is `dynamic` (or the table's option). */
  readonly dynamicMode: boolean;
}

export async function writeTable(
  engine: CommandEngine,
  table: CatalogTable,
  plan: LogicalPlan,
  spec: TableWrite,
): Promise<void> {
  const nParts = table.partitionColumns.length;
  let mode: "append" | "overwrite" = spec.overwrite ? "overwrite" : "append";
  // Spark's rule: dynamic overwrite when some partition column takes its value from the data.
  const dynamic = spec.overwrite && spec.dynamicMode && spec.staticPartitions.size < nParts;
  if (spec.overwrite && !dynamic && nParts > 0 && spec.staticPartitions.size > 0) {
    for (const p of listPartitions(table)) {
      const covered = [...spec.staticPartitions].every(([k, v]) => p.values.get(k) === v);
      if (covered) rmSync(p.dir, { recursive: true, force: true });
    }
    mode = "append";
  }
  await engine.writeQuery(plan, {
    format: table.provider ?? "parquet",
    path: toPath(table.location ?? ""),
    mode,
    partitionBy: table.partitionColumns,
    options: table.options,
    dynamicPartitionOverwrite: dynamic,
  });
}
