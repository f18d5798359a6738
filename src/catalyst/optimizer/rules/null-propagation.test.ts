import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import {
  alias,
  arithmetic,
  attribute,
  comparison,
  isNotNull,
  isNull,
  literal,
} from "../../expressions/factories.ts";
import { localRelation, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { NullPropagation } from "./null-propagation.ts";

const t = testRelation();
const nullInt = literal(null, IntegerT);

function out(e: Expression, plan: LogicalPlan = t.plan): string {
  const text = planText(runRules(project([alias(e, "x")], plan), [NullPropagation]));
  return (text.split("\n")[0] ?? "").replace(/^Project \[/, "").replace(/ AS x#\d+\]$/, "");
}

test("null inputs make null-intolerant expressions null", () => {
  assert.equal(out(arithmetic("+", t.a, nullInt)), "null");
  assert.equal(out(comparison("<", nullInt, t.a)), "null");
});

test("null-safe equality with null literals", () => {
  assert.equal(out(comparison("<=>", nullInt, nullInt)), "true");
  assert.equal(out(comparison("<=>", t.a, nullInt)), "isnull(a#0)");
});

test("null tests on non-nullable columns are constants", () => {
  const id = attribute("id", IntegerT, false);
  const rel = localRelation([id], []);
  assert.equal(out(isNull(id), rel), "false");
  assert.equal(out(isNotNull(id), rel), "true");
  assert.equal(out(isNull(t.a)), "isnull(a#0)");
});

test("coalesce drops null literals and everything after a non-nullable child", () => {
  const c = (cs: Expression[]): Expression => Object.freeze({ kind: "Coalesce", children: cs });
  assert.equal(out(c([nullInt, t.a, nullInt, t.b])), "coalesce(a#0, b#1)");
  assert.equal(out(c([nullInt, t.a])), "a#0");
  assert.equal(out(c([t.a, literal(0, IntegerT), t.b])), "coalesce(a#0, 0)");
});
