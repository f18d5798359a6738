/**
 * Strategies: optimized logical plan -> physical plan, one handler per logical node kind
 * (`Record<LogicalPlanKind, ...>`). Picks algorithms (partial/final hash aggregation,
 * broadcast hash vs sort-merge join, top-N for ORDER BY + LIMIT at the root); exchanges
 * and sorts are added afterwards by EnsureRequirements.
 */

import type { Expression, Literal, SortOrder } from "../../catalyst/expressions/expression.ts";
import { isNamedExpression } from "../../catalyst/expressions/expression.ts";
import { conjoin, isNull, literal, splitConjuncts } from "../../catalyst/expressions/factories.ts";
import { dataTypeOf } from "../../catalyst/expressions/typing.ts";
import type {
  Join,
  JoinType,
  LogicalPlan,
  LogicalPlanKind,
} from "../../catalyst/plans/logical-plan.ts";
import { outputOf, toAttribute } from "../../catalyst/plans/output.ts";
import { statsOf } from "../../catalyst/plans/statistics.ts";
import { collectExpr } from "../../catalyst/trees/expression-tree.ts";
import { FlintError } from "../../errors/index.ts";
import { type DataType, isOrderable } from "../../types/data-types.ts";
import { planFileScan } from "../datasources/files/plan-scan.ts";
import type { BuildSide, Partitioning, PhysicalPlan } from "../plan/physical-plan.ts";
import type { PlannerContext, PlannerSettings } from "./config.ts";
import { newNodeId } from "./node-ids.ts";
import { planAggregate } from "./plan-aggregate.ts";

interface Env {
  readonly settings: PlannerSettings;
  readonly ctx: PlannerContext;
}

type Of<K extends LogicalPlanKind> = Extract<LogicalPlan, { kind: K }>;
type Strategy<K extends LogicalPlanKind> = (p: Of<K>, env: Env) => PhysicalPlan;

/** A node's fields without the ones the planner assigns. */
type NewNode = PhysicalPlan extends infer T
  ? T extends PhysicalPlan
    ? Omit<T, "id" | "codegenStageId">
    : never
  : never;

function make(p: NewNode): PhysicalPlan {
  return Object.freeze({ id: newNodeId(), codegenStageId: 0, ...p }) as PhysicalPlan;
}

function unsupported(p: LogicalPlan): never {
  throw new FlintError("UNSUPPORTED_FEATURE", { feature: `physical planning of ${p.kind}` });
}

function unresolved(p: LogicalPlan): never {
  throw new FlintError("INTERNAL_ERROR", { message: `cannot plan unresolved ${p.kind}` });
}

function limitValue(e: Expression): number {
  if (e.kind !== "Literal")
    throw new FlintError("INTERNAL_ERROR", { message: "non-literal limit" });
  return Number(e.value);
}

// ---------------------------------------------------------------------------------------
// Joins

function refs(e: Expression): Set<number> {
  return new Set(collectExpr(e, (x) => (x.kind === "AttributeReference" ? x.exprId : undefined)));
}

function within(s: Set<number>, ids: Set<number>): boolean {
  for (const x of s) if (!ids.has(x)) return false;
  return s.size > 0;
}

/** Spark's ExtractEquiJoinKeys: `l = r` conjuncts with one side per input, and the rest. */
export function extractEquiJoinKeys(j: Join): {
  leftKeys: Expression[];
  rightKeys: Expression[];
  residual: Expression | null;
} {
  const leftIds = new Set(outputOf(j.left).map((a) => a.exprId));
  const rightIds = new Set(outputOf(j.right).map((a) => a.exprId));
  const leftKeys: Expression[] = [];
  const rightKeys: Expression[] = [];
  const rest: Expression[] = [];
  for (const c of j.condition ? splitConjuncts(j.condition) : []) {
    if (
      c.kind === "BinaryComparison" &&
      (c.op === "=" || c.op === "<=>") &&
      isOrderable(dataTypeOf(c.left))
    ) {
      const l = refs(c.left);
      const r = refs(c.right);
      const swap = within(l, rightIds) && within(r, leftIds);
      if ((within(l, leftIds) && within(r, rightIds)) || swap) {
        const [a, b] = swap ? [c.right, c.left] : [c.left, c.right];
        if (c.op === "=") {
          leftKeys.push(a);
          rightKeys.push(b);
          continue;
        }
        // null-safe equality as Spark keys it: (coalesce(x, default), isnull(x))
        const d = defaultLiteral(dataTypeOf(a));
        if (d !== null) {
          leftKeys.push({ kind: "Coalesce", children: [a, d] }, isNull(a));
          rightKeys.push({ kind: "Coalesce", children: [b, d] }, isNull(b));
          continue;
        }
      }
    }
    rest.push(c);
  }
  return { leftKeys, rightKeys, residual: conjoin(rest) ?? null };
}

