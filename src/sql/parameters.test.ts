/** Parameter binding: named and positional markers become literals, also in subqueries. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bindParameters, parseQuery } from "./index.ts";
import { show } from "./print.ts";

const bind = (sql: string, args: Readonly<Record<string, unknown>> | readonly unknown[]) =>
  show(bindParameters(parseQuery(sql), args)).replace(/, options=\{\}/g, "");

test("named parameters", () => {
  assert.equal(
    bind("SELECT :a + 1 FROM t WHERE b = :s", { a: 2, s: "x" }),
    "Project(projectList=[(2 + 1)], Filter(condition=('b = 'x'), UnresolvedRelation(nameParts=[\"t\"])))",
  );
});

test("positional parameters, in subqueries and CTEs", () => {
  assert.match(
    bind("WITH c AS (SELECT ? AS x) SELECT * FROM c WHERE x IN (SELECT ?)", [1, 2n]),
    /^WithCte\(ctes=\[\{id: \d+, name: "c", plan: Project\(projectList=\[1 AS x\], OneRowRelation\(\)\), recursive: false\}\], Project\(projectList=\[\*\], Filter\(condition=InSubquery\(values=\['x\], query=ListQuery\(plan=Project\(projectList=\[2:bigint\], OneRowRelation\(\)\), numCols=-1\)\), UnresolvedRelation\(nameParts=\["c"\]\)\)\)\)$/,
  );
});

test("unbound and mixed parameters", () => {
  assert.throws(
    () => bindParameters(parseQuery("SELECT :a"), { b: 1 }),
    (e: { errorClass?: string; messageParameters?: Record<string, string> }) =>
      e.errorClass === "UNBOUND_SQL_PARAMETER" && e.messageParameters?.name === "a",
  );
  assert.throws(
    () => bindParameters(parseQuery("SELECT :a, ?"), { a: 1 }),
    (e: { errorClass?: string }) => e.errorClass === "INVALID_QUERY_MIXED_QUERY_PARAMETERS",
  );
});
