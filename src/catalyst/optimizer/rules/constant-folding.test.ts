import assert from "node:assert/strict";
import { test } from "node:test";
import { FlintError } from "../../../errors/index.ts";
import { IntegerT } from "../../../types/data-types.ts";
import type { Expression } from "../../expressions/expression.ts";
import {
  alias,
  and,
  arithmetic,
  isNull,
  literal,
  not,
  or,
  TRUE,
} from "../../expressions/factories.ts";
import { project } from "../../plans/factories.ts";
import { confOf } from "../rule.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { ConstantFolding } from "./constant-folding.ts";

const t = testRelation();
const int = (n: number) => literal(n, IntegerT);

/** A stand-in for the interpreted evaluator: integer + and / with ANSI errors. */
function evaluate(e: Expression): unknown {
  switch (e.kind) {
    case "Literal":
      return e.value;
    case "BinaryArithmetic": {
      const l = evaluate(e.left) as number;
      const r = evaluate(e.right) as number;
      if (e.op === "+") return l + r;
      if (e.op === "/") {
        if (r === 0) throw new FlintError("INTERNAL_ERROR", { message: "divide by zero" });
        return l / r;
      }
      throw new Error("unsupported");
    }
    default:
      throw new Error("unsupported");
  }
}

function out(e: Expression, withEvaluator = true): string {
  const ctx = withEvaluator
    ? { conf: confOf(), testMode: true, evaluate }
    : { conf: confOf(), testMode: true };
  const text = planText(runRules(project([alias(e, "x")], t.plan), [ConstantFolding], ctx));
  return (text.split("\n")[0] ?? "").replace(/^Project \[/, "").replace(/ AS x#\d+\]$/, "");
}

test("foldable subtrees become literals, largest first", () => {
  assert.equal(out(arithmetic("+", int(1), int(2))), "3");
  assert.equal(out(arithmetic("+", t.a, arithmetic("+", int(2), int(3)))), "(a#0 + 5)");
});

test("an expression that would raise is left for run time", () => {
  assert.equal(out(arithmetic("/", int(1), int(0))), "(1 / 0)");
  assert.equal(out(arithmetic("+", t.a, arithmetic("/", int(1), int(0)))), "(a#0 + (1 / 0))");
});

test("by default the interpreted evaluator folds, keeping ANSI errors for run time", () => {
  assert.equal(out(and(TRUE, or(not(TRUE), isNull(int(1)))), false), "false");
  assert.equal(out(arithmetic("+", int(1), int(2)), false), "3");
  assert.equal(out(arithmetic("+", t.a, arithmetic("*", int(2), int(3))), false), "(a#0 + 6)");
  assert.equal(out(arithmetic("/", int(1), int(0)), false), "(1 / 0)");
  const big = literal(2147483647, IntegerT);
  assert.equal(out(arithmetic("+", big, int(1)), false), "(2147483647 + 1)");
  assert.equal(out(arithmetic("+", big, int(1), "LEGACY"), false), "-2147483648");
});