/** Spark's `Literal.default` for the types null-safe join keys coalesce to. */
function defaultLiteral(t: DataType): Literal | null {
  switch (t.kind) {
    case "boolean":
      return literal(false, t);
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "float":
    case "double":
    case "yearmonth_interval":
      return literal(0, t);
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
    case "decimal":
      return literal(0n, t);
    case "string":
      return literal("", t);
    default:
      return null;
  }
}

const CAN_BUILD_RIGHT: ReadonlySet<JoinType> = new Set([
  "Inner",
  "Cross",
  "LeftOuter",
  "LeftSemi",
  "LeftAnti",
]);
const CAN_BUILD_LEFT: ReadonlySet<JoinType> = new Set(["Inner", "Cross", "RightOuter"]);

function hintOf(p: LogicalPlan): string | null {
  return p.kind === "ResolvedHint" ? p.strategy : null;
}

function broadcastSide(j: Join, env: Env): BuildSide | null {
  const size = (p: LogicalPlan): number => statsOf(p, { conf: env.ctx.conf }).sizeInBytes;
  const limit = env.settings.autoBroadcastJoinThreshold;
  const hintL = hintOf(j.left) === "BROADCAST";
  const hintR = hintOf(j.right) === "BROADCAST";
  const okR = CAN_BUILD_RIGHT.has(j.joinType) && (hintR || (limit >= 0 && size(j.right) <= limit));
  const okL = CAN_BUILD_LEFT.has(j.joinType) && (hintL || (limit >= 0 && size(j.left) <= limit));
  if (okL && okR) {
    if (hintL !== hintR) return hintL ? "BuildLeft" : "BuildRight";
    return size(j.left) < size(j.right) ? "BuildLeft" : "BuildRight";
  }
  if (okR) return "BuildRight";
  if (okL) return "BuildLeft";
  return null;
}

function planJoin(j: Join, env: Env): PhysicalPlan {
  if (j.usingColumns !== null) unresolved(j);
  const left = planLogical(j.left, env);
  const right = planLogical(j.right, env);
  const output = outputOf(j);
  const { leftKeys, rightKeys, residual } = extractEquiJoinKeys(j);
  const side = broadcastSide(j, env);
  if (leftKeys.length > 0) {
    if (side !== null) {
      return make({
        kind: "BroadcastHashJoin",
        leftKeys,
        rightKeys,
        joinType: j.joinType,
        buildSide: side,
        condition: residual,
        output,
        left,
        right,
      });
    }
    return make({
      kind: "SortMergeJoin",
      leftKeys,
      rightKeys,
      joinType: j.joinType,
      condition: residual,
      output,
      left,
      right,
    });
  }
  if (side === null && (j.joinType === "Inner" || j.joinType === "Cross")) {
    return make({ kind: "CartesianProduct", condition: j.condition, output, left, right });
  }
  const buildSide: BuildSide = side ?? (j.joinType === "RightOuter" ? "BuildLeft" : "BuildRight");
  return make({
    kind: "BroadcastNestedLoopJoin",
    joinType: j.joinType,
    buildSide,
    condition: j.condition,
    output,
    left,
    right,
  });
}

// ---------------------------------------------------------------------------------------

