import assert from "node:assert/strict";
import { test } from "node:test";
import { project, unresolvedRelation } from "../plans/factories.ts";
import { analysisError, analyzeTest, normalizedTree, ua } from "./testing/fixtures.ts";

test("a temp view resolves under a SubqueryAlias naming it", () => {
  assert.equal(
    normalizedTree(analyzeTest(project([ua("a")], unresolvedRelation(["T"])))),
    "Project [a#x]\n+- SubqueryAlias T\n   +- LocalRelation [a#x, b#x, c#x, salary#xL]\n",
  );
});

test("unknown relations: TABLE_OR_VIEW_NOT_FOUND with the quoted name (pyspark 4)", () => {
  const e = analysisError(project([ua("a")], unresolvedRelation(["db", "nosuch"])));
  assert.equal(e.errorClass, "TABLE_OR_VIEW_NOT_FOUND");
  assert.equal(e.sqlState, "42P01");
  assert.deepEqual(e.messageParameters, {
    relationName: "`db`.`nosuch`",
    searchPath: "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
  });
});
