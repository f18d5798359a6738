/**
 * ResolveDataFrameOps: applies `resolve-dataframe-ops.ts` (the lazy DataFrame operations:
 * withColumns, renames, drop, na.fill, na.drop) node by node, bottom-up, and resolves
 * the Project / Filter each one becomes right away (names, functions, coercion, aliases),
 * so a chain of hundreds of `withColumn` calls resolves in one pass instead of one level
 * per fixed-point iteration.
 */
import { localRelation } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import {
  mapExpressions,
  planChildren,
  transformPlanUp,
  withNewPlanChildren,
} from "../trees/plan-tree.ts";
import { type AnalyzerContext, resolverFor } from "./context.ts";
import { isPlanResolved } from "./plan-utils.ts";
import { nameSelectList } from "./resolve-aliases.ts";
import { resolveDataFrameOps } from "./resolve-dataframe-ops.ts";
import { resolveFunctionsIn } from "./resolve-functions.ts";
import { resolveNode } from "./resolve-references.ts";
import type { AnalyzerRule } from "./rule.ts";
import { coerceExpression } from "./type-coercion/coerce-expression.ts";

const DATAFRAME_KINDS = new Set<LogicalPlan["kind"]>([
  "WithColumns",
  "WithColumnsRenamed",
  "DropColumns",
  "NaFill",
  "NaDrop",
  "Describe",
]);

/** Resolves the unresolved top of a plan whose resolved subtrees are left untouched. */
function resolveLocally(p: LogicalPlan, ctx: AnalyzerContext): LogicalPlan {
  if (isPlanResolved(p)) return p;
  const kids = planChildren(p);
  const resolvedKids = kids.map((k) => resolveLocally(k, ctx));
  let q = withNewPlanChildren(p, resolvedKids);
  if (!resolvedKids.every(isPlanResolved)) return q;
  const eq = resolverFor(ctx.config);
  const isAggregate = (name: string) => ctx.functions.lookup(name)?.kind === "aggregate";
  q = resolveNode(q, eq, ctx.outer, isAggregate);
  q = mapExpressions(q, (e) => coerceExpression(resolveFunctionsIn(e, ctx), ctx));
  return nameSelectList(q);
}

function apply(p: LogicalPlan, ctx: AnalyzerContext): LogicalPlan {
  const kids = planChildren(p);
  const newKids = kids.map((k) => (isPlanResolved(k) ? k : apply(k, ctx)));
  const q = withNewPlanChildren(p, newKids);
  if (!DATAFRAME_KINDS.has(q.kind) || !newKids.every(isPlanResolved)) return q;
  // The rewrite only needs the child's output: hand it a leaf with that output (so its
  // own resolved-ness checks stay O(1) on deep chains), then put the child back.
  const child = (q as Extract<LogicalPlan, { child: LogicalPlan }>).child;
  const stand = localRelation(outputOf(child), []);
  const standIn = Object.freeze({ ...q, child: stand }) as LogicalPlan;
  const rewritten = resolveDataFrameOps(standIn, resolverFor(ctx.config));
  if (rewritten === standIn) return q;
  const spliced = transformPlanUp(rewritten, (x) => (x === stand ? child : undefined));
  return spliced === q ? q : resolveLocally(spliced, ctx);
}

export const ResolveDataFrameOps: AnalyzerRule = {
  name: "ResolveDataFrameOps",
  apply,
};
