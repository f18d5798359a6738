import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { and, comparison, isNull, literal, or } from "../../expressions/factories.ts";
import { filter, join } from "../../plans/factories.ts";
import type { JoinType } from "../../plans/logical-plan.ts";
import { runRules, testRelation } from "../testing.ts";
import { EliminateOuterJoin } from "./eliminate-outer-join.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const int = (n: number) => literal(n, IntegerT);

function joinTypeAfter(cond: Expression, joinType: JoinType): string {
  const q = filter(cond, join(t1.plan, t2.plan, joinType, comparison("=", t1.a, t2.a)));
  const p = runRules(q, [EliminateOuterJoin]);
  return p.kind === "Filter" && p.child.kind === "Join" ? p.child.joinType : "?";
}

// Spark 4: `select * from t1 left join t2 on a = x where y > 3` plans an inner join.
test("a null-rejecting predicate on the null-supplying side makes the join inner", () => {
  assert.equal(joinTypeAfter(comparison(">", t2.b, int(3)), "LeftOuter"), "Inner");
  assert.equal(joinTypeAfter(comparison(">", t1.b, int(3)), "RightOuter"), "Inner");
});

test("full outer joins narrow by side", () => {
  assert.equal(joinTypeAfter(comparison(">", t1.b, int(3)), "FullOuter"), "LeftOuter");
  assert.equal(joinTypeAfter(comparison(">", t2.b, int(3)), "FullOuter"), "RightOuter");
  assert.equal(
    joinTypeAfter(and(comparison(">", t1.b, int(3)), comparison(">", t2.b, int(3))), "FullOuter"),
    "Inner",
  );
});

test("predicates that keep null rows change nothing", () => {
  assert.equal(joinTypeAfter(isNull(t2.b), "LeftOuter"), "LeftOuter");
  assert.equal(
    joinTypeAfter(or(comparison(">", t2.b, int(3)), isNull(t2.c)), "LeftOuter"),
    "LeftOuter",
  );
  assert.equal(joinTypeAfter(comparison(">", t1.b, int(3)), "LeftOuter"), "LeftOuter");
});
