/**
 * CheckAnalysis: after the resolution batches, walks the plan bottom-up (children, then
 * the node's expressions post-order, then the node itself, as Spark's `foreachUp`) and
 * fails with the error class of the first problem left:
 *
 *   UNRESOLVED_COLUMN.WITH_SUGGESTION   a name nothing resolved (suggestions from the input)
 *   DATATYPE_MISMATCH.*                 operator input types (see check-input-types.ts)
 *   MISSING_GROUP_BY / MISSING_AGGREGATION   select items neither grouped nor aggregated
 *   NESTED_AGGREGATE_FUNCTION, GROUP_BY_AGGREGATE, INVALID_WHERE_CONDITION
 *   WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE, UNSUPPORTED_GENERATOR.*
 *   INVALID_SUBQUERY_EXPRESSION.*, DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH
 */
import { FlintError, internalError } from "../../errors/index.ts";
import { simpleString } from "../../types/data-types.ts";
import type { AttributeReference, Expression, FrameBoundary } from "../expressions/expression.ts";
import { dataTypeOf, isDeterministic, isFoldable } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { exprString, planNodeString } from "../plans/tree-string.ts";
import { childrenOf, existsExpr, foreachExpr } from "../trees/expression-tree.ts";
import { planChildren, planExpressions } from "../trees/plan-tree.ts";
import { checkInputTypes } from "./check-input-types.ts";
import { exprKey, inputOf, stripAliases } from "./plan-utils.ts";
import {
  frameSql,
  prettySql,
  qualifiedSql,
  toSqlExpr,
  toSqlId,
  toSqlType,
  windowSpecSql,
} from "./pretty-sql.ts";
import { originContext } from "./resolve-names.ts";
import { unresolvedColumnError } from "./suggestions.ts";

function isAggregate(e: Expression): boolean {
  return e.kind === "AggregateExpression";
}

function checkExpression(
  e: Expression,
  node: LogicalPlan,
  insideWindow: boolean,
  top: Expression,
): void {
  // children first (post-order)
  if (e.kind === "WindowExpression") {
    checkExpression(e.fn, node, true, top);
    checkExpression(e.spec, node, false, top);
    checkWindow(e);
  } else {
    for (const c of childrenOf(e)) checkExpression(c, node, false, top);
  }
  switch (e.kind) {
    case "UnresolvedAttribute":
      throw unresolvedColumnError(e.nameParts, inputOf(node), e.origin);
    case "UnresolvedStar":
      throw new FlintError("INVALID_USAGE_OF_STAR_OR_REGEX", {
        elem: "'*'",
        prettyName: node.kind,
      });
    case "UnresolvedFunction":
      throw new FlintError(
        "UNRESOLVED_ROUTINE",
        {
          routineName: toSqlId(e.nameParts),
          searchPath: "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
        },
        { context: originContext(e.origin) },
      );
    case "Parameter":
      throw new FlintError("UNBOUND_SQL_PARAMETER", { name: e.name ?? String(e.position) });
    case "WindowFunction":
      if (!insideWindow) {
        throw new FlintError("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", {
          funcName: `"${prettySql(e)}"`,
        });
      }
      return;
    case "Generator":
      if (node.kind === "Generate") return;
      if (node.kind === "Project" || node.kind === "Aggregate") {
        throw new FlintError("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", {
          expression: toSqlExpr(stripAliases(top)),
        });
      }
      throw new FlintError("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", {
        plan: `'${planNodeString(node)}`,
      });
    case "ScalarSubquery": {
      checkAnalysis(e.plan);
      const n = outputOf(e.plan).length;
      if (n !== 1) {
        throw new FlintError(
          "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
          { number: String(n) },
        );
      }
      return;
    }
    case "Exists":
    case "ListQuery":
      checkAnalysis(e.plan);
      return;
    case "InSubquery": {
      const right = outputOf(e.query.plan);
      if (right.length !== e.values.length) {
        throw new FlintError("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", {
          sqlExpr: toSqlExpr(e),
          leftLength: String(e.values.length),
          leftColumns: e.values.map(toSqlExpr).join(", "),
          rightLength: String(right.length),
          rightColumns: right.map((a) => toSqlExpr(a)).join(", "),
        });
      }
      return;
    }
    default: {
      const err = checkInputTypes(e);
      if (err) throw err;
    }
  }
}

/** Window functions that need an ordered window and Spark's fixed ROWS frame. */
const ORDERED_WINDOW_FUNCTIONS = new Set([
  "row_number",
  "rank",
  "dense_rank",
  "percent_rank",
  "cume_dist",
  "ntile",
  "lag",
  "lead",
]);

