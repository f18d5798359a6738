/**
 * ExtractWindowExpressions: window functions in a select list are computed by `Window`
 * nodes (one per distinct PARTITION BY / ORDER BY), and the select list refers to them.
 *
 *   Project [a#1, rank() OVER (...) AS r#5]       Project [a#1, r#5]
 *   +- child                               =>     +- Window [rank() ... AS r#5], [b#2], [c#3 ASC NULLS FIRST]
 *                                                    +- child
 *
 * Over an Aggregate, the aggregates and grouping columns the windows need are computed
 * by the Aggregate first (as `_w0`, `_w1`, ...), then the windows run over its output.
 */
import type {
  Alias,
  AttributeReference,
  Expression,
  NamedExpression,
  WindowExpression,
} from "../expressions/expression.ts";
import { alias } from "../expressions/factories.ts";
import { isResolved } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { toAttribute } from "../plans/output.ts";
import { exprString } from "../plans/tree-string.ts";
import { childrenOf, transformDown, withNewChildren } from "../trees/expression-tree.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { containsWindow, exprKey, isPlanResolved, stripAliases } from "./plan-utils.ts";
import type { AnalyzerRule } from "./rule.ts";

interface Extracted {
  readonly items: Expression[];
  readonly windows: NamedExpression[];
}

/** Replaces window expressions by attributes of aliases collected in `windows`. */
function extractWindows(list: readonly Expression[]): Extracted {
  const windows: NamedExpression[] = [];
  let n = 0;
  const items = list.map((item) => {
    if (item.kind === "Alias" && item.child.kind === "WindowExpression") {
      windows.push(item);
      return toAttribute(item);
    }
    return transformDown(item, (x) => {
      if (x.kind !== "WindowExpression") return undefined;
      const a = alias(x, `_we${n++}`);
      windows.push(a);
      return toAttribute(a);
    });
  });
  return { items, windows };
}

function specKey(w: NamedExpression): string {
  const we = (w as Alias).child as WindowExpression;
  return [...we.spec.partitionSpec, ...we.spec.orderSpec].map(exprString).join("|");
}

function buildWindows(windows: readonly NamedExpression[], child: LogicalPlan): LogicalPlan {
  const groups = new Map<string, NamedExpression[]>();
  for (const w of windows) {
    const k = specKey(w);
    const g = groups.get(k);
    if (g) g.push(w);
    else groups.set(k, [w]);
  }
  let plan = child;
  for (const ws of groups.values()) {
    const first = (ws[0] as Alias).child as WindowExpression;
    plan = Object.freeze({
      kind: "Window",
      windowExpressions: Object.freeze(ws),
      partitionSpec: first.spec.partitionSpec,
      orderSpec: first.spec.orderSpec,
      child: plan,
    });
  }
  return plan;
}

function overAggregate(p: Extract<LogicalPlan, { kind: "Aggregate" }>): LogicalPlan {
  const groupKeys = new Set(p.groupingExpressions.map(exprKey));
  const plainItems = p.aggregateExpressions.filter((e) => !containsWindow(e));
  const pushed: Alias[] = [];
  const known = new Map<string, AttributeReference>();
  for (const e of plainItems) known.set(exprKey(stripAliases(e)), toAttribute(e));
  let n = 0;
  const pushOne = (e: Expression): Expression => {
    const key = exprKey(e);
    const hit = known.get(key);
    if (hit) return hit;
    const a = alias(e, `_w${n++}`);
    pushed.push(a);
    const attr = toAttribute(a);
    known.set(key, attr);
    return attr;
  };
  const isPushable = (e: Expression) =>
    e.kind === "AggregateExpression" ||
    e.kind === "AttributeReference" ||
    groupKeys.has(exprKey(e));
  const pushDeep = (e: Expression): Expression =>
    isPushable(e) ? pushOne(e) : withNewChildren(e, childrenOf(e).map(pushDeep));
  const rewriteWindow = (w: WindowExpression): Expression => {
    const fn =
      w.fn.kind === "AggregateExpression"
        ? Object.freeze({
            ...w.fn,
            fn: Object.freeze({ ...w.fn.fn, args: Object.freeze(w.fn.fn.args.map(pushDeep)) }),
          })
        : withNewChildren(w.fn, childrenOf(w.fn).map(pushDeep));
    const spec = Object.freeze({
      ...w.spec,
      partitionSpec: Object.freeze(w.spec.partitionSpec.map(pushDeep)),
      orderSpec: Object.freeze(
        w.spec.orderSpec.map((o) => Object.freeze({ ...o, child: pushDeep(o.child) })),
      ),
    });
    return Object.freeze({ ...w, fn, spec });
  };
  const rewriteItem = (e: Expression): Expression => {
    if (e.kind === "WindowExpression") return rewriteWindow(e);
    if (e.kind === "Alias") return Object.freeze({ ...e, child: rewriteItem(e.child) });
    if (isPushable(e)) return pushOne(e);
    return withNewChildren(e, childrenOf(e).map(rewriteItem));
  };
  const rewritten = p.aggregateExpressions.map((item) =>
    containsWindow(item) ? rewriteItem(item) : toAttribute(item),
  );
  const agg = Object.freeze({
    ...p,
    aggregateExpressions: Object.freeze([...plainItems, ...pushed]),
  });
  const { items, windows } = extractWindows(rewritten);
  return Object.freeze({
    kind: "Project",
    projectList: Object.freeze(items),
    child: buildWindows(windows, agg),
  });
}

export const ExtractWindowExpressions: AnalyzerRule = {
  name: "ExtractWindowExpressions",
  apply: (plan) =>
    transformPlanUp(plan, (p) => {
      if (p.kind === "Project") {
        if (
          !isPlanResolved(p.child) ||
          !p.projectList.every(isResolved) ||
          !p.projectList.some(containsWindow)
        ) {
          return undefined;
        }
        const { items, windows } = extractWindows(p.projectList);
        const child = buildWindows(windows, p.child);
        return Object.freeze({ kind: "Project", projectList: Object.freeze(items), child });
      }
      if (p.kind === "Aggregate") {
        const all = [...p.groupingExpressions, ...p.aggregateExpressions];
        if (
          !isPlanResolved(p.child) ||
          !all.every(isResolved) ||
          !p.aggregateExpressions.some(containsWindow)
        ) {
          return undefined;
        }
        return overAggregate(p);
      }
      return undefined;
    }),
};
