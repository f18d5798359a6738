import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../types/data-types.ts";
import { alias, arithmetic, attribute, literal } from "../expressions/factories.ts";
import { planFingerprint } from "./canonicalize.ts";
import { localRelation, project } from "./factories.ts";

test("fingerprints ignore fresh alias ids but not structure", () => {
  const a = attribute("a", IntegerT);
  const rel = localRelation([a], [[1], [2]]);
  const p1 = project([alias(arithmetic("+", a, literal(1, IntegerT)), "b")], rel);
  const p2 = project([alias(arithmetic("+", a, literal(1, IntegerT)), "b")], rel);
  const p3 = project([alias(arithmetic("+", a, literal(2, IntegerT)), "b")], rel);
  assert.notEqual(p1, p2);
  assert.equal(planFingerprint(p1), planFingerprint(p2));
  assert.notEqual(planFingerprint(p1), planFingerprint(p3));
  const other = localRelation([a], [[1], [2]]);
  assert.notEqual(planFingerprint(rel), planFingerprint(other), "rows compare by identity");
});
