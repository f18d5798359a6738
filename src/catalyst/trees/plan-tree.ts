/**
 * Children and expressions of every logical plan kind, declared once as data, and the
 * traversals built on them. As for expressions, transforms return the same object when
 * nothing changed.
 */
import type { Expression, SortOrder } from "../expressions/expression.ts";
import type { LogicalPlan, LogicalPlanKind } from "../plans/logical-plan.ts";
import {
  transformDown as transformExprDown,
  transformUp as transformExprUp,
} from "./expression-tree.ts";

type Of<K extends LogicalPlanKind> = Extract<LogicalPlan, { kind: K }>;

interface Shape<K extends LogicalPlanKind> {
  readonly children: (p: Of<K>) => readonly LogicalPlan[];
  readonly withChildren: (p: Of<K>, c: readonly LogicalPlan[]) => Of<K>;
  readonly expressions: (p: Of<K>) => readonly Expression[];
  readonly withExpressions: (p: Of<K>, e: readonly Expression[]) => Of<K>;
}

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`missing element ${i}`);
  return x;
}

const f = Object.freeze;

const noExprs = {
  expressions: () => [],
  withExpressions: <T>(p: T) => p,
};

const leafShape = <K extends LogicalPlanKind>(): Shape<K> => ({
  children: () => [],
  withChildren: (p) => p,
  ...noExprs,
});

const unaryChild = {
  children: (p: { child: LogicalPlan }) => [p.child],
  withChildren: <T extends { child: LogicalPlan }>(p: T, c: readonly LogicalPlan[]): T =>
    f({ ...p, child: at(c, 0) }),
};

const binaryChildren = {
  children: (p: { left: LogicalPlan; right: LogicalPlan }) => [p.left, p.right],
  withChildren: <T extends { left: LogicalPlan; right: LogicalPlan }>(
    p: T,
    c: readonly LogicalPlan[],
  ): T => f({ ...p, left: at(c, 0), right: at(c, 1) }),
};

const SHAPES: { readonly [K in LogicalPlanKind]: Shape<K> } = {
  LocalRelation: leafShape(),
  Range: leafShape(),
  OneRowRelation: leafShape(),
  UnresolvedRelation: leafShape(),
  CachedRelation: leafShape(),
  CteRelationRef: leafShape(),
  FileRelation: {
    children: () => [],
    withChildren: (p) => p,
    expressions: (p) => p.pushedFilters,
    withExpressions: (p, e) => f({ ...p, pushedFilters: e }),
  },
  Project: {
    ...unaryChild,
    expressions: (p) => p.projectList,
    withExpressions: (p, e) => f({ ...p, projectList: e }),
  },
  Filter: {
    ...unaryChild,
    expressions: (p) => [p.condition],
    withExpressions: (p, e) => f({ ...p, condition: at(e, 0) }),
  },
  Aggregate: {
    ...unaryChild,
    expressions: (p) => [...p.groupingExpressions, ...p.aggregateExpressions],
    withExpressions: (p, e) =>
      f({
        ...p,
        groupingExpressions: e.slice(0, p.groupingExpressions.length),
        aggregateExpressions: e.slice(p.groupingExpressions.length),
      }),
  },
  Sort: {
    ...unaryChild,
    expressions: (p) => p.order,
    withExpressions: (p, e) => f({ ...p, order: e as SortOrder[] }),
  },
  GlobalLimit: {
    ...unaryChild,
    expressions: (p) => [p.limit],
    withExpressions: (p, e) => f({ ...p, limit: at(e, 0) }),
  },
  LocalLimit: {
    ...unaryChild,
    expressions: (p) => [p.limit],
    withExpressions: (p, e) => f({ ...p, limit: at(e, 0) }),
  },
  Offset: {
    ...unaryChild,
    expressions: (p) => [p.offset],
    withExpressions: (p, e) => f({ ...p, offset: at(e, 0) }),
  },
  Distinct: { ...unaryChild, ...noExprs },
  Deduplicate: {
    ...unaryChild,
    expressions: (p) => p.keys,
    withExpressions: (p, e) => f({ ...p, keys: e }),
  },
  Window: {
    ...unaryChild,
    expressions: (p) => [...p.windowExpressions, ...p.partitionSpec, ...p.orderSpec],
    withExpressions: (p, e) => {
      const w = p.windowExpressions.length;
      const ps = p.partitionSpec.length;
      return f({
        ...p,
        windowExpressions: e.slice(0, w) as typeof p.windowExpressions,
        partitionSpec: e.slice(w, w + ps),
        orderSpec: e.slice(w + ps) as SortOrder[],
      });
    },
  },
  SubqueryAlias: { ...unaryChild, ...noExprs },
  Repartition: { ...unaryChild, ...noExprs },
  RepartitionByExpression: {
    ...unaryChild,
    expressions: (p) => p.partitionExpressions,
    withExpressions: (p, e) => f({ ...p, partitionExpressions: e }),
  },
  Sample: { ...unaryChild, ...noExprs },
  Expand: {
    ...unaryChild,
    expressions: (p) => p.projections.flat(),
    withExpressions: (p, e) => {
      const projections: Expression[][] = [];
      let i = 0;
      for (const proj of p.projections) {
        projections.push(e.slice(i, i + proj.length));
        i += proj.length;
      }
      return f({ ...p, projections });
    },
  },
  Generate: {
    ...unaryChild,
    expressions: (p) => [p.generator],
    withExpressions: (p, e) => f({ ...p, generator: at(e, 0) }),
  },
  UnresolvedHint: {
    ...unaryChild,
    expressions: (p) => p.parameters,
    withExpressions: (p, e) => f({ ...p, parameters: e }),
  },
  ResolvedHint: { ...unaryChild, ...noExprs },
  WithCte: {
    children: (p) => [p.child],
    withChildren: (p, c) => f({ ...p, child: at(c, 0) }),
    ...noExprs,
  },
  WithColumns: {
    ...unaryChild,
    expressions: (p) => p.exprs,
    withExpressions: (p, e) => f({ ...p, exprs: e }),
  },
  WithColumnsRenamed: { ...unaryChild, ...noExprs },
  DropColumns: {
    ...unaryChild,
    expressions: (p) => p.columns,
    withExpressions: (p, e) => f({ ...p, columns: e }),
  },
  // Pivot and Unpivot hold unresolved names that ResolvePivot resolves against their child
  // itself: other rules leave their expressions alone
  Pivot: { ...unaryChild, ...noExprs },
  Unpivot: { ...unaryChild, ...noExprs },
  NaFill: {
    ...unaryChild,
    expressions: (p) => p.values,
    withExpressions: (p, e) => f({ ...p, values: e }),
  },
  NaDrop: { ...unaryChild, ...noExprs },
  Describe: { ...unaryChild, ...noExprs },
  Join: {
    ...binaryChildren,
    expressions: (p) => (p.condition ? [p.condition] : []),
    withExpressions: (p, e) => f({ ...p, condition: p.condition ? at(e, 0) : null }),
  },
  Union: {
    children: (p) => p.children,
    withChildren: (p, c) => f({ ...p, children: c }),
    ...noExprs,
  },
  Intersect: { ...binaryChildren, ...noExprs },
  Except: { ...binaryChildren, ...noExprs },
};

