import assert from "node:assert/strict";
import { test } from "node:test";
import { arithmetic, literalOf } from "../expressions/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { columnsOf, table, ua } from "./testing/fixtures.ts";

test("a long chain of withColumn calls resolves (one pass, not one level per iteration)", () => {
  let plan: LogicalPlan = table("t");
  for (let i = 0; i < 150; i++) {
    plan = Object.freeze({
      kind: "WithColumns",
      names: [`x${i % 10}`],
      exprs: [arithmetic("+", ua("a"), literalOf(i))],
      child: plan,
    });
  }
  assert.deepEqual(columnsOf(plan), [
    "a",
    "b",
    "c",
    "salary",
    ...Array.from({ length: 10 }, (_, i) => `x${i}`),
  ]);
});
