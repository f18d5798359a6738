/**
 * Runs one partition of a plan fragment synchronously over prefetched inputs: the pull
 * loop every task uses, whatever produced its inputs (shuffle files, broadcasts).
 */
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import { beginTaskRandomness } from "../../catalyst/functions/random.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { cartesianPair } from "../operators/cartesian-product.ts";
import { coalescedRange } from "../operators/coalesce.ts";
import type { ExecContext } from "../operators/operator.ts";
import { OPERATORS } from "../operators/registry.ts";
import { numPartitionsOf } from "../plan/partitioning.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { physicalChildren } from "../plan/tree.ts";

export function executePartition(
  plan: PhysicalPlan,
  partition: number,
  ctx: ExecContext,
): Iterable<ColumnarBatch> {
  const frames: number[] = [];
  beginTaskRandomness(partition);
  const run = (p: PhysicalPlan, part: number): Iterable<ColumnarBatch> =>
    timed(p.id, OPERATORS[p.kind].execute(p as never, ctx, part, run), ctx, frames);
  return run(plan, partition);
}

/**
 * Measures the time spent inside an operator's own code: the time of each pull minus the
 * time its children's pulls took (the `frames` stack holds children time per active pull).
 * Reported as the `timeMs` metric.
 */
function* timed(
  nodeId: number,
  batches: Iterable<ColumnarBatch>,
  ctx: ExecContext,
  frames: number[],
): Iterable<ColumnarBatch> {
  const it = batches[Symbol.iterator]();
  let own = 0;
  try {
    for (;;) {
      const start = performance.now();
      frames.push(0);
      let r: IteratorResult<ColumnarBatch>;
      try {
        r = it.next();
      } finally {
        const elapsed = performance.now() - start;
        const children = frames.pop() ?? 0;
        own += elapsed - children;
        if (frames.length > 0)
          frames[frames.length - 1] = (frames[frames.length - 1] as number) + elapsed;
      }
      if (r.done) return;
      yield r.value;
    }
  } finally {
    ctx.addMetric(nodeId, "timeMs", Math.round(own * 1000) / 1000);
  }
}

/** An input a task must fetch before running: a shuffle partition or a broadcast. */
export type TaskInput =
  | { readonly kind: "shuffle"; readonly nodeId: number; readonly partition: number }
  | { readonly kind: "broadcast"; readonly nodeId: number }
  | { readonly kind: "file"; readonly nodeId: number; readonly partition: number }
  | {
      readonly kind: "cache";
      readonly nodeId: number;
      readonly partition: number;
      readonly cacheId: number;
      readonly output: readonly AttributeReference[];
    };

/**
 * The inputs partition `partition` of `plan` reads, following the partition mapping of
 * every operator (a Union's partition `p` is partition `p - offset` of one child).
 */
export function inputsOf(plan: PhysicalPlan, partition: number, isRoot = true): TaskInput[] {
  const out: TaskInput[] = [];
  const visit = (p: PhysicalPlan, part: number, root: boolean): void => {
    switch (p.kind) {
      case "ShuffleExchange":
        if (root) visit(p.child, part, false);
        else out.push({ kind: "shuffle", nodeId: p.id, partition: part });
        return;
      case "BroadcastExchange":
        out.push({ kind: "broadcast", nodeId: p.id });
        return;
      case "FileSourceScan":
        out.push({ kind: "file", nodeId: p.id, partition: part });
        return;
      case "InMemoryTableScan":
        out.push({
          kind: "cache",
          nodeId: p.id,
          partition: part,
          cacheId: p.cacheId,
          output: p.output,
        });
        visit(p.child, part, false);
        return;
      case "CollectLimit":
      case "TakeOrderedAndProject":
        out.push({ kind: "shuffle", nodeId: p.id, partition: 0 });
        return;
      case "CartesianProduct": {
        const [i, j] = cartesianPair(p, part);
        visit(p.left, i, false);
        visit(p.right, j, false);
        return;
      }
      case "Coalesce": {
        // a coalesced partition reads a range of its child's partitions: fetch them all
        const n = numPartitionsOf(OPERATORS[p.child.kind].outputPartitioning(p.child as never));
        const [start, end] = coalescedRange(n, Math.min(p.numPartitions, n), part);
        for (let c = start; c < end; c++) visit(p.child, c, false);
        return;
      }
      case "Union": {
        let offset = 0;
        for (const c of p.children) {
          const n = numPartitionsOf(OPERATORS[c.kind].outputPartitioning(c as never));
          if (part < offset + n) {
            visit(c, part - offset, false);
            return;
          }
          offset += n;
        }
        return;
      }
      default:
        for (const c of physicalChildren(p)) visit(c, part, false);
    }
  };
  visit(plan, partition, isRoot);
  return out;
}
