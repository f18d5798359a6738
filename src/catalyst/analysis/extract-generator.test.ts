import assert from "node:assert/strict";
import { test } from "node:test";
import { alias } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import {
  analyzeTest,
  columnsOf,
  fn,
  normalizedTree,
  table,
  ua,
  ualias,
} from "./testing/fixtures.ts";

test("a generator becomes a Generate under the Project (pyspark 4 plan)", () => {
  // select explode(xs) as x from s
  const plan = project([alias(fn("explode", ua("xs")), "x")], table("s"));
  assert.deepEqual(normalizedTree(analyzeTest(plan)).split("\n").slice(0, 2), [
    "Project [x#x]",
    "+- Generate explode(xs#x), false, [x#x]",
  ]);
  assert.deepEqual(columnsOf(project([ualias(fn("explode", ua("xs")))], table("s"))), ["col"]);
});

test("two generators stack two Generates (allowed in Spark 4)", () => {
  const plan = project(
    [ua("st"), ualias(fn("explode", ua("xs"))), ualias(fn("explode", ua("xs")))],
    table("s"),
  );
  assert.deepEqual(columnsOf(plan), ["st", "col", "col"]);
});
