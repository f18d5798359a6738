/**
 * ResolveGroupingAnalytics: `GROUP BY ROLLUP(..) / CUBE(..) / GROUPING SETS (..)` (the
 * parser's calls `rollup`, `cube`, `grouping_sets`, sets written as `struct(...)`) become
 * an Expand that emits each input row once per grouping set, with the columns a set does
 * not group by set to NULL, under an Aggregate that also groups by `spark_grouping_id`
 * (bit i set when the i-th grouping column is aggregated away, first column highest):
 *
 *   Aggregate [rollup('a, 'b)], ['a, 'b, count(1)]
 *     =>
 *   Aggregate [a#17, b#18, spark_grouping_id#16L], [a#17, b#18, count(1) AS count(1)#13L]
 *   +- Expand [[a#8, b#9, c#10, a#14, b#15, 0], [.., a#14, null, 1], [.., null, null, 3]],
 *   |         [a#8, b#9, c#10, a#17, b#18, spark_grouping_id#16L]
 *      +- Project [a#8, b#9, c#10, a#8 AS a#14, b#9 AS b#15]
 *
 * `grouping(col)` and `grouping_id()` in the select list read the grouping id.
 */
import { FlintError } from "../../errors/index.ts";
import { ByteT, IntegerT, LongT } from "../../types/data-types.ts";
import type {
  AttributeReference,
  Expression,
  UnresolvedFunction,
} from "../expressions/expression.ts";
import { alias, attribute, literal } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { childrenOf, withNewChildren } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { exprKey, isPlanResolved } from "./plan-utils.ts";
import { prettySql } from "./pretty-sql.ts";
import { autoName } from "./resolve-aliases.ts";
import type { AnalyzerRule } from "./rule.ts";

const ANALYTICS = new Set(["rollup", "cube", "grouping_sets"]);

function fnName(e: Expression): string | undefined {
  return e.kind === "UnresolvedFunction"
    ? (e.nameParts[e.nameParts.length - 1] ?? "").toLowerCase()
    : undefined;
}

export function isGroupingAnalytics(e: Expression): boolean {
  return ANALYTICS.has(fnName(e) ?? "");
}

/** A set written as `struct(a, b)` (or `()`), or a single expression. */
export const GROUPING_CALLS = new Set([
  "rollup",
  "cube",
  "grouping_sets",
  "__group_by__",
  "grouping",
  "grouping_id",
]);

function setOf(e: Expression): Expression[] {
  return fnName(e) === "struct" && e.kind === "UnresolvedFunction" ? [...e.args] : [e];
}

function cube(sets: readonly Expression[][]): Expression[][] {
  const [first, ...rest] = sets;
  if (!first) return [[]];
  const tail = cube(rest);
  return [...tail.map((t) => [...first, ...t]), ...tail];
}

function setsOf(e: Expression): Expression[][] {
  const f = e as UnresolvedFunction;
  switch (fnName(e)) {
    case "rollup": {
      const parts = f.args.map(setOf);
      const out: Expression[][] = [];
      for (let n = parts.length; n >= 0; n--) out.push(parts.slice(0, n).flat());
      return out;
    }
    case "cube":
      return cube(f.args.map(setOf));
    default:
      return f.args
        .filter((a) => fnName(a) !== "__group_by__")
        .flatMap((a) => (isGroupingAnalytics(a) ? setsOf(a) : [setOf(a)]));
  }
}

function leavesResolved(e: Expression): boolean {
  if (
    e.kind === "UnresolvedFunction" &&
    (isGroupingAnalytics(e) || fnName(e) === "struct" || fnName(e) === "__group_by__")
  ) {
    return e.args.every(leavesResolved);
  }
  return isResolved(e);
}

