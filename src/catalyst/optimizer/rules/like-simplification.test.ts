import assert from "node:assert/strict";
import { test } from "node:test";
import { StringT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { attribute, literal } from "../../expressions/factories.ts";
import { filter, localRelation } from "../../plans/factories.ts";
import { planText, runRules } from "../testing.ts";
import { LikeSimplification } from "./like-simplification.ts";

const s = attribute("s", StringT);
const rel = localRelation([s], []);
const like = (pattern: string, caseInsensitive = false): Expression =>
  Object.freeze({
    kind: "Like",
    left: s,
    right: literal(pattern, StringT),
    escapeChar: "\\",
    caseInsensitive,
  });

function out(e: Expression): string {
  return planText(runRules(filter(e, rel), [LikeSimplification])).split("\n")[0] ?? "";
}

test("patterns without wildcards inside become string functions", () => {
  assert.equal(out(like("abc")), "Filter (s#0 = abc)");
  assert.equal(out(like("abc%")), "Filter startswith(s#0, abc)");
  assert.equal(out(like("%abc")), "Filter endswith(s#0, abc)");
  assert.equal(out(like("%abc%")), "Filter contains(s#0, abc)");
});

test("other patterns, escapes and ILIKE are left alone", () => {
  assert.equal(out(like("a_c")), "Filter s#0 LIKE a_c");
  assert.equal(out(like("a%c")), "Filter s#0 LIKE a%c");
  assert.equal(out(like("a\\%%")), "Filter s#0 LIKE a\\%%");
  assert.equal(out(like("abc%", true)), "Filter s#0 LIKE abc%");
});
