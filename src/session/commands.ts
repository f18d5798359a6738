/**
 * Commands that `spark.sql()` runs at once, as Spark runs commands eagerly: catalog,
 * DDL, DML and configuration statements. Each returns the plan of its result rows
 * (usually empty). Checks run now; work that needs a job (INSERT, CTAS, ANALYZE, CACHE)
 * is queued and finishes before the next query runs (see catalog/command-context.ts).
 */
import { alias, attribute } from "../catalyst/expressions/factories.ts";
import { localRelation, project } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { outputOf } from "../catalyst/plans/output.ts";
import { FlintError } from "../errors/index.ts";
import type { Statement } from "../sql/index.ts";
import { StringT } from "../types/data-types.ts";
import { likePattern } from "./catalog/command-context.ts";
import * as db from "./catalog/database-commands.ts";
import * as describe from "./catalog/describe-commands.ts";
import * as ins from "./catalog/insert-commands.ts";
import * as maint from "./catalog/maintenance-commands.ts";
import * as show from "./catalog/show-commands.ts";
import * as ddl from "./catalog/table-commands.ts";
import * as views from "./catalog/view-commands.ts";
import type { RuntimeConfig } from "./config.ts";
import type { Engine } from "./engine.ts";

const EMPTY: LogicalPlan = localRelation([], []);

function keyValueRows(rows: readonly (readonly [string, string])[]): LogicalPlan {
  return localRelation(
    [attribute("key", StringT, false), attribute("value", StringT, false)],
    rows.map(([k, v]) => [k, v]),
  );
}

function unsupported(what: string): never {
  throw new FlintError("UNSUPPORTED_FEATURE", { feature: what });
}

