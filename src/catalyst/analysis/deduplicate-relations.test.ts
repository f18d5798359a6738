import assert from "node:assert/strict";
import { test } from "node:test";
import { join, project } from "../plans/factories.ts";
import { outputOf } from "../plans/output.ts";
import { newInstance } from "./deduplicate-relations.ts";
import { analyzeTest, T, table, ua } from "./testing/fixtures.ts";

test("newInstance gives every produced attribute a fresh id and follows references", () => {
  const p = analyzeTest(project([ua("a"), ua("b")], table("t")));
  const q = newInstance(p);
  const before = outputOf(p).map((a) => a.exprId);
  const after = outputOf(q).map((a) => a.exprId);
  assert.equal(after.length, 2);
  assert.ok(after.every((id) => !before.includes(id)));
  assert.deepEqual(
    outputOf(q).map((a) => a.name),
    ["a", "b"],
  );
});

test("a self join gets distinct ids on its right side", () => {
  const plan = analyzeTest(join(table("t"), table("t"), "Cross", null));
  const ids = outputOf(plan).map((a) => a.exprId);
  assert.equal(new Set(ids).size, 8);
  assert.equal(outputOf(T).length, 4);
});
