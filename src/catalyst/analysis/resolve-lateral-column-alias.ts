/**
 * Lateral column aliases (Spark 3.4+, on by default): a select item may use an alias
 * defined earlier in the same list. The aliases are computed by a Project below and the
 * list refers to them; the generated name marks the reference as Spark does:
 *
 *   Project [(a#1 + 1) AS k#5, ('k + 1)]        Project [k#5, (k#5 + 1) AS (lateralAliasReference(k) + 1)#6]
 *   +- child(a#1)                        =>     +- Project [a#1, (a#1 + 1) AS k#5]
 *                                                  +- child
 *
 * A column of the input always wins over an alias of the same name. Only Projects are
 * handled (Spark also resolves lateral aliases of aggregates).
 */
import type { Alias, AttributeReference } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { existsExpr, transformUp } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import { isPlanResolved } from "./plan-utils.ts";
import { prettySql } from "./pretty-sql.ts";
import { resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

export const ResolveLateralColumnAlias: AnalyzerRule = {
  name: "ResolveLateralColumnAlias",
  apply: (plan, ctx) => {
    const eq = resolverFor(ctx.config);
    return transformPlanUp(plan, (p) => {
      if (p.kind !== "Project" || !isPlanResolved(p.child) || p.projectList.every(isResolved)) {
        return undefined;
      }
      const input = outputOf(p.child);
      const used = new Map<number, Alias>();
      const lateralAttr = (name: string, upTo: number): AttributeReference | undefined => {
        for (let i = 0; i < upTo; i++) {
          const item = p.projectList[i];
          if (item?.kind === "Alias" && isResolved(item) && eq(item.name, name)) {
            used.set(item.exprId, item);
            return toAttribute(item);
          }
        }
        return undefined;
      };
      let changed = false;
      const list = p.projectList.map((item, i) => {
        if (isResolved(item)) return item;
        let marked = false;
        const rewrite = (forName: boolean) =>
          transformUp(item, (x) => {
            if (x.kind !== "UnresolvedAttribute" || x.nameParts.length !== 1) return undefined;
            if (resolveNameParts(x.nameParts, input, eq)) return undefined;
            const a = lateralAttr(x.nameParts[0] ?? "", i);
            if (!a) return undefined;
            marked = true;
            return forName ? Object.freeze({ ...a, name: `lateralAliasReference(${a.name})` }) : a;
          });
        const replaced = rewrite(false);
        if (!marked) return item;
        changed = true;
        if (replaced.kind === "Alias" || replaced.kind === "AttributeReference") return replaced;
        const inner = replaced.kind === "UnresolvedAlias" ? replaced.child : replaced;
        const forName = rewrite(true);
        const nameSource = forName.kind === "UnresolvedAlias" ? forName.child : forName;
        return alias(inner, prettySql(nameSource));
      });
      if (!changed) return undefined;
      const ids = new Set(used.keys());
      const below = Object.freeze({
        kind: "Project" as const,
        projectList: Object.freeze([...input, ...used.values()]),
        child: p.child,
      });
      const above = list.map((e) => (e.kind === "Alias" && ids.has(e.exprId) ? toAttribute(e) : e));
      if (
        above.some((e) => existsExpr(e, (x) => x.kind === "Alias" && ids.has(x.exprId) && x !== e))
      ) {
        return undefined;
      }
      return Object.freeze({ ...p, projectList: Object.freeze(above), child: below });
    });
  },
};
