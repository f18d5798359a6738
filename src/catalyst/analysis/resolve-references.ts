/**
 * ResolveReferences: once a node's children are resolved, binds its column names to the
 * children's output attributes and expands `*` / `t.*` in select lists.
 *
 *   Project ['a, 't.b, *]            Project [a#1, b#2, a#1, b#2, c#3]
 *   +- SubqueryAlias t        =>     +- SubqueryAlias t
 *
 * Names that do not resolve stay unresolved: later rules may still resolve them (missing
 * references, GROUP BY aliases, outer references), and CheckAnalysis reports the rest.
 * Names inside subquery plans are left to ResolveSubqueries.
 */
import { FlintError } from "../../errors/index.ts";
import { isNumeric } from "../../types/data-types.ts";
import type {
  AttributeReference,
  Expression,
  UnresolvedFunction,
} from "../expressions/expression.ts";
import { alias, attribute } from "../expressions/factories.ts";
import { dataTypeOf, isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { transformUp } from "../trees/expression-tree.ts";
import { mapExpressions, transformPlanUp } from "../trees/plan-tree.ts";
import { type AnalyzerContext, resolverFor } from "./context.ts";
import { childrenResolved, inputOf, isPlanResolved } from "./plan-utils.ts";
import { prettySql, toSqlExpr, toSqlType } from "./pretty-sql.ts";
import { bindLambdaNames } from "./resolve-lambda-variables.ts";
import { extractFields, type NameEq, resolveNameParts } from "./resolve-names.ts";
import type { AnalyzerRule } from "./rule.ts";

/** Resolves column names in `e` against `input`; unknown names stay unresolved. */
export function resolveExpression(
  e: Expression,
  input: readonly AttributeReference[],
  eq: NameEq,
  outer?: readonly AttributeReference[],
): Expression {
  return transformUp(bindLambdaNames(e, eq), (x) => {
    switch (x.kind) {
      case "UnresolvedAttribute": {
        const r = resolveNameParts(x.nameParts, input, eq, x.origin);
        if (r) return r;
        if (x.nameParts.length >= 2) {
          const hidden = hiddenOf(input);
          const h =
            hidden.length > 0 ? resolveNameParts(x.nameParts, hidden, eq, x.origin) : undefined;
          if (h) return h;
        }
        if (outer && outer.length > 0) {
          const o = resolveNameParts(x.nameParts, outer, eq, x.origin);
          if (o) return toOuter(o);
        }
        return undefined;
      }
      case "UnresolvedFunction": {
        // `struct(*)`, `hash(t.*)`: star arguments expand to the input columns.
        if (!x.args.some((a) => a.kind === "UnresolvedStar")) return undefined;
        const name = (x.nameParts[x.nameParts.length - 1] ?? "").toLowerCase();
        if (name === "count" && x.args.length === 1) return undefined;
        const args = x.args.flatMap((a) =>
          a.kind === "UnresolvedStar" ? expandStar(a.target, input, eq) : [a],
        );
        return Object.freeze({ ...x, args: Object.freeze(args) });
      }
      case "UnresolvedExtractValue":
        return isResolved(x.child) && isResolved(x.extraction)
          ? extractValue(x.child, x.extraction, eq)
          : undefined;
      default:
        return undefined;
    }
  });
}

function toOuter(e: Expression): Expression {
  return transformUp(e, (x) =>
    x.kind === "AttributeReference"
      ? Object.freeze({ kind: "OuterReference", child: x })
      : undefined,
  );
}

/** `child[extraction]` / `child.field` once the child's type is known. */
export function extractValue(child: Expression, extraction: Expression, eq: NameEq): Expression {
  const t = dataTypeOf(child);
  switch (t.kind) {
    case "struct": {
      if (extraction.kind === "Literal" && typeof extraction.value === "string") {
        const r = extractFields(child, [extraction.value], eq);
        if (r) return r;
        throw new FlintError("UNRESOLVED_FIELD", {
          fieldName: `\`${extraction.value}\``,
          columnPath: `\`${prettySql(child)}\``,
        });
      }
      break;
    }
    case "array":
      return Object.freeze({ kind: "GetArrayItem", child, ordinal: extraction, failOnError: true });
    case "map":
      return Object.freeze({ kind: "GetMapValue", child, key: extraction });
    default:
      break;
  }
  throw new FlintError("INVALID_EXTRACT_BASE_FIELD_TYPE", {
    base: toSqlExpr(child),
    other: toSqlType(t),
  });
}

/** Expands `*` and `t.*` (table qualifiers, or struct columns) against `input`. */
export function expandStar(
  target: readonly string[] | null,
  input: readonly AttributeReference[],
  eq: NameEq,
): Expression[] {
  if (target === null) return input.filter((a) => a.metadata[QUALIFIED_ACCESS_ONLY] !== true);
  const matches = (a: AttributeReference): boolean => {
    const q = a.qualifier;
    if (q.length < target.length) return false;
    for (let i = 0; i < target.length; i++) {
      const qp = q[q.length - target.length + i];
      const tp = target[i];
      if (qp === undefined || tp === undefined || !eq(qp, tp)) return false;
    }
    return true;
  };
  const hidden = hiddenOf(input).filter(matches);
  if (hidden.length > 0) {
    const ids = new Set(hidden.map((h) => h.exprId));
    return [...hidden, ...input.filter((a) => matches(a) && !ids.has(a.exprId))];
  }
  const byQualifier = input.filter((a) => {
    const q = a.qualifier;
    if (q.length < target.length) return false;
    for (let i = 0; i < target.length; i++) {
      const qp = q[q.length - target.length + i];
      const tp = target[i];
      if (qp === undefined || tp === undefined || !eq(qp, tp)) return false;
    }
    return true;
  });
  if (byQualifier.length > 0) return byQualifier;
  const struct = resolveNameParts(target, input, eq);
  if (struct) {
    const t = dataTypeOf(struct);
    if (t.kind === "struct") {
      return t.fields.map((f, ordinal) =>
        alias(
          Object.freeze({ kind: "GetStructField", child: struct, ordinal, name: f.name }),
          f.name,
        ),
      );
    }
  }
  throw new FlintError("CANNOT_RESOLVE_STAR_EXPAND", {
    targetString: target.map((p) => `\`${p}\``).join("."),
    columns: input.map((a) => `\`${a.name}\``).join(", "),
  });
}

/** `fn(*)` for an aggregate other than count: the GroupedData form `sum()` / `avg()`. */
function numericStarCall(
  e: Expression,
  isAggregate: ((name: string) => boolean) | undefined,
): UnresolvedFunction | undefined {
  if (!isAggregate) return undefined;
  const f = e.kind === "UnresolvedAlias" ? e.child : e;
  if (f.kind !== "UnresolvedFunction" || f.args.length !== 1) return undefined;
  const a = f.args[0];
  if (a?.kind !== "UnresolvedStar" || a.target !== null) return undefined;
  const name = (f.nameParts[f.nameParts.length - 1] ?? "").toLowerCase();
  return name === "count" || !isAggregate(name) ? undefined : f;
}

/** A select list with stars expanded and top-level nested names aliased by their field. */
function resolveSelectList(
  list: readonly Expression[],
  input: readonly AttributeReference[],
  eq: NameEq,
  outer: readonly AttributeReference[] | undefined,
  isAggregate?: (name: string) => boolean,
): Expression[] {
  const out: Expression[] = [];
  for (const item of list) {
    const starCall = numericStarCall(item, isAggregate);
    if (starCall) {
      // `df.groupBy(...).sum()`: the function over every numeric input column.
      for (const a of input) {
        if (!isNumeric(a.dataType)) continue;
        const call = Object.freeze({ ...starCall, args: Object.freeze([a]) });
        out.push(Object.freeze({ kind: "UnresolvedAlias", child: call }));
      }
      continue;
    }
    if (item.kind === "UnresolvedStar") {
      out.push(...expandStar(item.target, input, eq));
      continue;
    }
    if (item.kind === "UnresolvedAlias" && item.child.kind === "UnresolvedStar") {
      out.push(...expandStar(item.child.target, input, eq));
      continue;
    }
    const r = resolveExpression(item, input, eq, outer);
    if (item.kind === "UnresolvedAttribute" && r.kind !== "AttributeReference" && isResolved(r)) {
      out.push(alias(r, item.nameParts[item.nameParts.length - 1] ?? ""));
    } else out.push(r);
  }
  return out;
}

function resolveJoinUsing(p: Extract<LogicalPlan, { kind: "Join" }>, eq: NameEq): LogicalPlan {
  const lo = outputOf(p.left);
  const ro = outputOf(p.right);
  // An empty USING list is a NATURAL join (the parser's form): the common column names.
  const cols =
    p.usingColumns && p.usingColumns.length > 0
      ? p.usingColumns
      : lo.filter((l) => ro.some((r) => eq(l.name, r.name))).map((l) => l.name);
  const find = (side: "left" | "right", out: readonly AttributeReference[], c: string) => {
    const a = out.find((x) => eq(x.name, c));
    if (!a) {
      throw new FlintError("UNRESOLVED_USING_COLUMN_FOR_JOIN", {
        colName: `\`${c}\``,
        side,
        suggestion: out.map((x) => `\`${x.name}\``).join(", "),
      });
    }
    return a;
  };
  const lKeys = cols.map((c) => find("left", lo, c));
  const rKeys = cols.map((c) => find("right", ro, c));
  let cond: Expression | null = null;
  for (let i = 0; i < lKeys.length; i++) {
    const eqExpr: Expression = Object.freeze({
      kind: "BinaryComparison",
      op: "=",
      left: lKeys[i] as AttributeReference,
      right: rKeys[i] as AttributeReference,
    });
    cond = cond ? Object.freeze({ kind: "And", left: cond, right: eqExpr }) : eqExpr;
  }
  if (p.condition)
    cond = cond ? Object.freeze({ kind: "And", left: cond, right: p.condition }) : p.condition;
  const join: LogicalPlan = Object.freeze({ ...p, condition: cond, usingColumns: null });
  const lRest = lo.filter((a) => !lKeys.some((k) => k.exprId === a.exprId));
  const rRest = ro.filter((a) => !rKeys.some((k) => k.exprId === a.exprId));
  const nullable = (a: AttributeReference) =>
    attribute(a.name, a.dataType, true, a.exprId, a.qualifier);
  let keys: Expression[];
  let tail: Expression[];
  switch (p.joinType) {
    case "LeftOuter":
      keys = lKeys;
      tail = [...lRest, ...rRest.map(nullable)];
      break;
    case "RightOuter":
      keys = rKeys;
      tail = [...lRest.map(nullable), ...rRest];
      break;
    case "FullOuter":
      keys = lKeys.map((l, i) =>
        alias(
          Object.freeze({ kind: "Coalesce", children: [l, rKeys[i] as AttributeReference] }),
          l.name,
        ),
      );
      tail = [...lRest.map(nullable), ...rRest.map(nullable)];
      break;
    case "LeftSemi":
    case "LeftAnti":
      keys = lKeys;
      tail = lRest;
      break;
    default:
      keys = lKeys;
      tail = [...lRest, ...rRest];
  }
  // The other side's key columns stay reachable by qualified name (`emp.salary`, `emp.*`),
  // as Spark's hidden USING output: each visible key lists them in its metadata.
  const hiddenFor = (i: number): AttributeReference[] =>
    keys[i] === lKeys[i] ? [rKeys[i] as AttributeReference] : [lKeys[i] as AttributeReference];
  const tagged = keys.map((k, i) =>
    k.kind === "AttributeReference"
      ? Object.freeze({
          ...k,
          metadata: Object.freeze({ ...k.metadata, [USING_HIDDEN]: hiddenFor(i) }),
        })
      : k,
  );
  return Object.freeze({ kind: "Project", projectList: [...tagged, ...tail], child: join });
}

/** Metadata key listing a USING key's hidden counterparts on the other join side. */
export const USING_HIDDEN = "__usingJoinHidden";
/** Metadata key of a column exposed only for qualified access (not in `*`). */
export const QUALIFIED_ACCESS_ONLY = "__qualified_access_only";

function hiddenOf(input: readonly AttributeReference[]): AttributeReference[] {
  return input.flatMap((a) => {
    const h = a.metadata[USING_HIDDEN];
    return Array.isArray(h) ? (h as AttributeReference[]) : [];
  });
}

/** Resolves the names of one node whose children are resolved. */
export function resolveNode(
  p: LogicalPlan,
  eq: NameEq,
  outer?: readonly AttributeReference[],
  isAggregate?: (name: string) => boolean,
): LogicalPlan {
  if (!childrenResolved(p)) return p;
  switch (p.kind) {
    case "Project": {
      const input = inputOf(p);
      const list = resolveSelectList(p.projectList, input, eq, outer);
      return list.every((e, i) => e === p.projectList[i]) && list.length === p.projectList.length
        ? p
        : Object.freeze({ ...p, projectList: Object.freeze(list) });
    }
    case "Aggregate": {
      const input = inputOf(p);
      const aggs = resolveSelectList(p.aggregateExpressions, input, eq, outer, isAggregate);
      const groups = p.groupingExpressions.map((g) => resolveExpression(g, input, eq, outer));
      const same =
        aggs.length === p.aggregateExpressions.length &&
        aggs.every((e, i) => e === p.aggregateExpressions[i]) &&
        groups.every((e, i) => e === p.groupingExpressions[i]);
      return same
        ? p
        : Object.freeze({
            ...p,
            aggregateExpressions: Object.freeze(aggs),
            groupingExpressions: Object.freeze(groups),
          });
    }
    case "Join": {
      // Spark's `duplicateResolved`: while both sides produce the same attribute ids (a
      // self join of one CTE), DeduplicateRelations must re-instance the right side first,
      // or `x.k = y.k` would resolve both names to one column
      const leftIds = new Set(outputOf(p.left).map((a) => a.exprId));
      if (outputOf(p.right).some((a) => leftIds.has(a.exprId))) return p;
      if (p.usingColumns !== null) return resolveJoinUsing(p, eq);
      break;
    }
    case "Filter":
      if (p.child.kind === "Aggregate" && outer && outer.length > 0) {
        // HAVING: a name the aggregate's input has is an inner column (resolved over the
        // aggregate by ResolveMissingReferences), never the outer query's column of the
        // same name: `... IN (SELECT k FROM t GROUP BY k HAVING sum(v) > 3)`.
        const aggInput = outputOf(p.child.child);
        const visible = outer.filter((o) => !aggInput.some((a) => eq(a.name, o.name)));
        const input = inputOf(p);
        return mapExpressions(p, (e) => resolveExpression(e, input, eq, visible));
      }
      break;
    default:
      break;
  }
  const input = inputOf(p);
  return mapExpressions(p, (e) => resolveExpression(e, input, eq, outer));
}

export function resolveReferencesIn(
  plan: LogicalPlan,
  ctx: AnalyzerContext,
  outer?: readonly AttributeReference[],
): LogicalPlan {
  const eq = resolverFor(ctx.config);
  const isAggregate = (name: string) => ctx.functions.lookup(name)?.kind === "aggregate";
  return transformPlanUp(plan, (p) =>
    isPlanResolved(p) ? p : resolveNode(p, eq, outer, isAggregate),
  );
}

export const ResolveReferences: AnalyzerRule = {
  name: "ResolveReferences",
  apply: (plan, ctx) => resolveReferencesIn(plan, ctx, ctx.outer),
};
