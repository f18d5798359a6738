import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { and, comparison, literal } from "../../expressions/factories.ts";
import { filter, join } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { PushPredicateThroughJoin } from "./push-predicate-through-join.ts";

const t1 = testRelation();
const t2 = testRelation(["x", "y", "z"]);
const int = (n: number) => literal(n, IntegerT);

test("a right outer join pushes only right-side filter conjuncts", () => {
  const q = filter(
    and(comparison(">", t1.b, int(1)), comparison(">", t2.b, int(2))),
    join(t1.plan, t2.plan, "RightOuter", comparison("=", t1.a, t2.a)),
  );
  assert.equal(
    planText(runRules(q, [PushPredicateThroughJoin])),
    [
      "Filter (b#0 > 1)",
      "+- Join RightOuter, (a#1 = x#2)",
      "   :- Relation [a#1,b#0,c#3] parquet",
      "   +- Filter (y#4 > 2)",
      "      +- Relation [x#2,y#4,z#5] parquet",
    ].join("\n"),
  );
});

test("a right outer join's condition pushes only left-side conjuncts", () => {
  const q = join(
    t1.plan,
    t2.plan,
    "RightOuter",
    and(
      and(comparison("=", t1.a, t2.a), comparison(">", t1.b, int(1))),
      comparison(">", t2.b, int(2)),
    ),
  );
  assert.equal(
    planText(runRules(q, [PushPredicateThroughJoin])),
    [
      "Join RightOuter, ((y#0 > 2) AND (a#1 = x#2))",
      ":- Filter (b#3 > 1)",
      ":  +- Relation [a#1,b#3,c#4] parquet",
      "+- Relation [x#2,y#0,z#5] parquet",
    ].join("\n"),
  );
});

test("semi joins push their condition into both sides", () => {
  const q = join(
    t1.plan,
    t2.plan,
    "LeftSemi",
    and(comparison("=", t1.a, t2.a), comparison(">", t2.b, int(2))),
  );
  assert.equal(
    planText(runRules(q, [PushPredicateThroughJoin])).split("\n")[2],
    "+- Filter (y#4 > 2)",
  );
});
