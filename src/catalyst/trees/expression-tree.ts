/**
 * Children and rebuilding for every expression kind, declared once as data
 * (`Record<ExpressionKind, ...>` so a new kind without an entry does not compile), and
 * the traversals built on them. Transforms return the very same object when nothing
 * changed, so "did this rule change anything?" is a pointer comparison.
 */
import type {
  Expression,
  ExpressionKind,
  FrameBoundary,
  NamedLambdaVariable,
  SortOrder,
  UnresolvedNamedLambdaVariable,
  WindowSpec,
} from "../expressions/expression.ts";

type Of<K extends ExpressionKind> = Extract<Expression, { kind: K }>;

interface Shape<K extends ExpressionKind> {
  readonly children: (e: Of<K>) => readonly Expression[];
  readonly rebuild: (e: Of<K>, c: readonly Expression[]) => Of<K>;
}

const leaf = <K extends ExpressionKind>(): Shape<K> => ({
  children: () => [],
  rebuild: (e) => e,
});

function at(c: readonly Expression[], i: number): Expression {
  const x = c[i];
  if (x === undefined) throw new Error(`missing child ${i}`);
  return x;
}

function freeze<T extends object>(o: T): T {
  return Object.freeze(o);
}

const unary = <K extends ExpressionKind>(): Shape<K> => ({
  children: (e) => [(e as unknown as { child: Expression }).child],
  rebuild: (e, c) => freeze({ ...e, child: at(c, 0) }),
});

const binary = <K extends ExpressionKind>(): Shape<K> => ({
  children: (e) => {
    const b = e as unknown as { left: Expression; right: Expression };
    return [b.left, b.right];
  },
  rebuild: (e, c) => freeze({ ...e, left: at(c, 0), right: at(c, 1) }),
});

const SHAPES: { readonly [K in ExpressionKind]: Shape<K> } = {
  Literal: leaf(),
  AttributeReference: leaf(),
  BoundReference: leaf(),
  OuterReference: leaf(),
  NamedLambdaVariable: leaf(),
  UnresolvedAttribute: leaf(),
  UnresolvedStar: leaf(),
  UnresolvedNamedLambdaVariable: leaf(),
  Parameter: leaf(),
  UnresolvedFunction: {
    children: (e) => (e.filter ? [...e.args, e.filter] : e.args),
    rebuild: (e, c) =>
      freeze({
        ...e,
        args: e.filter ? c.slice(0, -1) : c,
        filter: e.filter ? at(c, c.length - 1) : null,
      }),
  },
  UnresolvedAlias: unary(),
  UnresolvedExtractValue: {
    children: (e) => [e.child, e.extraction],
    rebuild: (e, c) => freeze({ ...e, child: at(c, 0), extraction: at(c, 1) }),
  },
  Alias: unary(),
  BinaryArithmetic: binary(),
  UnaryMinus: unary(),
  BinaryComparison: binary(),
  And: binary(),
  Or: binary(),
  Not: unary(),
  IsNull: unary(),
  IsNotNull: unary(),
  In: {
    children: (e) => [e.value, ...e.list],
    rebuild: (e, c) => freeze({ ...e, value: at(c, 0), list: c.slice(1) }),
  },
  InSet: unary(),
  Like: binary(),
  RLike: binary(),
  CaseWhen: {
    children: (e) => {
      const out: Expression[] = [];
      for (const [w, t] of e.branches) out.push(w, t);
      if (e.elseValue) out.push(e.elseValue);
      return out;
    },
    rebuild: (e, c) => {
      const branches: (readonly [Expression, Expression])[] = [];
      for (let i = 0; i < e.branches.length; i++) {
        branches.push(Object.freeze([at(c, 2 * i), at(c, 2 * i + 1)] as const));
      }
      return freeze({
        ...e,
        branches,
        elseValue: e.elseValue ? at(c, 2 * e.branches.length) : null,
      });
    },
  },
  If: {
    children: (e) => [e.predicate, e.trueValue, e.falseValue],
    rebuild: (e, c) =>
      freeze({ ...e, predicate: at(c, 0), trueValue: at(c, 1), falseValue: at(c, 2) }),
  },
  Coalesce: {
    children: (e) => e.children,
    rebuild: (e, c) => freeze({ ...e, children: c }),
  },
  Cast: unary(),
  SortOrder: unary(),
  GetStructField: unary(),
  GetArrayItem: {
    children: (e) => [e.child, e.ordinal],
    rebuild: (e, c) => freeze({ ...e, child: at(c, 0), ordinal: at(c, 1) }),
  },
  GetMapValue: {
    children: (e) => [e.child, e.key],
    rebuild: (e, c) => freeze({ ...e, child: at(c, 0), key: at(c, 1) }),
  },
  ScalarFunction: {
    children: (e) => e.args,
    rebuild: (e, c) => freeze({ ...e, args: c }),
  },
  LambdaFunction: {
    children: (e) => [e.body, ...e.params],
    rebuild: (e, c) =>
      freeze({
        ...e,
        body: at(c, 0),
        params: c.slice(1) as (NamedLambdaVariable | UnresolvedNamedLambdaVariable)[],
      }),
  },
  AggregateFunction: {
    children: (e) => e.args,
    rebuild: (e, c) => freeze({ ...e, args: c }),
  },
  AggregateExpression: {
    children: (e) => (e.filter ? [e.fn, e.filter] : [e.fn]),
    rebuild: (e, c) => {
      const fn = at(c, 0);
      if (fn.kind !== "AggregateFunction") throw new Error("AggregateExpression needs a function");
      return freeze({ ...e, fn, filter: e.filter ? at(c, 1) : null });
    },
  },
  WindowFunction: {
    children: (e) => e.args,
    rebuild: (e, c) => freeze({ ...e, args: c }),
  },
  FrameBoundary: {
    children: (e) => (e.offset ? [e.offset] : []),
    rebuild: (e, c) => freeze({ ...e, offset: e.offset ? at(c, 0) : null }),
  },
  WindowSpec: {
    children: (e) => {
      const out: Expression[] = [...e.partitionSpec, ...e.orderSpec];
      if (e.frame) out.push(e.frame.lower, e.frame.upper);
      return out;
    },
    rebuild: (e, c) => {
      const p = e.partitionSpec.length;
      const o = e.orderSpec.length;
      return freeze({
        ...e,
        partitionSpec: c.slice(0, p),
        orderSpec: c.slice(p, p + o) as SortOrder[],
        frame: e.frame
          ? freeze({
              frameType: e.frame.frameType,
              lower: at(c, p + o) as FrameBoundary,
              upper: at(c, p + o + 1) as FrameBoundary,
            })
          : null,
      });
    },
  },
  WindowExpression: {
    children: (e) => [e.fn, e.spec],
    rebuild: (e, c) => freeze({ ...e, fn: at(c, 0), spec: at(c, 1) as WindowSpec }),
  },
  Generator: {
    children: (e) => e.args,
    rebuild: (e, c) => freeze({ ...e, args: c }),
  },
  ScalarSubquery: {
    children: (e) => e.outerAttrs,
    rebuild: (e, c) => freeze({ ...e, outerAttrs: c }),
  },
  Exists: {
    children: (e) => e.outerAttrs,
    rebuild: (e, c) => freeze({ ...e, outerAttrs: c }),
  },
  ListQuery: {
    children: (e) => e.outerAttrs,
    rebuild: (e, c) => freeze({ ...e, outerAttrs: c }),
  },
  InSubquery: {
    children: (e) => [...e.values, e.query],
    rebuild: (e, c) => {
      const q = at(c, c.length - 1);
      if (q.kind !== "ListQuery") throw new Error("InSubquery needs a ListQuery");
      return freeze({ ...e, values: c.slice(0, -1), query: q });
    },
  },
};

