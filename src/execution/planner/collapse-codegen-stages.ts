/**
 * CollapseCodegenStages: marks the maximal subtrees of codegen-capable operators that are
 * fused into one generated function, giving each a stage id (`*(n)` in EXPLAIN). Ids are
 * assigned after a subtree's inputs (post-order, left to right), as Spark numbers them.
 * Inputs of a subtree are the non-codegen children (exchanges, broadcasts) and, for a
 * sort-merge join, both children.
 */
import type { Expression } from "../../catalyst/expressions/expression.ts";
import { CodegenUnsupportedError, EmitContext, emitExpr } from "../codegen/expr-codegen.ts";
import { OPERATORS } from "../operators/registry.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { outputOfPhysical, physicalChildren, withNewPhysicalChildren } from "../plan/tree.ts";

/** The expressions a node evaluates over its (first) child's output. */
function nodeExpressions(p: PhysicalPlan): readonly Expression[] {
  switch (p.kind) {
    case "Project":
      return p.projectList;
    case "Filter":
      return [p.condition];
    case "HashAggregate":
      return [
        ...p.groupingExpressions,
        ...p.aggregateExpressions.flatMap((a) =>
          a.mode === "Partial" || a.mode === "Complete" ? a.fn.args : [],
        ),
      ];
    case "Sort":
      return p.order.map((o) => o.child);
    default:
      return [];
  }
}

/** Whether every expression of `p` compiles (Spark's `expressions.forall(supportCodegen)`). */
function expressionsCompile(p: PhysicalPlan): boolean {
  const exprs = nodeExpressions(p);
  if (exprs.length === 0) return true;
  const input =
    p.kind === "HashAggregate" || p.kind === "Project" || p.kind === "Filter" || p.kind === "Sort"
      ? outputOfPhysical(p.child)
      : [];
  try {
    const ctx = new EmitContext(input, true);
    for (const e of exprs) emitExpr(e, ctx);
    return true;
  } catch (e) {
    if (e instanceof CodegenUnsupportedError) return false;
    throw e;
  }
}

function supports(p: PhysicalPlan): boolean {
  return OPERATORS[p.kind].supportsCodegen(p as never) && expressionsCompile(p);
}

/** Children that always start a new subtree even when they support codegen. */
function isBoundaryChild(parent: PhysicalPlan): boolean {
  return parent.kind === "SortMergeJoin";
}

export function collapseCodegenStages(plan: PhysicalPlan, enabled: boolean): PhysicalPlan {
  if (!enabled) return plan;
  let counter = 0;
  const stageOf = new Map<PhysicalPlan, number>();

  const insertWholeStage = (p: PhysicalPlan): void => {
    // a LocalTableScan alone is not wrapped (Spark keeps its driver-local collect path)
    if (!supports(p) || p.kind === "LocalTableScan") {
      for (const c of physicalChildren(p)) insertWholeStage(c);
      return;
    }
    const members: PhysicalPlan[] = [];
    const collect = (q: PhysicalPlan): void => {
      members.push(q);
      for (const c of physicalChildren(q)) {
        if (!isBoundaryChild(q) && supports(c)) collect(c);
        else insertWholeStage(c);
      }
    };
    collect(p);
    counter += 1;
    for (const m of members) stageOf.set(m, counter);
  };
  insertWholeStage(plan);

  const rebuild = (p: PhysicalPlan): PhysicalPlan => {
    const kids = physicalChildren(p).map(rebuild);
    const withKids = withNewPhysicalChildren(p, kids);
    const id = stageOf.get(p) ?? 0;
    return id === withKids.codegenStageId
      ? withKids
      : (Object.freeze({ ...withKids, codegenStageId: id }) as PhysicalPlan);
  };
  return rebuild(plan);
}
