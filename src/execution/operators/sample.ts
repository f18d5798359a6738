/**
 * Sample: keeps a row when Spark's XORShiftRandom, seeded with `seed + partition`, draws a
 * double in [lowerBound, upperBound) (Spark's BernoulliCellSampler: the same rows as Spark
 * for the same seed and partitioning), or repeats it a Poisson number of times (with
 * replacement; those draws differ from Spark's).
 */
import { XORShiftRandom } from "../../catalyst/functions/random.ts";
import { javaDoubleString } from "../../catalyst/plans/tree-string.ts";
import { takeBatch } from "../columnar/batch.ts";
import type { SampleExec } from "../plan/physical-plan.ts";
import type { OperatorDef } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, next: () => number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= next();
  } while (p > l);
  return k - 1;
}

export const SampleOp: OperatorDef<SampleExec> = {
  describe: (p) =>
    `Sample ${javaDoubleString(p.lowerBound)}, ${javaDoubleString(p.upperBound)}, ${p.withReplacement}, ${p.seed}`,
  supportsCodegen: () => true,
  requiredChildDistribution: () => [{ kind: "Unspecified" }],
  requiredChildOrdering: () => [[]],
  outputPartitioning: (p) => childPartitioning(p.child),
  outputOrdering: (p) => childOrdering(p.child),
  *execute(p, ctx, partition, run) {
    const next = rng(p.seed + partition);
    const xor = new XORShiftRandom(BigInt(Math.trunc(p.seed)) + BigInt(partition));
    const fraction = p.upperBound - p.lowerBound;
    for (const b of run(p.child, partition)) {
      const keep: number[] = [];
      for (let i = 0; i < b.numRows; i++) {
        if (p.withReplacement) {
          for (let c = poisson(fraction, next); c > 0; c--) keep.push(i);
        } else {
          const x = xor.nextDouble();
          if (x >= p.lowerBound && x < p.upperBound) keep.push(i);
        }
      }
      ctx.addMetric(p.id, "numOutputRows", keep.length);
      if (keep.length > 0) yield takeBatch(b, Int32Array.from(keep));
    }
  },
};
