/**
 * Rewrites the lazy DataFrame operations (`withColumns`, `withColumnsRenamed`/`toDF`,
 * `drop`, `na.fill`, `na.drop`) into Project and Filter once their child is resolved,
 * as Spark Connect's planner does for the relations of the same names. The expressions
 * it produces may still be unresolved (user columns, functions); the analyzer's other
 * rules resolve them in the same fixed point.
 *
 *   WithColumns([b], [x + 1], child(a, b))   =>  Project([a, (x + 1) AS b], child)
 *   NaDrop(any, [a, d], child(a, d))         =>  Filter(isnotnull(a) AND (isnotnull(d) AND NOT isnan(d)), child)
 */
import { FlintError } from "../../errors/index.ts";
import {
  type DataType,
  IntegerT,
  isNumeric,
  NullT,
  StringT,
  sameType,
} from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import {
  alias,
  and,
  cast,
  comparison,
  conjoin,
  isNotNull,
  literal,
  not,
  or,
  unresolvedFunction,
} from "../expressions/factories.ts";
import { dataTypeOf, isResolved } from "../expressions/typing.ts";
import { aggregate, filter, project, union } from "../plans/factories.ts";
import type {
  Describe,
  DropColumns,
  LogicalPlan,
  NaDrop,
  NaFill,
  WithColumns,
  WithColumnsRenamed,
} from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { planChildren, planExpressions, transformPlanUp } from "../trees/plan-tree.ts";

type Same = (a: string, b: string) => boolean;

const UNRESOLVED_PLAN_KINDS = new Set<string>([
  "UnresolvedRelation",
  "UnresolvedHint",
  "WithColumns",
  "WithColumnsRenamed",
  "DropColumns",
  "NaFill",
  "NaDrop",
  "Describe",
  "Pivot",
  "Unpivot",
]);

/** Whether a plan and all its descendants are resolved. */
export function isPlanResolved(p: LogicalPlan): boolean {
  if (UNRESOLVED_PLAN_KINDS.has(p.kind)) return false;
  return planExpressions(p).every(isResolved) && planChildren(p).every(isPlanResolved);
}

export function resolveDataFrameOps(plan: LogicalPlan, same: Same): LogicalPlan {
  return transformPlanUp(plan, (p) => {
    switch (p.kind) {
      case "WithColumns":
        return isPlanResolved(p.child) ? withColumns(p, same) : undefined;
      case "WithColumnsRenamed":
        return isPlanResolved(p.child) ? renamed(p, same) : undefined;
      case "DropColumns":
        return isPlanResolved(p.child) ? dropColumns(p, same) : undefined;
      case "NaFill":
        return isPlanResolved(p.child) ? naFill(p, same) : undefined;
      case "NaDrop":
        return isPlanResolved(p.child) ? naDrop(p, same) : undefined;
      case "Describe":
        return isPlanResolved(p.child) ? describe(p, same) : undefined;
      default:
        return undefined;
    }
  });
}

function withColumns(p: WithColumns, same: Same): LogicalPlan {
  for (let i = 0; i < p.names.length; i++) {
    for (let j = i + 1; j < p.names.length; j++) {
      if (same(p.names[i] ?? "", p.names[j] ?? "")) {
        throw new FlintError("COLUMN_ALREADY_EXISTS", { columnName: `\`${p.names[j]}\`` });
      }
    }
  }
  const used = new Set<number>();
  const list: Expression[] = outputOf(p.child).map((a) => {
    const i = p.names.findIndex((n) => same(n, a.name));
    if (i < 0) return a;
    used.add(i);
    return alias(p.exprs[i] as Expression, p.names[i] as string);
  });
  p.names.forEach((n, i) => {
    if (!used.has(i)) list.push(alias(p.exprs[i] as Expression, n));
  });
  return project(list, p.child);
}

function renamed(p: WithColumnsRenamed, same: Same): LogicalPlan {
  const out = outputOf(p.child);
  if (p.positional) {
    if (p.renames.length !== out.length) {
      throw new FlintError("UNSUPPORTED_FEATURE", {
        feature: `toDF with ${p.renames.length} names for ${out.length} columns`,
      });
    }
    return project(
      out.map((a, i) => alias(a, p.renames[i]?.[1] ?? a.name)),
      p.child,
    );
  }
  return project(
    out.map((a) => {
      const r = p.renames.find(([from]) => same(from, a.name));
      return r ? alias(a, r[1]) : a;
    }),
    p.child,
  );
}

