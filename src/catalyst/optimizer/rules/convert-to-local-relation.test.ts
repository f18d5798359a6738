import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { alias, arithmetic, attribute, comparison, literal } from "../../expressions/factories.ts";
import { filter, limit, localRelation, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { runRules } from "../testing.ts";
import { ConvertToLocalRelation } from "./convert-to-local-relation.ts";

const a = attribute("a", IntegerT);
const rel = localRelation([a], [[1], [2], [null]]);
const rowsOf = (p: LogicalPlan) => (p.kind === "LocalRelation" ? p.rows : null);

test("projections, filters and limits over local rows are computed when planning", () => {
  const x = alias(arithmetic("+", a, literal(1, IntegerT)), "x");
  const p = runRules(project([x], rel), [ConvertToLocalRelation]);
  assert.deepEqual(rowsOf(p), [[2], [3], [null]]);
  assert.equal(p.kind === "LocalRelation" ? p.output[0]?.exprId : -1, x.exprId);
  assert.deepEqual(
    rowsOf(
      runRules(filter(comparison(">", a, literal(1, IntegerT)), rel), [ConvertToLocalRelation]),
    ),
    [[2]],
  );
  assert.deepEqual(rowsOf(runRules(limit(1, rel), [ConvertToLocalRelation])), [[1]]);
});

test("an expression that raises is left for run time", () => {
  const q = project([alias(arithmetic("/", a, literal(0, IntegerT)), "y")], rel);
  assert.equal(runRules(q, [ConvertToLocalRelation]), q);
});
