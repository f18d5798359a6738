/** BroadcastHashJoin: streams one side against a hash table of the broadcast side. */

import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import { type ColumnarBatch, columnarBatch } from "../columnar/batch.ts";
import { exprList, exprString } from "../explain/expr-string.ts";
import type { BroadcastHashJoinExec, PhysicalPlan } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch, schemaOf } from "./common.ts";
import { fuseInputs } from "./fused-pipeline.ts";
import { joinBatches, precomputedKeys } from "./join-core.ts";
import type { OperatorDef, RunChild } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

const probes = new WeakMap<
  BroadcastHashJoinExec,
  { base: PhysicalPlan; compiled: CompiledPipeline }
>();

/** The generated probe-side function of a broadcast hash join (compiled once per node). */
export function probePipelineOf(
  p: BroadcastHashJoinExec,
  ansi: boolean,
): { base: PhysicalPlan; compiled: CompiledPipeline } {
  let probe = probes.get(p);
  if (probe === undefined) {
    const buildLeft = p.buildSide === "BuildLeft";
    const streamPlan = buildLeft ? p.right : p.left;
    const keys = buildLeft ? p.rightKeys : p.leftKeys;
    const fused = fuseInputs(p, streamPlan, [...outputOfPhysical(streamPlan), ...keys]);
    probe = {
      base: fused.base,
      compiled: compilePipeline(outputOfPhysical(fused.base), fused.conditions, fused.exprs, ansi),
    };
    probes.set(p, probe);
  }
  return probe;
}

/**
 * The probe side as one generated function: the Filter/Project chain below the join (same
 * codegen subtree) and the probe keys, evaluated together; keys travel beside each batch.
 */
function* fusedStream(
  p: BroadcastHashJoinExec,
  streamPlan: PhysicalPlan,
  ansi: boolean,
  partition: number,
  run: RunChild,
): Iterable<ColumnarBatch> {
  const probe = probePipelineOf(p, ansi);
  const width = outputOfPhysical(streamPlan).length;
  const schema = schemaOf(outputOfPhysical(streamPlan));
  for (const b of run(probe.base, partition)) {
    const r = probe.compiled.run(b.columns, b.numRows);
    if (r.numRows === 0) continue;
    const batch = columnarBatch(schema, r.numRows, r.columns.slice(0, width));
    precomputedKeys.set(batch, r.columns.slice(width));
    yield batch;
  }
}

export const BroadcastHashJoinOp: OperatorDef<BroadcastHashJoinExec> = {
  describe: (p) =>
    `BroadcastHashJoin ${exprList(p.leftKeys)}, ${exprList(p.rightKeys)}, ${p.joinType}, ${p.buildSide}, ${p.condition ? `${exprString(p.condition)}, ` : ""}false, false`,
  supportsCodegen: () => true,
  requiredChildDistribution: (p) =>
    p.buildSide === "BuildLeft"
      ? [{ kind: "Broadcast" }, { kind: "Unspecified" }]
      : [{ kind: "Unspecified" }, { kind: "Broadcast" }],
  requiredChildOrdering: () => [[], []],
  outputPartitioning: (p) => childPartitioning(p.buildSide === "BuildLeft" ? p.right : p.left),
  outputOrdering: (p) => childOrdering(p.buildSide === "BuildLeft" ? p.right : p.left),
  *execute(p, ctx, partition, run) {
    const buildLeft = p.buildSide === "BuildLeft";
    const buildPlan = buildLeft ? p.left : p.right;
    const streamPlan = buildLeft ? p.right : p.left;
    const build = collectBatch(outputOfPhysical(buildPlan), run(buildPlan, 0));
    for (const b of joinBatches(
      {
        joinType: p.joinType,
        streamIsLeft: !buildLeft,
        leftOutput: outputOfPhysical(p.left),
        rightOutput: outputOfPhysical(p.right),
        streamKeys: buildLeft ? p.rightKeys : p.leftKeys,
        buildKeys: buildLeft ? p.leftKeys : p.rightKeys,
        condition: p.condition,
        output: p.output,
      },
      fusedStream(p, streamPlan, ctx.conf.ansi, partition, run),
      build,
      ctx.conf,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
