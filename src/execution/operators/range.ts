/** Range: `spark.range(start, end, step, splits)`, one bigint column, sliced like Spark. */
import type { RangeExec } from "../plan/physical-plan.ts";
import { batchOf } from "./common.ts";
import type { OperatorDef } from "./operator.ts";

/** Number of values in the range. */
export function rangeLength(p: Pick<RangeExec, "start" | "end" | "step">): bigint {
  const { start, end, step } = p;
  if ((step > 0n && start >= end) || (step < 0n && start <= end)) return 0n;
  const span = end - start;
  return (span + step + (step > 0n ? -1n : 1n)) / step;
}

export const RangeOp: OperatorDef<RangeExec> = {
  describe: (p) => `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numSlices})`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [],
  requiredChildOrdering: () => [],
  outputPartitioning: (p) =>
    p.numSlices === 1 ? { kind: "Single" } : { kind: "Unknown", numPartitions: p.numSlices },
  outputOrdering: () => [],
  *execute(p, ctx, partition) {
    const n = rangeLength(p);
    const k = BigInt(p.numSlices);
    const first = (BigInt(partition) * n) / k;
    const last = ((BigInt(partition) + 1n) * n) / k;
    const size = ctx.conf.batchSize;
    for (let i = first; i < last; i += BigInt(size)) {
      const count = Number(last - i < BigInt(size) ? last - i : BigInt(size));
      const values = new BigInt64Array(count);
      let v = p.start + i * p.step;
      for (let j = 0; j < count; j++) {
        values[j] = v;
        v += p.step;
      }
      ctx.addMetric(p.id, "numOutputRows", count);
      yield batchOf(p.output, count, [
        {
          layout: "i64",
          type: p.output[0].dataType,
          length: count,
          validity: null,
          nullCount: 0,
          values,
        },
      ]);
    }
  },
};
