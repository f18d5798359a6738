/**
 * Runs one partition of a plan fragment synchronously over prefetched inputs: the pull
 * loop every task uses, whatever produced its inputs (shuffle files, broadcasts).
 */
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import { cartesianPair } from "../operators/cartesian-product.ts";
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
  const run = (p: PhysicalPlan, part: number): Iterable<ColumnarBatch> =>
    OPERATORS[p.kind].execute(p as never, ctx, part, run);
  return run(plan, partition);
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
