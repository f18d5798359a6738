/**
 * Persistent views: CREATE [OR REPLACE] VIEW stores the query's SQL text, the database
 * current at creation and the output columns (names, types, comments); ALTER VIEW AS
 * replaces them. The view is analyzed again at every read (persistent-catalog.ts).
 */

import { unresolvedRelation } from "../../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { outputOf } from "../../catalyst/plans/output.ts";
import { collectPlans } from "../../catalyst/trees/plan-tree.ts";
import { FlintError } from "../../errors/index.ts";
import type { Statement } from "../../sql/index.ts";
import { type StructType, structField, structType } from "../../types/data-types.ts";
import { fileRelationName } from "../file-sources.ts";
import type { CatalogTable } from "./catalog-types.ts";
import { type CommandEngine, noRows, quoteParts } from "./command-context.ts";
import { quotedName, type TableIdent } from "./persistent-catalog.ts";
import { lookupForCommand, newTableIdent } from "./table-commands.ts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** The view's schema: the query's output renamed to the listed columns. */
function viewSchema(
  engine: CommandEngine,
  id: TableIdent,
  query: LogicalPlan,
  columns: readonly string[] | null,
  comments: readonly (string | null)[] | null,
): StructType {
  for (const rel of collectPlans(query, (p) =>
    p.kind === "UnresolvedRelation" ? p.nameParts : undefined,
  )) {
    if (rel.length === 1 && engine.catalog.lookupTempView(rel[0] as string)) {
      throw new FlintError("INVALID_TEMP_OBJ_REFERENCE", {
        obj: "VIEW",
        objName: quotedName(id),
        tempObj: "VIEW",
        tempObjName: quoteParts(rel),
      });
    }
  }
  const out = outputOf(engine.analyze(query));
  if (columns && columns.length !== out.length) {
    throw new FlintError(
      columns.length > out.length
        ? "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
        : "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
      {
        viewName: quotedName(id),
        viewColumns: columns.map((c) => `\`${c}\``).join(", "),
        dataColumns: out.map((a) => `\`${a.name}\``).join(", "),
      },
    );
  }
  return structType(
    out.map((a, i) => {
      const inherited = typeof a.metadata.comment === "string" ? a.metadata.comment : null;
      const comment = comments?.[i] ?? (columns ? null : inherited);
      return structField(
        columns?.[i] ?? a.name,
        a.dataType,
        a.nullable,
        comment ? { comment } : {},
      );
    }),
  );
}

export function createPersistentView(s: Of<"CreateView">, engine: CommandEngine): LogicalPlan {
  const id = newTableIdent(engine, s.name);
  const pc = engine.persistent;
  const existing = pc.getTable(id);
  if (existing && s.ifNotExists) return noRows();
  if (existing && !s.replace) {
    throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: quotedName(id) });
  }
  if (existing && existing.type !== "VIEW") {
    throw new FlintError("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", {
      operation: "CREATE OR REPLACE VIEW",
      tableName: quotedName(id),
    });
  }
  const schema = viewSchema(engine, id, s.query, s.columns, s.columnComments);
  const view: CatalogTable = {
    database: id.database,
    name: id.name,
    type: "VIEW",
    provider: null,
    location: null,
    schema,
    partitionColumns: [],
    properties: s.properties,
    options: {},
    comment: s.comment,
    viewText: s.queryText,
    viewCurrentDatabase: engine.catalog.currentDatabase,
    createdMs: Date.now(),
    stats: null,
  };
  if (existing) pc.external.alterTable(view);
  else pc.external.createTable(view);
  return noRows();
}

export function alterViewAs(s: Of<"AlterViewAs">, engine: CommandEngine): LogicalPlan {
  if (s.name.length === 1 && engine.catalog.lookupTempView(s.name[0] as string)) {
    engine.createTempView(s.name[0] as string, s.query, true);
    return noRows();
  }
  const { id, table } = lookupForCommand(engine, s.name);
  if (table.type !== "VIEW") {
    throw new FlintError("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", {
      operation: "ALTER VIEW ... AS",
      tableName: quotedName(id),
    });
  }
  engine.persistent.external.alterTable({
    ...table,
    schema: viewSchema(engine, id, s.query, null, null),
    viewText: s.queryText,
    viewCurrentDatabase: engine.catalog.currentDatabase,
  });
  return noRows();
}

/**
 * `CREATE [OR REPLACE] TEMPORARY VIEW v [(schema)] USING format OPTIONS (path '...', ...)`:
 * a temporary view over files, as `spark.read.format(f).options(o).load(path)`. The files
 * are listed (asynchronously) before the view is registered; later queries wait for it.
 */
export function createTempViewUsing(
  s: Of<"CreateTempViewUsing">,
  engine: CommandEngine,
): LogicalPlan {
  if (s.global) throw new FlintError("UNSUPPORTED_FEATURE", { feature: "global temporary views" });
  const name = s.name.join(".");
  if (!s.replace && engine.catalog.lookupTempView(name)) {
    throw new FlintError("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: `\`${name}\`` });
  }
  const path = Object.entries(s.options).find(([k]) => k.toLowerCase() === "path")?.[1];
  if (path === undefined) {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "a data source view without a path" });
  }
  const options = Object.fromEntries(
    Object.entries(s.options).filter(([k]) => k.toLowerCase() !== "path"),
  );
  const plan = unresolvedRelation(
    fileRelationName({
      format: s.provider,
      paths: [path],
      options,
      userSchema: s.schema ?? undefined,
    }),
  );
  // Listed after the commands queued so far, outside the queue itself (no cycle).
  const ready = engine.prepare(plan).then(() => engine.createTempView(name, plan, s.replace));
  ready.catch(() => undefined); // reported when the returned plan is collected
  return engine.deferred(() => ready);
}
