/** Comparison coercion, against pyspark 4: `select b > 1, b = date'2020-01-01', a < '2' from t`. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DateT, decimalType } from "../../../types/data-types.ts";
import { comparison, literal, literalOf } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { exprString } from "../../plans/tree-string.ts";
import { analyzeTest, table, ua, ualias } from "../testing/fixtures.ts";

test("strings compare as the other side's type", () => {
  const p = analyzeTest(
    project(
      [
        comparison(">", ua("b"), literalOf(1)),
        comparison("=", ua("b"), literal(18262, DateT)),
        comparison("<", ua("a"), literalOf("2")),
      ].map(ualias),
      table("t"),
    ),
  );
  assert.ok(p.kind === "Project");
  assert.deepEqual(
    p.projectList.map((e) => exprString(e).replace(/#\d+/g, "#x")),
    [
      "(cast(b#x as bigint) > cast(1 as bigint)) AS (b > 1)#x",
      "(cast(b#x as date) = 2020-01-01) AS (b = DATE '2020-01-01')#x",
      "(cast(a#x as bigint) < cast(2 as bigint)) AS (a < 2)#x",
    ],
  );
});

test("integral versus decimal literal comparisons (pyspark 4: `select a = 10.5, a > 10.5, ... from t`)", () => {
  const d = (unscaled: bigint) => literal(unscaled, decimalType(3, 1));
  const p = analyzeTest(
    project(
      [
        comparison(">", d(105n), literalOf(10)),
        comparison(">", ua("a"), d(105n)),
        comparison("<", ua("a"), d(-105n)),
        comparison("=", ua("a"), d(105n)),
      ].map(ualias),
      table("t"),
    ),
  );
  assert.ok(p.kind === "Project");
  assert.deepEqual(
    p.projectList.map((e) => exprString(e).replace(/#\d+/g, "#x")),
    [
      "(11 > cast(10 as bigint)) AS (11 > 10)#x",
      "(cast(a#x as bigint) > 10) AS (a > 10)#x",
      "(cast(a#x as bigint) < -10) AS (a < -10)#x",
      "(cast(cast(a#x as decimal(10,0)) as decimal(11,1)) = cast(10.5 as decimal(11,1))) AS (a = 10.5)#x",
    ],
  );
});
