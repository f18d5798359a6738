/**
 * Running a physical plan on the runtime: cuts the plan into stages at exchanges (and at
 * the implicit single-partition shuffle below CollectLimit and TakeOrderedAndProject),
 * runs broadcast children and range-partitioning samples as jobs of their own first,
 * serializes each stage's fragment as JSON, submits the result stage (with its DAG of map
 * stages) to the DAG scheduler, and decodes the result batches. Operator metrics of every
 * task come back through the listener bus.
 */

import type { Expression } from "../../catalyst/expressions/expression.ts";
import { literal } from "../../catalyst/expressions/factories.ts";
import type { JoinType } from "../../catalyst/plans/logical-plan.ts";
import { FlintError } from "../../errors/index.ts";
import type { FlintRuntime } from "../../executor/local-runtime.ts";
import type { ShuffleMapStageDef } from "../../scheduler/job.ts";
import { NullT } from "../../types/data-types.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { rowsFromBatch } from "../columnar/batch.ts";
import { toValues } from "../columnar/vector.ts";
import { decodeTransport, encodeTransport, evaluate } from "../operators/common.ts";
import { DEFAULT_EXEC_CONF, type ExecConf, type OperatorMetrics } from "../operators/operator.ts";
import { rangeBounds } from "../operators/partitioner.ts";
import { OPERATORS } from "../operators/registry.ts";
import { cacheBlockId } from "../plan/cache-block.ts";
import {
  numPartitionsOf,
  orderingSatisfies,
  satisfies,
  semanticEquals,
} from "../plan/partitioning.ts";
import type {
  BroadcastExchangeExec,
  BroadcastHashJoinExec,
  BuildSide,
  LocalTableScanExec,
  PhysicalPlan,
  ShuffleExchangeExec,
  SortMergeJoinExec,
} from "../plan/physical-plan.ts";
import {
  outputOfPhysical,
  physicalChildren,
  transformPhysicalUp,
  withNewPhysicalChildren,
} from "../plan/tree.ts";
import { newNodeId } from "../planner/node-ids.ts";
import { substituteSubqueries } from "../planner/plan-subqueries.ts";
import type { StagePayload } from "./payload.ts";
import { toJson } from "./serde.ts";

/** What executing a plan needs from the runtime (a `FlintRuntime` fits). */
export type PlanRuntime = Pick<
  FlintRuntime,
  | "runJob"
  | "submitMapStage"
  | "newShuffleId"
  | "broadcast"
  | "listenerBus"
  | "blockLocations"
  | "defaultParallelism"
>;

/** Spark's adaptive coalescing settings (`spark.sql.adaptive.*`). */
export interface AdaptiveOptions {
  /** `spark.sql.adaptive.advisoryPartitionSizeInBytes` (64 MB). */
  readonly advisoryPartitionSize: number;
  /** `spark.sql.adaptive.coalescePartitions.minPartitionSize` (1 MB). */
  readonly minPartitionSize: number;
  /** Partitions to aim for at least (the default parallelism). */
  readonly parallelism: number;
  /**
   * `spark.sql.adaptive.autoBroadcastJoinThreshold` (default: the static threshold, 10 MB):
   * a sort-merge join whose side's materialized shuffle output is at most this many bytes
   * runs as a broadcast hash join instead; negative turns the conversion off.
   */
  readonly broadcastThreshold?: number;
}

export interface ExecutePlanOptions {
  /**
   * Coalesce small shuffle partitions after materializing each exchange, as Spark does
   * with `spark.sql.adaptive.enabled` (the default); `null` runs every reduce partition.
   */
  readonly adaptive?: AdaptiveOptions | null;
  readonly conf?: ExecConf;
  readonly description?: string;
  readonly signal?: AbortSignal;
}

export interface ExecutionResult {
  readonly batches: readonly ColumnarBatch[];
  /** The plan as it ran: sort-merge joins converted at run time shown as broadcast joins. */
  readonly finalPlan: PhysicalPlan;
  /** Node id -> metric name -> value, summed over every task. */
  readonly metrics: OperatorMetrics;
}

let nextExecutionId = 0;

function partitionsOf(p: PhysicalPlan): number {
  return numPartitionsOf(OPERATORS[p.kind].outputPartitioning(p as never));
}

