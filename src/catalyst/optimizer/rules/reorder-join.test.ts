import assert from "node:assert/strict";
import { test } from "node:test";
import { and, comparison } from "../../expressions/factories.ts";
import { filter, join } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ReorderJoin } from "./reorder-join.ts";

test("FROM a, b, c WHERE a.x = c.x AND b.y = c.y joins a with c first", () => {
  const a = testRelation();
  const b = testRelation(["d", "e", "f"]);
  const c = testRelation(["x", "y", "z"]);
  const q = filter(
    and(comparison("=", a.a, c.a), comparison("=", b.b, c.b)),
    join(join(a.plan, b.plan, "Cross", null), c.plan, "Cross", null),
  );
  assert.equal(
    planText(runRules(q, [ReorderJoin])),
    [
      "Project [a#0, b#1, c#2, d#3, e#4, f#5, x#6, y#7, z#8]",
      "+- Join Cross, (e#4 = y#7)",
      "   :- Join Cross, (a#0 = x#6)",
      "   :  :- Relation [a#0,b#1,c#2] parquet",
      "   :  +- Relation [x#6,y#7,z#8] parquet",
      "   +- Relation [d#3,e#4,f#5] parquet",
    ].join("\n"),
  );
});

test("an order that already joins on conditions stays", () => {
  const a = testRelation();
  const b = testRelation(["d", "e", "f"]);
  const c = testRelation(["x", "y", "z"]);
  const q = join(
    join(a.plan, b.plan, "Inner", comparison("=", a.a, b.a)),
    c.plan,
    "Inner",
    comparison("=", b.b, c.b),
  );
  assert.equal(runRules(q, [ReorderJoin]), q);
});
