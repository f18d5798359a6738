/**
 * Commands that `spark.sql()` runs at once, as Spark runs commands eagerly: catalog and
 * configuration statements that need no job. Each returns the plan of its result rows
 * (usually empty). Statements that write data (CREATE TABLE AS, INSERT, ...) belong to
 * the persistent catalog and are reported as not supported yet.
 */
import { alias, attribute } from "../catalyst/expressions/factories.ts";
import { localRelation, project } from "../catalyst/plans/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { outputOf } from "../catalyst/plans/output.ts";
import { FlintError } from "../errors/index.ts";
import type { Statement } from "../sql/index.ts";
import { StringT } from "../types/data-types.ts";
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
      if (!stmt.temporary || stmt.global)
        return unsupported("persistent and global temporary views");
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
    case "DropTable": {
      const name = stmt.name.join(".");
      if (engine.catalog.dropTempView(name) || stmt.ifExists) return EMPTY;
      throw new FlintError(stmt.isView ? "VIEW_NOT_FOUND" : "TABLE_OR_VIEW_NOT_FOUND", {
        relationName: `\`${name}\``,
      });
    }
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
    case "ShowFunctions":
      return localRelation(
        [attribute("function", StringT, false)],
        engine.functions.names().map((n) => [n]),
      );
    default:
      return unsupported(`the ${stmt.kind} statement`);
  }
}
