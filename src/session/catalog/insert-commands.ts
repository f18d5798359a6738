/**
 * INSERT INTO / INSERT OVERWRITE [PARTITION (...)] [(cols) | BY NAME] and CREATE TABLE
 * AS SELECT. Checks run at once (Spark's analysis errors): the target exists, column
 * counts match (`INSERT_COLUMN_ARITY_MISMATCH.*`), every value can be stored in its
 * column under the ANSI store-assignment policy (`INCOMPATIBLE_DATA_FOR_TABLE.*`); the
 * write itself is queued (`CommandEngine.deferred`) and runs the query with ANSI casts
 * to the table's types (overflow: `CAST_OVERFLOW_IN_TABLE_INSERT`).
 */
import { mkdirSync, rmSync } from "node:fs";
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { alias, cast, literal } from "../../catalyst/expressions/factories.ts";
import { project, unresolvedRelation } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { collectPlans } from "../../catalyst/trees/plan-tree.ts";
import { FlintError, isFlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import {
  type DataType,
  isNumeric,
  StringT,
  type StructField,
  sameType,
  structField,
  structType,
  typeSql,
} from "../../types/data-types.ts";
import { type CatalogTable, toPath } from "./catalog-types.ts";
import { type CommandEngine, noRows } from "./command-context.ts";
import { quotedName, type TableIdent, tableNotFound } from "./persistent-catalog.ts";
import { newTable, newTableIdent } from "./table-commands.ts";
import { writeTable } from "./table-writer.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const DATETIME = new Set(["date", "timestamp", "timestamp_ntz"]);

/** Spark's `Cast.canANSIStoreAssign`: may a value of `from` be written to a `to` column? */
export function canStoreAssign(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from.kind === "null") return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (
    to.kind === "string" &&
    from.kind !== "array" &&
    from.kind !== "map" &&
    from.kind !== "struct"
  )
    return true;
  if (DATETIME.has(from.kind) && DATETIME.has(to.kind)) return true;
  if (from.kind === "array" && to.kind === "array") {
    return canStoreAssign(from.elementType, to.elementType);
  }
  if (from.kind === "map" && to.kind === "map") {
    return canStoreAssign(from.keyType, to.keyType) && canStoreAssign(from.valueType, to.valueType);
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) =>
        canStoreAssign(f.dataType, (to.fields[i] as StructField).dataType),
      )
    );
  }
  return false;
}

interface CastColumn {
  readonly name: string;
  readonly from: DataType;
  readonly to: DataType;
}

/** The query's output projected onto the table's columns, in table order. */
function storeAssignment(
  id: TableIdent,
  table: CatalogTable,
  analyzed: LogicalPlan,
  spec: {
    readonly partition: Readonly<Record<string, string | null>> | null;
    readonly columns: readonly string[] | null;
    readonly byName: boolean;
  },
): { plan: LogicalPlan; casts: CastColumn[]; statics: Map<string, string> } {
  const fields = table.schema.fields;
  const find = (n: string): StructField | undefined =>
    fields.find((f) => f.name.toLowerCase() === n.toLowerCase());
  const statics = new Map<string, string>();
  for (const [k, v] of Object.entries(spec.partition ?? {})) {
    const col = table.partitionColumns.find((c) => c.toLowerCase() === k.toLowerCase());
    if (!col) {
      throw new FlintError("PARTITIONS_NOT_FOUND", {
        partitionList: `\`${k}\``,
        tableName: quotedName(id),
      });
    }
    if (v !== null) statics.set(col, v);
  }
  const out = outputOf(analyzed);
  let targets: StructField[];
  if (spec.columns) {
    targets = spec.columns.map((c) => {
      const f = find(c);
      if (!f) {
        throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
          objectName: `\`${c}\``,
          proposal: fields.map((x) => `\`${x.name}\``).join(", "),
        });
      }
      return f;
    });
  } else if (spec.byName) {
    targets = out.map((a) => {
      const f = find(a.name);
      if (!f) {
        throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
          objectName: `\`${a.name}\``,
          proposal: fields.map((x) => `\`${x.name}\``).join(", "),
        });
      }
      return f;
    });
  } else targets = fields.filter((f) => !statics.has(f.name));
  if (targets.length !== out.length) {
    const dataColumns = out.map((a) => `\`${a.name}\``).join(", ");
    if (statics.size > 0) {
      throw new FlintError("INSERT_PARTITION_COLUMN_ARITY_MISMATCH", {
        tableName: quotedName(id),
        tableColumns: fields.map((f) => `\`${f.name}\``).join(", "),
        dataColumns,
        staticPartCols: [...statics.keys()].map((c) => `\`${c}\``).join(", "),
      });
    }
    throw new FlintError(
      out.length < targets.length
        ? "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
        : "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
      {
        tableName: quotedName(id),
        tableColumns: targets.map((f) => `\`${f.name}\``).join(", "),
        dataColumns,
      },
    );
  }
  const casts: CastColumn[] = [];
  const list: Expression[] = fields.map((f) => {
    const st = statics.get(f.name);
    if (st !== undefined) {
      return alias(
        f.dataType.kind === "string"
          ? literal(st, StringT)
          : cast(literal(st, StringT), f.dataType),
        f.name,
      );
    }
    const i = targets.indexOf(f);
    const a = out[i];
    if (i < 0 || !a) return alias(literal(null, f.dataType), f.name);
    if (!canStoreAssign(a.dataType, f.dataType)) {
      throw new FlintError("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST", {
        tableName: quotedName(id),
        colName: `\`${f.name}\``,
        srcType: `"${typeSql(a.dataType)}"`,
        targetType: `"${typeSql(f.dataType)}"`,
      });
    }
    if (sameType(a.dataType, f.dataType)) return alias(a, f.name);
    casts.push({ name: f.name, from: a.dataType, to: f.dataType });
    return alias(cast(a, f.dataType, "ANSI"), f.name);
  });
  return { plan: project(list, analyzed), casts, statics };
}

