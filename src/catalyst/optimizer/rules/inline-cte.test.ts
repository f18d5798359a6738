import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { attribute } from "../../expressions/factories.ts";
import { join, project } from "../../plans/factories.ts";
import type { LogicalPlan } from "../../plans/logical-plan.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { InlineCTE } from "./inline-cte.ts";

test("references become the definition's plan under their own ids", () => {
  const t = testRelation();
  const def = project([t.a], t.plan);
  const ref = (): LogicalPlan =>
    Object.freeze({ kind: "CteRelationRef", cteId: 1, output: [attribute("a", IntegerT)] });
  const q: LogicalPlan = Object.freeze({
    kind: "WithCte",
    ctes: [{ id: 1, name: "c", plan: def, recursive: false }],
    child: join(ref(), ref(), "Cross", null),
  });
  assert.equal(
    planText(runRules(q, [InlineCTE])),
    [
      "Join Cross",
      ":- Project [a#0 AS a#1]",
      ":  +- Project [a#0]",
      ":     +- Relation [a#0,b#2,c#3] parquet",
      "+- Project [a#0 AS a#4]",
      "   +- Project [a#0]",
      "      +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
});
