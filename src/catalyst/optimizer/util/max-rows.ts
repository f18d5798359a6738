/** Upper bounds on the rows a plan produces (Spark's `maxRows` / `maxRowsPerPartition`). */
import type { Expression } from "../../expressions/expression.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";

/** The value of an integer literal, or undefined. */
export function intLiteral(e: Expression): number | undefined {
  if (e.kind !== "Literal") return undefined;
  if (typeof e.value === "number" && Number.isInteger(e.value)) return e.value;
  if (typeof e.value === "bigint") return Number(e.value);
  return undefined;
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** The most rows `p` can produce in total, or undefined when unbounded or unknown. */
export function maxRows(p: LogicalPlan): number | undefined {
  switch (p.kind) {
    case "LocalRelation":
      return p.rows.length;
    case "OneRowRelation":
      return 1;
    case "Range": {
      const span = p.end - p.start;
      if (p.step === 0n || span > 0n !== p.step > 0n || span === 0n) return 0;
      const q = span / p.step;
      return Number(span % p.step === 0n ? q : q + 1n);
    }
    case "GlobalLimit":
      return minOf(intLiteral(p.limit), maxRows(p.child));
    case "LocalLimit":
      return maxRows(p.child);
    case "Aggregate":
      return p.groupingExpressions.length === 0 ? 1 : maxRows(p.child);
    case "Project":
    case "Filter":
    case "Sort":
    case "Distinct":
    case "Deduplicate":
    case "Window":
    case "SubqueryAlias":
    case "Repartition":
    case "RepartitionByExpression":
    case "ResolvedHint":
    case "Sample":
      return maxRows(p.child);
    case "Offset": {
      const m = maxRows(p.child);
      const o = intLiteral(p.offset);
      return m === undefined || o === undefined ? m : Math.max(0, m - o);
    }
    case "Union": {
      let sum = 0;
      for (const c of p.children) {
        const m = maxRows(c);
        if (m === undefined) return undefined;
        sum += m;
      }
      return sum;
    }
    case "Join": {
      const l = maxRows(p.left);
      const r = maxRows(p.right);
      if (p.joinType === "LeftSemi" || p.joinType === "LeftAnti") return l;
      if (l === undefined || r === undefined) return undefined;
      if (p.joinType === "LeftOuter") return Math.max(l, l * r);
      if (p.joinType === "RightOuter") return Math.max(r, l * r);
      if (p.joinType === "FullOuter") return l * r + l + r;
      return l * r;
    }
    case "Intersect":
    case "Except":
      return maxRows(p.left);
    case "Expand": {
      const m = maxRows(p.child);
      return m === undefined ? undefined : m * p.projections.length;
    }
    default:
      return undefined;
  }
}

/** The most rows any one partition of `p` produces (Spark's `maxRowsPerPartition`). */
export function maxRowsPerPartition(p: LogicalPlan): number | undefined {
  switch (p.kind) {
    case "LocalLimit":
      return minOf(intLiteral(p.limit), maxRowsPerPartition(p.child));
    case "Project":
    case "Filter":
    case "SubqueryAlias":
    case "ResolvedHint":
      return maxRowsPerPartition(p.child);
    default:
      return maxRows(p);
  }
}
