import assert from "node:assert/strict";
import { test } from "node:test";
import { and, comparison } from "../../expressions/factories.ts";
import { join, project, range } from "../../plans/factories.ts";
import { confOf } from "../rule.ts";
import { planText, runRules } from "../testing.ts";
import { CostBasedJoinReorder } from "./cost-based-join-reorder.ts";

const big = range(0n, 10000n);
const mid = range(0n, 1000n);
const small = range(0n, 10n);
const [b, m, s] = [big.output[0], mid.output[0], small.output[0]];
const cbo = { "spark.sql.cbo.enabled": "true", "spark.sql.cbo.joinReorder.enabled": "true" };

// big ⋈ mid first makes 1000 intermediate rows; big ⋈ small first only 10.
const query = project(
  [b, m, s],
  join(join(big, mid, "Inner", comparison("=", b, m)), small, "Inner", comparison("=", b, s)),
);

test("joins the small relation first when CBO and join reordering are on", () => {
  const out = planText(
    runRules(query, [CostBasedJoinReorder], { conf: confOf(cbo), testMode: true }),
  );
  assert.equal(
    out,
    [
      "Project [id#0, id#1, id#2]",
      "+- Join Inner, (id#0 = id#1)",
      "   :- Join Inner, (id#0 = id#2)",
      "   :  :- Range (0, 10000, step=1)",
      "   :  +- Range (0, 10, step=1)",
      "   +- Range (0, 1000, step=1)",
    ].join("\n"),
  );
});

test("off by default, and off without row counts", () => {
  assert.equal(runRules(query, [CostBasedJoinReorder], { conf: confOf(), testMode: true }), query);
  const onlyCbo = { conf: confOf({ "spark.sql.cbo.enabled": "true" }), testMode: true };
  assert.equal(runRules(query, [CostBasedJoinReorder], onlyCbo), query);
});

test("two-way joins are left alone", () => {
  const two = join(big, small, "Inner", and(comparison("=", b, s), comparison("<", s, m)));
  const ctx = { conf: confOf(cbo), testMode: false };
  assert.equal(runRules(two, [CostBasedJoinReorder], ctx), two);
});
