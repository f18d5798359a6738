/**
 * `df.write.saveAsTable(name)` and `df.write.insertInto(name)` on the persistent catalog:
 * the same commands as CREATE TABLE AS SELECT and INSERT, awaited.
 */

import { parseAttributeName } from "../../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../../catalyst/plans/logical-plan.ts";
import { FlintError } from "../../errors/index.ts";
import type {
  SaveAsTableSpec,
  TableWriteTarget,
} from "../../execution/datasources/write/table-target.ts";
import type { CommandEngine } from "./command-context.ts";
import { createTableAsSelect, insertInto } from "./insert-commands.ts";
import { quotedName } from "./persistent-catalog.ts";
import { dropTable } from "./table-commands.ts";

export function catalogWriteTarget(engine: CommandEngine): TableWriteTarget {
  const run = async (plan: LogicalPlan): Promise<void> => {
    await engine.collectInternal(plan);
  };
  const insert = (
    name: readonly string[],
    plan: LogicalPlan,
    overwrite: boolean,
    byName: boolean,
  ) =>
    insertInto(
      {
        kind: "Insert",
        table: name,
        overwrite,
        ifNotExists: false,
        partition: null,
        columns: null,
        byName,
        query: plan,
      },
      engine,
    );
  return {
    async saveAsTable(name: string, plan: LogicalPlan, spec: SaveAsTableSpec): Promise<void> {
      await engine.prepare(plan);
      const parts = parseAttributeName(name);
      const id = engine.persistent.resolve(parts, engine.catalog.currentDatabase);
      const existing = id ? engine.persistent.getTable(id) : undefined;
      if (id && existing) {
        switch (spec.mode) {
          case "errorifexists":
            throw new FlintError("TABLE_OR_VIEW_ALREADY_EXISTS", { relationName: quotedName(id) });
          case "ignore":
            return;
          case "append":
            return run(insert(parts, plan, false, true));
          case "overwrite":
            dropTable(
              { kind: "DropTable", name: parts, ifExists: true, isView: false, purge: false },
              engine,
            );
        }
      }
      const path = Object.entries(spec.options).find(([k]) => k.toLowerCase() === "path")?.[1];
      const options = Object.fromEntries(
        Object.entries(spec.options).filter(([k]) => k.toLowerCase() !== "path"),
      );
      await run(
        createTableAsSelect(
          {
            kind: "CreateTable",
            name: parts,
            replace: false,
            ifNotExists: false,
            external: path !== undefined,
            schema: null,
            provider: spec.format,
            partitionColumns: spec.partitionBy,
            options,
            properties: {},
            location: path ?? null,
            comment: null,
            query: plan,
          },
          engine,
        ),
      );
    },
    async insertInto(name: string, plan: LogicalPlan, overwrite: boolean): Promise<void> {
      await engine.prepare(plan);
      await run(insert(parseAttributeName(name), plan, overwrite, false));
    },
  };
}
