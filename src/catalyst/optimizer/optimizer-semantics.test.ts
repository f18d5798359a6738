/**
 * Optimizer on vs off: random plans over small relations with nulls are run by a tiny
 * reference interpreter before and after optimization, and must return the same rows
 * (as multisets; only the row count under a top-level limit, nothing for plans with a
 * limit deeper down, where the choice of rows is arbitrary).
 * The interpreter is deliberately naive (nested loops, three-valued logic spelled out).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BooleanT, IntegerT, LongT } from "../../types/data-types.ts";
import type { AttributeReference, Expression, ExprId } from "../expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  attribute,
  comparison,
  isNotNull,
  isNull,
  literal,
  not,
  or,
  sortOrder,
} from "../expressions/factories.ts";
import {
  aggregate,
  distinct,
  filter,
  join,
  limit,
  localRelation,
  project,
  sort,
  union,
} from "../plans/factories.ts";
import type { JoinType, LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { childrenOf, withNewChildren } from "../trees/expression-tree.ts";
import { collectPlans } from "../trees/plan-tree.ts";
import { optimize } from "./optimizer.ts";
import { planText, testContext } from "./testing.ts";

type Row = readonly unknown[];
type Env = ReadonlyMap<ExprId, unknown>;

function envOf(plan: LogicalPlan, row: Row, outer: Env): Map<ExprId, unknown> {
  const m = new Map(outer);
  outputOf(plan).forEach((a, i) => {
    m.set(a.exprId, row[i] ?? null);
  });
  return m;
}

function truthy(v: unknown): boolean {
  return v === true;
}

function evalExpr(e: Expression, env: Env): unknown {
  switch (e.kind) {
    case "Literal":
      return e.value;
    case "AttributeReference":
      return env.has(e.exprId) ? env.get(e.exprId) : fail(`unbound ${e.name}#${e.exprId}`);
    case "OuterReference":
      return env.get(e.child.exprId) ?? null;
    case "Alias":
      return evalExpr(e.child, env);
    case "Cast": {
      const v = evalExpr(e.child, env);
      return v === null ? null : e.dataType.kind === "long" ? BigInt(Number(v)) : Number(v);
    }
    case "BinaryArithmetic": {
      const l = evalExpr(e.left, env);
      const r = evalExpr(e.right, env);
      if (l === null || r === null) return null;
      const [x, y] = [Number(l), Number(r)];
      const v = e.op === "+" ? x + y : e.op === "-" ? x - y : e.op === "*" ? x * y : fail(e.op);
      return typeof l === "bigint" ? BigInt(v) : v;
    }
    case "BinaryComparison": {
      const l = evalExpr(e.left, env);
      const r = evalExpr(e.right, env);
      if (e.op === "<=>") return l === null || r === null ? l === r : Number(l) === Number(r);
      if (l === null || r === null) return null;
      const [x, y] = [Number(l), Number(r)];
      switch (e.op) {
        case "=":
          return x === y;
        case "<":
          return x < y;
        case "<=":
          return x <= y;
        case ">":
          return x > y;
        default:
          return x >= y;
      }
    }
    case "And": {
      const l = evalExpr(e.left, env);
      const r = evalExpr(e.right, env);
      if (l === false || r === false) return false;
      return l === null || r === null ? null : true;
    }
    case "Or": {
      const l = evalExpr(e.left, env);
      const r = evalExpr(e.right, env);
      if (l === true || r === true) return true;
      return l === null || r === null ? null : false;
    }
    case "Not": {
      const v = evalExpr(e.child, env);
      return v === null ? null : !v;
    }
    case "IsNull":
      return evalExpr(e.child, env) === null;
    case "IsNotNull":
      return evalExpr(e.child, env) !== null;
    case "If": {
      return truthy(evalExpr(e.predicate, env))
        ? evalExpr(e.trueValue, env)
        : evalExpr(e.falseValue, env);
    }
    case "Coalesce": {
      for (const c of e.children) {
        const v = evalExpr(c, env);
        if (v !== null) return v;
      }
      return null;
    }
    case "In": {
      const v = evalExpr(e.value, env);
      if (v === null) return null;
      let sawNull = false;
      for (const x of e.list) {
        const w = evalExpr(x, env);
        if (w === null) sawNull = true;
        else if (Number(w) === Number(v)) return true;
      }
      return sawNull ? null : false;
    }
    case "InSet": {
      const v = evalExpr(e.child, env);
      if (v === null) return null;
      if (e.values.some((w) => Number(w) === Number(v))) return true;
      return e.hasNull ? null : false;
    }
    case "Exists":
      return run(e.plan, env).length > 0;
    case "ScalarSubquery": {
      const rows = run(e.plan, env);
      if (rows.length > 1) return fail("scalar subquery returned more than one row");
      return rows[0]?.[0] ?? null;
    }
    case "InSubquery": {
      const v = evalExpr(e.values[0] as Expression, env);
      const rows = run(e.query.plan, env);
      if (rows.length === 0) return false;
      if (v === null) return null;
      let sawNull = false;
      for (const r of rows) {
        if (r[0] === null) sawNull = true;
        else if (Number(r[0]) === Number(v)) return true;
      }
      return sawNull ? null : false;
    }
    default:
      return fail(`cannot evaluate ${e.kind}`);
  }
}

function fail(msg: string): never {
  throw new Error(msg);
}

function aggregateValue(e: Expression, group: readonly Env[]): unknown {
  if (e.kind === "Alias") return aggregateValue(e.child, group);
  if (e.kind === "AggregateExpression") {
    const filter = e.filter;
    const rows = filter ? group.filter((env) => truthy(evalExpr(filter, env))) : group;
    const vals = rows.map((env) => evalExpr(e.fn.args[0] as Expression, env));
    let nonNull = vals.filter((v) => v !== null);
    if (e.isDistinct) nonNull = [...new Map(nonNull.map((v) => [String(v), v])).values()];
    switch (e.fn.name) {
      case "count":
        return BigInt(nonNull.length);
      case "sum":
        return nonNull.length === 0
          ? null
          : BigInt(nonNull.reduce((s: number, v) => s + Number(v), 0));
      case "max":
        return nonNull.length === 0 ? null : BigInt(Math.max(...nonNull.map(Number)));
      case "first": {
        const ignoreNulls = e.fn.args[1]?.kind === "Literal" && e.fn.args[1].value === true;
        return (ignoreNulls ? nonNull[0] : vals[0]) ?? null;
      }
      default:
        return fail(e.fn.name);
    }
  }
  if (e.kind === "AttributeReference" || e.kind === "Literal") {
    const first = group[0];
    return first ? evalExpr(e, first) : e.kind === "Literal" ? e.value : null;
  }
  // An expression over aggregates (after CollapseProject).
  return evalExpr(substituteAggregates(e, group), group[0] ?? new Map());
}

function substituteAggregates(e: Expression, group: readonly Env[]): Expression {
  if (e.kind === "AggregateExpression") return literal(aggregateValue(e, group), LongT);
  const kids = childrenOf(e);
  return kids.length === 0
    ? e
    : withNewChildren(
        e,
        kids.map((k) => substituteAggregates(k, group)),
      );
}

const key = (r: Row) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? `${v}n` : v));

function run(p: LogicalPlan, outer: Env = new Map()): Row[] {
  switch (p.kind) {
    case "LocalRelation":
      return p.rows.map((r) => [...r]);
    case "Project":
      return run(p.child, outer).map((r) => {
        const env = envOf(p.child, r, outer);
        return p.projectList.map((e) => evalExpr(e, env));
      });
    case "Filter":
      return run(p.child, outer).filter((r) =>
        truthy(evalExpr(p.condition, envOf(p.child, r, outer))),
      );
    case "Aggregate": {
      const rows = run(p.child, outer);
      const groups = new Map<string, Env[]>();
      for (const r of rows) {
        const env = envOf(p.child, r, outer);
        const k = key(p.groupingExpressions.map((g) => evalExpr(g, env)));
        const list = groups.get(k) ?? [];
        list.push(env);
        groups.set(k, list);
      }
      if (p.groupingExpressions.length === 0 && groups.size === 0) groups.set("", []);
      return [...groups.values()].map((g) =>
        p.aggregateExpressions.map((e) => aggregateValue(e, g)),
      );
    }
    case "Distinct": {
      const seen = new Map<string, Row>();
      for (const r of run(p.child, outer)) seen.set(key(r), r);
      return [...seen.values()];
    }
    case "Union":
      return p.children.flatMap((c) => run(c, outer));
    case "Expand":
      return run(p.child, outer).flatMap((r) => {
        const env = envOf(p.child, r, outer);
        return p.projections.map((proj) => proj.map((e) => evalExpr(e, env)));
      });
    case "Window": {
      // Aggregates over the whole partition (no ordering, so no frame).
      const rows = run(p.child, outer);
      const envs = rows.map((r) => envOf(p.child, r, outer));
      const part = (env: Env) => key(p.partitionSpec.map((e) => evalExpr(e, env)));
      const groups = new Map<string, Env[]>();
      for (const env of envs) {
        const k = part(env);
        groups.set(k, [...(groups.get(k) ?? []), env]);
      }
      const seenInPartition = new Map<string, number>();
      return rows.map((r, i) => {
        const k = part(envs[i] as Env);
        const g = groups.get(k) ?? [];
        const n = (seenInPartition.get(k) ?? 0) + 1;
        seenInPartition.set(k, n);
        const vals = p.windowExpressions.map((w) => {
          const we = w.kind === "Alias" ? w.child : w;
          if (we.kind !== "WindowExpression") return fail("window");
          // row_number over a partition by every column: copies are interchangeable.
          if (we.fn.kind === "WindowFunction" && we.fn.name === "row_number") return n;
          return aggregateValue(we.fn, g);
        });
        return [...r, ...vals];
      });
    }
    case "Intersect":
    case "Except": {
      if (p.isAll) {
        const counts = new Map<string, number>();
        for (const r of run(p.right, outer)) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
        const out: Row[] = [];
        for (const r of run(p.left, outer)) {
          const n = counts.get(key(r)) ?? 0;
          if (n > 0) counts.set(key(r), n - 1);
          if (n > 0 === (p.kind === "Intersect")) out.push(r);
        }
        return out;
      }
      const right = new Set(run(p.right, outer).map(key));
      const seen = new Map<string, Row>();
      for (const r of run(p.left, outer)) {
        if (right.has(key(r)) === (p.kind === "Intersect")) seen.set(key(r), r);
      }
      return [...seen.values()];
    }
    case "GlobalLimit":
    case "LocalLimit":
      return run(p.child, outer).slice(0, Number((p.limit as { value: number }).value));
    case "Sort": {
      const rows = run(p.child, outer);
      const o = p.order[0];
      if (!o) return rows;
      const k = (r: Row) => evalExpr(o.child, envOf(p.child, r, outer));
      return [...rows].sort((x, y) => {
        const a = k(x);
        const b = k(y);
        if (a === b) return 0;
        if (a === null) return -1;
        if (b === null) return 1;
        return Number(a) - Number(b);
      });
    }
    case "Join": {
      const l = run(p.left, outer);
      const r = run(p.right, outer);
      const lw = outputOf(p.left).length;
      const rw = outputOf(p.right).length;
      const matches = (a: Row, b: Row) =>
        p.condition === null ||
        truthy(evalExpr(p.condition, envOf(p.right, b, envOf(p.left, a, outer))));
      const nulls = (n: number) => new Array<unknown>(n).fill(null);
      const out: Row[] = [];
      const rightMatched = new Set<number>();
      for (const a of l) {
        let any = false;
        r.forEach((b, j) => {
          if (!matches(a, b)) return;
          any = true;
          rightMatched.add(j);
          if (p.joinType !== "LeftSemi" && p.joinType !== "LeftAnti") out.push([...a, ...b]);
        });
        if (p.joinType === "LeftSemi" && any) out.push(a);
        if (p.joinType === "LeftAnti" && !any) out.push(a);
        if ((p.joinType === "LeftOuter" || p.joinType === "FullOuter") && !any)
          out.push([...a, ...nulls(rw)]);
      }
      if (p.joinType === "RightOuter" || p.joinType === "FullOuter") {
        r.forEach((b, j) => {
          if (!rightMatched.has(j)) out.push([...nulls(lw), ...b]);
        });
      }
      return out;
    }
    default:
      return fail(`cannot run ${p.kind}`);
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test("random plans return the same rows optimized and not", () => {
  const r = rng(Number(process.env.SEED ?? 7));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const value = () => (r() < 0.2 ? null : Math.floor(r() * 4));
  const relation = (): LogicalPlan => {
    const cols = [
      attribute("a", IntegerT),
      attribute("b", IntegerT),
      attribute("c", IntegerT, r() < 0.3),
    ];
    const n = Math.floor(r() * 5);
    const rows = Array.from({ length: n }, () => [
      value(),
      value(),
      cols[2]?.nullable ? value() : Math.floor(r() * 4),
    ]);
    return localRelation(cols, rows);
  };
  const intCols = (p: LogicalPlan): AttributeReference[] =>
    outputOf(p).filter((a) => a.dataType.kind === "integer");
  const intExpr = (cols: AttributeReference[], depth: number): Expression => {
    if (depth <= 0 || r() < 0.6)
      return r() < 0.8 && cols.length > 0 ? pick(cols) : literal(value(), IntegerT);
    return arithmetic(
      pick(["+", "-", "*"] as const),
      intExpr(cols, depth - 1),
      intExpr(cols, depth - 1),
    );
  };
  const pred = (cols: AttributeReference[], depth: number): Expression => {
    const x = r();
    if (depth <= 0 || x < 0.4)
      return comparison(
        pick(["=", "<", ">", "<=", ">=", "<=>"] as const),
        intExpr(cols, 1),
        intExpr(cols, 1),
      );
    if (x < 0.55) return and(pred(cols, depth - 1), pred(cols, depth - 1));
    if (x < 0.65) return or(pred(cols, depth - 1), pred(cols, depth - 1));
    if (x < 0.75) return not(pred(cols, depth - 1));
    if (x < 0.85) return (r() < 0.5 ? isNull : isNotNull)(intExpr(cols, 0));
    if (x < 0.93 && cols.length > 0) {
      return Object.freeze({
        kind: "In",
        value: pick(cols),
        list: Array.from({ length: 1 + Math.floor(r() * 12) }, () => literal(value(), IntegerT)),
      });
    }
    return literal(r() < 0.5 ? true : r() < 0.5 ? false : null, BooleanT);
  };
  const agg = (name: string, e: Expression, isDistinct = false): Expression =>
    Object.freeze({
      kind: "AggregateExpression",
      fn: Object.freeze({
        kind: "AggregateFunction",
        name,
        args: [e],
        dataType: LongT,
        nullable: name !== "count",
        options: {},
      }),
      mode: "Complete",
      isDistinct,
      filter: null,
      resultId: 0,
    });

  const cast = (e: Expression): Expression =>
    Object.freeze({ kind: "Cast", child: e, dataType: LongT, evalMode: "ANSI", timeZoneId: null });
  const gen = (depth: number): LogicalPlan => {
    if (depth <= 0) return relation();
    const child = gen(depth - 1);
    const cols = intCols(child);
    switch (Math.floor(r() * 12)) {
      case 0:
        return filter(pred(cols, 2), child);
      case 1: {
        const keep = outputOf(child).filter(() => r() < 0.7);
        const extra = cols.length > 0 ? [alias(intExpr(cols, 2), "e")] : [];
        const list = [...keep, ...extra];
        return list.length > 0 ? project(list, child) : child;
      }
      case 2: {
        if (cols.length === 0) return child;
        const g = pick(cols);
        const global = r() < 0.2;
        const aggs = [alias(agg(pick(["sum", "count", "max"]), pick(cols)), "s")];
        if (r() < 0.4) {
          // DISTINCT aggregates, often over different columns.
          aggs.push(alias(agg(pick(["sum", "count"]), pick(cols), true), "d1"));
          aggs.push(alias(agg(pick(["sum", "count", "max"]), pick(cols), true), "d2"));
        }
        return aggregate(global ? [] : [g], [...(global ? [] : [g]), ...aggs], child);
      }
      case 3: {
        const other = gen(depth - 1);
        const oc = intCols(other);
        const jt = pick([
          "Inner",
          "LeftOuter",
          "RightOuter",
          "FullOuter",
          "LeftSemi",
          "LeftAnti",
          "Cross",
        ] as JoinType[]);
        const cond =
          cols.length > 0 && oc.length > 0 && jt !== "Cross"
            ? r() < 0.7
              ? and(comparison("=", pick(cols), pick(oc)), pred([...cols, ...oc], 1))
              : pred([...cols, ...oc], 1)
            : null;
        return join(child, other, jt, cond);
      }
      case 4: {
        if (cols.length === 0) return child;
        const other = gen(depth - 1);
        const oc = intCols(other);
        if (oc.length === 0) return child;
        return union([project([pick(cols)], child), project([pick(oc)], other)]);
      }
      case 5:
        return distinct(child);
      case 6:
        return r() < 0.5 && cols.length > 0
          ? sort([sortOrder(pick(cols))], true, child)
          : limit(Math.floor(r() * 4), child);
      case 7: {
        if (cols.length === 0) return child;
        const inner = relation();
        const ic = intCols(inner);
        const c = pick(cols);
        const sub = filter(
          and(
            comparison(
              pick(["=", "<", "<=>"] as const),
              pick(ic),
              Object.freeze({ kind: "OuterReference", child: c }),
            ),
            pred(ic, 1),
          ),
          inner,
        );
        const e: Expression =
          r() < 0.5
            ? Object.freeze({ kind: "Exists", plan: sub, outerAttrs: [c], exprId: 8000 })
            : Object.freeze({
                kind: "InSubquery",
                values: [pick(cols)],
                query: Object.freeze({
                  kind: "ListQuery",
                  plan: project([pick(ic)], sub),
                  outerAttrs: [c],
                  exprId: 8001,
                  numCols: 1,
                }),
              });
        return filter(r() < 0.3 ? not(e) : e, child);
      }
      case 9: {
        // A correlated scalar subquery (an aggregate) in a projection or a filter.
        if (cols.length === 0) return child;
        const inner = relation();
        const ic = intCols(inner);
        const c = pick(cols);
        const sub = aggregate(
          [],
          [alias(agg(pick(["count", "max", "sum"]), pick(ic)), "v")],
          filter(
            comparison("=", pick(ic), Object.freeze({ kind: "OuterReference", child: c })),
            inner,
          ),
        );
        const sq: Expression = Object.freeze({
          kind: "ScalarSubquery",
          plan: sub,
          outerAttrs: [c],
          exprId: 8003,
        });
        return r() < 0.5
          ? project([...outputOf(child), alias(sq, "sq")], child)
          : filter(comparison(pick(["<", ">=", "="] as const), cast(c), sq), child);
      }
      case 11: {
        if (cols.length === 0) return child;
        const by = pick(cols);
        const we: Expression = Object.freeze({
          kind: "WindowExpression",
          fn: agg(pick(["sum", "count", "max"]), pick(cols)),
          spec: Object.freeze({
            kind: "WindowSpec",
            partitionSpec: [by],
            orderSpec: [],
            frame: null,
          }),
        });
        const w: LogicalPlan = Object.freeze({
          kind: "Window",
          windowExpressions: [alias(we, "w")],
          partitionSpec: [by],
          orderSpec: [],
          child,
        });
        return w;
      }
      case 10: {
        if (cols.length === 0) return child;
        const other = gen(depth - 1);
        const oc = intCols(other);
        if (oc.length === 0) return child;
        return Object.freeze({
          kind: r() < 0.5 ? "Intersect" : "Except",
          left: project([pick(cols)], child),
          right: project([pick(oc)], other),
          isAll: r() < 0.5,
        }) as LogicalPlan;
      }
      default: {
        if (cols.length === 0) return child;
        const inner = relation();
        const ic = intCols(inner);
        const listQ = project([pick(ic)], filter(pred(ic, 1), inner));
        const e: Expression = Object.freeze({
          kind: "InSubquery",
          values: [pick(cols)],
          query: Object.freeze({
            kind: "ListQuery",
            plan: listQ,
            outerAttrs: [],
            exprId: 8002,
            numCols: 1,
          }),
        });
        return filter(r() < 0.5 ? not(e) : e, child);
      }
    }
  };

  const sorted = (rows: Row[]) => rows.map(key).sort();
  for (let i = 0; i < Number(process.env.FLINT_FUZZ_N ?? 300); i++) {
    const plan = gen(1 + Math.floor(r() * 4));
    const expected = run(plan);
    let optimized: LogicalPlan;
    try {
      optimized = optimize(plan, testContext()).plan;
    } catch (e) {
      assert.fail(`plan ${i}: ${(e as Error).message}\n${planText(plan)}`);
    }
    const actual = run(optimized);
    const limits = collectPlans(plan, (p) => (p.kind === "GlobalLimit" ? p : undefined));
    // Which rows a limit keeps is arbitrary: below other operators that makes any result
    // legitimate, at the top only the count is fixed.
    if (limits.length > 0 && (limits.length > 1 || limits[0] !== plan)) continue;
    if (limits.length > 0) {
      assert.equal(
        actual.length,
        expected.length,
        `plan ${i} row count\n${planText(plan)}\n=>\n${planText(optimized)}`,
      );
    } else {
      assert.deepEqual(
        sorted(actual),
        sorted(expected),
        `plan ${i}\n${planText(plan)}\n=>\n${planText(optimized)}`,
      );
    }
  }
});
