import assert from "node:assert/strict";
import { test } from "node:test";
import { comparison, literalOf } from "../expressions/factories.ts";
import { filter, join, project } from "../plans/factories.ts";
import { columnsOf, star, table, ua } from "./testing/fixtures.ts";

test("a WHERE on the hidden USING key keeps `*` unchanged above it", () => {
  const using = Object.freeze({
    ...join(table("t"), table("emp"), "Inner", null),
    usingColumns: ["salary"],
  });
  const plan = project([star()], filter(comparison(">", ua("emp", "salary"), literalOf(0)), using));
  assert.deepEqual(columnsOf(plan), ["salary", "a", "b", "c", "country", "name"]);
});
