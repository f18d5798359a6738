/**
 * ResolveMissingReferences and ResolveAggregateFunctions (HAVING / ORDER BY): a Sort or
 * Filter may name what its child does not output.
 *
 * Over a Project, columns of the Project's input are added to it and projected away:
 *
 *   Sort ['c ASC]                      Project [a#1]
 *   +- Project [a#1]           =>      +- Sort [c#3 ASC]
 *      +- child(a#1, c#3)                 +- Project [a#1, c#3]
 *
 * Over an Aggregate, aggregate functions and grouping expressions are computed by the
 * Aggregate under new aliases:
 *
 *   Filter (count(1) > 1)                       Project [a#1]
 *   +- Aggregate [a#1], [a#1]          =>       +- Filter (count(1)#5L > 1)
 *                                                  +- Aggregate [a#1], [a#1, count(1) AS count(1)#5L]
 *
 * Columns that are neither grouped nor aggregated stay unresolved, so CheckAnalysis
 * reports them against the Aggregate's output as Spark does.
 */
import type { Alias, AttributeReference, Expression } from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { Aggregate, LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { existsExpr, transformDown, transformUp } from "../trees/expression-tree.ts";
import { planExpressions, transformPlanUp, withNewExpressions } from "../trees/plan-tree.ts";
import { type AnalyzerContext, resolverFor } from "./context.ts";
import { exprKey, isPlanResolved, stripAliases } from "./plan-utils.ts";
import { prettySql } from "./pretty-sql.ts";
import { resolveFunctionsIn } from "./resolve-functions.ts";
import { resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

function needsWork(exprs: readonly Expression[]): boolean {
  return !exprs.every(isResolved);
}

function hasAggregate(e: Expression): boolean {
  let found = false;
  transformDown(e, (x) => {
    if (x.kind === "AggregateExpression") found = true;
    return undefined;
  });
  return found;
}

function overAggregate(
  node: Extract<LogicalPlan, { kind: "Sort" | "Filter" }>,
  agg: Aggregate,
  ctx: AnalyzerContext,
): LogicalPlan | undefined {
  const exprs = planExpressions(node);
  if (!needsWork(exprs) && !exprs.some(hasAggregate)) return undefined;
  const eq = resolverFor(ctx.config);
  const input = outputOf(agg.child);
  const groupKeys = new Set(agg.groupingExpressions.map(exprKey));
  // Names resolve against the Aggregate's input; if any of them ends up neither grouped
  // nor aggregated, the node is left as it was, for CheckAnalysis to report the name
  // against the Aggregate's output (as Spark does).
  const aggOut = outputOf(agg);
  // A name both the input and an Expand's grouping attribute carry (GROUP BY ROLLUP(a)
  // ... ORDER BY a) is ambiguous below the Aggregate; it then means the Aggregate's output.
  const resolveName = (x: Extract<Expression, { kind: "UnresolvedAttribute" }>) => {
    try {
      return resolveNameParts(x.nameParts, input, eq, x.origin);
    } catch (err) {
      const inOutput = resolveNameParts(x.nameParts, aggOut, eq, x.origin);
      if (inOutput === undefined) throw err;
      return inOutput;
    }
  };
  const resolved = exprs.map((e) =>
    resolveFunctionsIn(
      transformUp(e, (x) => (x.kind === "UnresolvedAttribute" ? resolveName(x) : undefined)),
      ctx,
    ),
  );
  if (!resolved.every(isResolved)) return undefined;
  const existing = new Map<string, AttributeReference>();
  agg.aggregateExpressions.forEach((a, i) => {
    const out = aggOut[i];
    if (out) existing.set(exprKey(stripAliases(a)), out);
  });
  const added: Alias[] = [];
  const outIds = new Set(aggOut.map((a) => a.exprId));
  const rewrite = (e: Expression): Expression =>
    transformDown(e, (x) => {
      if (x.kind === "AttributeReference" && outIds.has(x.exprId)) return x;
      const isAgg = x.kind === "AggregateExpression";
      const key = exprKey(x);
      if (!isAgg && !groupKeys.has(key)) return undefined;
      const hit = existing.get(key);
      if (hit) return hit;
      const a = alias(x, prettySql(x));
      added.push(a);
      const attr = toAttribute(a);
      existing.set(key, attr);
      return attr;
    });
  const rewritten = resolved.map(rewrite);
  const known = new Set([...outIds, ...added.map((a) => a.exprId)]);
  const leftover = rewritten.some((e) =>
    existsExpr(e, (x) => x.kind === "AttributeReference" && !known.has(x.exprId)),
  );
  if (leftover) return undefined;
  if (added.length === 0) {
    return rewritten.every((e, i) => e === exprs[i])
      ? undefined
      : withNewExpressions(node, rewritten);
  }
  const newAgg: Aggregate = Object.freeze({
    ...agg,
    aggregateExpressions: Object.freeze([...agg.aggregateExpressions, ...added]),
  });
  const inner = withNewExpressions(Object.freeze({ ...node, child: newAgg }), rewritten);
  return Object.freeze({ kind: "Project", projectList: Object.freeze([...aggOut]), child: inner });
}

function overProject(
  node: Extract<LogicalPlan, { kind: "Sort" | "Filter" }>,
  proj: Extract<LogicalPlan, { kind: "Project" }>,
  ctx: AnalyzerContext,
): LogicalPlan | undefined {
  const exprs = planExpressions(node);
  if (!needsWork(exprs)) return undefined;
  const eq = resolverFor(ctx.config);
  const input = outputOf(proj.child);
  const have = new Set(outputOf(proj).map((a) => a.exprId));
  const missing: AttributeReference[] = [];
  const resolved = exprs.map((e) =>
    transformUp(e, (x) => {
      if (x.kind !== "UnresolvedAttribute") return undefined;
      const r = resolveNameParts(x.nameParts, input, eq, x.origin);
      if (!r) return undefined;
      transformUp(r, (y) => {
        if (y.kind === "AttributeReference" && !have.has(y.exprId)) {
          have.add(y.exprId);
          missing.push(y);
        }
        return undefined;
      });
      return r;
    }),
  );
  if (missing.length === 0) return undefined;
  const widened = Object.freeze({
    ...proj,
    projectList: Object.freeze([...proj.projectList, ...missing]),
  });
  const inner = withNewExpressions(Object.freeze({ ...node, child: widened }), resolved);
  return Object.freeze({
    kind: "Project",
    projectList: Object.freeze([...outputOf(proj)]),
    child: inner,
  });
}

/** ORDER BY after HAVING: resolve against the Aggregate, keeping the Filter in place. */
function sortOverHaving(
  sort: Extract<LogicalPlan, { kind: "Sort" }>,
  having: Extract<LogicalPlan, { kind: "Filter" }>,
  agg: Aggregate,
  ctx: AnalyzerContext,
): LogicalPlan | undefined {
  const direct = overAggregate(Object.freeze({ ...sort, child: agg }), agg, ctx);
  if (!direct) return undefined;
  const reinsert = (p: LogicalPlan): LogicalPlan => {
    if (p.kind === "Sort")
      return Object.freeze({ ...p, child: Object.freeze({ ...having, child: p.child }) });
    if (p.kind === "Project") return Object.freeze({ ...p, child: reinsert(p.child) });
    return p;
  };
  return reinsert(direct);
}

export const ResolveMissingReferences: AnalyzerRule = {
  name: "ResolveMissingReferences",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Sort" && p.kind !== "Filter") return undefined;
      const child = p.child;
      if (!isPlanResolved(child)) return undefined;
      if (child.kind === "Aggregate") return overAggregate(p, child, ctx);
      if (
        p.kind === "Sort" &&
        child.kind === "Project" &&
        child.child.kind === "Filter" &&
        child.child.child.kind === "Aggregate" &&
        child.projectList.every((e) => e.kind === "AttributeReference")
      ) {
        // ORDER BY over the Project that HAVING added: sort below it.
        const inner = sortOverHaving(
          Object.freeze({ ...p, child: child.child }),
          child.child,
          child.child.child,
          ctx,
        );
        return inner ? Object.freeze({ ...child, child: inner }) : overProject(p, child, ctx);
      }
      if (child.kind === "Project") return overProject(p, child, ctx);
      if (p.kind === "Sort" && child.kind === "Filter" && child.child.kind === "Aggregate") {
        return sortOverHaving(p, child, child.child, ctx);
      }
      return undefined;
    }),
};