function dropColumns(p: DropColumns, same: Same): LogicalPlan {
  const out = outputOf(p.child);
  const drop = (a: AttributeReference): boolean =>
    p.columns.some((c) => {
      if (c.kind === "AttributeReference") return c.exprId === a.exprId;
      if (c.kind === "UnresolvedAttribute") {
        const parts = c.nameParts;
        const name = parts[parts.length - 1] ?? "";
        if (!same(name, a.name)) return false;
        const qualifier = parts.slice(0, -1);
        return (
          qualifier.length === 0 ||
          (qualifier.length <= a.qualifier.length &&
            qualifier.every((q, i) =>
              same(q, a.qualifier[a.qualifier.length - qualifier.length + i] ?? ""),
            ))
        );
      }
      return false;
    });
  return project(
    out.filter((a) => !drop(a)),
    p.child,
  );
}

/** Which column types a fill value of this type applies to (Spark's na.fill rules). */
function fillApplies(valueType: DataType, column: DataType): boolean {
  if (valueType.kind === "string") return column.kind === "string";
  if (valueType.kind === "boolean") return column.kind === "boolean";
  return isNumeric(valueType) && isNumeric(column);
}

function naFill(p: NaFill, same: Same): LogicalPlan {
  const out = outputOf(p.child);
  for (const c of p.columns) {
    if (c !== null && !out.some((a) => same(a.name, c))) {
      throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
        objectName: `\`${c}\``,
        proposal: out.map((a) => `\`${a.name}\``).join(", "),
      });
    }
  }
  return project(
    out.map((a) => {
      const i = p.columns.findIndex(
        (c, k) =>
          (c === null || same(c, a.name)) &&
          fillApplies(dataTypeOf(p.values[k] as Expression), a.dataType),
      );
      if (i < 0) return a;
      const v = p.values[i] as Expression;
      const value = sameType(dataTypeOf(v), a.dataType) ? v : cast(v, a.dataType);
      return alias(
        Object.freeze({ kind: "Coalesce", children: Object.freeze([a, value]) }),
        a.name,
      );
    }),
    p.child,
  );
}

function naDrop(p: NaDrop, same: Same): LogicalPlan {
  const out = outputOf(p.child);
  const cols = p.columns
    ? p.columns.map((c) => {
        const a = out.find((x) => same(x.name, c));
        if (!a) {
          throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
            objectName: `\`${c}\``,
            proposal: out.map((x) => `\`${x.name}\``).join(", "),
          });
        }
        return a;
      })
    : [...out];
  // A NaN counts as missing, as in Spark's AtLeastNNonNulls.
  const present = (a: AttributeReference): Expression =>
    a.dataType.kind === "double" || a.dataType.kind === "float"
      ? and(isNotNull(a), not(unresolvedFunction("isnan", [a])))
      : isNotNull(a);
  const need = p.minNonNulls ?? (p.how === "any" ? cols.length : 1);
  if (need <= 0 || cols.length === 0) return p.child;
  let condition: Expression | undefined;
  if (need === cols.length) condition = conjoin(cols.map(present));
  else if (need === 1) condition = cols.map(present).reduce((x, y) => or(x, y));
  else {
    const counts = cols.map(
      (a): Expression =>
        Object.freeze({
          kind: "If",
          predicate: present(a),
          trueValue: literal(1, IntegerT),
          falseValue: literal(0, IntegerT),
        }),
    );
    const total = counts.reduce((x, y) =>
      Object.freeze({ kind: "BinaryArithmetic", op: "+", left: x, right: y, evalMode: "ANSI" }),
    );
    condition = comparison(">=", total, literal(need, IntegerT));
  }
  return condition ? filter(condition, p.child) : p.child;
}

const STATS = ["count", "mean", "stddev", "min", "max"] as const;
const STAT_FUNCTION: Readonly<Record<(typeof STATS)[number], string>> = {
  count: "count",
  mean: "avg",
  stddev: "stddev",
  min: "min",
  max: "max",
};

/**
 * describe(): one single-row aggregate per statistic, unioned in Spark's row order. Mean
 * and stddev of a string column are null, as in Spark.
 */
function describe(p: Describe, same: Same): LogicalPlan {
  const out = outputOf(p.child);
  const cols = p.columns
    ? p.columns.map((c) => {
        const a = out.find((x) => same(x.name, c));
        if (!a) {
          throw new FlintError("UNRESOLVED_COLUMN.WITH_SUGGESTION", {
            objectName: `\`${c}\``,
            proposal: out.map((x) => `\`${x.name}\``).join(", "),
          });
        }
        return a;
      })
    : out.filter((a) => isNumeric(a.dataType) || a.dataType.kind === "string");
  const rows = STATS.map((stat) =>
    aggregate(
      [],
      [
        alias(literal(stat, StringT), "summary"),
        ...cols.map((a) => {
          const numericOnly = stat === "mean" || stat === "stddev";
          const value: Expression =
            numericOnly && !isNumeric(a.dataType)
              ? literal(null, NullT)
              : unresolvedFunction(STAT_FUNCTION[stat], [a]);
          return alias(cast(value, StringT), a.name);
        }),
      ],
      p.child,
    ),
  );
  return union(rows);
}
