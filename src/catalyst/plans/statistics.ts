/**
 * Plan statistics for planning decisions (broadcast joins) and the cost-based optimizer.
 *
 * `statsOf(plan, ctx)` follows Spark's two visitors. Without CBO (the default), only
 * `sizeInBytes` is estimated, as Spark's SizeInBytesOnlyStatsPlanVisitor: a unary node
 * scales its child's size by the ratio of row widths, an n-ary node multiplies its
 * children's sizes, limits and global aggregates derive size from a row count, leaves
 * report their own. With `spark.sql.cbo.enabled`, row counts and column statistics are
 * propagated too, as Spark's BasicStatsPlanVisitor (project, filter, aggregate and join
 * estimation), falling back to the size-only estimate where they cannot.
 */
import { assertNever, type DataType, defaultSize } from "../../types/data-types.ts";
import type { AttributeReference, Expression, ExprId, Literal } from "../expressions/expression.ts";
import { splitConjuncts } from "../expressions/factories.ts";
import type {
  Aggregate,
  ColumnStat,
  Filter,
  Join,
  LogicalPlan,
  Project,
  Statistics,
} from "./logical-plan.ts";
import { outputOf } from "./output.ts";

/** What statistics read from the session's configuration (a `ConfigSnapshot` fits). */
export interface StatsContext {
  readonly conf: { get(key: string): string | undefined };
}

/** Spark's `spark.sql.defaultSizeInBytes` default: Long.MaxValue, "too big to broadcast". */
export const DEFAULT_SIZE_IN_BYTES = Number(9223372036854775807n);

const NO_ATTR_STATS: ReadonlyMap<ExprId, ColumnStat> = new Map();

function stats(
  sizeInBytes: number,
  rowCount: number | null = null,
  attributeStats: ReadonlyMap<ExprId, ColumnStat> = NO_ATTR_STATS,
): Statistics {
  return Object.freeze({ sizeInBytes, rowCount, attributeStats });
}

function conf(ctx: StatsContext, key: string, fallback: string): string {
  return (ctx.conf.get(key) ?? fallback).trim().toLowerCase();
}

export function cboEnabled(ctx: StatsContext): boolean {
  return conf(ctx, "spark.sql.cbo.enabled", "false") === "true";
}

function defaultSizeInBytes(ctx: StatsContext): number {
  const v = Number(conf(ctx, "spark.sql.defaultSizeInBytes", String(DEFAULT_SIZE_IN_BYTES)));
  return Number.isFinite(v) ? v : DEFAULT_SIZE_IN_BYTES;
}

// ---------------------------------------------------------------------------------------
// Row sizes (Spark's EstimationUtils)

/** Bytes per row: 8 bytes of row overhead plus each column's average or default width. */
export function sizePerRow(
  attributes: readonly AttributeReference[],
  attrStats: ReadonlyMap<ExprId, ColumnStat> = NO_ATTR_STATS,
): number {
  let size = 8;
  for (const a of attributes) {
    const avgLen = attrStats.get(a.exprId)?.avgLen;
    if (avgLen !== null && avgLen !== undefined) {
      size += a.dataType.kind === "string" ? avgLen + 8 + 4 : avgLen;
    } else {
      size += defaultSize(a.dataType);
    }
  }
  return size;
}

/** The size of `rowCount` rows; never zero, so products of sizes stay meaningful. */
export function outputSize(
  attributes: readonly AttributeReference[],
  rowCount: number,
  attrStats: ReadonlyMap<ExprId, ColumnStat> = NO_ATTR_STATS,
): number {
  return rowCount > 0 ? rowCount * sizePerRow(attributes, attrStats) : 1;
}

function limitValue(e: Expression): number {
  if (e.kind !== "Literal") return Number.MAX_SAFE_INTEGER;
  const v = e.value;
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number.MAX_SAFE_INTEGER;
}

function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) if (x > 0) p *= x;
  return p;
}

// ---------------------------------------------------------------------------------------
// Entry point

const sizeOnlyCache = new WeakMap<LogicalPlan, Statistics>();
const cboCache = new WeakMap<LogicalPlan, Statistics>();