function offsetValue(b: FrameBoundary): number | undefined {
  if (b.type === "CURRENT ROW") return 0;
  if (b.type !== "OFFSET" || !b.offset) return undefined;
  const o = b.offset;
  const lit = (x: Expression): number | undefined =>
    x.kind === "Literal" && (typeof x.value === "number" || typeof x.value === "bigint")
      ? Number(x.value)
      : undefined;
  if (o.kind === "UnaryMinus") {
    const v = lit(o.child);
    return v === undefined ? undefined : -v;
  }
  return lit(o);
}

/** Frame and ordering requirements of a window expression (Spark's checks). */
function checkWindow(w: Extract<Expression, { kind: "WindowExpression" }>): void {
  const frame = w.spec.frame;
  if (w.fn.kind === "WindowFunction" && ORDERED_WINDOW_FUNCTIONS.has(w.fn.name.toLowerCase())) {
    if (w.spec.orderSpec.length === 0) {
      throw new FlintError("WINDOW_FUNCTION_FRAME_NOT_ORDERED", {
        wf_name: w.fn.name.toLowerCase(),
        wf_expr: qualifiedSql(w.fn),
      });
    }
  }
  if (!frame) return;
  const lower = offsetValue(frame.lower);
  const upper = offsetValue(frame.upper);
  const boundedLower = frame.lower.type === "OFFSET";
  const boundedUpper = frame.upper.type === "OFFSET";
  if (
    frame.frameType === "RANGE" &&
    (boundedLower || boundedUpper) &&
    w.spec.orderSpec.length > 1
  ) {
    throw new FlintError("DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", {
      orderSpec: w.spec.orderSpec.map(exprString).join(","),
      sqlExpr: `"${windowSpecSql({ ...w.spec, partitionSpec: [] })}"`,
    });
  }
  if (
    lower !== undefined &&
    upper !== undefined &&
    (boundedLower || boundedUpper) &&
    lower > upper
  ) {
    throw new FlintError("DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON", {
      comparison: "less than or equal",
      sqlExpr: `"${frameSql(frame)}"`,
    });
  }
}

function checkAggregateItem(e: Expression, groupKeys: Set<string>, hasGroups: boolean): void {
  if (groupKeys.has(exprKey(e))) return;
  switch (e.kind) {
    case "AggregateExpression":
      for (const a of [...e.fn.args, ...(e.filter ? [e.filter] : [])]) {
        if (existsExpr(a, isAggregate)) throw new FlintError("NESTED_AGGREGATE_FUNCTION", {});
      }
      return;
    case "AttributeReference":
      if (!hasGroups) throw new FlintError("MISSING_GROUP_BY", {});
      throw new FlintError("MISSING_AGGREGATION", {
        expression: toSqlExpr(e),
        expressionAnyValue: `"any_value(${prettySql(e)})"`,
      });
    case "ScalarSubquery":
    case "Exists":
    case "ListQuery":
    case "WindowExpression":
      return;
    default:
      for (const c of childrenOf(e)) checkAggregateItem(c, groupKeys, hasGroups);
  }
}

/** LIMIT / OFFSET take a constant non-negative integer (Spark's INVALID_LIMIT_LIKE_EXPRESSION). */
function checkLimitLike(name: string, e: Expression): void {
  const expr = toSqlExpr(e);
  if (!isFoldable(e)) {
    throw new FlintError("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", { name, expr });
  }
  const t = dataTypeOf(e);
  if (t.kind !== "integer") {
    throw new FlintError("INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE", {
      name,
      expr,
      dataType: toSqlType(t),
    });
  }
  if (e.kind !== "Literal") return;
  if (e.value === null)
    throw new FlintError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", { name, expr });
  if (typeof e.value === "number" && e.value < 0) {
    throw new FlintError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", {
      name,
      expr,
      v: String(e.value),
    });
  }
}

