/**
 * Physical plans as text, in Spark's formats: the tree (`*(n)` marks nodes fused into
 * whole-stage codegen subtree n), `formatted` (numbered outline, then per-node details,
 * plus metrics after a run), and `codegen` (the generated source of each subtree).
 */

import type { Expression } from "../../catalyst/expressions/expression.ts";
import { literal } from "../../catalyst/expressions/factories.ts";
import { renderTree } from "../../catalyst/plans/tree-string.ts";
import { StringT } from "../../types/data-types.ts";
import { inputPipelineOf } from "../operators/aggregate-input.ts";
import { probePipelineOf } from "../operators/broadcast-hash-join.ts";
import { partitioningString } from "../operators/exchange.ts";
import { fuseChain, pipelineOf } from "../operators/fused-pipeline.ts";
import type { OperatorMetrics } from "../operators/operator.ts";
import { OPERATORS } from "../operators/registry.ts";
import type { PhysicalPlan } from "../plan/physical-plan.ts";
import { foreachPhysical, outputOfPhysical, physicalChildren } from "../plan/tree.ts";
import { collectScalarSubqueries, substituteSubqueries } from "../planner/plan-subqueries.ts";
import { exprList, exprString } from "./expr-string.ts";

export function describeNode(p: PhysicalPlan, verbose = false): string {
  return OPERATORS[p.kind].describe(p as never, verbose);
}

/**
 * The plan tree under `== Physical Plan ==`: `explain()` prints it with `verbose` false,
 * `explain("extended")` with `verbose` true (aggregates then list their output).
 */
type TreeNode =
  | PhysicalPlan
  | { readonly kind: "SubqueryRef"; readonly exprId: number; readonly plan: PhysicalPlan };

function isSubqueryRef(n: TreeNode): n is Extract<TreeNode, { kind: "SubqueryRef" }> {
  return n.kind === "SubqueryRef";
}

export function physicalTreeString(plan: PhysicalPlan, verbose = false): string {
  // scalar subqueries print under the node whose expressions use them, as Spark does
  const subs = plan.kind === "WithSubqueries" ? plan.subqueries : [];
  const root = plan.kind === "WithSubqueries" ? plan.child : plan;
  // inside expressions a subquery prints as Spark's `Subquery scalar-subquery#4, [id=#26]`
  const subqueryText = new Map<number, Expression>(
    subs.map((s) => [
      s.exprId,
      literal(`Subquery scalar-subquery#${s.exprId}, [id=#${s.plan.id}]`, StringT),
    ]),
  );
  return renderTree<TreeNode>(root, {
    text: (n) =>
      isSubqueryRef(n)
        ? `Subquery scalar-subquery#${n.exprId}, [id=#${n.plan.id}]`
        : `${n.codegenStageId > 0 ? `*(${n.codegenStageId}) ` : ""}${describeNode(subs.length > 0 ? substituteSubqueries(n, subqueryText) : n, verbose)}`,
    children: (n) => (isSubqueryRef(n) ? [n.plan] : physicalChildren(n)),
    innerChildren: (n) => {
      if (isSubqueryRef(n) || subs.length === 0) return [];
      const own: Record<string, unknown> = { ...n };
      delete own.child;
      delete own.children;
      delete own.left;
      delete own.right;
      const ids = new Set(collectScalarSubqueries(own).map((s) => s.exprId));
      return subs
        .filter((s) => ids.has(s.exprId))
        .map((s) => ({ kind: "SubqueryRef" as const, exprId: s.exprId, plan: s.plan }));
    },
  });
}

function nodeName(p: PhysicalPlan): string {
  const d = describeNode(p);
  const m = /^[A-Za-z]+/.exec(d);
  return m ? m[0] : p.kind;
}

function details(p: PhysicalPlan): string[] {
  const input = physicalChildren(p).flatMap((c) => outputOfPhysical(c));
  const line = (label: string, es: readonly Parameters<typeof exprString>[0][]): string =>
    `${label} [${es.length}]: ${exprList(es)}`;
  switch (p.kind) {
    case "LocalTableScan":
      return [line("Output", p.output), `Arguments: ${exprList(p.output)}`];
    case "Range":
      return [
        line("Output", p.output),
        `Arguments: Range (${p.start}, ${p.end}, step=${p.step}, splits=Some(${p.numSlices}))`,
      ];
    case "Project":
      return [line("Output", outputOfPhysical(p)), line("Input", input)];
    case "Filter":
      return [line("Input", input), `Condition : ${exprString(p.condition)}`];
    case "HashAggregate":
      return [
        line("Input", input),
        line("Keys", p.groupingExpressions),
        line("Functions", p.aggregateExpressions),
        line("Aggregate Attributes", p.aggregateAttributes),
        line("Results", p.resultExpressions),
      ];
    case "ShuffleExchange":
      return [
        line("Input", input),
        `Arguments: ${partitioningString(p.partitioning)}, ${p.origin}, [plan_id=${p.id}]`,
      ];
    case "Sort":
      return [line("Input", input), `Arguments: ${exprList(p.order)}, ${p.global}, 0`];
    case "BroadcastHashJoin":
    case "SortMergeJoin":
      return [
        line("Left keys", p.leftKeys),
        line("Right keys", p.rightKeys),
        `Join type: ${p.joinType}`,
        `Join condition: ${p.condition ? exprString(p.condition) : "None"}`,
      ];
    case "BroadcastNestedLoopJoin":
      return [
        `Join type: ${p.joinType}`,
        `Join condition: ${p.condition ? exprString(p.condition) : "None"}`,
      ];
    default:
      return [
        line("Input", input),
        `Arguments: ${describeNode(p).slice(nodeName(p).length).trim()}`,
      ];
  }
}

