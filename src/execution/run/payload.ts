/** What one stage's tasks receive: the plan fragment and where its inputs come from. */
import type { ExecConf } from "../operators/operator.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";

export interface StagePayload {
  /** Map stages: the ShuffleExchange whose child is computed and partitioned. */
  readonly mode: "map" | "result";
  readonly plan: PhysicalPlan;
  /** Node id -> shuffle id, for every exchange (or implicit single-partition input) read. */
  readonly shuffleIds: Readonly<Record<string, number>>;
  /** BroadcastExchange node id -> runtime broadcast id. */
  readonly broadcasts: Readonly<Record<string, number>>;
  /** Range exchange node id -> upper bounds of its partitions (sort-key rows). */
  readonly rangeBounds: Readonly<Record<string, readonly (readonly unknown[])[]>>;
  /**
   * Exchange node id -> the reduce partitions [start, end) each task reads, when adaptive
   * execution coalesced small shuffle partitions (task p reads `coalesced[id][p]`).
   */
  readonly coalesced: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  readonly conf: ExecConf;
}
