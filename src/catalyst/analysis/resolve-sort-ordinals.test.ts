import assert from "node:assert/strict";
import { test } from "node:test";
import { literalOf, sortOrder } from "../expressions/factories.ts";
import { project, sort } from "../plans/factories.ts";
import { analysisError, analyzeTest, normalizedTree, table, ua } from "./testing/fixtures.ts";

test("ORDER BY 2 sorts by the second output column", () => {
  const plan = sort([sortOrder(literalOf(2))], true, project([ua("a"), ua("b")], table("t")));
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[0],
    "Sort [b#x ASC NULLS FIRST], true",
  );
  const e = analysisError(sort([sortOrder(literalOf(3))], true, project([ua("a")], table("t"))));
  assert.equal(e.errorClass, "ORDER_BY_POS_OUT_OF_RANGE");
  assert.deepEqual(e.messageParameters, { index: "3", size: "1" });
});
