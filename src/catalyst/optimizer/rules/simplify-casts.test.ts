import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, LongT } from "../../../types/data-types.ts";
import { alias, cast } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { SimplifyCasts } from "./simplify-casts.ts";

test("casts to the input's own type go; widening casts stay", () => {
  const t = testRelation();
  const q = project([alias(cast(t.a, IntegerT), "x"), alias(cast(t.b, LongT), "y")], t.plan);
  assert.equal(
    planText(runRules(q, [SimplifyCasts])).split("\n")[0],
    "Project [a#0 AS x#1, cast(b#2 as bigint) AS y#3]",
  );
});
