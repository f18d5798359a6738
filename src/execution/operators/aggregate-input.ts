/**
 * The generated function that feeds a hash aggregate: grouping keys and aggregate inputs,
 * fused with the Filter/Project chain below the aggregate in the same codegen subtree.
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import type { HashAggregateExec, PhysicalPlan } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { fuseInputs } from "./fused-pipeline.ts";

/** Grouping keys then aggregate inputs (arguments, or buffers when merging), in order. */
export function inputExpressions(p: HashAggregateExec): Expression[] {
  const keys: Expression[] = p.groupingExpressions.map((g) => (g.kind === "Alias" ? g.child : g));
  // raw-mode aggregates with FILTER get their condition as one more input column
  const args = p.aggregateExpressions.flatMap((a, k) =>
    a.mode === "Final" || a.mode === "PartialMerge"
      ? [...(p.bufferAttributes[k] ?? [])]
      : [...a.fn.args, ...(a.filter !== null ? [a.filter] : [])],
  );
  return [...keys, ...args];
}

const inputPipelines = new WeakMap<
  HashAggregateExec,
  { base: PhysicalPlan; compiled: CompiledPipeline }
>();

/**
 * The generated function feeding the hash table: the Filter/Project chain below the
 * aggregate (same codegen subtree) fused with the evaluation of keys and inputs.
 */
export function inputPipelineOf(
  p: HashAggregateExec,
  ansi: boolean,
): { base: PhysicalPlan; compiled: CompiledPipeline } {
  let hit = inputPipelines.get(p);
  if (hit === undefined) {
    const fused = fuseInputs(p, p.child, inputExpressions(p));
    hit = {
      base: fused.base,
      compiled: compilePipeline(outputOfPhysical(fused.base), fused.conditions, fused.exprs, ansi),
    };
    inputPipelines.set(p, hit);
  }
  return hit;
}