function shapeOf<K extends LogicalPlanKind>(kind: K): Shape<K> {
  return SHAPES[kind] as Shape<K>;
}

export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  return shapeOf(p.kind).children(p as never);
}

export function planExpressions(p: LogicalPlan): readonly Expression[] {
  return shapeOf(p.kind).expressions(p as never);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function withNewPlanChildren(p: LogicalPlan, children: readonly LogicalPlan[]): LogicalPlan {
  if (sameList(planChildren(p), children)) return p;
  return shapeOf(p.kind).withChildren(p as never, children);
}

export function withNewExpressions(p: LogicalPlan, exprs: readonly Expression[]): LogicalPlan {
  if (sameList(planExpressions(p), exprs)) return p;
  return shapeOf(p.kind).withExpressions(p as never, exprs);
}

function mapPlanChildren(p: LogicalPlan, fn: (c: LogicalPlan) => LogicalPlan): LogicalPlan {
  const old = planChildren(p);
  if (old.length === 0) return p;
  return withNewPlanChildren(p, old.map(fn));
}

/** Pre-order plan rewrite. `rule` returns undefined (or the same node) for no change. */
export function transformPlanDown(
  p: LogicalPlan,
  rule: (p: LogicalPlan) => LogicalPlan | undefined,
): LogicalPlan {
  const self = rule(p) ?? p;
  return mapPlanChildren(self, (c) => transformPlanDown(c, rule));
}

/** Post-order plan rewrite. */
export function transformPlanUp(
  p: LogicalPlan,
  rule: (p: LogicalPlan) => LogicalPlan | undefined,
): LogicalPlan {
  const withKids = mapPlanChildren(p, (c) => transformPlanUp(c, rule));
  return rule(withKids) ?? withKids;
}

/** Rewrites the expressions of this node only. */
export function mapExpressions(p: LogicalPlan, fn: (e: Expression) => Expression): LogicalPlan {
  const old = planExpressions(p);
  if (old.length === 0) return p;
  return withNewExpressions(p, old.map(fn));
}

/** Rewrites every expression of every node, bottom-up within each expression. */
export function transformAllExpressionsUp(
  p: LogicalPlan,
  rule: (e: Expression) => Expression | undefined,
): LogicalPlan {
  return transformPlanUp(p, (node) => mapExpressions(node, (e) => transformExprUp(e, rule)));
}

export function transformAllExpressionsDown(
  p: LogicalPlan,
  rule: (e: Expression) => Expression | undefined,
): LogicalPlan {
  return transformPlanDown(p, (node) => mapExpressions(node, (e) => transformExprDown(e, rule)));
}

export function foreachPlan(p: LogicalPlan, fn: (p: LogicalPlan) => void): void {
  fn(p);
  for (const c of planChildren(p)) foreachPlan(c, fn);
}

export function collectPlans<T>(p: LogicalPlan, fn: (p: LogicalPlan) => T | undefined): T[] {
  const out: T[] = [];
  foreachPlan(p, (x) => {
    const v = fn(x);
    if (v !== undefined) out.push(v);
  });
  return out;
}
