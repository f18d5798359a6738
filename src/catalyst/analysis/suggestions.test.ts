/** Spark's suggestion ordering (StringUtils.orderSuggestedIdentifiersBySimilarity). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { levenshtein, orderSuggestions } from "./suggestions.ts";

test("Levenshtein distance", () => {
  assert.equal(levenshtein("kitten", "sitting"), 3);
  assert.equal(levenshtein("", "abc"), 3);
  assert.equal(levenshtein("same", "same"), 0);
});

test("a shared qualifier is stripped; mixed ones are kept (Spark's SPARK-43841 example)", () => {
  assert.deepEqual(
    orderSuggestions(
      ["slary"],
      [
        ["t", "salary"],
        ["t", "a"],
        ["t", "b"],
      ],
    ),
    ["`salary`", "`a`", "`b`"],
  );
  assert.deepEqual(orderSuggestions(["b"], [["c1"], ["v1", "c2"], ["v2.c2"]]), [
    "`c1`",
    "`v2.c2`",
    "`v1`.`c2`",
  ]);
});
