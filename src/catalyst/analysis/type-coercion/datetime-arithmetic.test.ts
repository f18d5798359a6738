import assert from "node:assert/strict";
import { test } from "node:test";
import { DateT } from "../../../types/data-types.ts";
import { arithmetic, literal, literalOf } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { schemaOf, table, ualias } from "../testing/fixtures.ts";

test("date + int is date_add (pyspark 4 names it date_add(DATE '2020-01-01', 1))", () => {
  const d = literal(18262, DateT);
  const plan = project(
    [
      arithmetic("+", d, literalOf(1)),
      arithmetic("+", literalOf(1), d),
      arithmetic("-", d, literalOf(1)),
    ].map(ualias),
    table("t"),
  );
  assert.deepEqual(schemaOf(plan), [
    "date_add(DATE '2020-01-01', 1): date",
    "date_add(DATE '2020-01-01', 1): date",
    "date_sub(DATE '2020-01-01', 1): date",
  ]);
});
