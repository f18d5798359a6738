import assert from "node:assert/strict";
import { test } from "node:test";
import { comparison, literal } from "../../catalyst/expressions/factories.ts";
import { planText, testRelation } from "../../catalyst/optimizer/testing.ts";
import { filter, project } from "../../catalyst/plans/factories.ts";
import { IntegerT } from "../../types/data-types.ts";
import { pruneFileSourceColumns } from "./prune-file-source-columns.ts";

test("the scan reads the projected and filtered columns only", () => {
  const t = testRelation();
  const q = project([t.a], filter(comparison(">", t.c, literal(1, IntegerT)), t.plan));
  assert.equal(
    planText(pruneFileSourceColumns(q)),
    ["Project [a#0]", "+- Filter (c#1 > 1)", "   +- Relation [a#0,c#1] parquet"].join("\n"),
  );
});

test("nothing needed (count(*)): one column is still read, and the rule is idempotent", () => {
  const t = testRelation();
  const once = pruneFileSourceColumns(project([], t.plan));
  assert.equal(planText(once), ["Project []", "+- Relation [a#0] parquet"].join("\n"));
  assert.equal(pruneFileSourceColumns(once), once);
});

test("all columns used: unchanged", () => {
  const t = testRelation();
  const q = project([t.a, t.b, t.c], t.plan);
  assert.equal(pruneFileSourceColumns(q), q);
});