/** The estimated statistics of a resolved plan (cached per plan node and mode). */
export function statsOf(plan: LogicalPlan, ctx: StatsContext): Statistics {
  const cbo = cboEnabled(ctx);
  const cache = cbo ? cboCache : sizeOnlyCache;
  let s = cache.get(plan);
  if (!s) {
    s = cbo ? (basicStats(plan, ctx) ?? sizeOnlyStats(plan, ctx)) : sizeOnlyStats(plan, ctx);
    cache.set(plan, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Size-only estimation

function unaryScaled(p: LogicalPlan & { child: LogicalPlan }, ctx: StatsContext): Statistics {
  const childRow = sizePerRow(outputOf(p.child));
  const outRow = sizePerRow(outputOf(p));
  const size = Math.floor((statsOf(p.child, ctx).sizeInBytes * outRow) / childRow);
  return stats(size === 0 || Number.isNaN(size) ? 1 : size);
}

function productOfChildren(children: readonly LogicalPlan[], ctx: StatsContext): Statistics {
  return stats(product(children.map((c) => statsOf(c, ctx).sizeInBytes)));
}

function leafStats(plan: LogicalPlan, ctx: StatsContext): Statistics | undefined {
  switch (plan.kind) {
    case "LocalRelation":
      return stats(sizePerRow(plan.output) * plan.rows.length, plan.rows.length);
    case "Range": {
      const n = rangeCount(plan.start, plan.end, plan.step);
      if (n === 0) return stats(0, 0);
      const first = Number(plan.start);
      const last = first + (n - 1) * Number(plan.step);
      const colStat: ColumnStat = {
        distinctCount: n,
        min: BigInt(Math.min(first, last)),
        max: BigInt(Math.max(first, last)),
        nullCount: 0,
        avgLen: 8,
        maxLen: 8,
      };
      return stats(8 * n, n, new Map([[plan.output[0].exprId, colStat]]));
    }
    case "OneRowRelation":
      return stats(1, 1);
    case "FileRelation":
      return stats(plan.sizeInBytes ?? defaultSizeInBytes(ctx));
    case "CachedRelation":
      return stats(statsOf(plan.plan, ctx).sizeInBytes, statsOf(plan.plan, ctx).rowCount);
    case "CteRelationRef":
    case "UnresolvedRelation":
      return stats(defaultSizeInBytes(ctx));
    default:
      return undefined;
  }
}

function rangeCount(start: bigint, end: bigint, step: bigint): number {
  if (step === 0n) return 0;
  const span = end - start;
  if ((span > 0n && step < 0n) || (span < 0n && step > 0n) || span === 0n) return 0;
  const q = span / step;
  return Number(span % step === 0n ? q : q + 1n);
}

function sizeOnlyStats(plan: LogicalPlan, ctx: StatsContext): Statistics {
  const leaf = leafStats(plan, ctx);
  if (leaf) return leaf;
  switch (plan.kind) {
    case "LocalRelation":
    case "Range":
    case "OneRowRelation":
    case "FileRelation":
    case "CachedRelation":
    case "CteRelationRef":
    case "UnresolvedRelation":
      return stats(defaultSizeInBytes(ctx));
    case "Project":
    case "Filter":
    case "Window":
      return unaryScaled(plan, ctx);
    case "Aggregate":
      return plan.groupingExpressions.length === 0
        ? stats(outputSize(outputOf(plan), 1), 1)
        : unaryScaled(plan, ctx);
    case "GlobalLimit": {
      const limit = limitValue(plan.limit);
      const child = statsOf(plan.child, ctx);
      const rows = child.rowCount === null ? limit : Math.min(child.rowCount, limit);
      return stats(outputSize(outputOf(plan), rows, child.attributeStats), rows);
    }
    case "LocalLimit": {
      const limit = limitValue(plan.limit);
      const child = statsOf(plan.child, ctx);
      return limit === 0 ? stats(1, 0) : stats(child.sizeInBytes, child.rowCount);
    }
    case "Offset": {
      const offset = limitValue(plan.offset);
      const child = statsOf(plan.child, ctx);
      if (child.rowCount === null) return stats(child.sizeInBytes);
      const rows = Math.max(0, child.rowCount - offset);
      return stats(outputSize(outputOf(plan), rows, child.attributeStats), rows);
    }
    case "Expand":
      return stats(unaryScaled(plan, ctx).sizeInBytes * plan.projections.length);
    case "Sample": {
      const ratio = plan.upperBound - plan.lowerBound;
      const child = statsOf(plan.child, ctx);
      const size = Math.ceil(child.sizeInBytes * ratio);
      return stats(
        size === 0 ? 1 : size,
        child.rowCount === null ? null : Math.ceil(child.rowCount * ratio),
      );
    }
    case "Join":
      return plan.joinType === "LeftSemi" || plan.joinType === "LeftAnti"
        ? statsOf(plan.left, ctx)
        : productOfChildren([plan.left, plan.right], ctx);
    case "Union": {
      const cs = plan.children.map((c) => statsOf(c, ctx));
      const rows = cs.every((s) => s.rowCount !== null)
        ? cs.reduce((s, c) => s + (c.rowCount ?? 0), 0)
        : null;
      return stats(
        cs.reduce((s, c) => s + c.sizeInBytes, 0),
        rows,
      );
    }
    case "Intersect": {
      const l = statsOf(plan.left, ctx).sizeInBytes;
      const r = statsOf(plan.right, ctx).sizeInBytes;
      return stats(Math.min(l, r));
    }
    case "Except":
      return statsOf(plan.left, ctx);
    case "SubqueryAlias":
    case "ResolvedHint":
    case "UnresolvedHint":
    case "WithCte": {
      const c = statsOf(plan.child, ctx);
      return stats(c.sizeInBytes, c.rowCount, c.attributeStats);
    }
    case "Sort":
    case "Distinct":
    case "Deduplicate":
    case "Repartition":
    case "RepartitionByExpression":
    case "Generate":
    case "WithColumns":
    case "WithColumnsRenamed":
    case "DropColumns":
    case "NaFill":
    case "NaDrop":
    case "Describe":
    case "Pivot":
    case "Unpivot":
      return productOfChildren([plan.child], ctx);
    default:
      return assertNever(plan, "logical plan");
  }
}

// ---------------------------------------------------------------------------------------
// Cost-based estimation (row counts and column statistics)

function basicStats(plan: LogicalPlan, ctx: StatsContext): Statistics | undefined {
  switch (plan.kind) {
    case "Project":
      return projectEstimation(plan, ctx);
    case "Filter":
      return filterEstimation(plan, ctx);
    case "Aggregate":
      return aggregateEstimation(plan, ctx);
    case "Join":
      return joinEstimation(plan, ctx);
    default:
      return undefined;
  }
}

function projectEstimation(p: Project, ctx: StatsContext): Statistics | undefined {
  const child = statsOf(p.child, ctx);
  if (child.rowCount === null) return undefined;
  const out = new Map<ExprId, ColumnStat>();
  for (const e of p.projectList) {
    if (e.kind === "AttributeReference") {
      const s = child.attributeStats.get(e.exprId);
      if (s) out.set(e.exprId, s);
    } else if (e.kind === "Alias" && e.child.kind === "AttributeReference") {
      const s = child.attributeStats.get(e.child.exprId);
      if (s) out.set(e.exprId, s);
    }
  }
  return stats(outputSize(outputOf(p), child.rowCount, out), child.rowCount, out);
}

function aggregateEstimation(p: Aggregate, ctx: StatsContext): Statistics | undefined {
  const child = statsOf(p.child, ctx);
  if (child.rowCount === null) return undefined;
  let rows = 1;
  if (p.groupingExpressions.length > 0) {
    for (const g of p.groupingExpressions) {
      if (g.kind !== "AttributeReference") return undefined;
      const s = child.attributeStats.get(g.exprId);
      if (!s || s.distinctCount === null || s.nullCount === null) return undefined;
      rows *= s.distinctCount + (s.nullCount > 0 ? 1 : 0);
    }
    rows = Math.min(rows, child.rowCount);
  }
  if (child.rowCount === 0 && p.groupingExpressions.length > 0) rows = 0;
  const out = new Map<ExprId, ColumnStat>();
  for (const e of p.aggregateExpressions) {
    if (e.kind === "AttributeReference") {
      const s = child.attributeStats.get(e.exprId);
      if (s) out.set(e.exprId, s);
    }
  }
  return stats(outputSize(outputOf(p), rows, out), rows, out);
}

/** A column statistic's value as a number for range arithmetic, or undefined. */
function numeric(v: unknown, t: DataType): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") {
    return t.kind === "decimal" ? Number(v) / 10 ** t.scale : Number(v);
  }
  return undefined;
}

/** The fraction of rows a predicate keeps, from column stats; undefined if unknown. */
function selectivity(
  e: Expression,
  s: ReadonlyMap<ExprId, ColumnStat>,
  rowCount: number,
): number | undefined {
  switch (e.kind) {
    case "And": {
      const l = selectivity(e.left, s, rowCount) ?? 1;
      const r = selectivity(e.right, s, rowCount) ?? 1;
      return l * r;
    }
    case "Or": {
      const l = selectivity(e.left, s, rowCount) ?? 1;
      const r = selectivity(e.right, s, rowCount) ?? 1;
      return Math.min(1, l + r - l * r);
    }
    case "Not": {
      const c = selectivity(e.child, s, rowCount);
      return c === undefined ? undefined : 1 - c;
    }
    case "IsNull":
    case "IsNotNull": {
      if (e.child.kind !== "AttributeReference" || rowCount === 0) return undefined;
      const cs = s.get(e.child.exprId);
      if (!cs || cs.nullCount === null) return undefined;
      const nullFrac = Math.min(1, cs.nullCount / rowCount);
      return e.kind === "IsNull" ? nullFrac : 1 - nullFrac;
    }
    case "BinaryComparison": {
      let attr: AttributeReference | undefined;
      let lit: Literal | undefined;
      let op = e.op;
      if (e.left.kind === "AttributeReference" && e.right.kind === "Literal") {
        attr = e.left;
        lit = e.right;
      } else if (e.right.kind === "AttributeReference" && e.left.kind === "Literal") {
        attr = e.right;
        lit = e.left;
        const flip = {
          "<": ">",
          "<=": ">=",
          ">": "<",
          ">=": "<=",
          "=": "=",
          "<=>": "<=>",
        } as const;
        op = flip[op];
      }
      if (!attr || !lit) return undefined;
      if (lit.value === null) return op === "<=>" ? undefined : 0;
      const cs = s.get(attr.exprId);
      if (!cs) return undefined;
      if (op === "=" || op === "<=>") {
        const v = numeric(lit.value, attr.dataType);
        const lo = numeric(cs.min, attr.dataType);
        const hi = numeric(cs.max, attr.dataType);
        if (v !== undefined && lo !== undefined && hi !== undefined && (v < lo || v > hi)) return 0;
        return cs.distinctCount ? 1 / cs.distinctCount : undefined;
      }
      const v = numeric(lit.value, attr.dataType);
      const lo = numeric(cs.min, attr.dataType);
      const hi = numeric(cs.max, attr.dataType);
      if (v === undefined || lo === undefined || hi === undefined) return undefined;
      if (hi === lo) {
        const holds =
          (op === "<" && lo < v) ||
          (op === "<=" && lo <= v) ||
          (op === ">" && lo > v) ||
          (op === ">=" && lo >= v);
        return holds ? 1 : 0;
      }
      const below = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      return op === "<" || op === "<=" ? below : 1 - below;
    }
    case "In": {
      if (e.value.kind !== "AttributeReference") return undefined;
      const cs = s.get(e.value.exprId);
      if (!cs?.distinctCount) return undefined;
      return Math.min(1, e.list.length / cs.distinctCount);
    }
    case "InSet": {
      if (e.child.kind !== "AttributeReference") return undefined;
      const cs = s.get(e.child.exprId);
      if (!cs?.distinctCount) return undefined;
      return Math.min(1, e.values.length / cs.distinctCount);
    }
    case "Literal":
      return e.value === true ? 1 : 0;
    default:
      return undefined;
  }
}

function filterEstimation(p: Filter, ctx: StatsContext): Statistics | undefined {
  const child = statsOf(p.child, ctx);
  if (child.rowCount === null) return undefined;
  let sel = 1;
  for (const c of splitConjuncts(p.condition)) {
    sel *= selectivity(c, child.attributeStats, child.rowCount) ?? 1;
  }
  const rows = Math.ceil(child.rowCount * sel);
  const out = new Map<ExprId, ColumnStat>();
  for (const [id, s] of child.attributeStats) {
    out.set(id, {
      ...s,
      distinctCount: s.distinctCount === null ? null : Math.min(s.distinctCount, rows),
      nullCount: s.nullCount === null ? null : Math.min(s.nullCount, rows),
    });
  }
  return stats(outputSize(outputOf(p), rows, out), rows, out);
}

/** Equi-join keys `(left attr, right attr)` of a join condition. */
function equiKeys(j: Join): [AttributeReference, AttributeReference][] {
  if (!j.condition) return [];
  const l = new Set(outputOf(j.left).map((a) => a.exprId));
  const out: [AttributeReference, AttributeReference][] = [];
  for (const c of splitConjuncts(j.condition)) {
    if (c.kind !== "BinaryComparison" || (c.op !== "=" && c.op !== "<=>")) continue;
    if (c.left.kind !== "AttributeReference" || c.right.kind !== "AttributeReference") continue;
    if (l.has(c.left.exprId) && !l.has(c.right.exprId)) out.push([c.left, c.right]);
    else if (l.has(c.right.exprId) && !l.has(c.left.exprId)) out.push([c.right, c.left]);
  }
  return out;
}

function joinEstimation(j: Join, ctx: StatsContext): Statistics | undefined {
  const ls = statsOf(j.left, ctx);
  const rs = statsOf(j.right, ctx);
  if (ls.rowCount === null || rs.rowCount === null) return undefined;
  const keys = equiKeys(j);
  let inner: number;
  if (keys.length === 0) {
    if (j.joinType !== "Cross" && j.joinType !== "Inner" && j.condition !== null) return undefined;
    inner = ls.rowCount * rs.rowCount;
  } else {
    inner = ls.rowCount * rs.rowCount;
    let bestCard = Number.POSITIVE_INFINITY;
    for (const [a, b] of keys) {
      const sa = ls.attributeStats.get(a.exprId);
      const sb = rs.attributeStats.get(b.exprId);
      if (!sa?.distinctCount || !sb?.distinctCount) return undefined;
      const card = (ls.rowCount * rs.rowCount) / Math.max(sa.distinctCount, sb.distinctCount);
      bestCard = Math.min(bestCard, card);
    }
    inner = Math.ceil(bestCard);
  }
  let rows: number;
  switch (j.joinType) {
    case "Inner":
    case "Cross":
      rows = inner;
      break;
    case "LeftOuter":
      rows = Math.max(inner, ls.rowCount);
      break;
    case "RightOuter":
      rows = Math.max(inner, rs.rowCount);
      break;
    case "FullOuter":
      rows = Math.max(inner, ls.rowCount) + Math.max(inner, rs.rowCount) - inner;
      break;
    case "LeftSemi":
    case "LeftAnti":
      return undefined;
    default:
      return assertNever(j.joinType, "join type");
  }
  const out = new Map<ExprId, ColumnStat>();
  for (const [id, s] of [...ls.attributeStats, ...rs.attributeStats]) {
    out.set(id, {
      ...s,
      distinctCount: s.distinctCount === null ? null : Math.min(s.distinctCount, rows),
    });
  }
  return stats(outputSize(outputOf(j), rows, out), rows, out);
}

// ---------------------------------------------------------------------------------------
// Printing (EXPLAIN COST)

/** Three significant digits, as Java's BigDecimal with MathContext(3, HALF_UP) prints. */
function threeDigits(n: number): string {
  if (n === 0) return "0";
  const digits = Math.floor(Math.log10(Math.abs(n))) + 1;
  if (digits <= 3) return String(Math.round(n));
  const mantissa = Math.round(n / 10 ** (digits - 3)) / 100;
  // Rounding may carry into a new digit (999.5 -> 1.00E+3).
  const carry = mantissa >= 10;
  const m = carry ? mantissa / 10 : mantissa;
  return `${m.toFixed(2)}E+${digits - 1 + (carry ? 1 : 0)}`;
}

/** A byte count as Spark's `Utils.bytesToString`: `96.0 B`, `2.0 KiB`, `8.0 EiB`. */
export function bytesToString(size: number): string {
  const units: readonly [string, number][] = [
    ["EiB", 2 ** 60],
    ["PiB", 2 ** 50],
    ["TiB", 2 ** 40],
    ["GiB", 2 ** 30],
    ["MiB", 2 ** 20],
    ["KiB", 2 ** 10],
  ];
  if (size >= 2 ** 71) return `${threeDigits(size)} B`;
  for (const [unit, scale] of units) {
    if (size >= 2 * scale) return `${(size / scale).toFixed(1)} ${unit}`;
  }
  return `${size.toFixed(1)} B`;
}

/** `Statistics(sizeInBytes=96.0 B, rowCount=3)`, as EXPLAIN COST prints a node's stats. */
export function statsString(s: Statistics): string {
  const parts = [`sizeInBytes=${bytesToString(s.sizeInBytes)}`];
  if (s.rowCount !== null) parts.push(`rowCount=${threeDigits(s.rowCount)}`);
  return `Statistics(${parts.join(", ")})`;
}
