/**
 * Constraint propagation (Spark's QueryPlanConstraints): the predicates known to hold on
 * every row a plan produces, derived from filters and join conditions and carried
 * through projections (with their aliases), aggregates and joins. Used to infer new
 * filters (`IsNotNull` on join keys, equalities transferred across joins) and to prune
 * filters that are already implied.
 */
import type { AttributeReference, Expression, ExprId } from "../expressions/expression.ts";
import { comparison, isNotNull, splitConjuncts } from "../expressions/factories.ts";
import { isDeterministic } from "../expressions/typing.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf, toAttribute } from "../plans/output.ts";
import { childrenOf, transformUp } from "../trees/expression-tree.ts";
import {
  containsSemantic,
  hasSubquery,
  isSubsetOf,
  outputIds,
  referencesOf,
  semanticEquals,
} from "./util/expressions.ts";

/** Appends `es` to `set` unless semantically present already (an ordered ExpressionSet). */
export function addAll(set: Expression[], es: readonly Expression[]): Expression[] {
  for (const e of es) if (!containsSemantic(set, e)) set.push(e);
  return set;
}

/** Expressions whose result is null whenever one of their inputs is (Spark's NullIntolerant). */
function isNullIntolerant(e: Expression): boolean {
  switch (e.kind) {
    case "BinaryComparison":
      return e.op !== "<=>";
    case "BinaryArithmetic":
      return e.evalMode !== "TRY";
    case "UnaryMinus":
    case "Not":
    case "Cast":
    case "Like":
    case "RLike":
    case "GetStructField":
    case "GetArrayItem":
    case "GetMapValue":
      return true;
    default:
      return false;
  }
}

/** The attributes a null would make `e` null through (Spark's scanNullIntolerantAttribute). */
function nullIntolerantAttributes(e: Expression): AttributeReference[] {
  if (e.kind === "AttributeReference") return [e];
  if (!isNullIntolerant(e)) return [];
  return childrenOf(e).flatMap(nullIntolerantAttributes);
}

/** `IsNotNull` constraints implied by null-intolerant constraints and non-nullable output. */
export function isNotNullConstraints(
  constraints: readonly Expression[],
  output: readonly AttributeReference[],
): Expression[] {
  const out: Expression[] = [];
  for (const c of constraints) {
    if (c.kind === "IsNotNull") continue;
    const attrs =
      c.kind === "Not" ? nullIntolerantAttributes(c.child) : nullIntolerantAttributes(c);
    addAll(
      out,
      attrs.map((a) => isNotNull(a)),
    );
  }
  addAll(
    out,
    output.filter((a) => !a.nullable).map((a) => isNotNull(a)),
  );
  return out;
}

/**
 * Constraints implied by equalities between attributes: from `a = b` and `f(a)` infer
 * `f(b)` and from `f(b)` infer `f(a)`; `a = cast(b)` carries `b`'s predicates over to
 * the cast (Spark's inferAdditionalConstraints, one step of the closure per call).
 */
export function inferAdditionalConstraints(constraints: readonly Expression[]): Expression[] {
  const inferred: Expression[] = [];
  const predicates = constraints.filter((c) => c.kind !== "IsNotNull");
  const replaceIn = (eq: Expression, source: Expression, target: Expression) => {
    for (const p of predicates) {
      if (p === eq) continue;
      const q = transformUp(p, (x) => (semanticEquals(x, source) ? target : undefined));
      if (q === p) continue;
      // `x = x` says nothing new (and is not even true for nulls).
      const trivial =
        q.kind === "BinaryComparison" &&
        (q.op === "=" || q.op === "<=>") &&
        semanticEquals(q.left, q.right);
      if (!trivial) addAll(inferred, [q]);
    }
  };
  for (const eq of predicates) {
    if (eq.kind !== "BinaryComparison" || eq.op !== "=") continue;
    const { left: l, right: r } = eq;
    const isCastOfAttr = (x: Expression) =>
      x.kind === "Cast" && x.child.kind === "AttributeReference";
    if (l.kind === "AttributeReference" && r.kind === "AttributeReference") {
      replaceIn(eq, l, r);
      replaceIn(eq, r, l);
    } else if (isCastOfAttr(l) && r.kind === "AttributeReference") {
      replaceIn(eq, r, l);
    } else if (l.kind === "AttributeReference" && isCastOfAttr(r)) {
      replaceIn(eq, l, r);
    }
  }
  return inferred.filter((c) => !containsSemantic(constraints, c));
}

