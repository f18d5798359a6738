/**
 * Children, rebuilding and output of every physical node, declared once as data
 * (`Record<PhysicalKind, ...>`: a new node kind without an entry does not compile).
 */
import type { AttributeReference } from "../../catalyst/expressions/expression.ts";
import { withNullability } from "../../catalyst/expressions/factories.ts";
import { toAttribute } from "../../catalyst/plans/output.ts";
import type { PhysicalKind, PhysicalPlan } from "./physical-plan.ts";

type Of<K extends PhysicalKind> = Extract<PhysicalPlan, { kind: K }>;

interface Shape<K extends PhysicalKind> {
  readonly children: (p: Of<K>) => readonly PhysicalPlan[];
  readonly rebuild: (p: Of<K>, c: readonly PhysicalPlan[]) => Of<K>;
  readonly output: (p: Of<K>) => readonly AttributeReference[];
}

function at(c: readonly PhysicalPlan[], i: number): PhysicalPlan {
  const x = c[i];
  if (x === undefined) throw new Error(`missing child ${i}`);
  return x;
}

const unary = <K extends PhysicalKind>(
  output: (p: Of<K>) => readonly AttributeReference[] = (p) =>
    outputOfPhysical((p as unknown as { child: PhysicalPlan }).child),
): Shape<K> => ({
  children: (p) => [(p as unknown as { child: PhysicalPlan }).child],
  rebuild: (p, c) => Object.freeze({ ...p, child: at(c, 0) }) as unknown as Of<K>,
  output,
});

const binary = <K extends PhysicalKind>(): Shape<K> => ({
  children: (p) => {
    const b = p as unknown as { left: PhysicalPlan; right: PhysicalPlan };
    return [b.left, b.right];
  },
  rebuild: (p, c) => Object.freeze({ ...p, left: at(c, 0), right: at(c, 1) }) as unknown as Of<K>,
  output: (p) => (p as unknown as { output: readonly AttributeReference[] }).output,
});

const SHAPES: { readonly [K in PhysicalKind]: Shape<K> } = {
  LocalTableScan: { children: () => [], rebuild: (p) => p, output: (p) => p.output },
  Range: { children: () => [], rebuild: (p) => p, output: (p) => p.output },
  OneRowScan: { children: () => [], rebuild: (p) => p, output: () => [] },
  FileSourceScan: { children: () => [], rebuild: (p) => p, output: (p) => p.output },
  Project: unary((p) => p.projectList.map(toAttribute)),
  Filter: unary(),
  HashAggregate: unary((p) => p.resultExpressions.map(toAttribute)),
  Sort: unary(),
  TakeOrderedAndProject: unary((p) => p.projectList.map(toAttribute)),
  CollectLimit: unary(),
  LocalLimit: unary(),
  GlobalLimit: unary(),
  ShuffleExchange: unary(),
  BroadcastExchange: unary(),
  BroadcastHashJoin: binary(),
  SortMergeJoin: binary(),
  BroadcastNestedLoopJoin: binary(),
  CartesianProduct: binary(),
  Coalesce: unary(),
  Expand: unary((p) => p.output),
  Sample: unary(),
  WithSubqueries: unary(),
  InMemoryTableScan: unary((p) => p.output),
  Generate: unary((p) => [...p.requiredChildOutput, ...p.generatorOutput]),
  WriteFiles: unary((p) => p.output),
  Window: unary((p) => [...outputOfPhysical(p.child), ...p.windowExpressions.map(toAttribute)]),
  Union: {
    children: (p) => p.children,
    rebuild: (p, c) => Object.freeze({ ...p, children: c }),
    output: (p) => p.output,
  },
};

function shapeOf<K extends PhysicalKind>(kind: K): Shape<K> {
  return SHAPES[kind] as Shape<K>;
}

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  return shapeOf(p.kind).children(p as never);
}

const outputs = new WeakMap<PhysicalPlan, readonly AttributeReference[]>();

/** The attributes a physical node produces, in column order. */
export function outputOfPhysical(p: PhysicalPlan): readonly AttributeReference[] {
  let out = outputs.get(p);
  if (out === undefined) {
    out = Object.freeze([...shapeOf(p.kind).output(p as never)]);
    outputs.set(p, out);
  }
  return out;
}

/** A copy of `p` with new children; `p` itself when every child is the same object. */
export function withNewPhysicalChildren(
  p: PhysicalPlan,
  children: readonly PhysicalPlan[],
): PhysicalPlan {
  const old = physicalChildren(p);
  if (old.length === children.length && old.every((c, i) => c === children[i])) return p;
  return shapeOf(p.kind).rebuild(p as never, children);
}

/** Post-order rewrite: `rule` sees a node after its children were rewritten. */
export function transformPhysicalUp(
  p: PhysicalPlan,
  rule: (p: PhysicalPlan) => PhysicalPlan | undefined,
): PhysicalPlan {
  const kids = physicalChildren(p);
  const next = kids.map((c) => transformPhysicalUp(c, rule));
  const self = withNewPhysicalChildren(p, next);
  return rule(self) ?? self;
}

export function foreachPhysical(p: PhysicalPlan, f: (p: PhysicalPlan) => void): void {
  f(p);
  for (const c of physicalChildren(p)) foreachPhysical(c, f);
}

/** Output attributes made nullable (outer-join sides). */
export function nullableAll(attrs: readonly AttributeReference[]): AttributeReference[] {
  return attrs.map((a) => withNullability(a, true));
}
