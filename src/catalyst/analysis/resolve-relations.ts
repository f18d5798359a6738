/**
 * ResolveRelations: `UnresolvedRelation [t]` becomes the catalog's plan under a
 * `SubqueryAlias` that qualifies its columns, or fails with TABLE_OR_VIEW_NOT_FOUND.
 *
 *   'UnresolvedRelation [t]    =>    SubqueryAlias t
 *                                    +- LocalRelation [a#1, b#2]
 */
import { FlintError } from "../../errors/index.ts";
import { subqueryAlias } from "../plans/factories.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { toSqlId } from "./pretty-sql.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveRelations: AnalyzerRule = {
  name: "ResolveRelations",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "UnresolvedRelation") return undefined;
      const found = ctx.catalog.lookupRelation(p.nameParts);
      if (!found) {
        throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
          relationName: toSqlId(p.nameParts),
          searchPath: `[\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`${ctx.catalog.currentDatabase}\`]`,
        });
      }
      return subqueryAlias(found.qualifier, found.plan);
    }),
};
