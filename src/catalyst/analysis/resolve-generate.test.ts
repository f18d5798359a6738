/** LATERAL VIEW and generators in FROM (pyspark 4 plans and names). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NullT } from "../../types/data-types.ts";
import type { Expression } from "../expressions/expression.ts";
import { alias, attribute } from "../expressions/factories.ts";
import { project, subqueryAlias } from "../plans/factories.ts";
import type { LogicalPlan } from "../plans/logical-plan.ts";
import {
  analysisError,
  analyzeTest,
  columnsOf,
  fn,
  normalizedTree,
  star,
  table,
  ua,
} from "./testing/fixtures.ts";

const lateral = (
  gen: Expression,
  qualifier: string | null,
  names: string[],
  child: LogicalPlan,
): LogicalPlan =>
  Object.freeze({
    kind: "Generate",
    generator: gen,
    unrequiredChildIndex: [],
    outer: false,
    qualifier,
    generatorOutput: names.map((n) => attribute(n, NullT)),
    child,
  });

test("LATERAL VIEW columns take the generator's types, the AS names and the view qualifier", () => {
  // select * from s lateral view posexplode(xs) p as i, v
  const plan = project([star()], lateral(fn("posexplode", ua("xs")), "p", ["i", "v"], table("s")));
  assert.deepEqual(columnsOf(plan), ["st", "xs", "m", "i", "v"]);
  assert.equal(
    normalizedTree(analyzeTest(plan)).split("\n")[1],
    "+- Generate posexplode(xs#x), false, p, [i#x, v#x]",
  );
  assert.deepEqual(
    columnsOf(
      project([ua("p", "v")], lateral(fn("posexplode", ua("xs")), "p", ["i", "v"], table("s"))),
    ),
    ["v"],
  );
  const e = analysisError(
    project([star()], lateral(fn("posexplode", ua("xs")), "p", ["i"], table("s"))),
  );
  assert.equal(e.errorClass, "UDTF_ALIAS_NUMBER_MISMATCH");
  assert.deepEqual(e.messageParameters, { aliasesSize: "2", aliasesNames: "i" });
});

test("a generator in FROM names its columns itself", () => {
  const plan = project(
    [star()],
    subqueryAlias(["e"], lateral(fn("explode", ua("xs")), null, [], table("s"))),
  );
  assert.deepEqual(columnsOf(plan), ["st", "xs", "m", "col"]);
});

test("select posexplode(xs) as (i, v): every name of a multi-alias", () => {
  const multi: Expression = Object.freeze({
    ...alias(fn("posexplode", ua("xs")), "i"),
    metadata: Object.freeze({ multiAlias: Object.freeze(["i", "v"]) }),
  });
  assert.deepEqual(columnsOf(project([multi], table("s"))), ["i", "v"]);
});
