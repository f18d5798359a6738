import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, StringT } from "../../../types/data-types.ts";
import { literal } from "../../expressions/factories.ts";
import { aggregate } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RemoveLiteralFromGroupExpressions } from "./remove-literal-from-group-expressions.ts";

test("constant grouping keys are dropped; one 0 stays when all are constant", () => {
  const t = testRelation();
  const q = aggregate([t.a, literal("x", StringT), literal(1, IntegerT)], [t.a], t.plan);
  assert.equal(
    planText(runRules(q, [RemoveLiteralFromGroupExpressions])).split("\n")[0],
    "Aggregate [a#0], [a#0]",
  );
  const allConst = aggregate([literal("x", StringT)], [], t.plan);
  assert.equal(
    planText(runRules(allConst, [RemoveLiteralFromGroupExpressions])).split("\n")[0],
    "Aggregate [0], []",
  );
});