/** An empty leaf standing for a subtree computed by another stage. */
function stub(p: PhysicalPlan): LocalTableScanExec {
  return Object.freeze({
    kind: "LocalTableScan",
    id: -1 - p.id,
    codegenStageId: 0,
    output: outputOfPhysical(p),
    rows: [],
    numSlices: partitionsOf(p),
  });
}

const BUILD_RIGHT: ReadonlySet<JoinType> = new Set([
  "Inner",
  "Cross",
  "LeftOuter",
  "LeftSemi",
  "LeftAnti",
]);
const BUILD_LEFT: ReadonlySet<JoinType> = new Set(["Inner", "Cross", "RightOuter"]);

/**
 * Whether child `i` of `p` (among `kids`) still has the partitioning and ordering `p`
 * requires of it, co-partitioning with its siblings included (EnsureRequirements' rules).
 */
function requirementHolds(p: PhysicalPlan, kids: readonly PhysicalPlan[], i: number): boolean {
  const op = OPERATORS[p.kind];
  const dists = op.requiredChildDistribution(p as never);
  const orders = op.requiredChildOrdering(p as never);
  const kid = kids[i] as PhysicalPlan;
  const d = dists[i] ?? { kind: "Unspecified" as const };
  const part = OPERATORS[kid.kind].outputPartitioning(kid as never);
  if (d.kind === "Broadcast") {
    if (part.kind !== "Broadcast") return false;
  } else if (!satisfies(part, d)) return false;
  if (d.kind === "Clustered" && dists.filter((x) => x.kind === "Clustered").length > 1) {
    // co-partitioned inputs must be hashed on exactly their keys, into as many partitions
    if (
      part.kind !== "Hash" ||
      part.expressions.length !== d.expressions.length ||
      !part.expressions.every((e, j) => semanticEquals(e, d.expressions[j] as Expression))
    ) {
      return false;
    }
  }
  const req = orders[i] ?? [];
  return (
    req.length === 0 || orderingSatisfies(OPERATORS[kid.kind].outputOrdering(kid as never), req)
  );
}

/** A side of a sort-merge join without the sort EnsureRequirements put above its exchange. */
function unsorted(c: PhysicalPlan): PhysicalPlan {
  return c.kind === "Sort" ? c.child : c;
}

/**
 * The broadcast hash join a sort-merge join becomes when `side` is built: the build side
 * under a BroadcastExchange whose child is `buildChild`, the other side unsorted.
 */
function asBroadcastJoin(
  p: SortMergeJoinExec,
  side: BuildSide,
  buildChild: (build: PhysicalPlan) => PhysicalPlan,
): { readonly join: BroadcastHashJoinExec; readonly exchange: BroadcastExchangeExec } {
  const build = unsorted(side === "BuildRight" ? p.right : p.left);
  const stream = unsorted(side === "BuildRight" ? p.left : p.right);
  const exchange: BroadcastExchangeExec = Object.freeze({
    kind: "BroadcastExchange",
    id: newNodeId(),
    codegenStageId: 0,
    keys: side === "BuildRight" ? p.rightKeys : p.leftKeys,
    child: buildChild(build),
  });
  const join: BroadcastHashJoinExec = Object.freeze({
    kind: "BroadcastHashJoin",
    id: p.id,
    codegenStageId: p.codegenStageId,
    leftKeys: p.leftKeys,
    rightKeys: p.rightKeys,
    joinType: p.joinType,
    buildSide: side,
    condition: p.condition,
    output: p.output,
    left: side === "BuildRight" ? stream : exchange,
    right: side === "BuildRight" ? exchange : stream,
  });
  return { join, exchange };
}

/** `plan` with the joins that ran as broadcast hash joins shown that way (the final plan). */
export function finalPlanOf(
  plan: PhysicalPlan,
  converted: ReadonlyMap<number, BuildSide>,
): PhysicalPlan {
  if (converted.size === 0) return plan;
  return transformPhysicalUp(plan, (p) => {
    if (p.kind !== "SortMergeJoin") return p;
    const side = converted.get(p.id);
    return side === undefined ? p : asBroadcastJoin(p, side, (build) => build).join;
  });
}