function checkNode(p: LogicalPlan): void {
  switch (p.kind) {
    case "GlobalLimit":
    case "LocalLimit":
      checkLimitLike("limit", p.limit);
      return;
    case "Offset":
      checkLimitLike("offset", p.offset);
      return;
    case "UnresolvedRelation":
      throw new FlintError("TABLE_OR_VIEW_NOT_FOUND", {
        relationName: toSqlId(p.nameParts),
        searchPath: "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
      });
    case "Filter": {
      const t = dataTypeOf(p.condition);
      if (existsExpr(p.condition, (x) => x.kind === "Generator")) {
        throw new FlintError("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", {
          plan: `'${planNodeString(p)}`,
        });
      }
      if (existsExpr(p.condition, (x) => x.kind === "WindowExpression")) {
        throw new FlintError("WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE", { clauseName: "WHERE" });
      }
      const aggs: string[] = [];
      existsExpr(p.condition, (x) => {
        if (x.kind === "AggregateExpression") aggs.push(qualifiedSql(x));
        return false;
      });
      if (aggs.length > 0) {
        throw new FlintError("INVALID_WHERE_CONDITION", {
          condition: toSqlExpr(p.condition),
          expressionList: aggs.join(", "),
        });
      }
      if (t.kind !== "boolean" && t.kind !== "null") {
        throw new FlintError("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", {
          sqlExpr: toSqlExpr(p.condition),
          filter: toSqlExpr(p.condition),
          type: toSqlType(t),
        });
      }
      return;
    }
    case "Join":
      if (p.condition) {
        const t = dataTypeOf(p.condition);
        if (t.kind !== "boolean") {
          throw new FlintError("JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE", {
            joinCondition: toSqlExpr(p.condition),
            conditionType: `"${simpleString(t).toUpperCase()}"`,
          });
        }
      }
      return;
    case "Aggregate": {
      for (const g of p.groupingExpressions) {
        if (existsExpr(g, isAggregate)) {
          throw new FlintError("GROUP_BY_AGGREGATE", { sqlExpr: qualifiedSql(g) });
        }
      }
      const keys = new Set(p.groupingExpressions.map(exprKey));
      for (const a of p.aggregateExpressions) {
        checkAggregateItem(stripAliases(a), keys, p.groupingExpressions.length > 0);
      }
      return;
    }
    case "Project":
    case "Sort":
    case "Window":
    case "Deduplicate":
    case "RepartitionByExpression":
      for (const e of planExpressions(p)) {
        if (p.kind !== "Window" && existsExpr(e, (x) => x.kind === "Generator")) {
          throw new FlintError("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", {
            plan: `'${planNodeString(p)}`,
          });
        }
      }
      return;
    default:
      return;
  }
}

/** Attributes a node uses that its input does not produce (a column of another DataFrame). */
function checkMissingInput(p: LogicalPlan): void {
  if (planChildren(p).length === 0) return;
  const input = inputOf(p);
  const ids = new Set(input.map((a) => a.exprId));
  const missing: AttributeReference[] = [];
  for (const e of planExpressions(p)) {
    foreachExpr(e, (x) => {
      if (
        x.kind === "AttributeReference" &&
        !ids.has(x.exprId) &&
        !missing.some((m) => m.exprId === x.exprId)
      ) {
        missing.push(x);
      }
    });
  }
  if (missing.length === 0) return;
  const names = (as: readonly AttributeReference[]) => as.map((a) => toSqlExpr(a)).join(", ");
  const sameName = missing.filter((m) => input.some((a) => a.name === m.name));
  const params = {
    missingAttributes: names(missing),
    input: names(input),
    operator: `!${planNodeString(p)}`,
  };
  if (sameName.length > 0) {
    throw new FlintError("MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION", {
      ...params,
      operation: names(sameName),
    });
  }
  throw new FlintError("MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT", params);
}

const NONDETERMINISTIC_ALLOWED = new Set<LogicalPlan["kind"]>([
  "Project",
  "Filter",
  "Aggregate",
  "Window",
  "Expand",
  "Generate",
]);

/** Non-deterministic expressions only where Spark evaluates them once per row. */
function checkNondeterministic(p: LogicalPlan): void {
  if (NONDETERMINISTIC_ALLOWED.has(p.kind)) return;
  const exprs = planExpressions(p);
  if (exprs.every(isDeterministic)) return;
  throw new FlintError("INVALID_NON_DETERMINISTIC_EXPRESSIONS", {
    sqlExprs: exprs.map((e) => toSqlExpr(e)).join(", "),
  });
}

/** Throws the first analysis error left in a plan the resolution batches produced. */
export function checkAnalysis(plan: LogicalPlan): void {
  for (const c of planChildren(plan)) checkAnalysis(c);
  try {
    for (const e of planExpressions(plan)) checkExpression(e, plan, false, e);
    checkNode(plan);
    checkNondeterministic(plan);
    checkMissingInput(plan);
  } catch (e) {
    if (e instanceof FlintError) throw e;
    // A node the fixed point could not finish (its input has no output yet).
    throw internalError(`analysis did not resolve ${plan.kind}: ${(e as Error).message}`, e);
  }
}