/** CAST_OVERFLOW from a store-assignment cast, reported as Spark reports it for inserts. */
function insertError(e: unknown, casts: readonly CastColumn[]): unknown {
  if (!isFlintError(e) || e.errorClass !== "CAST_OVERFLOW") return e;
  const p = e.messageParameters;
  const col =
    casts.find(
      (c) => `"${typeSql(c.from)}"` === p.sourceType && `"${typeSql(c.to)}"` === p.targetType,
    ) ?? casts[0];
  return new FlintError(
    "CAST_OVERFLOW_IN_TABLE_INSERT",
    {
      sourceType: String(p.sourceType ?? ""),
      targetType: String(p.targetType ?? ""),
      columnName: `\`${col?.name ?? ""}\``,
    },
    { cause: e },
  );
}

/** Session settings an insert reads. */
export interface InsertSettings {
  /** `spark.sql.sources.partitionOverwriteMode` is `dynamic`. */
  readonly dynamicPartitionOverwrite: boolean;
}

export function insertInto(
  s: Of<"Insert">,
  engine: CommandEngine,
  settings: InsertSettings = { dynamicPartitionOverwrite: false },
): LogicalPlan {
  const pc = engine.persistent;
  const id = pc.resolve(s.table, engine.catalog.currentDatabase);
  const table = id ? pc.getTable(id) : undefined;
  if (!id || !table) throw tableNotFound(s.table, engine.catalog.currentDatabase);
  if (table.type === "VIEW") {
    throw new FlintError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", {
      operation: "INSERT",
      viewName: quotedName(id),
    });
  }
  if (s.overwrite) {
    const reads = collectPlans(s.query, (p) =>
      p.kind === "UnresolvedRelation" ? p.nameParts : undefined,
    );
    for (const r of reads) {
      const rid = pc.resolve(r, engine.catalog.currentDatabase);
      if (rid && rid.database === id.database && rid.name === id.name) {
        throw new FlintError("UNSUPPORTED_OVERWRITE.TABLE", { table: quotedName(id) });
      }
    }
  }
  const analyzed = engine.analyze(s.query);
  const { plan, casts, statics } = storeAssignment(id, table, analyzed, s);
  return engine.deferred(async () => {
    const tableMode = Object.entries(table.options).find(
      ([k]) => k.toLowerCase() === "partitionoverwritemode",
    )?.[1];
    await writeTable(engine, table, plan, {
      overwrite: s.overwrite,
      staticPartitions: statics,
      dynamicMode:
        tableMode !== undefined
          ? tableMode.toLowerCase() === "dynamic"
          : settings.dynamicPartitionOverwrite,
    }).catch((e: unknown) => {
      throw insertError(e, casts);
    });
    // Cached data of the table is stale now (Spark re-caches it; we drop it).
    engine.unpersist(unresolvedRelation([id.database, id.name]));
    // Spark drops stale statistics when it does not update them after a write.
    const now = pc.getTable(id);
    if (now?.stats) pc.external.alterTable({ ...now, stats: null });
  });
}

export function createTableAsSelect(
  s: Of<"CreateTable"> & { readonly query: LogicalPlan },
  engine: CommandEngine,
): LogicalPlan {
  if (s.schema) {
    throw new FlintError("_LEGACY_ERROR_TEMP_0035", {
      message: "Schema may not be specified in a Create Table As Select (CTAS) statement",
    });
  }
  const id = newTableIdent(engine, s.name);
  const pc = engine.persistent;
  if (pc.getTable(id)) {
    if (s.ifNotExists) return noRows();
    if (s.replace) {
      throw new FlintError("UNSUPPORTED_FEATURE.TABLE_OPERATION", {
        operation: "REPLACE TABLE AS SELECT",
        tableName: quotedName(id),
      });
    }
    throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: quotedName(id) });
  }
  const analyzed = engine.analyze(s.query);
  const schema = structType(outputOf(analyzed).map((a) => structField(a.name, a.dataType, true)));
  const table = newTable(engine, id, { ...s, schema });
  const { plan } = storeAssignment(id, table, analyzed, {
    partition: null,
    columns: null,
    byName: true,
  });
  const location = toPath(table.location ?? "");
  mkdirSync(location, { recursive: true });
  pc.external.createTable(table);
  return engine.deferred(async () => {
    try {
      await writeTable(engine, table, plan, {
        overwrite: true,
        staticPartitions: new Map(),
        dynamicMode: false,
      });
    } catch (e) {
      pc.external.dropTable(id.database, id.name);
      rmSync(location, { recursive: true, force: true });
      throw e;
    }
  });
}
