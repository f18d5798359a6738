/** PIVOT and UNPIVOT become aggregations and an Expand (answers are in golden queries/pivot.sql). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Expression } from "../expressions/expression.ts";
import { alias, literalOf } from "../expressions/factories.ts";
import { builtinRegistry } from "../functions/index.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { analyze } from "./analyzer.ts";
import {
  analysisError,
  columnsOf,
  fn,
  normalizedTree,
  table,
  testContext,
  ua,
} from "./testing/fixtures.ts";

/** The test catalog with the built-in functions (a pivot calls `first`). */
const analyzeTest = (plan: LogicalPlan): LogicalPlan =>
  analyze(plan, { ...testContext(), functions: builtinRegistry() });

function pivot(values: readonly Expression[], aggs: readonly Expression[]): LogicalPlan {
  return Object.freeze({
    kind: "Pivot",
    groupBy: null,
    pivotColumn: ua("country"),
    values,
    aggregates: aggs,
    child: table("emp"),
  });
}

test("a pivot groups by the unused columns, then makes one column per value", () => {
  const plan = analyzeTest(pivot([literalOf("us"), literalOf("nl")], [fn("sum", ua("salary"))]));
  assert.deepEqual(columnsOf(plan), ["name", "us", "nl"]);
  const tree = normalizedTree(plan);
  // per group and value first, then the value's row of each group
  assert.match(tree, /Aggregate \[name#x, country#x\]/);
  assert.match(tree, /first\(if \(\(country#x <=> us\)/);
});

test("several aggregates are named value_alias", () => {
  const plan = analyzeTest(
    pivot(
      [literalOf("us")],
      [alias(fn("sum", ua("salary")), "s"), alias(fn("count", ua("salary")), "c")],
    ),
  );
  assert.deepEqual(columnsOf(plan), ["name", "us_s", "us_c"]);
});

test("a pivot value that is not a literal is NON_LITERAL_PIVOT_VALUES", () => {
  assert.equal(
    analysisError(pivot([ua("name")], [fn("sum", ua("salary"))])).errorClass,
    "NON_LITERAL_PIVOT_VALUES",
  );
});

test("an unpivot keeps the other columns and names each unpivoted column", () => {
  const plan: LogicalPlan = Object.freeze({
    kind: "Unpivot",
    ids: null,
    columns: [[ua("a")], [ua("salary")]],
    aliases: [null, "pay"],
    nameColumn: "k",
    valueColumnNames: ["v"],
    includeNulls: false,
    child: table("t"),
  });
  const analyzed = analyzeTest(plan);
  assert.deepEqual(columnsOf(analyzed), ["b", "c", "k", "v"]);
  const tree = normalizedTree(analyzed);
  assert.match(tree, /Filter isnotnull\(v#xL\)/);
  assert.match(
    tree,
    /Expand \[\[b#x, c#x, a, cast\(a#x as bigint\)\], \[b#x, c#x, pay, salary#xL\]\]/,
  );
});
