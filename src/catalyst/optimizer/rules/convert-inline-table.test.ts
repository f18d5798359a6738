import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegerT, StringT } from "../../../types/data-types.ts";
import { alias, literal, unresolvedFunction } from "../../expressions/factories.ts";
import { ONE_ROW, project, union } from "../../plans/factories.ts";
import { outputOf } from "../../plans/output.ts";
import { runRules } from "../testing.ts";
import { ConvertInlineTable } from "./convert-inline-table.ts";

const row = (a: number, b: string) =>
  project([alias(literal(a, IntegerT), "a"), alias(literal(b, StringT), "b")], ONE_ROW);

test("VALUES rows (a union of constant one-row projections) become one LocalRelation", () => {
  const values = union([row(1, "x"), row(2, "y")]);
  const p = runRules(values, [ConvertInlineTable]);
  assert.equal(p.kind, "LocalRelation");
  assert.deepEqual(p.kind === "LocalRelation" ? p.rows : null, [
    [1, "x"],
    [2, "y"],
  ]);
  // the union's attributes are kept, so the plan above still reads them
  assert.deepEqual(
    outputOf(p).map((x) => x.exprId),
    outputOf(values).map((x) => x.exprId),
  );
});

test("a union with a non-constant branch stays", () => {
  const random = project([alias(unresolvedFunction("rand", []), "r")], ONE_ROW);
  const u = union([project([alias(literal(1, IntegerT), "r")], ONE_ROW), random]);
  assert.equal(runRules(u, [ConvertInlineTable]), u);
});
