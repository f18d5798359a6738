/** BroadcastHashJoin: streams one side against a hash table of the broadcast side. */

import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import { type ColumnarBatch, columnarBatch } from "../columnar/batch.ts";
import { exprList, exprString } from "../explain/expr-string.ts";
import type { BroadcastHashJoinExec, PhysicalPlan } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { collectBatch, schemaOf } from "./common.ts";
import { fuseInputs } from "./fused-pipeline.ts";
import {
  type JoinSpec,
  joinBatches,
  type PreparedBuild,
  precomputedKeys,
  prepareBuild,
} from "./join-core.ts";
import type { ExecContext, OperatorDef, RunChild } from "./operator.ts";
import { childOrdering, childPartitioning } from "./passthrough.ts";

/** The probe side's fused function, or the base columns it picks when it only picks. */
interface Probe {
  readonly base: PhysicalPlan;
  readonly compiled: CompiledPipeline;
  /** Ordinals of the outputs in the base's columns when every output is a column of it. */
  readonly picks: readonly number[] | null;
}

const probes = new WeakMap<BroadcastHashJoinExec, Probe>();

/** The generated probe-side function of a broadcast hash join (compiled once per node). */
export function probePipelineOf(p: BroadcastHashJoinExec, ansi: boolean): Probe {
  let probe = probes.get(p);
  if (probe === undefined) {
    const buildLeft = p.buildSide === "BuildLeft";
    const streamPlan = buildLeft ? p.right : p.left;
    const keys = buildLeft ? p.rightKeys : p.leftKeys;
    const fused = fuseInputs(p, streamPlan, [...outputOfPhysical(streamPlan), ...keys]);
    const baseOutput = outputOfPhysical(fused.base);
    const picks = fused.exprs.map((e) =>
      e.kind === "AttributeReference" ? baseOutput.findIndex((a) => a.exprId === e.exprId) : -1,
    );
    probe = {
      base: fused.base,
      compiled: compilePipeline(baseOutput, fused.conditions, fused.exprs, ansi),
      picks: fused.conditions.length === 0 && picks.every((k) => k >= 0) ? picks : null,
    };
    probes.set(p, probe);
  }
  return probe;
}

/**
 * The probe side as one generated function: the Filter/Project chain below the join (same
 * codegen subtree) and the probe keys, evaluated together; keys travel beside each batch.
 * When the chain only picks columns, they are picked without running it.
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
  const picks = probe.picks;
  for (const b of run(probe.base, partition)) {
    if (b.numRows === 0) continue;
    const r =
      picks === null
        ? probe.compiled.run(b.columns, b.numRows)
        : { numRows: b.numRows, columns: picks.map((k) => b.columns[k]!) };
    if (r.numRows === 0) continue;
    const batch = columnarBatch(schema, r.numRows, r.columns.slice(0, width));
    precomputedKeys.set(batch, r.columns.slice(width));
    yield batch;
  }
}

/**
 * Prepared build sides by broadcast: when the task runner hands every task of a worker
 * the same decoded broadcast batches, the hash table is built once per worker, not once
 * per task (Spark's executors share a broadcast's HashedRelation the same way).
 */
const preparedBuilds = new WeakMap<object, Map<number, PreparedBuild>>();

function buildSide(
  p: BroadcastHashJoinExec,
  spec: JoinSpec,
  ctx: ExecContext,
  run: RunChild,
): PreparedBuild {
  const buildPlan = p.buildSide === "BuildLeft" ? p.left : p.right;
  const broadcast =
    buildPlan.kind === "BroadcastExchange" ? ctx.broadcastInput(buildPlan.id) : null;
  const cached = broadcast === null ? undefined : preparedBuilds.get(broadcast)?.get(p.id);
  if (cached !== undefined) return cached;
  const build = collectBatch(outputOfPhysical(buildPlan), run(buildPlan, 0));
  const prepared = prepareBuild(spec, build, ctx.conf);
  if (broadcast !== null) {
    let byNode = preparedBuilds.get(broadcast);
    if (byNode === undefined) {
      byNode = new Map();
      preparedBuilds.set(broadcast, byNode);
    }
    byNode.set(p.id, prepared);
  }
  return prepared;
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
    const streamPlan = buildLeft ? p.right : p.left;
    const spec: JoinSpec = {
      joinType: p.joinType,
      streamIsLeft: !buildLeft,
      leftOutput: outputOfPhysical(p.left),
      rightOutput: outputOfPhysical(p.right),
      streamKeys: buildLeft ? p.rightKeys : p.leftKeys,
      buildKeys: buildLeft ? p.leftKeys : p.rightKeys,
      condition: p.condition,
      output: p.output,
    };
    const prepared = buildSide(p, spec, ctx, run);
    for (const b of joinBatches(
      spec,
      fusedStream(p, streamPlan, ctx.conf.ansi, partition, run),
      prepared.build,
      ctx.conf,
      prepared,
    )) {
      ctx.addMetric(p.id, "numOutputRows", b.numRows);
      yield b;
    }
  },
};