class StageBuilder {
  readonly shuffleIds: Record<string, number> = {};
  readonly broadcasts: Record<string, number> = {};
  readonly rangeBounds: Record<string, unknown[][]> = {};
  readonly coalesced: Record<string, (readonly [number, number])[]> = {};
  /** The map stage of each exchange cut so far (by node id). */
  readonly #exchanges = new Map<number, ShuffleMapStageDef>();
  /** Bytes per reduce partition of each materialized exchange (by node id). */
  readonly #sizes = new Map<number, readonly number[]>();
  /**
   * A fragment that contains a join converted at run time, mapped to the same fragment
   * with the sort-merge join kept: used when the conversion breaks what a parent needs.
   */
  readonly #fallbacks = new WeakMap<PhysicalPlan, PhysicalPlan>();
  /** Sort-merge joins (by node id) that ran as broadcast hash joins, with the side built. */
  readonly converted = new Map<number, BuildSide>();
  readonly #adaptive: AdaptiveOptions | null;
  readonly #runtime: PlanRuntime;
  readonly #conf: ExecConf;
  readonly #props: Record<string, string>;
  readonly #signal: AbortSignal | undefined;

  constructor(
    runtime: PlanRuntime,
    conf: ExecConf,
    props: Record<string, string>,
    signal: AbortSignal | undefined,
    adaptive: AdaptiveOptions | null,
  ) {
    this.#adaptive = adaptive;
    this.#runtime = runtime;
    this.#conf = conf;
    this.#props = props;
    this.#signal = signal;
  }

  payload(mode: "map" | "result", plan: PhysicalPlan): string {
    const p: StagePayload = {
      mode,
      plan,
      shuffleIds: this.shuffleIds,
      broadcasts: this.broadcasts,
      rangeBounds: this.rangeBounds,
      coalesced: this.coalesced,
      conf: this.#conf,
    };
    return toJson(p);
  }

  /** Cuts `p`'s subtree: returns the fragment to run in the current stage and its parent stages. */
  async cut(p: PhysicalPlan, parents: ShuffleMapStageDef[]): Promise<PhysicalPlan> {
    switch (p.kind) {
      case "ShuffleExchange": {
        // an exchange met again (the child of a range exchange runs once more to sample
        // its keys) reads the map output already written, as Spark reuses a shuffle
        const done = this.#exchanges.get(p.id);
        if (done !== undefined) {
          parents.push(done);
          return withNewPhysicalChildren(p, [stub(p.child)]);
        }
        const def = await this.mapStage(p, p.id);
        this.#exchanges.set(p.id, def);
        parents.push(def);
        // a single reduce partition leaves nothing to coalesce: it runs as a parent stage
        // of the reading job rather than as a job of its own
        if (this.#adaptive !== null && numPartitionsOf(p.partitioning) > 1) {
          // materialize now (Spark's adaptive query stages): its sizes decide the readers' partitions
          const stats = await this.#runtime.submitMapStage(def, this.#jobOptions()).result;
          this.#sizes.set(p.id, stats.bytesByPartitionId);
        }
        return withNewPhysicalChildren(p, [stub(p.child)]);
      }
      case "CollectLimit":
      case "TakeOrderedAndProject": {
        // each map task keeps only the rows that can reach the result (Spark takes the
        // first `limit` rows, or the local top `limit`, of every partition before the shuffle)
        const keep = p.limit < 0 ? -1 : p.kind === "CollectLimit" ? p.limit : p.limit + p.offset;
        let local: PhysicalPlan = p.child;
        if (keep >= 0 && p.kind === "TakeOrderedAndProject") {
          local = {
            kind: "Sort",
            id: newNodeId(),
            codegenStageId: 0,
            order: p.order,
            global: false,
            child: local,
            limit: keep,
          };
        } else if (keep >= 0)
          local = {
            kind: "LocalLimit",
            id: newNodeId(),
            codegenStageId: 0,
            limit: keep,
            child: local,
          };
        const implicit: ShuffleExchangeExec = {
          kind: "ShuffleExchange",
          id: p.id,
          codegenStageId: 0,
          partitioning: { kind: "Single" },
          origin: "ENSURE_REQUIREMENTS",
          child: local,
        };
        parents.push(await this.mapStage(implicit, p.id));
        return withNewPhysicalChildren(p, [stub(p.child)]);
      }
      case "InMemoryTableScan": {
        // every partition cached: the cached plan (and its shuffles) need not run
        const n = partitionsOf(p);
        let all = true;
        for (let i = 0; i < n && all; i++) {
          all = this.#runtime.blockLocations(cacheBlockId(p.cacheId, i)).length > 0;
        }
        if (all) return withNewPhysicalChildren(p, [stub(p.child)]);
        return withNewPhysicalChildren(p, [await this.cut(p.child, parents)]);
      }
      case "BroadcastExchange": {
        const batches = await this.collect(p.child);
        const bytes = encodeTransport(outputOfPhysical(p.child), batches);
        this.broadcasts[String(p.id)] = this.#runtime.broadcast(bytes).id;
        return withNewPhysicalChildren(p, [stub(p.child)]);
      }
      case "SortMergeJoin": {
        const joined = await this.#adaptiveJoin(p, parents);
        if (joined !== undefined) return joined;
        return this.#withKids(p, parents);
      }
      default:
        return this.#withKids(p, parents);
    }
  }

