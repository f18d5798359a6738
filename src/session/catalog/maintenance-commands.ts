/**
 * CACHE [LAZY] TABLE, UNCACHE TABLE, REFRESH TABLE and ANALYZE TABLE ... COMPUTE
 * STATISTICS [NOSCAN | FOR COLUMNS ... | FOR ALL COLUMNS], whose statistics the catalog
 * keeps (size in bytes, row count, per-column min/max/nulls/distinct/lengths) and table
 * reads hand to the optimizer (the FileRelation's size).
 */
import { toHiveString } from "../../catalyst/expressions/format.ts";
import { unresolvedRelation } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import { defaultSize, type StructField } from "../../types/data-types.ts";
import { type ColumnStat, toPath } from "./catalog-types.ts";
import { type CommandEngine, noRows, quoteParts } from "./command-context.ts";
import { tableNotFound } from "./persistent-catalog.ts";
import { lookupForCommand } from "./table-commands.ts";
import { directorySize } from "./table-relation.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** Whether a name is a temp view or a catalog table/view. */
function relationExists(engine: CommandEngine, name: readonly string[]): boolean {
  if (name.length === 1 && engine.catalog.lookupTempView(name[0] as string)) return true;
  const id = engine.persistent.resolve(name, engine.catalog.currentDatabase);
  return id !== undefined && engine.persistent.getTable(id) !== undefined;
}

export function cacheTable(s: Of<"CacheTable">, engine: CommandEngine): LogicalPlan {
  if (s.query) engine.createTempView(s.name.join("."), s.query, false);
  else if (!relationExists(engine, s.name)) {
    throw tableNotFound(s.name, engine.catalog.currentDatabase);
  }
  const rel = unresolvedRelation(s.name);
  engine.persist(rel, "MEMORY_AND_DISK");
  if (s.lazy) return noRows();
  return engine.deferred(async () => {
    await engine.executeQuery(rel);
  });
}

export function uncacheTable(s: Of<"UncacheTable">, engine: CommandEngine): LogicalPlan {
  if (!relationExists(engine, s.name)) {
    if (s.ifExists) return noRows();
    throw tableNotFound(s.name, engine.catalog.currentDatabase);
  }
  engine.unpersist(unresolvedRelation(s.name));
  return noRows();
}

export function refreshTable(s: Of<"RefreshTable">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1 && engine.catalog.lookupTempView(s.name[0] as string)) return noRows();
  // Table files are listed at every read; there is no file index to invalidate.
  lookupForCommand(engine, s.name);
  return noRows();
}

function columnStatSql(f: StructField): string {
  const c = `\`${f.name.replaceAll("`", "``")}\``;
  const t = f.dataType.kind;
  const minMax = ["string", "binary", "array", "map", "struct"].includes(t)
    ? "NULL, NULL"
    : `min(${c}), max(${c})`;
  const lengths =
    t === "string" || t === "binary"
      ? `ceil(avg(length(${c}))), max(length(${c}))`
      : `${defaultSize(f.dataType)}, ${defaultSize(f.dataType)}`;
  return `${minMax}, count(*) - count(${c}), count(DISTINCT ${c}), ${lengths}`;
}

export function analyzeTable(s: Of<"AnalyzeTable">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1 && engine.catalog.lookupTempView(s.name[0] as string)) {
    throw new FlintError("UNSUPPORTED_FEATURE.ANALYZE_VIEW", {});
  }
  const { id, table } = lookupForCommand(engine, s.name);
  if (table.type === "VIEW") throw new FlintError("UNSUPPORTED_FEATURE.ANALYZE_VIEW", {});
  let columns: StructField[] = [];
  if (s.columns === "ALL") columns = [...table.schema.fields];
  else if (s.columns) {
    columns = s.columns.map((c) => {
      const f = table.schema.fields.find((x) => x.name.toLowerCase() === c.toLowerCase());
      if (!f) {
        throw new FlintError("COLUMN_NOT_FOUND", {
          colName: quoteParts([c]),
          caseSensitiveConfig: '"spark.sql.caseSensitive"',
        });
      }
      return f;
    });
  }
  const sizeInBytes = directorySize(toPath(table.location ?? ""));
  const pc = engine.persistent;
  if (s.noScan) {
    pc.external.alterTable({
      ...table,
      stats: {
        sizeInBytes,
        rowCount: table.stats?.rowCount ?? null,
        columns: table.stats?.columns ?? {},
      },
    });
    return noRows();
  }
  const from = `spark_catalog.\`${id.database}\`.\`${id.name}\``;
  const select = [`count(*)`, ...columns.map(columnStatSql)].join(", ");
  const plan = engine.parseQuery(`SELECT ${select} FROM ${from}`);
  return engine.deferred(async () => {
    const result = await engine.executeQuery(plan);
    const row = result.rows[0] ?? [];
    const rowCount = Number(row[0] ?? 0);
    const stats: Record<string, ColumnStat> = { ...(table.stats?.columns ?? {}) };
    columns.forEach((f, i) => {
      const at = 1 + i * 6;
      const fieldsAt = result.schema.fields;
      const show = (k: number): string | null => {
        const v = row[at + k];
        const field = fieldsAt[at + k];
        return v === null || v === undefined || !field
          ? null
          : toHiveString(v, field.dataType, result.timeZone);
      };
      stats[f.name.toLowerCase()] = {
        min: show(0),
        max: show(1),
        nullCount: Number(row[at + 2] ?? 0),
        distinctCount: Number(row[at + 3] ?? 0),
        avgLen: Number(row[at + 4] ?? defaultSize(f.dataType)),
        maxLen: Number(row[at + 5] ?? defaultSize(f.dataType)),
      };
    });
    const now = pc.getTable(id) ?? table;
    pc.external.alterTable({ ...now, stats: { sizeInBytes, rowCount, columns: stats } });
  });
}

/** `ANALYZE TABLES [IN db] COMPUTE STATISTICS [NOSCAN]`: every table of the database. */
export function analyzeTables(s: Of<"AnalyzeTables">, engine: CommandEngine): LogicalPlan {
  const pc = engine.persistent;
  const db = s.database ? pc.databaseName(s.database) : engine.catalog.currentDatabase;
  pc.requireDatabase(db);
  let last = noRows();
  for (const name of pc.external.listTables(db)) {
    if (pc.external.getTable(db, name)?.type === "VIEW") continue;
    last = analyzeTable(
      { kind: "AnalyzeTable", name: [db, name], noScan: s.noScan, columns: null },
      engine,
    );
  }
  return last;
}
