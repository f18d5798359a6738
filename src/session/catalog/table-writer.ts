/**
 * Writing a query's rows into a catalog table's directory: INSERT INTO / OVERWRITE and
 * CREATE TABLE AS SELECT. The rows arrive already in the table's column order and types
 * (the store-assignment projection of insert-commands.ts). A partitioned table gets one
 * file per partition directory `p=v/`; overwriting deletes the partitions the statement
 * covers (Spark's static overwrite mode: those matching the static partition values).
 *
 * The rows are gathered on the driver and written as parquet; distributed writes belong
 * to the data source writer (src/execution/datasources/write) once it lands.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { toHiveString } from "../../catalyst/expressions/format.ts";
import { FlintError } from "../../errors/index.ts";
import { batchFromRows } from "../../execution/columnar/batch.ts";
import { writeParquet } from "../../execution/datasources/parquet/index.ts";
import { structType } from "../../types/data-types.ts";
import { type CatalogTable, toPath } from "./catalog-types.ts";
import { clearDir } from "./table-commands.ts";
import { listPartitions, partitionDir, splitSchema } from "./table-relation.ts";

export interface WriteSpec {
  readonly overwrite: boolean;
  /** Static partition values (raw strings); overwrite replaces only matching partitions. */
  readonly staticPartitions: ReadonlyMap<string, string>;
}

function fileName(provider: string): string {
  const ext = provider === "parquet" ? "snappy.parquet" : provider;
  return `part-00000-${randomUUID()}.c000.${ext}`;
}

/** Writes rows (table schema order: data columns, then partition columns). */
export async function writeTableRows(
  table: CatalogTable,
  rows: readonly (readonly unknown[])[],
  spec: WriteSpec,
): Promise<void> {
  const provider = table.provider ?? "parquet";
  if (provider !== "parquet") {
    throw new FlintError("UNSUPPORTED_FEATURE", {
      feature: `writing ${provider} tables (only parquet tables can be written yet)`,
    });
  }
  const root = toPath(table.location ?? "");
  const { data, partition } = splitSchema(table);
  const dataSchema = structType(data);
  mkdirSync(root, { recursive: true });
  if (partition.length === 0) {
    if (spec.overwrite) clearDir(root);
    if (rows.length > 0) {
      await writeParquet(
        join(root, fileName(provider)),
        [batchFromRows(dataSchema, rows)],
        dataSchema,
      );
    }
    return;
  }
  if (spec.overwrite) {
    for (const p of listPartitions(table)) {
      const covered = [...spec.staticPartitions].every(([k, v]) => p.values.get(k) === v);
      if (covered) rmSync(p.dir, { recursive: true, force: true });
    }
  }
  const groups = new Map<string, { values: Map<string, string | null>; rows: unknown[][] }>();
  const nData = data.length;
  for (const row of rows) {
    const values = new Map<string, string | null>();
    partition.forEach((f, i) => {
      const v = row[nData + i];
      values.set(f.name, v === null || v === undefined ? null : toHiveString(v, f.dataType, "UTC"));
    });
    const key = JSON.stringify([...values]);
    let g = groups.get(key);
    if (!g) {
      g = { values, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(row.slice(0, nData));
  }
  for (const g of groups.values()) {
    const dir = partitionDir(table, g.values);
    mkdirSync(dir, { recursive: true });
    await writeParquet(
      join(dir, fileName(provider)),
      [batchFromRows(dataSchema, g.rows)],
      dataSchema,
    );
  }
}