  /**
   * `p` over its cut children. A child whose subtree holds a join converted at run time
   * is swapped back to its sort-merge form when it no longer gives `p` the partitioning
   * or ordering `p` requires (Spark's adaptive execution re-plans with the same check).
   */
  async #withKids(p: PhysicalPlan, parents: ShuffleMapStageDef[]): Promise<PhysicalPlan> {
    const kids: PhysicalPlan[] = [];
    for (const c of physicalChildren(p)) kids.push(await this.cut(c, parents));
    const fixed = kids.map((k, i) => {
      const fallback = this.#fallbacks.get(k);
      return fallback !== undefined && !requirementHolds(p, kids, i) ? fallback : k;
    });
    const node = withNewPhysicalChildren(p, fixed);
    if (fixed.some((k) => this.#fallbacks.has(k))) {
      this.#fallbacks.set(
        node,
        withNewPhysicalChildren(
          p,
          fixed.map((k) => this.#fallbacks.get(k) ?? k),
        ),
      );
    }
    return node;
  }

  /**
   * Spark's adaptive join conversion: both sides of a sort-merge join are shuffled first;
   * when one side's shuffle output is small enough, it is collected and broadcast, and the
   * other side streams its shuffle output into a broadcast hash join without sorting.
   */
  async #adaptiveJoin(
    p: SortMergeJoinExec,
    parents: ShuffleMapStageDef[],
  ): Promise<PhysicalPlan | undefined> {
    const threshold = this.#adaptive?.broadcastThreshold ?? -1;
    const exchangeOf = (c: PhysicalPlan): ShuffleExchangeExec | undefined => {
      const below = c.kind === "Sort" ? c.child : c;
      return below.kind === "ShuffleExchange" ? below : undefined;
    };
    const leftX = exchangeOf(p.left);
    const rightX = exchangeOf(p.right);
    if (threshold < 0 || leftX === undefined || rightX === undefined) return undefined;
    const leftParents: ShuffleMapStageDef[] = [];
    const rightParents: ShuffleMapStageDef[] = [];
    const left = await this.cut(p.left, leftParents);
    const right = await this.cut(p.right, rightParents);
    // both stay parents of the stage: the sort-merge form (a fallback) reads both
    parents.push(...leftParents, ...rightParents);
    const smj = withNewPhysicalChildren(p, [left, right]);
    const bytes = (x: ShuffleExchangeExec): number | undefined =>
      this.#sizes.get(x.id)?.reduce((a, b) => a + b, 0);
    const leftBytes = bytes(leftX);
    const rightBytes = bytes(rightX);
    const okRight =
      BUILD_RIGHT.has(p.joinType) && rightBytes !== undefined && rightBytes <= threshold;
    const okLeft = BUILD_LEFT.has(p.joinType) && leftBytes !== undefined && leftBytes <= threshold;
    if (!okLeft && !okRight) return smj;
    const side: BuildSide =
      okLeft && okRight
        ? (leftBytes as number) < (rightBytes as number)
          ? "BuildLeft"
          : "BuildRight"
        : okRight
          ? "BuildRight"
          : "BuildLeft";
    // the converted join over the cut sides (their exchanges read the written shuffles)
    const cut = Object.freeze({ ...p, left, right });
    const build = unsorted(side === "BuildRight" ? right : left);
    const batches = await this.#collectFragment(
      build,
      side === "BuildRight" ? rightParents : leftParents,
    );
    const { join: bhj, exchange } = asBroadcastJoin(cut, side, stub);
    this.broadcasts[String(exchange.id)] = this.#runtime.broadcast(
      encodeTransport(outputOfPhysical(build), batches),
    ).id;
    this.converted.set(p.id, side);
    this.#fallbacks.set(bhj, smj);
    return bhj;
  }

  /** Runs an already cut fragment as a job and returns its batches. */
  async #collectFragment(
    fragment: PhysicalPlan,
    parents: ShuffleMapStageDef[],
  ): Promise<ColumnarBatch[]> {
    const numPartitions = this.#coalesce(fragment) ?? partitionsOf(fragment);
    const results = await this.#runtime.runJob(
      { kind: "result", numPartitions, payload: this.payload("result", fragment), parents },
      this.#jobOptions(),
    );
    const attrs = outputOfPhysical(fragment);
    return results.flatMap((bytes) => decodeTransport(attrs, bytes));
  }

  async mapStage(exchange: ShuffleExchangeExec, readerId: number): Promise<ShuffleMapStageDef> {
    if (exchange.partitioning.kind === "Range") {
      const sample = await this.collect(exchange.child);
      const keys: unknown[][] = [];
      const ordering = exchange.partitioning.ordering;
      // Keys of every stride-th row only: Spark samples ~60 per output partition; keeping
      // every row's key (20M arrays for a 20M-row sort) took GBs and a long driver sort
      let total = 0;
      for (const b of sample) total += b.numRows;
      const numPartitions = exchange.partitioning.numPartitions;
      const stride = Math.max(1, Math.floor(total / Math.max(1000, 60 * numPartitions)));
      let at = 0;
      for (const b of sample) {
        const first = (stride - (at % stride)) % stride;
        at += b.numRows;
        if (first >= b.numRows) continue;
        const cols = evaluate(
          outputOfPhysical(exchange.child),
          ordering.map((o) => o.child),
          b,
          this.#conf,
        ).map(toValues);
        for (let i = first; i < b.numRows; i += stride) keys.push(cols.map((c) => c[i]));
      }
      this.rangeBounds[String(exchange.id)] = rangeBounds(
        ordering,
        keys,
        exchange.partitioning.numPartitions,
      );
    }
    const parents: ShuffleMapStageDef[] = [];
    const child = await this.cut(exchange.child, parents);
    const shuffleId = this.#runtime.newShuffleId();
    this.shuffleIds[String(readerId)] = shuffleId;
    const fragment = withNewPhysicalChildren(exchange, [child]);
    const numPartitions = this.#coalesce(child) ?? partitionsOf(exchange.child);
    return {
      kind: "shuffleMap",
      shuffleId,
      numPartitions,
      numReducePartitions: numPartitionsOf(exchange.partitioning),
      payload: this.payload("map", fragment),
      parents,
      name: `Exchange ${exchange.id}`,
    };
  }

  #jobOptions(): { properties: Record<string, string>; signal?: AbortSignal } {
    return { properties: this.#props, ...(this.#signal ? { signal: this.#signal } : {}) };
  }

  /**
   * Spark's adaptive partition coalescing: when a fragment's partitions are exactly the
   * partitions of the (materialized) exchanges it reads, contiguous small reduce partitions
   * are merged up to a target size; every exchange of the fragment gets the same ranges,
   * so co-partitioned inputs stay aligned and row order is kept. Returns the new task
   * count, or undefined when the fragment is left alone.
   */
  #coalesce(fragment: PhysicalPlan): number | undefined {
    const a = this.#adaptive;
    if (a === null) return undefined;
    const reads: number[] = [];
    let eligible = true;
    const visit = (p: PhysicalPlan, root: boolean): void => {
      switch (p.kind) {
        case "ShuffleExchange":
          if (root) visit(p.child, false);
          else reads.push(p.id);
          return;
        case "BroadcastExchange":
          return;
        case "LocalTableScan":
          if (p.id >= 0) eligible = false;
          return;
        case "Union":
        case "CartesianProduct":
        case "Coalesce":
        case "Range":
        case "OneRowScan":
        case "FileSourceScan":
        case "InMemoryTableScan":
        case "CollectLimit":
        case "TakeOrderedAndProject":
          eligible = false;
          return;
        default:
          for (const c of physicalChildren(p)) visit(c, false);
      }
    };
    visit(fragment, true);
    if (!eligible || reads.length === 0) return undefined;
    const sizes = reads.map((id) => this.#sizes.get(id));
    const n = sizes[0]?.length ?? 0;
    if (n <= 1 || sizes.some((x) => x === undefined || x.length !== n)) return undefined;
    const total = new Array<number>(n).fill(0);
    for (const x of sizes as (readonly number[])[])
      for (let i = 0; i < n; i++) total[i] = (total[i] as number) + (x[i] as number);
    const sum = total.reduce((s, x) => s + x, 0);
    const target = Math.max(
      a.minPartitionSize,
      Math.min(a.advisoryPartitionSize, Math.ceil(sum / a.parallelism)),
    );
    const groups: [number, number][] = [];
    let start = 0;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const size = total[i] as number;
      if (i > start && acc + size > target) {
        groups.push([start, i]);
        start = i;
        acc = 0;
      }
      acc += size;
    }
    groups.push([start, n]);
    if (groups.length === n) return undefined;
    for (const id of reads) this.coalesced[String(id)] = groups;
    return groups.length;
  }

  /** Runs `p` as a job of its own and returns all its batches (broadcasts, samples). */
  async collect(p: PhysicalPlan): Promise<ColumnarBatch[]> {
    const parents: ShuffleMapStageDef[] = [];
    const fragment = await this.cut(p, parents);
    const numPartitions = this.#coalesce(fragment) ?? partitionsOf(p);
    const results = await this.#runtime.runJob(
      {
        kind: "result",
        numPartitions,
        payload: this.payload("result", fragment),
        parents,
      },
      this.#jobOptions(),
    );
    const attrs = outputOfPhysical(p);
    return results.flatMap((bytes) => decodeTransport(attrs, bytes));
  }
}