function shapeOf<K extends ExpressionKind>(kind: K): Shape<K> {
  return SHAPES[kind] as Shape<K>;
}

export function childrenOf(e: Expression): readonly Expression[] {
  return shapeOf(e.kind).children(e as never);
}

/** A copy of `e` with new children; `e` itself when every child is the same object. */
export function withNewChildren(e: Expression, children: readonly Expression[]): Expression {
  const old = childrenOf(e);
  if (old.length === children.length && old.every((c, i) => c === children[i])) return e;
  return shapeOf(e.kind).rebuild(e as never, children);
}

function mapChildren(e: Expression, f: (c: Expression) => Expression): Expression {
  const old = childrenOf(e);
  if (old.length === 0) return e;
  let changed = false;
  const next = old.map((c) => {
    const n = f(c);
    if (n !== c) changed = true;
    return n;
  });
  return changed ? shapeOf(e.kind).rebuild(e as never, next) : e;
}

/** Pre-order rewrite: `rule` sees a node before its children. */
export function transformDown(
  e: Expression,
  rule: (e: Expression) => Expression | undefined,
): Expression {
  const self = rule(e) ?? e;
  return mapChildren(self, (c) => transformDown(c, rule));
}

/** Post-order rewrite: `rule` sees a node after its children were rewritten. */
export function transformUp(
  e: Expression,
  rule: (e: Expression) => Expression | undefined,
): Expression {
  const withKids = mapChildren(e, (c) => transformUp(c, rule));
  return rule(withKids) ?? withKids;
}

export function foreachExpr(e: Expression, f: (e: Expression) => void): void {
  f(e);
  for (const c of childrenOf(e)) foreachExpr(c, f);
}

export function existsExpr(e: Expression, p: (e: Expression) => boolean): boolean {
  if (p(e)) return true;
  for (const c of childrenOf(e)) if (existsExpr(c, p)) return true;
  return false;
}

export function collectExpr<T>(e: Expression, f: (e: Expression) => T | undefined): T[] {
  const out: T[] = [];
  foreachExpr(e, (x) => {
    const v = f(x);
    if (v !== undefined) out.push(v);
  });
  return out;
}
