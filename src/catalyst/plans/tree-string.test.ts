/**
 * Plan strings as pyspark 4's `explain(True)` prints them (ids normalised to `#x`).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DoubleT, IntegerT, LongT, StringT } from "../../types/data-types.ts";
import {
  analyzeTest,
  fn,
  normalizedTree,
  table,
  ua,
  ualias,
} from "../analysis/testing/fixtures.ts";
import type { Expression } from "../expressions/expression.ts";
import { arithmetic, attribute, comparison, literal, literalOf } from "../expressions/factories.ts";
import { aggregate, filter, localRelation, project, range, subqueryAlias } from "./factories.ts";
import {
  exprString,
  javaDoubleString,
  renderTree,
  schemaString,
  treeString,
} from "./tree-string.ts";

test("unresolved plans print with a quote, as Spark's parsed plan", () => {
  const plan = aggregate(
    [ua("country")],
    [ua("country"), ualias(fn("sum", ua("salary")))],
    table("emp"),
  );
  assert.equal(
    treeString(plan),
    "'Aggregate ['country], ['country, unresolvedalias('sum('salary))]\n+- 'UnresolvedRelation [emp], [], false\n",
  );
});

test("expression strings of an analyzed aggregate", () => {
  const items: Expression[] = [
    comparison("=", ua("b"), literalOf(1)),
    Object.freeze({ kind: "UnaryMinus", child: ua("a"), evalMode: "ANSI" }),
    Object.freeze({ kind: "Not", child: comparison("=", ua("a"), literalOf(1)) }),
    Object.freeze({ kind: "IsNull", child: ua("a") }),
    Object.freeze({ kind: "In", value: ua("a"), list: [literalOf(1), literalOf(2)] }),
    Object.freeze({
      kind: "Like",
      left: ua("b"),
      right: literalOf("x%"),
      escapeChar: "\\",
      caseInsensitive: false,
    }),
    Object.freeze({
      kind: "CaseWhen",
      branches: [[comparison(">", ua("a"), literalOf(1)), literalOf("p")] as const],
      elseValue: literalOf("q"),
    }),
    Object.freeze({
      kind: "If",
      predicate: comparison(">", ua("a"), literalOf(1)),
      trueValue: literalOf(1),
      falseValue: literalOf(2),
    }),
    Object.freeze({ kind: "Coalesce", children: [ua("a"), ua("c")] }),
    literal(1n, LongT),
    literal(1.5, DoubleT),
    literalOf(true),
    arithmetic("/", ua("a"), literalOf(2)),
  ];
  const plan = analyzeTest(aggregate([ua("a"), ua("b"), ua("c")], items.map(ualias), table("t")));
  assert.ok(plan.kind === "Aggregate");
  assert.deepEqual(
    plan.aggregateExpressions.map(exprString).map((s) => s.replace(/#\d+/g, "#x")),
    [
      "(cast(b#x as bigint) = cast(1 as bigint)) AS (b = 1)#x",
      "-a#x AS (- a)#x",
      "NOT (a#x = 1) AS (NOT (a = 1))#x",
      "isnull(a#x) AS (a IS NULL)#x",
      "a#x IN (1,2) AS (a IN (1, 2))#x",
      "b#x LIKE x% AS b LIKE x%#x",
      "CASE WHEN (a#x > 1) THEN p ELSE q END AS CASE WHEN (a > 1) THEN p ELSE q END#x",
      "if ((a#x > 1)) 1 else 2 AS (IF((a > 1), 1, 2))#x",
      "coalesce(cast(a#x as double), c#x) AS coalesce(a, c)#x",
      "1 AS 1#xL",
      "1.5 AS 1.5#x",
      "true AS true#x",
      "(cast(a#x as double) / cast(2 as double)) AS (a / 2)#x",
    ],
  );
});

test("subqueries print as inner children behind ':  '", () => {
  const inner = project(
    [ualias(literalOf(1))],
    filter(comparison("=", ua("y", "a"), ua("t", "a")), subqueryAlias(["y"], table("t"))),
  );
  const exists: Expression = Object.freeze({
    kind: "Exists",
    plan: inner,
    outerAttrs: [],
    exprId: 0,
  });
  const plan = analyzeTest(project([ua("a")], filter(exists, table("t"))));
  assert.equal(
    normalizedTree(plan),
    [
      "Project [a#x]",
      "+- Filter exists#x [a#x]",
      "   :  +- Project [1 AS 1#x]",
      "   :     +- Filter (a#x = outer(a#x))",
      "   :        +- SubqueryAlias y",
      "   :           +- SubqueryAlias t",
      "   :              +- LocalRelation [a#x, b#x, c#x, salary#xL]",
      "   +- SubqueryAlias t",
      "      +- LocalRelation [a#x, b#x, c#x, salary#xL]",
      "",
    ].join("\n"),
  );
});

test("binary nodes use ':- ' for the first child", () => {
  const l = localRelation([attribute("a", IntegerT, true, 1)], [[1]]);
  const r = localRelation([attribute("b", StringT, true, 2)], [["x"]]);
  const join = Object.freeze({
    kind: "Join" as const,
    left: l,
    right: r,
    joinType: "Inner" as const,
    condition: null,
    usingColumns: null,
  });
  assert.equal(treeString(join), "Join Inner\n:- LocalRelation [a#1]\n+- LocalRelation [b#2]\n");
});

test("generic layout and Java number formatting", () => {
  type N = { name: string; kids: N[] };
  const t: N = {
    name: "root",
    kids: [
      { name: "x", kids: [{ name: "y", kids: [] }] },
      { name: "z", kids: [] },
    ],
  };
  assert.equal(
    renderTree(t, { text: (n) => n.name, children: (n) => n.kids }),
    "root\n:- x\n:  +- y\n+- z\n",
  );
  assert.equal(javaDoubleString(1), "1.0");
  assert.equal(javaDoubleString(1.5e10), "1.5E10");
  assert.equal(javaDoubleString(0.0001), "1.0E-4");
});

test("long lists truncate as Spark's maxToStringFields (25) and the schema line", () => {
  const out = Array.from({ length: 28 }, (_, i) => attribute(`c${i}`, IntegerT, true, 100 + i));
  const s = treeString(localRelation(out, [[]]));
  assert.ok(s.startsWith("LocalRelation [c0#100, c1#101, "));
  assert.ok(s.endsWith("c24#124, ... 3 more fields]\n"));
  const small = localRelation(
    [attribute("a", IntegerT, true, 1), attribute("s", LongT, true, 2)],
    [[]],
  );
  assert.equal(schemaString(small), "a: int, s: bigint");
});

test("Range, Sample, set operations and repartitions as pyspark 4 prints them", () => {
  const r = range(0n, 10n, 2n, 3);
  const id = r.output[0];
  assert.equal(treeString(r), `Range (0, 10, step=2, splits=Some(3))\n`);
  const sample = Object.freeze({
    kind: "Sample" as const,
    lowerBound: 0,
    upperBound: 0.5,
    withReplacement: false,
    seed: 42,
    child: r,
  });
  assert.equal(treeString(sample).split("\n")[0], "Sample 0.0, 0.5, false, 42, Bernoulli");
  const ex = Object.freeze({ kind: "Except" as const, left: r, right: r, isAll: true });
  assert.equal(treeString(ex).split("\n")[0], "Except All true");
  const sub = Object.freeze({ kind: "Except" as const, left: r, right: r, isAll: false });
  assert.equal(treeString(sub).split("\n")[0], "Except false");
  const rep = Object.freeze({
    kind: "RepartitionByExpression" as const,
    partitionExpressions: [id],
    numPartitions: 3,
    child: r,
  });
  assert.equal(
    (treeString(rep).split("\n")[0] ?? "").replace(/#\d+/, "#x"),
    "RepartitionByExpression [id#xL], 3",
  );
  assert.equal(
    treeString(
      Object.freeze({ kind: "Repartition" as const, numPartitions: 2, shuffle: false, child: r }),
    ).split("\n")[0],
    "Repartition 2, false",
  );
});