/** Runs a physical plan and returns its result batches, in partition order. */
export async function executePlan(
  physical: PhysicalPlan,
  runtime: PlanRuntime,
  options: ExecutePlanOptions = {},
): Promise<ExecutionResult> {
  let plan = physical;
  const executionId = String(nextExecutionId++);
  const props = { "spark.sql.execution.id": executionId };
  const metrics: OperatorMetrics = {};
  const stages = new Set<number>();
  const off = runtime.listenerBus.addListener({
    jobStart: (e) => {
      if (e.properties["spark.sql.execution.id"] === executionId) {
        for (const s of e.stageInfos) stages.add(s.stageId);
      }
    },
    taskEnd: (e) => {
      if (!stages.has(e.stageId) || e.reason !== undefined) return;
      for (const [node, m] of Object.entries(e.metrics.operators)) {
        metrics[node] ??= {};
        const into = metrics[node];
        for (const [k, v] of Object.entries(m)) into[k] = (into[k] ?? 0) + v;
      }
    },
  });
  try {
    const adaptive =
      options.adaptive === undefined
        ? {
            advisoryPartitionSize: 64 * 1024 * 1024,
            minPartitionSize: 1024 * 1024,
            parallelism: runtime.defaultParallelism,
            broadcastThreshold: 10 * 1024 * 1024,
          }
        : options.adaptive;
    if (plan.kind === "WithSubqueries") {
      const values = new Map<number, Expression>();
      for (const sub of plan.subqueries) {
        const r = await executePlan(sub.plan, runtime, options);
        for (const [node, m] of Object.entries(r.metrics)) metrics[node] = m;
        const rows = r.batches.flatMap(rowsFromBatch);
        if (rows.length > 1) {
          throw new FlintError("SCALAR_SUBQUERY_TOO_MANY_ROWS", {});
        }
        const attr = outputOfPhysical(sub.plan)[0];
        values.set(sub.exprId, literal(rows[0]?.[0] ?? null, attr?.dataType ?? NullT));
      }
      plan = substituteSubqueries(plan.child, values);
    }
    const builder = new StageBuilder(
      runtime,
      options.conf ?? DEFAULT_EXEC_CONF,
      props,
      options.signal,
      adaptive,
    );
    const batches = await builder.collect(plan);
    await runtime.listenerBus.waitUntilEmpty();
    return { batches, metrics, finalPlan: finalPlanOf(physical, builder.converted) };
  } finally {
    off();
  }
}
