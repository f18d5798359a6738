/**
 * RewriteDistinctAggregates: an aggregate with DISTINCT aggregates over more than one
 * set of arguments (`count(DISTINCT a), count(DISTINCT b)`) is split in two, as Spark
 * does, since the executor can de-duplicate only one argument set per aggregation:
 *
 *   1. Expand emits each input row once per distinct group `gid` (1..n), carrying only
 *      that group's arguments (the others null), plus once with `gid = 0` carrying the
 *      arguments of the regular aggregates.
 *   2. A first aggregate groups by the keys, every distinct argument and `gid`, which
 *      de-duplicates them, and computes the regular aggregates (meaningful in gid 0).
 *   3. The final aggregate groups by the keys: a distinct aggregate of group i becomes the
 *      plain aggregate `FILTER (WHERE gid = i)`; a regular one takes the first non-null
 *      result `FILTER (WHERE gid = 0)` (and count's 0 when there is none), as Spark 4 does.
 *
 *     Aggregate [k], [k, count(DISTINCT a), sum(DISTINCT b), max(c)]
 *   =>
 *     Aggregate [k], [k, count(a') FILTER (WHERE gid = 1), sum(b') FILTER (WHERE gid = 2),
 *                     first(max(c'), true) FILTER (WHERE gid = 0)]
 *     +- Aggregate [k, a', b', gid], [k, a', b', gid, max(c') AS max(c')]
 *        +- Expand [[k, null, null, 0, c], [k, a, null, 1, null], [k, null, b, 2, null]]
 *
 * Aggregates with FILTER clauses on distinct aggregates are left alone.
 */
import { IntegerT, LongT } from "../../../types/data-types.ts";
import type {
  AggregateExpression,
  AttributeReference,
  Expression,
} from "../../expressions/expression.ts";
import {
  alias,
  attribute,
  comparison,
  literal,
  newExprId,
  TRUE,
} from "../../expressions/factories.ts";
import { dataTypeOf, isFoldable, nullableOf } from "../../expressions/typing.ts";
import { aggregate } from "../../plans/factories.ts";
import type { Aggregate, LogicalPlan } from "../../plans/logical-plan.ts";
import { toAttribute } from "../../plans/output.ts";
import { childrenOf, foreachExpr, withNewChildren } from "../../trees/expression-tree.ts";
import { transformPlanUp } from "../../trees/plan-tree.ts";
import type { Rule } from "../rule.ts";
import { semanticEquals } from "../util/expressions.ts";

function aggregatesIn(list: readonly Expression[]): AggregateExpression[] {
  const out: AggregateExpression[] = [];
  for (const e of list) {
    foreachExpr(e, (x) => {
      if (x.kind === "AggregateExpression" && !out.some((y) => semanticEquals(y, x))) out.push(x);
    });
  }
  return out;
}

function distinctArgs(a: AggregateExpression): Expression[] {
  return a.fn.args.filter((x) => !isFoldable(x));
}

function sameSet(a: readonly Expression[], b: readonly Expression[]): boolean {
  return (
    a.length === b.length &&
    a.every((x) => b.some((y) => semanticEquals(x, y))) &&
    b.every((y) => a.some((x) => semanticEquals(x, y)))
  );
}

function nullOf(e: Expression): Expression {
  return literal(null, dataTypeOf(e));
}

function gidIs(gid: AttributeReference, id: number): Expression {
  return comparison("=", gid, literal(id, IntegerT));
}

function lookup(pairs: readonly [Expression, AttributeReference][], e: Expression) {
  return pairs.find(([x]) => semanticEquals(x, e))?.[1];
}