function aliasedConstraints(
  projectList: readonly Expression[],
  childConstraints: readonly Expression[],
): Expression[] {
  const all: Expression[] = [...childConstraints];
  for (const e of projectList) {
    if (e.kind !== "Alias") continue;
    const attr = toAttribute(e);
    // Constraints on the aliased expression also hold on the alias.
    if (e.child.kind === "Literal" || !isDeterministic(e.child)) {
      if (e.child.kind === "Literal") addAll(all, [comparison("<=>", attr, e.child)]);
      continue;
    }
    for (const c of [...all]) {
      const replaced = transformUp(c, (x) => (semanticEquals(x, e.child) ? attr : undefined));
      if (replaced !== c) addAll(all, [replaced]);
    }
    if (!hasSubquery(e.child)) {
      addAll(all, [comparison("<=>", e.child, attr)]);
    }
  }
  return all;
}

function valid(c: Expression, ids: ReadonlySet<ExprId>): boolean {
  const refs = referencesOf(c);
  return refs.size > 0 && isSubsetOf(refs, ids) && isDeterministic(c) && !hasSubquery(c);
}

function predicatesOf(e: Expression | null): Expression[] {
  return e ? splitConjuncts(e).filter((c) => isDeterministic(c) && !hasSubquery(c)) : [];
}

/** The constraints a node itself establishes, before inference (Spark's validConstraints). */
function validConstraints(p: LogicalPlan): Expression[] {
  switch (p.kind) {
    case "Filter":
      return addAll([...constraintsOf(p.child)], predicatesOf(p.condition));
    case "Project":
      return aliasedConstraints(p.projectList, constraintsOf(p.child));
    case "Aggregate":
      return aliasedConstraints(
        p.aggregateExpressions.filter((e) => !hasAggregate(e)),
        constraintsOf(p.child),
      );
    case "Join":
      switch (p.joinType) {
        case "Inner":
        case "Cross":
        case "LeftSemi":
          return addAll(
            addAll(
              [...constraintsOf(p.left)],
              p.joinType === "LeftSemi" ? [] : constraintsOf(p.right),
            ),
            predicatesOf(p.condition),
          );
        case "LeftAnti":
        case "LeftOuter":
          return [...constraintsOf(p.left)];
        case "RightOuter":
          return [...constraintsOf(p.right)];
        case "FullOuter":
          return [];
        default:
          return [];
      }
    case "Except":
      return [...constraintsOf(p.left)];
    case "Union": {
      // What every branch guarantees, in terms of the first branch's columns.
      const first = p.children[0];
      if (!first) return [];
      const firstOut = outputOf(first);
      let common: Expression[] | undefined;
      for (const c of p.children) {
        const out = outputOf(c);
        const toFirst = new Map(out.map((a, i) => [a.exprId, firstOut[i] as Expression]));
        const mapped = constraintsOf(c).map((x) =>
          transformUp(x, (y) =>
            y.kind === "AttributeReference" ? toFirst.get(y.exprId) : undefined,
          ),
        );
        common = common === undefined ? mapped : common.filter((x) => containsSemantic(mapped, x));
      }
      return common ?? [];
    }
    case "Intersect":
      return addAll([...constraintsOf(p.left)], constraintsOf(p.right));
    case "Sort":
    case "GlobalLimit":
    case "LocalLimit":
    case "Offset":
    case "Distinct":
    case "Deduplicate":
    case "Repartition":
    case "RepartitionByExpression":
    case "Sample":
    case "SubqueryAlias":
    case "ResolvedHint":
    case "Window":
      return [...constraintsOf(p.child)];
    default:
      return [];
  }
}

function hasAggregate(e: Expression): boolean {
  let found = false;
  transformUp(e, (x) => {
    if (x.kind === "AggregateExpression" || x.kind === "AggregateFunction") found = true;
    return undefined;
  });
  return found;
}

const cache = new WeakMap<LogicalPlan, readonly Expression[]>();

/** The constraints that hold on every row `p` produces (cached per plan node). */
export function constraintsOf(p: LogicalPlan): readonly Expression[] {
  let c = cache.get(p);
  if (c) return c;
  let out: readonly AttributeReference[];
  try {
    out = outputOf(p);
  } catch {
    c = Object.freeze([]);
    cache.set(p, c);
    return c;
  }
  const base = validConstraints(p);
  const all = addAll([...base], inferAdditionalConstraints(base));
  addAll(all, isNotNullConstraints(all, out));
  const ids = outputIds(p);
  c = Object.freeze(all.filter((x) => valid(x, ids)));
  cache.set(p, c);
  return c;
}