/** Runs a statement other than a query; returns the plan of its output. */
export function runCommand(
  stmt: Exclude<Statement, { kind: "Query" }>,
  engine: Engine,
  conf: RuntimeConfig,
): LogicalPlan {
  switch (stmt.kind) {
    case "CreateView": {
      if (stmt.global) return unsupported("global temporary views");
      if (!stmt.temporary) return views.createPersistentView(stmt, engine);
      const name = stmt.name.join(".");
      let plan = stmt.query;
      if (stmt.columns) {
        const analyzed = engine.analyze(plan);
        const out = outputOf(analyzed);
        if (out.length !== stmt.columns.length) {
          throw new FlintError("CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", {
            viewName: `\`${name}\``,
            viewColumns: stmt.columns.map((c) => `\`${c}\``).join(", "),
            dataColumns: out.map((a) => `\`${a.name}\``).join(", "),
          });
        }
        plan = project(
          out.map((a, i) => alias(a, stmt.columns?.[i] ?? a.name)),
          analyzed,
        );
      }
      if (stmt.ifNotExists && engine.catalog.lookupTempView(name)) return EMPTY;
      engine.createTempView(name, plan, stmt.replace);
      return EMPTY;
    }
    case "DropTable":
      return ddl.dropTable(stmt, engine);
    case "CreateDatabase":
      return db.createDatabase(stmt, engine);
    case "DropDatabase":
      return db.dropDatabase(stmt, engine);
    case "Use":
      return db.useDatabase(stmt, engine);
    case "ShowDatabases":
      return db.showDatabases(stmt, engine);
    case "ShowCurrentNamespace":
      return localRelation(
        [attribute("catalog", StringT, false), attribute("namespace", StringT, false)],
        [["spark_catalog", engine.catalog.currentDatabase]],
      );
    case "ShowCatalogs":
      return localRelation(
        [attribute("catalog", StringT, false)],
        ["spark_catalog"].filter(likePattern(stmt.pattern)).map((c) => [c]),
      );
    case "DescribeDatabase":
      return db.describeDatabase(stmt, engine);
    case "CreateTable":
      if (stmt.hiveFormat) {
        // Spark resolves the query before it finds it has no Hive support.
        if (stmt.query) engine.analyze(stmt.query);
        throw new FlintError("NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT", {
          cmd: "CREATE Hive TABLE (AS SELECT)",
        });
      }
      return stmt.query
        ? ins.createTableAsSelect({ ...stmt, query: stmt.query }, engine)
        : ddl.createTable(stmt, engine);
    case "Insert":
      return ins.insertInto(stmt, engine, {
        dynamicPartitionOverwrite:
          (conf.get("spark.sql.sources.partitionOverwriteMode") ?? "static").toLowerCase() ===
          "dynamic",
      });
    case "AlterTableRename":
      return ddl.alterTableRename(stmt, engine);
    case "AlterTableAddColumns":
      return ddl.alterTableAddColumns(stmt, engine);
    case "AlterTableSetProperties":
      return ddl.alterTableSetProperties(stmt, engine);
    case "AlterTableUnsetProperties":
      return ddl.alterTableUnsetProperties(stmt, engine);
    case "AlterTableRenameColumn":
    case "AlterTableDropColumns":
      return ddl.alterTableUnsupported(stmt, engine);
    case "AlterTableAlterColumn":
      return ddl.alterTableAlterColumn(stmt, engine);
    case "AlterTablePartitions":
      return ddl.alterTablePartitions(stmt, engine);
    case "AlterViewAs":
      return views.alterViewAs(stmt, engine);
    case "CreateTempViewUsing":
      return views.createTempViewUsing(stmt, engine);
    case "CreateTableLike":
      return ddl.createTableLike(stmt, engine);
    case "AlterDatabaseProperties":
      return db.alterDatabaseProperties(stmt, engine);
    case "CommentOn":
      return db.commentOn(stmt, engine);
    case "TruncateTable":
      return ddl.truncateTable(stmt, engine);
    case "ShowTables":
      return show.showTables(stmt, engine);
    case "ShowColumns":
      return show.showColumns(stmt, engine);
    case "ShowTableProperties":
      return show.showTableProperties(stmt, engine);
    case "ShowCreateTable":
      return show.showCreateTable(stmt, engine);
    case "ShowPartitions":
      return show.showPartitions(stmt, engine);
    case "DescribeTable":
      return describe.describeTable(stmt, engine);
    case "DescribeQuery":
      return describe.describeQuery(stmt, engine);
    case "DescribeFunction":
      return describe.describeFunction(stmt, engine);
    case "CacheTable":
      return maint.cacheTable(stmt, engine);
    case "UncacheTable":
      return maint.uncacheTable(stmt, engine);
    case "RefreshTable":
      return maint.refreshTable(stmt, engine);
    case "AnalyzeTable":
      return maint.analyzeTable(stmt, engine);
    case "AnalyzeTables":
      return maint.analyzeTables(stmt, engine);
    case "AlterTableSetLocation":
      return ddl.alterTableSetLocation(stmt, engine);
    case "Set": {
      if (stmt.key === null) return keyValueRows(conf.snapshot().entries());
      if (stmt.value === null) {
        return keyValueRows([[stmt.key, conf.get(stmt.key) ?? "<undefined>"]]);
      }
      conf.set(stmt.key, stmt.value);
      return keyValueRows([[stmt.key, stmt.value]]);
    }
    case "Reset":
      if (stmt.key === null) {
        for (const [k] of conf.snapshot().entries()) if (k.startsWith("spark.sql.")) conf.unset(k);
      } else conf.unset(stmt.key);
      return EMPTY;
    case "SetTimeZone":
      conf.set(
        "spark.sql.session.timeZone",
        stmt.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      );
      return EMPTY;
    case "ClearCache":
      engine.clearCache();
      return EMPTY;
    case "Explain": {
      if (stmt.statement.kind !== "Query") return unsupported("EXPLAIN of a command");
      const text = engine.explainString(stmt.statement.plan, stmt.mode);
      return localRelation([attribute("plan", StringT, false)], [[text]]);
    }
    case "ShowFunctions": {
      const matches = likePattern(stmt.pattern);
      const names =
        stmt.scope === "USER" ? [] : [...engine.functions.names(), ...describe.OPERATOR_NAMES];
      return localRelation(
        [attribute("function", StringT, false)],
        [...new Set(names)]
          .filter(matches)
          .sort()
          .map((n) => [n]),
      );
    }
    default:
      return unsupported(`the ${stmt.kind} statement`);
  }
}
