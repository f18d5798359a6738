import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { alias, attribute, comparison, literal } from "../../expressions/factories.ts";
import { filter, project } from "../../plans/factories.ts";
import { planText, runRules, testRelation } from "../testing.ts";
import { RemoveRedundantAliases } from "./remove-redundant-aliases.ts";

test("a same-name alias below the root is replaced by its attribute, and references follow", () => {
  const t = testRelation();
  const a2 = alias(t.a, "a");
  const a2Attr = attribute("a", IntegerT, true, a2.exprId);
  const q = project(
    [alias(a2Attr, "out")],
    filter(comparison(">", a2Attr, literal(1, IntegerT)), project([a2, t.b], t.plan)),
  );
  assert.equal(
    planText(runRules(q, [RemoveRedundantAliases])),
    [
      "Project [a#0 AS out#1]",
      "+- Filter (a#0 > 1)",
      "   +- Project [a#0, b#2]",
      "      +- Relation [a#0,b#2,c#3] parquet",
    ].join("\n"),
  );
});

test("aliases that produce the plan's output, or rename, stay", () => {
  const t = testRelation();
  const top = project([alias(t.a, "a")], t.plan);
  assert.equal(runRules(top, [RemoveRedundantAliases]), top);
  const rename = project([alias(t.a, "x")], project([alias(t.a, "z")], t.plan));
  assert.equal(
    planText(runRules(rename, [RemoveRedundantAliases])).split("\n")[1],
    "+- Project [a#0 AS z#2]",
  );
});
