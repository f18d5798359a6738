import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../types/data-types.ts";
import { alias, attribute, comparison, literal, TRUE } from "../expressions/factories.ts";
import { filter, project } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import { transformPlanUp } from "../trees/plan-tree.ts";
import { confOf, type Rule } from "./rule.ts";
import {
  dumpTimeSpent,
  excludedRules,
  executeBatches,
  mergeMetrics,
  RuleExecutionError,
} from "./rule-executor.ts";
import { testContext, testRelation } from "./testing.ts";

const removeFilters: Rule = {
  name: "RemoveFilters",
  apply: (p) => transformPlanUp(p, (x) => (x.kind === "Filter" ? x.child : undefined)),
};

const noop: Rule = { name: "Noop", apply: (p) => p };

test("runs a fixed-point batch to convergence and meters effective runs", () => {
  const t = testRelation();
  const plan = filter(comparison(">", t.a, literal(1, IntegerT)), filter(TRUE, t.plan));
  const r = executeBatches(
    [{ name: "b", strategy: { fixedPoint: 10 }, rules: [removeFilters, noop] }],
    plan,
    testContext(),
  );
  assert.equal(r.plan, t.plan);
  const m = new Map(r.metrics.rules.map((x) => [x.rule, x]));
  assert.equal(m.get("RemoveFilters")?.invocations, 2);
  assert.equal(m.get("RemoveFilters")?.effectiveInvocations, 1);
  assert.equal(m.get("Noop")?.effectiveInvocations, 0);
  assert.equal(r.metrics.batches[0]?.iterations, 2);
  assert.equal(r.metrics.batches[0]?.reachedFixedPoint, true);
  const text = dumpTimeSpent(mergeMetrics([r.metrics, r.metrics]));
  assert.match(text, /=== Metrics of Analyzer\/Optimizer Rules ===/);
  assert.match(text, /Total number of runs: 8/);
  assert.match(text, /RemoveFilters\s+\d+ \/ \d+\s+2 \/ 4/);
});

test("spark.sql.optimizer.excludedRules skips excludable rules only", () => {
  const t = testRelation();
  const plan = filter(comparison(">", t.a, literal(1, IntegerT)), t.plan);
  const ctx = {
    ...testContext(),
    conf: confOf({
      "spark.sql.optimizer.excludedRules":
        "org.apache.spark.sql.catalyst.optimizer.RemoveFilters, EliminateSubqueryAliases",
    }),
  };
  assert.deepEqual([...excludedRules(ctx)], ["RemoveFilters"]);
  const r = executeBatches([{ name: "b", strategy: "Once", rules: [removeFilters] }], plan, ctx);
  assert.equal(r.plan, plan);
});

test("test mode rejects a rule that changes the output schema", () => {
  const t = testRelation();
  const rename: Rule = {
    name: "Rename",
    apply: (p) => (p.kind === "Project" ? p : project([alias(t.a, "renamed")], p)),
  };
  assert.throws(
    () => executeBatches([{ name: "b", strategy: "Once", rules: [rename] }], t.plan, testContext()),
    (e: unknown) => e instanceof RuleExecutionError && /changed the output schema/.test(e.message),
  );
});

test("test mode rejects a plan that reads a column no child produces", () => {
  const t = testRelation();
  const ghost = attribute("ghost", IntegerT);
  const bad: Rule = {
    name: "Bad",
    apply: (p) =>
      p.kind === "Filter" ? p : filter(comparison(">", ghost, literal(1, IntegerT)), p),
  };
  assert.throws(
    () => executeBatches([{ name: "b", strategy: "Once", rules: [bad] }], t.plan, testContext()),
    /which no child produces/,
  );
});

test("test mode checks that Once batches are idempotent", () => {
  const t = testRelation();
  let n = 0;
  const growing: Rule = {
    name: "Growing",
    apply: (p: LogicalPlan) => filter(comparison(">", t.a, literal(n++, IntegerT)), p),
  };
  assert.throws(
    () =>
      executeBatches([{ name: "b", strategy: "Once", rules: [growing] }], t.plan, testContext()),
    /idempotence is broken/,
  );
});

test("a fixed-point batch that never converges stops at its limit (and fails in tests)", () => {
  const t = testRelation();
  let n = 0;
  const growing: Rule = {
    name: "Growing",
    apply: (p: LogicalPlan) =>
      p.kind === "Filter"
        ? filter(comparison(">", t.a, literal(n++, IntegerT)), p.child)
        : filter(comparison(">", t.a, literal(n++, IntegerT)), p),
  };
  const batches = [{ name: "b", strategy: { fixedPoint: 3 }, rules: [growing] }];
  const r = executeBatches(batches, t.plan, { conf: confOf() });
  assert.equal(r.metrics.batches[0]?.iterations, 3);
  assert.equal(r.metrics.batches[0]?.reachedFixedPoint, false);
  assert.throws(() => executeBatches(batches, t.plan, testContext()), /Max iterations \(3\)/);
});
