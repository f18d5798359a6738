/** Generated names of unaliased select items (pyspark 4 column names). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, StringT } from "../../types/data-types.ts";
import { alias, arithmetic, cast, literalOf } from "../expressions/factories.ts";
import { project } from "../plans/factories.ts";
import { autoName } from "./resolve-aliases.ts";
import { columnsOf, table, ua, ualias } from "./testing/fixtures.ts";

test("items keep their names; others are named by pretty SQL; casts of columns by the column", () => {
  const plan = project(
    [
      ua("a"),
      alias(ua("b"), "renamed"),
      ualias(arithmetic("+", ua("a"), literalOf(1))),
      ualias(cast(ua("a"), StringT)),
      ualias(cast(literalOf("1"), IntegerT)),
    ],
    table("t"),
  );
  assert.deepEqual(columnsOf(plan), ["a", "renamed", "(a + 1)", "a", "CAST(1 AS INT)"]);
});

test("autoName of an implicit cast hides it", () => {
  const implicit = Object.freeze({ ...cast(literalOf(1), StringT), implicit: true });
  assert.equal(autoName(arithmetic("+", implicit, literalOf(2))), "(1 + 2)");
});
