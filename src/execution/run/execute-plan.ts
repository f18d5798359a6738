/**
 * Running a physical plan on the runtime: cuts the plan into stages at exchanges (and at
 * the implicit single-partition shuffle below CollectLimit and TakeOrderedAndProject),
 * runs broadcast children and range-partitioning samples as jobs of their own first,
 * serializes each stage's fragment as JSON, submits the result stage (with its DAG of map
 * stages) to the DAG scheduler, and decodes the result batches. Operator metrics of every
 * task come back through the listener bus.
 */
import type { FlintRuntime } from "../../executor/local-runtime.ts";
import type { ShuffleMapStageDef } from "../../scheduler/job.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { toValues } from "../columnar/vector.ts";
import { decodeTransport, encodeTransport, evaluate } from "../operators/common.ts";
import { DEFAULT_EXEC_CONF, type ExecConf, type OperatorMetrics } from "../operators/operator.ts";
import { rangeBounds } from "../operators/partitioner.ts";
import { OPERATORS } from "../operators/registry.ts";
import { cacheBlockId } from "../plan/cache-block.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type {
  LocalTableScanExec,
  PhysicalPlan,
  ShuffleExchangeExec,
} from "../plan/physical-plan.ts";
import { outputOfPhysical, physicalChildren, withNewPhysicalChildren } from "../plan/tree.ts";
import type { StagePayload } from "./payload.ts";
import { toJson } from "./serde.ts";

/** What executing a plan needs from the runtime (a `FlintRuntime` fits). */
export type PlanRuntime = Pick<
  FlintRuntime,
  "runJob" | "newShuffleId" | "broadcast" | "listenerBus" | "blockLocations"
>;

export interface ExecutePlanOptions {
  readonly conf?: ExecConf;
  readonly description?: string;
  readonly signal?: AbortSignal;
}

export interface ExecutionResult {
  readonly batches: readonly ColumnarBatch[];
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

class StageBuilder {
  readonly shuffleIds: Record<string, number> = {};
  readonly broadcasts: Record<string, number> = {};
  readonly rangeBounds: Record<string, unknown[][]> = {};
  readonly #runtime: PlanRuntime;
  readonly #conf: ExecConf;
  readonly #props: Record<string, string>;
  readonly #signal: AbortSignal | undefined;

  constructor(
    runtime: PlanRuntime,
    conf: ExecConf,
    props: Record<string, string>,
    signal: AbortSignal | undefined,
  ) {
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
      conf: this.#conf,
    };
    return toJson(p);
  }

  /** Cuts `p`'s subtree: returns the fragment to run in the current stage and its parent stages. */
  async cut(p: PhysicalPlan, parents: ShuffleMapStageDef[]): Promise<PhysicalPlan> {
    switch (p.kind) {
      case "ShuffleExchange": {
        parents.push(await this.mapStage(p, p.id));
        return withNewPhysicalChildren(p, [stub(p.child)]);
      }
      case "CollectLimit":
      case "TakeOrderedAndProject": {
        const implicit: ShuffleExchangeExec = {
          kind: "ShuffleExchange",
          id: p.id,
          codegenStageId: 0,
          partitioning: { kind: "Single" },
          origin: "ENSURE_REQUIREMENTS",
          child: p.child,
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
      default: {
        const kids: PhysicalPlan[] = [];
        for (const c of physicalChildren(p)) kids.push(await this.cut(c, parents));
        return withNewPhysicalChildren(p, kids);
      }
    }
  }

  async mapStage(exchange: ShuffleExchangeExec, readerId: number): Promise<ShuffleMapStageDef> {
    if (exchange.partitioning.kind === "Range") {
      const sample = await this.collect(exchange.child);
      const keys: unknown[][] = [];
      const ordering = exchange.partitioning.ordering;
      for (const b of sample) {
        const cols = evaluate(
          outputOfPhysical(exchange.child),
          ordering.map((o) => o.child),
          b,
          this.#conf,
        ).map(toValues);
        for (let i = 0; i < b.numRows; i++) keys.push(cols.map((c) => c[i]));
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
    return {
      kind: "shuffleMap",
      shuffleId,
      numPartitions: partitionsOf(exchange.child),
      numReducePartitions: numPartitionsOf(exchange.partitioning),
      payload: this.payload("map", fragment),
      parents,
      name: `Exchange ${exchange.id}`,
    };
  }

  /** Runs `p` as a job of its own and returns all its batches (broadcasts, samples). */
  async collect(p: PhysicalPlan): Promise<ColumnarBatch[]> {
    const parents: ShuffleMapStageDef[] = [];
    const fragment = await this.cut(p, parents);
    const results = await this.#runtime.runJob(
      {
        kind: "result",
        numPartitions: partitionsOf(p),
        payload: this.payload("result", fragment),
        parents,
      },
      { properties: this.#props, ...(this.#signal ? { signal: this.#signal } : {}) },
    );
    const attrs = outputOfPhysical(p);
    return results.flatMap((bytes) => decodeTransport(attrs, bytes));
  }
}

/** Runs a physical plan and returns its result batches, in partition order. */
export async function executePlan(
  plan: PhysicalPlan,
  runtime: PlanRuntime,
  options: ExecutePlanOptions = {},
): Promise<ExecutionResult> {
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
    const builder = new StageBuilder(
      runtime,
      options.conf ?? DEFAULT_EXEC_CONF,
      props,
      options.signal,
    );
    const batches = await builder.collect(plan);
    await runtime.listenerBus.waitUntilEmpty();
    return { batches, metrics };
  } finally {
    off();
  }
}
