/**
 * ResolvePivot: PIVOT and UNPIVOT over a resolved child, with Spark's semantics.
 *
 *   Pivot [2023, 2024], yr, [sum(amount)]     Aggregate [country], [country,
 *   +- q(country, yr, amount)            =>     first(if((yr <=> 2023), s, null)) IGNORE NULLS AS 2023, ...]
 *                                             +- Aggregate [country, yr], [country, yr, sum(amount) AS s]
 *
 * A pivot groups by every input column that neither the pivot column nor the aggregates
 * use. As Spark's PivotFirst, each aggregate is computed per group and pivot value, then
 * each value's result becomes a column: a group without rows for a value gets null (a
 * count too). Columns are named by the value (its alias, or its text), followed by `_`
 * and the aggregate's alias when there are several aggregates.
 *
 *   Unpivot (amount FOR yr IN (y2023, y2024))     Filter isnotnull(amount)
 *   +- wide(country, y2023, y2024)           =>   +- Expand [[country, 'y2023', y2023], [country, 'y2024', y2024]]
 *
 * An unpivot keeps the other columns, names each column set (its alias or its columns'
 * names joined with `_`) and casts the values of each position to their common type;
 * without INCLUDE NULLS rows whose values are all null are dropped.
 */
import { FlintError } from "../../errors/index.ts";
import { findWiderCommonType } from "../../types/coercion.ts";
import { NullT, StringT, simpleString } from "../../types/data-types.ts";
import type { AttributeReference, Expression, ExprId } from "../expressions/expression.ts";
import {
  alias,
  cast,
  comparison,
  ifExpr,
  isNotNull,
  literal,
  or,
  unresolvedAttribute,
  unresolvedFunction,
} from "../expressions/factories.ts";
import { castToString } from "../expressions/format.ts";
import { filter } from "../plans/factories.ts";
import type { LogicalPlan, Pivot, Unpivot } from "../plans/logical-plan.ts";
import { freshAttributes, outputOf } from "../plans/output.ts";
import { foreachExpr } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import type { AnalyzerContext } from "./context.ts";
import { resolverFor } from "./context.ts";
import { isPlanResolved } from "./plan-utils.ts";
import { prettySql, toSqlExpr } from "./pretty-sql.ts";
import { resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

function resolveColumn(
  e: Expression,
  input: readonly AttributeReference[],
  ctx: AnalyzerContext,
): Expression {
  if (e.kind !== "UnresolvedAttribute") return e;
  const hit = resolveNameParts(e.nameParts, input, resolverFor(ctx.config), e.origin);
  if (hit === undefined) {
    throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
      objectName: `\`${e.nameParts.join(".")}\``,
      proposal: input.map((a) => `\`${a.name}\``).join(", "),
    });
  }
  return hit;
}

/** Attribute ids an (unresolved) expression names among `input`. */
function referencedIds(
  exprs: readonly Expression[],
  input: readonly AttributeReference[],
  ctx: AnalyzerContext,
): Set<ExprId> {
  const ids = new Set<ExprId>();
  const eq = resolverFor(ctx.config);
  for (const e of exprs) {
    foreachExpr(e, (x) => {
      if (x.kind === "UnresolvedAttribute") {
        const hit = resolveNameParts(x.nameParts, input, eq);
        if (hit?.kind === "AttributeReference") ids.add(hit.exprId);
      } else if (x.kind === "AttributeReference") ids.add(x.exprId);
    });
  }
  return ids;
}

/** The text of a pivot value in column names (Spark casts it to a string). */
function valueText(v: Expression, zone: string): string {
  if (v.kind === "Alias") return v.name;
  if (v.kind === "Literal")
    return v.value === null ? "null" : castToString(v.value, v.dataType, zone);
  return prettySql(v);
}

function isConstant(e: Expression): boolean {
  let constant = true;
  foreachExpr(e, (x) => {
    if (
      x.kind === "UnresolvedAttribute" ||
      x.kind === "AttributeReference" ||
      x.kind === "UnresolvedStar"
    ) {
      constant = false;
    }
  });
  return constant;
}

