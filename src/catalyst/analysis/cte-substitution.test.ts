import assert from "node:assert/strict";
import { test } from "node:test";
import { project, unresolvedRelation } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { analyzeTest, columnsOf, normalizedTree, star, ua } from "./testing/fixtures.ts";

function withCte(defs: [string, LogicalPlan][], child: LogicalPlan): LogicalPlan {
  return Object.freeze({
    kind: "WithCte",
    ctes: defs.map(([name, plan], id) => ({ id, name, plan, recursive: false })),
    child,
  });
}

test("CTE references are inlined, and later definitions see earlier ones", () => {
  // with c1 as (select a from t), c2 as (select * from c1) select * from c2
  const plan = withCte(
    [
      ["c1", project([ua("a")], unresolvedRelation(["t"]))],
      ["c2", project([star()], unresolvedRelation(["c1"]))],
    ],
    project([star()], unresolvedRelation(["c2"])),
  );
  assert.deepEqual(columnsOf(plan), ["a"]);
  assert.equal(
    normalizedTree(analyzeTest(plan)),
    [
      "Project [a#x]",
      "+- SubqueryAlias c2",
      "   +- Project [a#x]",
      "      +- SubqueryAlias c1",
      "         +- Project [a#x]",
      "            +- SubqueryAlias t",
      "               +- LocalRelation [a#x, b#x, c#x, salary#xL]",
      "",
    ].join("\n"),
  );
});

test("a CTE shadows a view of the same name", () => {
  const plan = withCte(
    [["t", project([ua("country")], unresolvedRelation(["emp"]))]],
    project([star()], unresolvedRelation(["t"])),
  );
  assert.deepEqual(columnsOf(plan), ["country"]);
});
