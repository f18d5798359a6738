/**
 * File relations named `[format, path]` (`spark.read.parquet(path)`, SQL's
 * ``parquet.`path` ``): before a query is analyzed, `prepare` reads the footers of the
 * files it names (asynchronous I/O) and keeps one FileRelation per path, so attribute ids
 * stay stable within the session; the session catalog's table provider then resolves
 * those names synchronously inside the analyzer.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { TableProvider } from "../catalyst/catalog/session-catalog.ts";
import type { FileRelation, LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { freshAttributes } from "../catalyst/plans/output.ts";
import { collectPlans } from "../catalyst/trees/plan-tree.ts";
import { FlintError } from "../errors/index.ts";
import { readParquetInfo } from "../execution/datasources/parquet/index.ts";
import { structType } from "../types/data-types.ts";

const FORMATS = new Set(["parquet"]);

function key(nameParts: readonly string[]): string {
  return JSON.stringify(nameParts);
}

/** Whether a relation name denotes files: a known format followed by a path. */
export function isFileRelationName(nameParts: readonly string[]): boolean {
  return nameParts.length === 2 && FORMATS.has((nameParts[0] ?? "").toLowerCase());
}

export class FileSources implements TableProvider {
  readonly #relations = new Map<string, FileRelation>();

  lookupTable(nameParts: readonly string[]): LogicalPlan | undefined {
    return this.#relations.get(key(nameParts));
  }

  /** Reads the schemas of the files the plan names that are not known yet. */
  async prepare(plan: LogicalPlan, isTempView: (name: string) => boolean): Promise<void> {
    const names = collectPlans(plan, (p) =>
      p.kind === "UnresolvedRelation" && isFileRelationName(p.nameParts) ? p.nameParts : undefined,
    );
    for (const nameParts of names) {
      const k = key(nameParts);
      if (this.#relations.has(k) || isTempView(nameParts.join("."))) continue;
      const format = (nameParts[0] ?? "").toLowerCase();
      const path = nameParts[1] ?? "";
      this.#relations.set(k, await this.#open(format, path));
    }
  }

  async #open(format: string, path: string): Promise<FileRelation> {
    const files = await dataFiles(path);
    const first = files[0];
    if (first === undefined) {
      throw new FlintError("UNABLE_TO_INFER_SCHEMA", { format: format.toUpperCase() });
    }
    const info = await readParquetInfo(first.path);
    const schema = info.schema.sparkSchema;
    return Object.freeze({
      kind: "FileRelation",
      format,
      paths: Object.freeze([path]),
      options: {},
      dataSchema: schema,
      partitionSchema: structType([]),
      output: Object.freeze(
        freshAttributes(
          schema.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: true })),
        ),
      ),
      pushedFilters: Object.freeze([]),
      sizeInBytes: files.reduce((s, f) => s + f.size, 0),
    });
  }
}

/** The data files under a path (hidden and `_`-prefixed names skipped, as Spark does). */
async function dataFiles(path: string): Promise<{ path: string; size: number }[]> {
  const clean = path.startsWith("file:") ? path.slice(5) : path;
  const st = await stat(clean).catch(() => undefined);
  if (!st) throw new FlintError("PATH_NOT_FOUND", { path: `file:${clean}` });
  if (!st.isDirectory()) return [{ path: clean, size: st.size }];
  const out: { path: string; size: number }[] = [];
  for (const name of (await readdir(clean)).sort()) {
    if (name.startsWith("_") || name.startsWith(".")) continue;
    out.push(...(await dataFiles(join(clean, name))));
  }
  return out;
}