function resolvePivot(p: Pivot, ctx: AnalyzerContext): LogicalPlan {
  const input = outputOf(p.child);
  const column = resolveColumn(p.pivotColumn, input, ctx);
  for (const v of p.values) {
    const inner = v.kind === "Alias" ? v.child : v;
    if (!isConstant(inner)) {
      throw new FlintError("NON_LITERAL_PIVOT_VALUES", { expression: `"${toSqlExpr(inner)}"` });
    }
  }
  const used = referencedIds([p.pivotColumn, ...p.aggregates], input, ctx);
  const groupBy: Expression[] =
    p.groupBy === null
      ? input.filter((a) => !used.has(a.exprId))
      : p.groupBy.map((g) => resolveColumn(g, input, ctx));
  // 1. every aggregate per group and pivot value
  const pivotName = "__pivot_column";
  const pivotRef = column.kind === "AttributeReference" ? column : unresolvedAttribute(pivotName);
  const inner: LogicalPlan = Object.freeze({
    kind: "Aggregate",
    groupingExpressions: Object.freeze([...groupBy, column]),
    aggregateExpressions: Object.freeze([
      ...groupBy,
      column.kind === "AttributeReference" ? column : alias(column, pivotName),
      ...p.aggregates.map((a, j) => alias(a.kind === "Alias" ? a.child : a, `__pivot_agg_${j}`)),
    ]),
    child: p.child,
  });
  // 2. one column per value and aggregate: the value's row of the group, null without one
  const single = p.aggregates.length === 1;
  const zone = ctx.config.sessionTimeZone;
  const columns: Expression[] = [];
  for (const v of p.values) {
    const value = v.kind === "Alias" ? v.child : v;
    const when = comparison("<=>", pivotRef, value);
    p.aggregates.forEach((a, j) => {
      const suffix = a.kind === "Alias" ? a.name : prettySql(a);
      const name = single ? valueText(v, zone) : `${valueText(v, zone)}_${suffix}`;
      const picked = ifExpr(when, unresolvedAttribute(`__pivot_agg_${j}`), literal(null, NullT));
      const first = Object.freeze({ ...unresolvedFunction("first", [picked]), ignoreNulls: true });
      columns.push(alias(first, name));
    });
  }
  return Object.freeze({
    kind: "Aggregate",
    groupingExpressions: Object.freeze(groupBy),
    aggregateExpressions: Object.freeze([...groupBy, ...columns]),
    child: inner,
  });
}

function resolveUnpivot(p: Unpivot, ctx: AnalyzerContext): LogicalPlan {
  const input = outputOf(p.child);
  const width = p.valueColumnNames.length;
  const sets = p.columns.map((set) => {
    if (set.length !== width) {
      throw new FlintError("UNPIVOT_VALUE_SIZE_MISMATCH", { names: String(width) });
    }
    return set.map((c) => resolveColumn(c, input, ctx));
  });
  const unpivoted = new Set<ExprId>();
  for (const set of sets)
    for (const c of set) if (c.kind === "AttributeReference") unpivoted.add(c.exprId);
  const ids =
    p.ids === null
      ? input.filter((a) => !unpivoted.has(a.exprId))
      : p.ids.map((c) => resolveColumn(c, input, ctx));
  const types = p.valueColumnNames.map((_, j) => {
    const ts = sets.map((set) => outputTypeOf(set[j] as Expression));
    // no implicit cast between strings and other types here (INT and STRING have none)
    const strings = ts.filter((x) => x.kind === "string").length;
    const t = strings > 0 && strings < ts.length ? undefined : findWiderCommonType(ts);
    if (t === undefined) {
      throw new FlintError("UNPIVOT_VALUE_DATA_TYPE_MISMATCH", {
        types: ts.map((x) => `"${simpleString(x).toUpperCase()}"`).join(", "),
      });
    }
    return t;
  });
  const names = sets.map(
    (set, k) =>
      p.aliases[k] ??
      set.map((c) => (c.kind === "AttributeReference" ? c.name : prettySql(c))).join("_"),
  );
  const idAttrs = ids as AttributeReference[];
  const output = [
    ...freshAttributes(
      idAttrs.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable })),
    ),
    ...freshAttributes([{ name: p.nameColumn, dataType: StringT, nullable: false }]),
    ...freshAttributes(
      p.valueColumnNames.map((n, j) => ({ name: n, dataType: types[j] as never, nullable: true })),
    ),
  ];
  const projections = sets.map((set, k) => [
    ...ids,
    literal(names[k], StringT),
    ...set.map((c, j) => {
      const t = types[j];
      return t !== undefined && simpleString(outputTypeOf(c)) !== simpleString(t) ? cast(c, t) : c;
    }),
  ]);
  const expand: LogicalPlan = Object.freeze({
    kind: "Expand",
    projections: Object.freeze(projections.map((x) => Object.freeze(x))),
    output: Object.freeze(output),
    child: p.child,
  });
  if (p.includeNulls) return expand;
  const values = output.slice(ids.length + 1);
  const keep = values.map((v) => isNotNull(v) as Expression).reduce((a, b) => or(a, b));
  return filter(keep, expand);
}

function outputTypeOf(e: Expression): AttributeReference["dataType"] {
  return e.kind === "AttributeReference" ? e.dataType : StringT;
}

export const ResolvePivot: AnalyzerRule = {
  name: "ResolvePivot",
  apply: (plan, ctx) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Pivot" && isPlanResolved(p.child)) return resolvePivot(p, ctx);
      if (p.kind === "Unpivot" && isPlanResolved(p.child)) return resolveUnpivot(p, ctx);
      return undefined;
    }),
};
