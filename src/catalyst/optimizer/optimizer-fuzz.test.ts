/**
 * Random plans through the whole optimizer in test mode: every rule must keep the plan
 * resolved, self-consistent (no attribute read that no child produces) and of the same
 * schema, and `Once` batches idempotent. Fixed seed, a few hundred plans, well under a
 * second.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BooleanT, IntegerT, LongT } from "../../types/data-types.ts";
import type { AttributeReference, Expression } from "../expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
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
  project,
  sort,
  subqueryAlias,
  union,
} from "../plans/factories.ts";
import type { JoinType, LogicalPlan } from "../plans/logical-plan.ts";
import { outputOf } from "../plans/output.ts";
import { optimize } from "./optimizer.ts";
import { planText, testContext, testRelation } from "./testing.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test("random plans keep their integrity through every rule", () => {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const intCols = (p: LogicalPlan): AttributeReference[] =>
    outputOf(p).filter((a) => a.dataType.kind === "integer");

  const intExpr = (cols: AttributeReference[], depth: number): Expression => {
    if (depth <= 0 || r() < 0.5)
      return r() < 0.75 && cols.length > 0
        ? pick(cols)
        : literal(r() < 0.1 ? null : Math.floor(r() * 10), IntegerT);
    return arithmetic(
      pick(["+", "-", "*"] as const),
      intExpr(cols, depth - 1),
      intExpr(cols, depth - 1),
    );
  };
  const pred = (cols: AttributeReference[], depth: number): Expression => {
    const x = r();
    if (depth <= 0 || x < 0.4) {
      return comparison(
        pick(["=", "<", ">", "<=", ">=", "<=>"] as const),
        intExpr(cols, 1),
        intExpr(cols, 1),
      );
    }
    if (x < 0.55) return and(pred(cols, depth - 1), pred(cols, depth - 1));
    if (x < 0.7) return or(pred(cols, depth - 1), pred(cols, depth - 1));
    if (x < 0.8) return not(pred(cols, depth - 1));
    if (x < 0.9) return (r() < 0.5 ? isNull : isNotNull)(intExpr(cols, 0));
    return literal(r() < 0.5 ? true : r() < 0.5 ? false : null, BooleanT);
  };
  const sumOf = (e: Expression): Expression =>
    Object.freeze({
      kind: "AggregateExpression",
      fn: Object.freeze({
        kind: "AggregateFunction",
        name: pick(["sum", "count", "max"]),
        args: [e],
        dataType: LongT,
        nullable: true,
        options: {},
      }),
      mode: "Complete",
      isDistinct: false,
      filter: null,
      resultId: 0,
    });

  const gen = (depth: number): LogicalPlan => {
    if (depth <= 0)
      return r() < 0.8 ? testRelation().plan : subqueryAlias(["t"], testRelation().plan);
    const child = gen(depth - 1);
    const cols = intCols(child);
    switch (Math.floor(r() * 9)) {
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
        return aggregate([g], [g, alias(sumOf(pick(cols)), "s")], child);
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
            ? and(comparison("=", pick(cols), pick(oc)), pred([...cols, ...oc], 1))
            : null;
        return join(child, other, jt, cond);
      }
      case 4: {
        if (cols.length === 0) return child;
        const c = pick(cols);
        const other = gen(depth - 1);
        const oc = intCols(other);
        if (oc.length === 0) return child;
        return union([project([c], child), project([pick(oc)], other)]);
      }
      case 5:
        return distinct(child);
      case 6:
        return limit(Math.floor(r() * 5), child);
      case 7:
        return cols.length > 0 ? sort([sortOrder(pick(cols))], true, child) : child;
      default: {
        if (cols.length === 0) return child;
        const other = testRelation();
        const c = pick(cols);
        const sub = filter(
          comparison("=", other.a, Object.freeze({ kind: "OuterReference", child: c })),
          other.plan,
        );
        const e: Expression =
          r() < 0.5
            ? Object.freeze({ kind: "Exists", plan: sub, outerAttrs: [c], exprId: 7000 })
            : Object.freeze({
                kind: "InSubquery",
                values: [c],
                query: Object.freeze({
                  kind: "ListQuery",
                  plan: project([other.b], sub),
                  outerAttrs: [c],
                  exprId: 7001,
                  numCols: 1,
                }),
              });
        return filter(r() < 0.3 ? not(e) : e, child);
      }
    }
  };

  for (let i = 0; i < 300; i++) {
    const plan = gen(1 + Math.floor(r() * 4));
    try {
      optimize(plan, testContext());
    } catch (e) {
      assert.fail(`plan ${i} failed: ${(e as Error).message}\n${planText(plan)}`);
    }
  }
});
