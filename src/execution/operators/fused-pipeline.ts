/**
 * The fused Filter/Project pipeline of a whole-stage codegen subtree: from a Project or
 * Filter, walks down through Filters and Projects of the same `*(n)` subtree, rewrites
 * every condition and the top output list over the first node below the chain, and
 * compiles them into one generated function (codegen/pipeline.ts).
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { transformUp } from "../../catalyst/trees/expression-tree.ts";
import { type CompiledPipeline, compilePipeline } from "../codegen/pipeline.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import type { FilterExec, PhysicalPlan, ProjectExec } from "../plan/physical-plan.ts";
import { outputOfPhysical } from "../plan/tree.ts";
import { batchOf } from "./common.ts";
import type { ExecContext, RunChild } from "./operator.ts";

export interface FusedChain {
  readonly base: PhysicalPlan;
  /** Conditions over `base`'s output, in evaluation order (lowest filter first). */
  readonly conditions: readonly Expression[];
  readonly outputs: readonly Expression[];
  /** Node ids of the fused operators, top first. */
  readonly nodes: readonly number[];
}

/** `e` with attributes replaced by the expressions that compute them. */
export function substitute(e: Expression, map: ReadonlyMap<number, Expression>): Expression {
  return transformUp(e, (x) => (x.kind === "AttributeReference" ? map.get(x.exprId) : undefined));
}

export function fuseChain(top: ProjectExec | FilterExec): FusedChain {
  let outputs: Expression[] =
    top.kind === "Project" ? [...top.projectList] : [...outputOfPhysical(top)];
  const conds: Expression[] = top.kind === "Filter" ? [top.condition] : [];
  const nodes = [top.id];
  let cur: PhysicalPlan = top.child;
  while (
    (cur.kind === "Project" || cur.kind === "Filter") &&
    top.codegenStageId > 0 &&
    cur.codegenStageId === top.codegenStageId
  ) {
    nodes.push(cur.id);
    if (cur.kind === "Filter") {
      conds.push(cur.condition);
    } else {
      const map = new Map<number, Expression>();
      for (const ne of cur.projectList) if (ne.kind === "Alias") map.set(ne.exprId, ne.child);
      outputs = outputs.map((o) =>
        o.kind === "Alias" ? { ...o, child: substitute(o.child, map) } : substitute(o, map),
      );
      for (let k = 0; k < conds.length; k++) conds[k] = substitute(conds[k] as Expression, map);
    }
    cur = cur.child;
  }
  return { base: cur, conditions: conds.reverse(), outputs, nodes };
}

const pipelines = new WeakMap<PhysicalPlan, CompiledPipeline>();

/** The compiled pipeline of a chain top (compiled once per plan object per thread). */
export function pipelineOf(top: ProjectExec | FilterExec, ansi: boolean): CompiledPipeline {
  let p = pipelines.get(top);
  if (p === undefined) {
    const chain = fuseChain(top);
    p = compilePipeline(outputOfPhysical(chain.base), chain.conditions, chain.outputs, ansi);
    pipelines.set(top, p);
  }
  return p;
}

export function* executeChain(
  top: ProjectExec | FilterExec,
  ctx: ExecContext,
  partition: number,
  run: RunChild,
): Iterable<ColumnarBatch> {
  const chain = fuseChain(top);
  const pipeline = pipelineOf(top, ctx.conf.ansi);
  const out = outputOfPhysical(top);
  for (const b of run(chain.base, partition)) {
    const r = pipeline.run(b.columns, b.numRows);
    ctx.addMetric(top.id, "numOutputRows", r.numRows);
    if (r.numRows > 0) yield batchOf(out, r.numRows, r.columns);
  }
}

/**
 * Inputs of an operator fused on top of a Filter/Project chain of its own codegen subtree
 * (a partial aggregate, a join probe): `exprs` over the chain top's output become
 * expressions over the chain's base, evaluated by one generated function with the chain's
 * conditions.
 */
export function fuseInputs(
  owner: PhysicalPlan,
  child: PhysicalPlan,
  exprs: readonly Expression[],
): {
  readonly base: PhysicalPlan;
  readonly conditions: readonly Expression[];
  readonly exprs: readonly Expression[];
} {
  if (
    (child.kind !== "Project" && child.kind !== "Filter") ||
    owner.codegenStageId === 0 ||
    child.codegenStageId !== owner.codegenStageId
  ) {
    return { base: child, conditions: [], exprs };
  }
  const chain = fuseChain(child);
  const map = new Map<number, Expression>();
  outputOfPhysical(child).forEach((a, i) => {
    const o = chain.outputs[i] as Expression;
    map.set(a.exprId, o.kind === "Alias" ? o.child : o);
  });
  return {
    base: chain.base,
    conditions: chain.conditions,
    exprs: exprs.map((e) => substitute(e, map)),
  };
}
