/** Hints, as pyspark 4 analyzes them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { comparison, literalOf } from "../expressions/factories.ts";
import { join, project, subqueryAlias } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { analyzeTest, normalizedTree, star, table, ua } from "./testing/fixtures.ts";

const hint = (name: string, parameters: Expression[], child: LogicalPlan): LogicalPlan =>
  Object.freeze({ kind: "UnresolvedHint", name, parameters, child });

test("join hints wrap the named relation or the hinted plan", () => {
  assert.equal(
    normalizedTree(analyzeTest(hint("broadcast", [], table("t")))).split("\n")[0],
    "ResolvedHint (strategy=broadcast)",
  );
  // select /*+ BROADCAST(y) */ * from t x join t y on x.a = y.a
  const j = join(
    subqueryAlias(["x"], table("t")),
    subqueryAlias(["y"], table("t")),
    "Inner",
    comparison("=", ua("x", "a"), ua("y", "a")),
  );
  const lines = normalizedTree(
    analyzeTest(project([star()], hint("BROADCAST", [literalOf("y")], j))),
  ).split("\n");
  assert.ok(lines.includes("   +- ResolvedHint (strategy=broadcast)"));
  assert.ok(lines.includes("      +- SubqueryAlias y"));
});

test("partitioning hints become repartitions; unknown hints are dropped", () => {
  assert.equal(
    normalizedTree(analyzeTest(hint("repartition", [literalOf(3)], table("t")))).split("\n")[0],
    "Repartition 3, true",
  );
  assert.equal(
    normalizedTree(analyzeTest(hint("coalesce", [literalOf(2)], table("t")))).split("\n")[0],
    "Repartition 2, false",
  );
  assert.equal(
    normalizedTree(analyzeTest(hint("nosuch", [], table("t")))).split("\n")[0],
    "SubqueryAlias t",
  );
});
