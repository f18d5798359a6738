/**
 * Lateral column aliases (Spark 3.4+, on by default): a select item may use an alias
 * defined earlier in the same list. The aliases are computed by a Project below and the
 * list refers to them; the generated name marks the reference as Spark does:
 *
 *   Project [(a#1 + 1) AS k#5, ('k + 1)]        Project [k#5, (k#5 + 1) AS (lateralAliasReference(k) + 1)#6]
 *   +- child(a#1)                        =>     +- Project [a#1, (a#1 + 1) AS k#5]
 *                                                  +- child
 *
 * In an Aggregate the aggregates are computed first and a Project above evaluates the
 * items that use lateral aliases (`select sum(a) as s, s + 1 from t`):
 *
 *   Project [s#4L, (s#4L + 1) AS (lateralAliasReference(s) + 1)#14L]
 *   +- Aggregate [sum(a#9) AS s#4L]
 *
 * A column of the input always wins over an alias of the same name.
 */
import type { Alias, AttributeReference, Expression } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { Aggregate, LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { childrenOf, existsExpr, transformUp, withNewChildren } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { resolverFor } from "./context.ts";
import { exprKey, isPlanResolved, stripAliases } from "./plan-utils.ts";
import { prettySql } from "./pretty-sql.ts";
import { type NameEq, resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

function overAggregate(p: Aggregate, eq: NameEq): LogicalPlan | undefined {
  if (!isPlanResolved(p.child) || !p.groupingExpressions.every(isResolved)) return undefined;
  if (p.aggregateExpressions.every(isResolved)) return undefined;
  const input = outputOf(p.child);
  const items = p.aggregateExpressions;
  const lateral = (item: Expression, upTo: number, forName: boolean): Expression | undefined => {
    let hit = false;
    const r = transformUp(item, (x) => {
      if (x.kind !== "UnresolvedAttribute" || x.nameParts.length !== 1) return undefined;
      if (resolveNameParts(x.nameParts, input, eq)) return undefined;
      const name = x.nameParts[0] ?? "";
      for (let i = 0; i < upTo; i++) {
        const a = items[i];
        if (a?.kind === "Alias" && isResolved(a) && eq(a.name, name)) {
          hit = true;
          const attr = toAttribute(a);
          return forName
            ? Object.freeze({ ...attr, name: `lateralAliasReference(${attr.name})` })
            : attr;
        }
      }
      return undefined;
    });
    return hit ? r : undefined;
  };
  const rewritten = items.map((item, i) =>
    isResolved(item) ? undefined : lateral(item, i, false),
  );
  if (rewritten.every((r) => r === undefined)) return undefined;
  const kept: Expression[] = items.filter((_, i) => rewritten[i] === undefined);
  const known = new Map<string, AttributeReference>();
  for (const k of kept) if (isResolved(k)) known.set(exprKey(stripAliases(k)), toAttribute(k));
  const inputIds = new Set(input.map((a) => a.exprId));
  const pushed: Alias[] = [];
  const push = (x: Expression): AttributeReference => {
    const key = exprKey(x);
    const hit = known.get(key);
    if (hit) return hit;
    const a = alias(x, prettySql(x));
    pushed.push(a);
    const attr = toAttribute(a);
    known.set(key, attr);
    return attr;
  };
  const pushAggregates = (e: Expression): Expression =>
    e.kind === "AggregateExpression" || (e.kind === "AttributeReference" && inputIds.has(e.exprId))
      ? push(e)
      : withNewChildren(e, childrenOf(e).map(pushAggregates));
  const outer = items.map((item, i) => {
    const r = rewritten[i];
    if (r === undefined) return isResolved(item) ? toAttribute(item) : item;
    const value = pushAggregates(r.kind === "UnresolvedAlias" ? r.child : r);
    if (r.kind === "Alias") return Object.freeze({ ...r, child: pushAggregates(r.child) });
    const forName = lateral(item, i, true) ?? item;
    return alias(value, prettySql(forName.kind === "UnresolvedAlias" ? forName.child : forName));
  });
  if (!kept.every(isResolved)) return undefined;
  const agg: Aggregate = Object.freeze({
    ...p,
    aggregateExpressions: Object.freeze([...kept, ...pushed]),
  });
  return Object.freeze({ kind: "Project", projectList: Object.freeze(outer), child: agg });
}

export const ResolveLateralColumnAlias: AnalyzerRule = {
  name: "ResolveLateralColumnAlias",
  apply: (plan, ctx) => {
    const eq = resolverFor(ctx.config);
    return transformPlanUp(plan, (p) => {
      if (p.kind === "Aggregate") return overAggregate(p, eq);
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
