import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { literal } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { confOf } from "../rule.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { OptimizeIn } from "./optimize-in.ts";

const t = testRelation();
const inList = (vs: (number | null)[]): Expression =>
  Object.freeze({ kind: "In", value: t.a, list: vs.map((v) => literal(v, IntegerT)) });

function out(e: Expression, conf: Record<string, string> = {}): string {
  const p = runRules(filter(e, t.plan), [OptimizeIn], { conf: confOf(conf), testMode: true });
  return planText(p).split("\n")[0] ?? "";
}

// Expected forms from Spark 4 (`where a in (...)` over a parquet table).
test("duplicates are removed; a single value becomes equality", () => {
  assert.equal(out(inList([1, 1, 2])), "Filter a#0 IN (1,2)");
  assert.equal(out(inList([1])), "Filter (a#0 = 1)");
});

test("more literals than the threshold become an InSet", () => {
  assert.equal(
    out(inList([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
    "Filter a#0 INSET 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
  );
  assert.equal(
    out(inList([1, 2, null]), { "spark.sql.optimizer.inSetConversionThreshold": "2" }),
    "Filter a#0 INSET 1, 2, null",
  );
});

test("an empty list is false, or null for a null value", () => {
  assert.equal(out(inList([])), "Filter if (isnotnull(a#0)) false else null");
});