export function rewriteDistinctAggregates(a: Aggregate): LogicalPlan | undefined {
  const aggs = aggregatesIn(a.aggregateExpressions);
  const distinct = aggs.filter((x) => x.isDistinct);
  if (distinct.some((x) => x.filter !== null)) return undefined;
  const groups: Expression[][] = [];
  for (const d of distinct) {
    const args = distinctArgs(d);
    if (!groups.some((g) => sameSet(g, args))) groups.push(args);
  }
  if (groups.length <= 1) return undefined;
  const regular = aggs.filter((x) => !x.isDistinct);

  // Columns of the expanded rows.
  const groupPairs: [Expression, AttributeReference][] = a.groupingExpressions.map((g) => [
    g,
    g.kind === "AttributeReference"
      ? g
      : attribute("_groupingexpression", dataTypeOf(g), nullableOf(g)),
  ]);
  const distinctChildren: Expression[] = [];
  for (const g of groups) {
    for (const e of g)
      if (!distinctChildren.some((x) => semanticEquals(x, e))) distinctChildren.push(e);
  }
  const distinctPairs: [Expression, AttributeReference][] = distinctChildren.map((e) => [
    e,
    attribute(e.kind === "AttributeReference" ? e.name : "_distinct", dataTypeOf(e), true),
  ]);
  const regularChildren: Expression[] = [];
  for (const r of regular) {
    // a regular aggregate's FILTER reads columns too: they travel through the Expand
    for (const e of r.filter === null ? distinctArgs(r) : [...distinctArgs(r), r.filter]) {
      if (!regularChildren.some((x) => semanticEquals(x, e))) regularChildren.push(e);
    }
  }
  const regularPairs: [Expression, AttributeReference][] = regularChildren.map((e) => [
    e,
    attribute(e.kind === "AttributeReference" ? e.name : "_regular", dataTypeOf(e), true),
  ]);
  const gid = attribute("gid", IntegerT, false);

  const projections: Expression[][] = [];
  if (regular.length > 0) {
    projections.push([
      ...a.groupingExpressions,
      ...distinctChildren.map(nullOf),
      literal(0, IntegerT),
      ...regularChildren,
    ]);
  }
  groups.forEach((g, i) => {
    projections.push([
      ...a.groupingExpressions,
      ...distinctChildren.map((e) => (g.some((x) => semanticEquals(x, e)) ? e : nullOf(e))),
      literal(i + 1, IntegerT),
      ...regularChildren.map(nullOf),
    ]);
  });
  const groupAttrs = groupPairs.map(([, x]) => x);
  const distinctAttrs = distinctPairs.map(([, x]) => x);
  const expand: LogicalPlan = Object.freeze({
    kind: "Expand",
    projections,
    output: [...groupAttrs, ...distinctAttrs, gid, ...regularPairs.map(([, x]) => x)],
    child: a.child,
  });

  // First aggregate: de-duplicates the distinct arguments, computes regular aggregates.
  const patch = (
    fnArgs: readonly Expression[],
    pairs: readonly [Expression, AttributeReference][],
  ) => fnArgs.map((x) => (isFoldable(x) ? x : (lookup(pairs, x) ?? x)));
  const regularResults = regular.map((r) => {
    const op: AggregateExpression = Object.freeze({
      ...r,
      fn: Object.freeze({ ...r.fn, args: patch(r.fn.args, regularPairs) }),
      filter: r.filter === null ? null : (lookup(regularPairs, r.filter) ?? r.filter),
      resultId: newExprId(),
    });
    return alias(op, `${r.fn.name}_result`);
  });
  const keys = [...groupAttrs, ...distinctAttrs, gid];
  const first = aggregate(keys, [...keys, ...regularResults], expand);

  // Final aggregate.
  const replacement = (x: AggregateExpression): Expression => {
    if (x.isDistinct) {
      const i = groups.findIndex((g) => sameSet(g, distinctArgs(x)));
      const args = x.fn.args.map((arg) =>
        isFoldable(arg) ? arg : (lookup(distinctPairs, arg) ?? arg),
      );
      return Object.freeze({
        ...x,
        isDistinct: false,
        filter: gidIs(gid, i + 1),
        fn: Object.freeze({ ...x.fn, args }),
      });
    }
    const k = regular.findIndex((r) => semanticEquals(r, x));
    const res = toAttribute(regularResults[k] as Expression);
    const firstOf: Expression = Object.freeze({
      kind: "AggregateExpression",
      fn: Object.freeze({
        kind: "AggregateFunction",
        name: "first",
        args: Object.freeze([res, TRUE]),
        dataType: dataTypeOf(res),
        nullable: true,
        options: Object.freeze({ ignoreNulls: true }),
      }),
      mode: "Complete",
      isDistinct: false,
      filter: gidIs(gid, 0),
      resultId: newExprId(),
    });
    const name = x.fn.name.toLowerCase();
    if (name === "count" || name === "count_if") {
      return Object.freeze({
        kind: "Coalesce",
        children: [firstOf, literal(0n, LongT)],
      });
    }
    return firstOf;
  };
  const rewriteOutput = (e: Expression): Expression => {
    if (e.kind === "AggregateExpression") return replacement(e);
    const g = lookup(groupPairs, e);
    if (g && e.kind !== "Alias") return g;
    const kids = childrenOf(e);
    return kids.length === 0 ? e : withNewChildren(e, kids.map(rewriteOutput));
  };
  const finalList = a.aggregateExpressions.map((e) =>
    e.kind === "Alias" ? Object.freeze({ ...e, child: rewriteOutput(e.child) }) : rewriteOutput(e),
  );
  return aggregate(groupAttrs, finalList, first);
}

export const RewriteDistinctAggregates: Rule = {
  name: "RewriteDistinctAggregates",
  apply: (plan) =>
    transformPlanUp(plan, (p) =>
      p.kind === "Aggregate" ? rewriteDistinctAggregates(p) : undefined,
    ),
};