function distinct(es: readonly Expression[]): Expression[] {
  const seen = new Set<string>();
  return es.filter((e) => {
    const k = exprKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function expand(p: Extract<LogicalPlan, { kind: "Aggregate" }>): LogicalPlan {
  const plain = p.groupingExpressions.filter((g) => !isGroupingAnalytics(g));
  const analytics = p.groupingExpressions.filter(isGroupingAnalytics);
  // Grouping sets: the plain columns with every combination of the analytics' sets.
  let sets: Expression[][] = [plain];
  for (const a of analytics) {
    const options = setsOf(a);
    sets = sets.flatMap((s) => options.map((o) => [...s, ...o]));
  }
  const explicit = analytics.flatMap((a) =>
    a.kind === "UnresolvedFunction" ? a.args.filter((x) => fnName(x) === "__group_by__") : [],
  );
  const groupBy = distinct(
    explicit.length > 0
      ? [...plain, ...explicit.flatMap((x) => (x.kind === "UnresolvedFunction" ? x.args : []))]
      : sets.flat(),
  );
  if (groupBy.length > 64) {
    throw new FlintError("GROUPING_SIZE_LIMIT_EXCEEDED", { maxSize: "64" });
  }
  const childOut = outputOf(p.child);
  const aliases = groupBy.map((g) => alias(g, prettySql(g)));
  const below: LogicalPlan = Object.freeze({
    kind: "Project",
    projectList: Object.freeze([...childOut, ...aliases]),
    child: p.child,
  });
  const aliasAttrs = aliases.map(toAttribute);
  const groupAttrs = aliasAttrs.map((a) => attribute(a.name, a.dataType, true));
  const gid = attribute("spark_grouping_id", LongT, false);
  const n = groupBy.length;
  const allBits: bigint[] = [];
  const rows = sets.map((set) => {
    const keys = new Set(set.map(exprKey));
    let bits = 0n;
    const cols = groupBy.map((g, i) => {
      if (keys.has(exprKey(g))) return aliasAttrs[i] as AttributeReference;
      bits |= 1n << BigInt(n - 1 - i);
      return literal(null, (aliasAttrs[i] as AttributeReference).dataType);
    });
    allBits.push(bits);
    return [...childOut, ...cols, literal(bits, LongT)];
  });
  // Equal grouping sets (ROLLUP(k, k) gives (k, k) and (k)) stay apart, as Spark's
  // `_gen_grouping_pos` keeps them: each set's rows carry its position as one more key.
  const pos =
    new Set(allBits).size < allBits.length ? attribute("_gen_grouping_pos", IntegerT, false) : null;
  const projections = rows.map((r, i) =>
    Object.freeze(pos === null ? r : [...r, literal(i, IntegerT)]),
  );
  const expanded: LogicalPlan = Object.freeze({
    kind: "Expand",
    projections: Object.freeze(projections),
    output: Object.freeze([...childOut, ...groupAttrs, gid, ...(pos === null ? [] : [pos])]),
    child: below,
  });
  const byKey = new Map(
    groupBy.map((g, i) => [exprKey(g), groupAttrs[i] as AttributeReference] as const),
  );
  const rewrite = (x: Expression): Expression => {
    if (x.kind === "AggregateExpression") return x;
    const fname = fnName(x);
    if (fname === "grouping_id" && x.kind === "UnresolvedFunction") return gid;
    if (fname === "grouping" && x.kind === "UnresolvedFunction" && x.args.length === 1) {
      const arg = x.args[0] as Expression;
      const i = groupBy.findIndex((g) => exprKey(g) === exprKey(arg));
      if (i < 0) {
        throw new FlintError("GROUPING_COLUMN_MISMATCH", {
          grouping: prettySql(arg),
          groupingColumns: groupBy.map(prettySql).join(","),
        });
      }
      const shifted: Expression = Object.freeze({
        kind: "BinaryArithmetic",
        op: "div",
        left: gid,
        right: literal(2n ** BigInt(n - 1 - i), LongT),
        evalMode: "ANSI",
      });
      const bit: Expression = Object.freeze({
        kind: "BinaryArithmetic",
        op: "%",
        left: shifted,
        right: literal(2n, LongT),
        evalMode: "ANSI",
      });
      return Object.freeze({
        kind: "Cast",
        child: bit,
        dataType: ByteT,
        evalMode: "ANSI",
        timeZoneId: null,
        implicit: true,
      });
    }
    const hit = byKey.get(exprKey(x));
    if (hit) return hit;
    return withNewChildren(x, childrenOf(x).map(rewrite));
  };
  const aggs = p.aggregateExpressions.map((item): Expression => {
    if (item.kind === "Alias") return Object.freeze({ ...item, child: rewrite(item.child) });
    const inner = item.kind === "UnresolvedAlias" ? item.child : item;
    const r = rewrite(inner);
    if (r.kind === "AttributeReference" && inner.kind === "AttributeReference") return r;
    return alias(r, autoName(inner));
  });
  return Object.freeze({
    kind: "Aggregate",
    groupingExpressions: Object.freeze([...groupAttrs, gid, ...(pos === null ? [] : [pos])]),
    aggregateExpressions: Object.freeze(aggs),
    child: expanded,
  });
}

/** Resolved, apart from `grouping(..)` / `grouping_id(..)` calls (with resolved arguments). */
function resolvedExceptGrouping(e: Expression): boolean {
  const f = fnName(e);
  if (f === "grouping" || f === "grouping_id") return childrenOf(e).every(resolvedExceptGrouping);
  if (e.kind === "UnresolvedAlias") return resolvedExceptGrouping(e.child);
  if (
    e.kind === "UnresolvedFunction" ||
    e.kind === "UnresolvedAttribute" ||
    e.kind === "UnresolvedStar"
  )
    return false;
  return childrenOf(e).every(resolvedExceptGrouping) && e.kind !== "UnresolvedExtractValue";
}

export const ResolveGroupingAnalytics: AnalyzerRule = {
  name: "ResolveGroupingAnalytics",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind !== "Aggregate" || !p.groupingExpressions.some(isGroupingAnalytics))
        return undefined;
      if (!isPlanResolved(p.child) || !p.groupingExpressions.every(leavesResolved))
        return undefined;
      if (!p.aggregateExpressions.every(resolvedExceptGrouping)) return undefined;
      return expand(p);
    }),
};