/** `explain("formatted")`: numbered outline then details; `metrics` after a run. */
export function formattedString(plan: PhysicalPlan, metrics?: OperatorMetrics): string {
  if (plan.kind === "WithSubqueries") {
    // the main plan, then each subquery's own outline and details (Spark's "Subqueries" section)
    const main = formattedString(plan.child, metrics);
    const sections = plan.subqueries.map(
      (s, i) =>
        `Subquery:${i + 1} Hosting Expression = Subquery scalar-subquery#${s.exprId}, [id=#${s.plan.id}]\n${formattedString(s.plan, metrics)}`,
    );
    return `${main}\n===== Subqueries =====\n\n${sections.join("\n")}`;
  }
  const numbers = new Map<PhysicalPlan, number>();
  let n = 0;
  const number = (p: PhysicalPlan): void => {
    for (const c of physicalChildren(p)) number(c);
    numbers.set(p, ++n);
  };
  number(plan);
  const outline = renderTree(plan, {
    text: (p) => `${p.codegenStageId > 0 ? "* " : ""}${nodeName(p)} (${numbers.get(p)})`,
    children: physicalChildren,
  });
  const ordered = [...numbers.entries()].sort((a, b) => a[1] - b[1]);
  const sections = ordered.map(([p, k]) => {
    const head = `(${k}) ${nodeName(p)}${p.codegenStageId > 0 ? ` [codegen id : ${p.codegenStageId}]` : ""}`;
    const m = metrics?.[String(p.id)];
    const metricLines =
      m && Object.keys(m).length > 0
        ? [
            `Metrics: ${Object.entries(m)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, v]) => `${key}=${v}`)
              .join(", ")}`,
          ]
        : [];
    return [head, ...details(p), ...metricLines].join("\n");
  });
  return `${outline}\n\n${sections.join("\n\n")}\n`;
}

/** `explain("codegen")`: each whole-stage codegen subtree and its generated source. */
export function codegenString(plan: PhysicalPlan, ansi = true): string {
  const tops: PhysicalPlan[] = [];
  const seen = new Set<number>();
  foreachPhysical(plan, (p) => {
    if (p.codegenStageId > 0 && !seen.has(p.codegenStageId)) {
      seen.add(p.codegenStageId);
      tops.push(p);
    }
  });
  tops.sort((a, b) => a.codegenStageId - b.codegenStageId);
  const parts = tops.map((top, i) => {
    const sources: string[] = [];
    const fused = new Set<number>();
    foreachPhysical(top, (p) => {
      if (p.codegenStageId !== top.codegenStageId || fused.has(p.id)) return;
      if (p.kind === "BroadcastHashJoin") {
        const stream = p.buildSide === "BuildLeft" ? p.right : p.left;
        if (
          (stream.kind === "Project" || stream.kind === "Filter") &&
          stream.codegenStageId === p.codegenStageId
        ) {
          for (const id of fuseChain(stream).nodes) fused.add(id);
        }
        sources.push(
          `// broadcast hash join probe of node ${p.id}\n${probePipelineOf(p, ansi).compiled.source}`,
        );
      } else if (p.kind === "HashAggregate") {
        const child = p.child;
        if (
          (child.kind === "Project" || child.kind === "Filter") &&
          child.codegenStageId === p.codegenStageId
        ) {
          for (const id of fuseChain(child).nodes) fused.add(id);
        }
        sources.push(
          `// hash aggregate input of node ${p.id}\n${inputPipelineOf(p, ansi).compiled.source}`,
        );
      } else if (p.kind === "Project" || p.kind === "Filter") {
        const chain = fuseChain(p);
        for (const id of chain.nodes) fused.add(id);
        sources.push(
          `// pipeline of nodes ${chain.nodes.join(", ")}\n${pipelineOf(p, ansi).source}`,
        );
      }
    });
    const code =
      sources.length > 0
        ? sources.join("\n\n")
        : "// no generated pipeline: operators run their built-in loops";
    const numbered = code
      .split("\n")
      .map((l, k) => `/* ${String(k + 1).padStart(3, "0")} */ ${l}`)
      .join("\n");
    return `== Subtree ${i + 1} / ${tops.length} ==\n${physicalTreeString(top)}\nGenerated code:\n${numbered}\n`;
  });
  return `Found ${tops.length} WholeStageCodegen subtrees.\n${parts.join("\n")}`;
}
