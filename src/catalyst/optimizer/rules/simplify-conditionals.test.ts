import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import { alias, comparison, FALSE, literal, NULL, TRUE } from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { SimplifyConditionals } from "./simplify-conditionals.ts";

const t = testRelation();
const one = literal(1, IntegerT);
const two = literal(2, IntegerT);
const cond = comparison(">", t.a, one);

function out(e: Expression): string {
  const text = planText(runRules(project([alias(e, "x")], t.plan), [SimplifyConditionals]));
  return (text.split("\n")[0] ?? "").replace(/^Project \[/, "").replace(/ AS x#\d+\]$/, "");
}

const ifE = (p: Expression, a: Expression, b: Expression): Expression =>
  Object.freeze({ kind: "If", predicate: p, trueValue: a, falseValue: b });
const caseE = (branches: [Expression, Expression][], elseValue: Expression | null): Expression =>
  Object.freeze({ kind: "CaseWhen", branches, elseValue });

test("IF with a constant predicate or equal branches", () => {
  assert.equal(out(ifE(TRUE, t.a, t.b)), "a#0");
  assert.equal(out(ifE(FALSE, t.a, t.b)), "b#0");
  assert.equal(out(ifE(literal(null, { kind: "boolean" }), t.a, t.b)), "b#0");
  assert.equal(out(ifE(cond, t.b, t.b)), "b#0");
});

test("CASE WHEN drops false branches and stops at a true one", () => {
  assert.equal(
    out(
      caseE(
        [
          [FALSE, one],
          [cond, two],
        ],
        null,
      ),
    ),
    "CASE WHEN (a#0 > 1) THEN 2 END",
  );
  assert.equal(
    out(
      caseE(
        [
          [TRUE, one],
          [cond, two],
        ],
        null,
      ),
    ),
    "1",
  );
  assert.equal(
    out(
      caseE(
        [
          [cond, one],
          [TRUE, two],
          [cond, one],
        ],
        null,
      ),
    ),
    "CASE WHEN (a#0 > 1) THEN 1 ELSE 2 END",
  );
  assert.equal(out(caseE([[FALSE, one]], t.b)), "b#0");
  assert.equal(out(caseE([[NULL, one]], null)), "null");
});
