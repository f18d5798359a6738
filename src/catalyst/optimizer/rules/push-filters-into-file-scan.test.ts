import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT } from "../../../types/data-types.ts";
import { and, arithmetic, comparison, isNotNull, literal } from "../../expressions/factories.ts";
import { filter } from "../../plans/factories.ts";
import { exprText, runRules, testRelation } from "../testing.ts";
import { PushFiltersIntoFileScan } from "./push-filters-into-file-scan.ts";

test("source-evaluable conjuncts are handed to the scan; the filter stays", () => {
  const t = testRelation();
  const cond = and(
    and(isNotNull(t.a), comparison(">", t.a, literal(1, IntegerT))),
    comparison(">", arithmetic("+", t.a, t.b), literal(3, IntegerT)),
  );
  const p = runRules(filter(cond, t.plan), [PushFiltersIntoFileScan]);
  assert.equal(p.kind, "Filter");
  const scan = p.kind === "Filter" ? p.child : p;
  assert.deepEqual(scan.kind === "FileRelation" ? scan.pushedFilters.map(exprText) : [], [
    `isnotnull(a#${t.a.exprId})`,
    `(a#${t.a.exprId} > 1)`,
  ]);
});