function takeOrdered(
  limit: number,
  order: readonly SortOrder[],
  child: LogicalPlan,
  projectList: readonly Expression[] | null,
  env: Env,
): PhysicalPlan {
  const c = planLogical(child, env);
  const list = (projectList ?? outputOf(child)).map((e) =>
    isNamedExpression(e) ? e : toAttribute(e),
  );
  return make({
    kind: "TakeOrderedAndProject",
    limit,
    offset: 0,
    order,
    projectList: list,
    child: c,
  });
}

/** Spark's SpecialLimits: a limit at the root is collected, ORDER BY + LIMIT is top-N. */
function planRoot(p: LogicalPlan, env: Env): PhysicalPlan {
  if (p.kind === "Offset") {
    const off = limitValue(p.offset);
    const c = p.child;
    if (c.kind === "GlobalLimit") {
      const inner = c.child.kind === "LocalLimit" ? c.child.child : c.child;
      return make({
        kind: "CollectLimit",
        limit: limitValue(c.limit),
        offset: off,
        child: planLogical(inner, env),
      });
    }
    return make({ kind: "CollectLimit", limit: -1, offset: off, child: planLogical(c, env) });
  }
  if (p.kind === "GlobalLimit") {
    const n = limitValue(p.limit);
    const inner = p.child.kind === "LocalLimit" ? p.child.child : p.child;
    if (inner.kind === "Offset") {
      const off = limitValue(inner.offset);
      return make({
        kind: "CollectLimit",
        limit: n + off,
        offset: off,
        child: planLogical(inner.child, env),
      });
    }
    if (inner.kind === "Sort" && inner.global)
      return takeOrdered(n, inner.order, inner.child, null, env);
    if (inner.kind === "Project" && inner.child.kind === "Sort" && inner.child.global) {
      return takeOrdered(n, inner.child.order, inner.child.child, inner.projectList, env);
    }
    return make({ kind: "CollectLimit", limit: n, offset: 0, child: planLogical(inner, env) });
  }
  return planLogical(p, env);
}

