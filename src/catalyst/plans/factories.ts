/** Frozen factories for logical plan nodes. */
import { LongT } from "../../types/data-types.ts";
import type { AttributeReference, Expression, SortOrder } from "../expressions/expression.ts";
import { attribute, literalOf } from "../expressions/factories.ts";
import type {
  Aggregate,
  Distinct,
  Filter,
  GlobalLimit,
  Join,
  JoinType,
  LocalLimit,
  LocalRelation,
  LogicalPlan,
  Offset,
  OneRowRelation,
  Project,
  Range,
  Sort,
  SubqueryAlias,
  Union,
  UnresolvedRelation,
} from "./logical-plan.ts";

const f = Object.freeze;

export function localRelation(
  output: readonly AttributeReference[],
  rows: readonly (readonly unknown[])[],
): LocalRelation {
  return f({ kind: "LocalRelation", output: f([...output]), rows });
}

export function range(
  start: bigint,
  end: bigint,
  step = 1n,
  numSlices: number | null = null,
): Range {
  return f({
    kind: "Range",
    start,
    end,
    step,
    numSlices,
    output: f([attribute("id", LongT, false)]) as readonly [AttributeReference],
  });
}

export const ONE_ROW: OneRowRelation = f({ kind: "OneRowRelation" });

export function unresolvedRelation(
  nameParts: readonly string[],
  options: Readonly<Record<string, string>> = {},
): UnresolvedRelation {
  return f({ kind: "UnresolvedRelation", nameParts: f([...nameParts]), options });
}

export function project(projectList: readonly Expression[], child: LogicalPlan): Project {
  return f({ kind: "Project", projectList: f([...projectList]), child });
}

export function filter(condition: Expression, child: LogicalPlan): Filter {
  return f({ kind: "Filter", condition, child });
}

export function aggregate(
  groupingExpressions: readonly Expression[],
  aggregateExpressions: readonly Expression[],
  child: LogicalPlan,
): Aggregate {
  return f({
    kind: "Aggregate",
    groupingExpressions: f([...groupingExpressions]),
    aggregateExpressions: f([...aggregateExpressions]),
    child,
  });
}

export function join(
  left: LogicalPlan,
  right: LogicalPlan,
  joinType: JoinType,
  condition: Expression | null,
  usingColumns: readonly string[] | null = null,
): Join {
  return f({ kind: "Join", left, right, joinType, condition, usingColumns });
}

export function sort(order: readonly SortOrder[], global: boolean, child: LogicalPlan): Sort {
  return f({ kind: "Sort", order: f([...order]), global, child });
}

/** `limit(n)`: a GlobalLimit over a LocalLimit, as Spark's Limit(n, child). */
export function limit(n: number, child: LogicalPlan): GlobalLimit {
  const lim = literalOf(n);
  const local: LocalLimit = f({ kind: "LocalLimit", limit: lim, child });
  return f({ kind: "GlobalLimit", limit: lim, child: local });
}

export function offset(n: number, child: LogicalPlan): Offset {
  return f({ kind: "Offset", offset: literalOf(n), child });
}

export function distinct(child: LogicalPlan): Distinct {
  return f({ kind: "Distinct", child });
}

export function union(
  children: readonly LogicalPlan[],
  byName = false,
  allowMissingColumns = false,
): Union {
  return f({ kind: "Union", children: f([...children]), byName, allowMissingColumns });
}

export function subqueryAlias(identifier: readonly string[], child: LogicalPlan): SubqueryAlias {
  return f({ kind: "SubqueryAlias", identifier: f([...identifier]), child });
}
