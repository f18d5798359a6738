import assert from "node:assert/strict";
import { test } from "node:test";
import { union } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { CombineUnions } from "./combine-unions.ts";

test("nested unions flatten into one", () => {
  const [a, b, c] = [testRelation(), testRelation(), testRelation()];
  const q = union([union([a.plan, b.plan]), c.plan]);
  const lines = planText(runRules(q, [CombineUnions])).split("\n");
  assert.equal(lines[0], "Union false, false");
  assert.equal(lines.filter((l) => l.includes("Relation")).length, 3);
  assert.equal(lines.filter((l) => l.includes("Union")).length, 1);
});

test("by-name unions do not merge with positional ones", () => {
  const [a, b, c] = [testRelation(), testRelation(), testRelation()];
  const q = union([union([a.plan, b.plan], true), c.plan]);
  assert.equal(runRules(q, [CombineUnions]), q);
});