const STRATEGIES: { readonly [K in LogicalPlanKind]: Strategy<K> } = {
  LocalRelation: (p, env) =>
    make({
      kind: "LocalTableScan",
      output: p.output,
      rows: p.rows,
      numSlices: Math.min(Math.max(p.rows.length, 1), env.settings.defaultParallelism),
    }),
  Range: (p, env) =>
    make({
      kind: "Range",
      start: p.start,
      end: p.end,
      step: p.step,
      numSlices: p.numSlices ?? env.settings.defaultParallelism,
      output: p.output,
    }),
  OneRowRelation: () => make({ kind: "OneRowScan" }),
  UnresolvedRelation: unresolved,
  CachedRelation: (p, env) =>
    make({
      kind: "InMemoryTableScan",
      cacheId: p.cacheId,
      storageLevel: p.storageLevel,
      output: p.output,
      child: planLogical(p.plan, env),
    }),
  FileRelation: (p, env) => make(planFileScan(p, env.ctx.conf, env.ctx.defaultParallelism)),
  CteRelationRef: unsupported,
  Project: (p, env) =>
    make({
      kind: "Project",
      projectList: p.projectList.map((e) => (isNamedExpression(e) ? e : toAttribute(e))),
      child: planLogical(p.child, env),
    }),
  Filter: (p, env) =>
    make({ kind: "Filter", condition: p.condition, child: planLogical(p.child, env) }),
  Aggregate: (p, env) => planAggregate(p, planLogical(p.child, env)),
  Sort: (p, env) =>
    make({ kind: "Sort", order: p.order, global: p.global, child: planLogical(p.child, env) }),
  GlobalLimit: (p, env) => {
    // As Spark's SpecialLimits below the root: ORDER BY + LIMIT (with or without a
    // projection in between) is a top-N, not a full sort.
    const n = limitValue(p.limit);
    const inner = p.child.kind === "LocalLimit" ? p.child.child : p.child;
    if (inner.kind === "Sort" && inner.global) {
      return takeOrdered(n, inner.order, inner.child, null, env);
    }
    if (inner.kind === "Project" && inner.child.kind === "Sort" && inner.child.global) {
      return takeOrdered(n, inner.child.order, inner.child.child, inner.projectList, env);
    }
    return make({ kind: "GlobalLimit", limit: n, offset: 0, child: planLogical(p.child, env) });
  },
  LocalLimit: (p, env) =>
    make({ kind: "LocalLimit", limit: limitValue(p.limit), child: planLogical(p.child, env) }),
  Offset: (p, env) =>
    make({
      kind: "GlobalLimit",
      limit: -1,
      offset: limitValue(p.offset),
      child: planLogical(p.child, env),
    }),
  Distinct: (p, env) => {
    const out = outputOf(p.child);
    return planAggregate(
      { kind: "Aggregate", groupingExpressions: out, aggregateExpressions: out, child: p.child },
      planLogical(p.child, env),
    );
  },
  Deduplicate: unsupported,
  Window: (p, env) =>
    make({
      kind: "Window",
      windowExpressions: p.windowExpressions,
      partitionSpec: p.partitionSpec,
      orderSpec: p.orderSpec,
      child: planLogical(p.child, env),
    }),
  SubqueryAlias: (p, env) => planLogical(p.child, env),
  Repartition: (p, env) => {
    const child = planLogical(p.child, env);
    if (!p.shuffle) return make({ kind: "Coalesce", numPartitions: p.numPartitions, child });
    return make({
      kind: "ShuffleExchange",
      partitioning:
        p.numPartitions === 1
          ? { kind: "Single" }
          : { kind: "RoundRobin", numPartitions: p.numPartitions },
      origin: "REPARTITION_BY_NUM",
      child,
    });
  },
  RepartitionByExpression: (p, env) => {
    const child = planLogical(p.child, env);
    const n = p.numPartitions ?? env.settings.shufflePartitions;
    const origin = p.numPartitions === null ? "REPARTITION_BY_COL" : "REPARTITION_BY_NUM";
    const orders = p.partitionExpressions.filter((e) => e.kind === "SortOrder");
    const partitioning: Partitioning =
      orders.length > 0 && orders.length === p.partitionExpressions.length
        ? { kind: "Range", ordering: orders, numPartitions: n }
        : p.partitionExpressions.length === 0
          ? { kind: "RoundRobin", numPartitions: n }
          : { kind: "Hash", expressions: p.partitionExpressions, numPartitions: n };
    return make({ kind: "ShuffleExchange", partitioning, origin, child });
  },
  Sample: (p, env) =>
    make({
      kind: "Sample",
      lowerBound: p.lowerBound,
      upperBound: p.upperBound,
      withReplacement: p.withReplacement,
      seed: p.seed,
      child: planLogical(p.child, env),
    }),
  Expand: (p, env) =>
    make({
      kind: "Expand",
      projections: p.projections,
      output: p.output,
      child: planLogical(p.child, env),
    }),
  Generate: (p, env) => {
    const skip = new Set(p.unrequiredChildIndex);
    return make({
      kind: "Generate",
      generator: p.generator,
      requiredChildOutput: outputOf(p.child).filter((_, i) => !skip.has(i)),
      outer: p.outer,
      generatorOutput: outputOf(p).slice(outputOf(p.child).length - skip.size),
      child: planLogical(p.child, env),
    });
  },
  UnresolvedHint: unresolved,
  ResolvedHint: (p, env) => planLogical(p.child, env),
  WithCte: unsupported,
  WithColumns: unresolved,
  WithColumnsRenamed: unresolved,
  DropColumns: unresolved,
  Pivot: unresolved,
  Unpivot: unresolved,
  NaFill: unresolved,
  NaDrop: unresolved,
  Describe: unresolved,
  Join: planJoin,
  Union: (p, env) =>
    make({
      kind: "Union",
      output: outputOf(p),
      children: p.children.map((c) => planLogical(c, env)),
    }),
  Intersect: unsupported,
  Except: unsupported,
};

export function planLogical(p: LogicalPlan, env: Env): PhysicalPlan {
  return (STRATEGIES[p.kind] as Strategy<typeof p.kind>)(p as never, env);
}

/** The physical plan of an optimized logical plan, before EnsureRequirements. */
export function planStrategies(root: LogicalPlan, env: Env): PhysicalPlan {
  return planRoot(root, env);
}
