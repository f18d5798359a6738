/**
 * Writing a query's rows into a catalog table's directory (INSERT INTO / OVERWRITE,
 * CREATE TABLE AS SELECT) through the data source writer (`writeFiles`: one task per
 * partition, Hive partition directories, an atomic commit). The plan's columns are
 * already in the table's order and types (the store-assignment projection of
 * insert-commands.ts). Overwriting with static partition values deletes the partitions
 * they select first, then appends (Spark's static overwrite mode); without any, the
 * whole table is replaced.
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
}

export async function writeTable(
  engine: CommandEngine,
  table: CatalogTable,
  plan: LogicalPlan,
  spec: TableWrite,
): Promise<void> {
  let mode: "append" | "overwrite" = spec.overwrite ? "overwrite" : "append";
  if (spec.overwrite && table.partitionColumns.length > 0 && spec.staticPartitions.size > 0) {
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
  });
}
