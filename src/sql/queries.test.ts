/**
 * Query parsing: each clause becomes the plan Spark's AstBuilder builds. Relations print
 * as `R(t)` to keep the expected trees short.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseQuery } from "./index.ts";
import { show } from "./print.ts";

const q = (sql: string): string =>
  show(parseQuery(sql))
    .replace(
      /UnresolvedRelation\(nameParts=\["([^"]*)"(?:, "([^"]*)")?\], options=\{\}\)/g,
      (_m, a, b) => (b ? `R(${a}.${b})` : `R(${a})`),
    )
    .replace(/Project\(projectList=/g, "Project(");

test("SELECT ... FROM ... WHERE", () => {
  assert.equal(
    q("SELECT a, b AS c FROM t WHERE a > 1"),
    "Project(['a, 'b AS c], Filter(condition=('a > 1), R(t)))",
  );
  assert.equal(q("SELECT 1"), "Project([1], OneRowRelation())");
  assert.equal(q("SELECT * FROM db.t"), "Project([*], R(db.t))");
  assert.equal(q("SELECT t.* FROM t"), "Project([t.*], R(t))");
  assert.equal(q("SELECT a + 1 FROM t"), "Project([('a + 1)], R(t))");
  assert.equal(q("FROM t SELECT a"), "Project(['a], R(t))");
  assert.equal(q("TABLE t"), "R(t)");
});

test("GROUP BY, HAVING, DISTINCT, QUALIFY", () => {
  assert.equal(
    q("SELECT a, sum(b) FROM t GROUP BY a HAVING sum(b) > 1"),
    "Filter(condition=('sum('b) > 1), Aggregate(groupingExpressions=['a], aggregateExpressions=['a, 'sum('b)], R(t)))",
  );
  assert.equal(
    q("SELECT count(*) FROM t HAVING count(*) > 1"),
    "Filter(condition=('count(*) > 1), Aggregate(aggregateExpressions=['count(*)], R(t)))",
  );
  assert.equal(q("SELECT DISTINCT a FROM t"), "Distinct(Project(['a], R(t)))");
  assert.equal(
    q("SELECT a FROM t GROUP BY 1"),
    "Aggregate(groupingExpressions=[1], aggregateExpressions=['a], R(t))",
  );
  assert.equal(
    q("SELECT a FROM t GROUP BY ALL"),
    "Aggregate(groupingExpressions=['ALL], aggregateExpressions=['a], R(t))",
  );
  assert.equal(
    q("SELECT a FROM t GROUP BY ROLLUP(a, b)"),
    "Aggregate(groupingExpressions=['rollup('a, 'b)], aggregateExpressions=['a], R(t))",
  );
  assert.equal(
    q("SELECT a FROM t GROUP BY a, b WITH CUBE"),
    "Aggregate(groupingExpressions=['cube('a, 'b)], aggregateExpressions=['a], R(t))",
  );
  assert.equal(
    q("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ())"),
    "Aggregate(groupingExpressions=['grouping_sets('struct('a, 'b), 'a, 'struct())], aggregateExpressions=['a], R(t))",
  );
  assert.equal(
    q("SELECT a, row_number() OVER (ORDER BY a) AS r FROM t QUALIFY r = 1"),
    "Filter(condition=('r = 1), Project(['a, WindowExpression(fn='row_number(), spec=WindowSpec(orderSpec=['a ASC NULLS FIRST])) AS r], R(t)))",
  );
});

test("ORDER BY, SORT BY, LIMIT, OFFSET", () => {
  assert.equal(
    q("SELECT a FROM t ORDER BY a DESC, b NULLS LAST LIMIT 10 OFFSET 5"),
    "GlobalLimit(limit=10, LocalLimit(limit=10, Offset(offset=5, Sort(order=['a DESC NULLS LAST, 'b ASC NULLS LAST], global=true, Project(['a], R(t))))))",
  );
  assert.equal(
    q("SELECT a FROM t SORT BY a"),
    "Sort(order=['a ASC NULLS FIRST], global=false, Project(['a], R(t)))",
  );
  assert.equal(q("SELECT a FROM t LIMIT ALL"), "Project(['a], R(t))");
});

test("set operations: INTERSECT binds tighter than UNION and EXCEPT", () => {
  assert.equal(
    q("SELECT a FROM t UNION SELECT b FROM s INTERSECT SELECT c FROM u"),
    "Distinct(Union([Project(['a], R(t)), Intersect(left=Project(['b], R(s)), right=Project(['c], R(u)), isAll=false)], byName=false, allowMissingColumns=false))",
  );
  assert.equal(
    q("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3"),
    "Except(left=Union([Project([1], OneRowRelation()), Project([2], OneRowRelation())], byName=false, allowMissingColumns=false), right=Project([3], OneRowRelation()), isAll=false)",
  );
  assert.equal(
    q("SELECT 1 MINUS ALL SELECT 2"),
    "Except(left=Project([1], OneRowRelation()), right=Project([2], OneRowRelation()), isAll=true)",
  );
  assert.equal(
    q("(SELECT 1) UNION (SELECT 2) ORDER BY 1"),
    "Sort(order=[1 ASC NULLS FIRST], global=true, Distinct(Union([Project([1], OneRowRelation()), Project([2], OneRowRelation())], byName=false, allowMissingColumns=false)))",
  );
});

test("joins", () => {
  assert.equal(
    q("SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y)"),
    'Project([*], Join(left=Join(left=R(a), right=R(b), joinType="Inner", condition=(\'a.x = \'b.x)), right=R(c), joinType="LeftOuter", usingColumns=["y"]))',
  );
  assert.equal(
    q("SELECT * FROM a, b"),
    'Project([*], Join(left=R(a), right=R(b), joinType="Inner"))',
  );
  for (const [sql, type] of [
    ["a CROSS JOIN b", "Cross"],
    ["a FULL OUTER JOIN b", "FullOuter"],
    ["a RIGHT JOIN b", "RightOuter"],
    ["a LEFT SEMI JOIN b", "LeftSemi"],
    ["a ANTI JOIN b", "LeftAnti"],
  ] as const) {
    assert.ok(q(`SELECT * FROM ${sql}`).includes(`joinType="${type}"`), sql);
  }
  assert.equal(
    q("SELECT * FROM a NATURAL JOIN b"),
    'Project([*], Join(left=R(a), right=R(b), joinType="Inner"))',
  );
  assert.deepEqual(
    (() => {
      const p = parseQuery("SELECT * FROM a NATURAL JOIN b");
      return p.kind === "Project" && p.child.kind === "Join" ? p.child.usingColumns : null;
    })(),
    [],
  );
});

test("relations: aliases, subqueries, VALUES, table functions, samples", () => {
  assert.equal(q("SELECT * FROM t AS x"), 'Project([*], SubqueryAlias(identifier=["x"], R(t)))');
  assert.equal(
    q("SELECT * FROM (SELECT 1) s"),
    'Project([*], SubqueryAlias(identifier=["s"], Project([1], OneRowRelation())))',
  );
  assert.equal(
    q("SELECT * FROM (SELECT 1)"),
    'Project([*], SubqueryAlias(identifier=["__auto_generated_subquery_name"], Project([1], OneRowRelation())))',
  );
  assert.equal(
    q("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(x, y)"),
    "Project([*], SubqueryAlias(identifier=[\"v\"], Union([Project([1 AS x, 'a' AS y], OneRowRelation()), Project([2 AS x, 'b' AS y], OneRowRelation())], byName=false, allowMissingColumns=false)))",
  );
  assert.equal(q("VALUES 1"), "Project([1 AS col1], OneRowRelation())");
  assert.ok(q("SELECT * FROM range(2, 10, 3)").includes("Range(start=2L, end=10L, step=3L"));
  assert.equal(
    q("SELECT * FROM explode(array(1, 2)) AS e(x)"),
    'Project([*], SubqueryAlias(identifier=["e"], Generate(generator=\'explode(\'array(1, 2)), outer=false, qualifier="e", generatorOutput=[AttributeReference(name="x", dataType=void, nullable=true)], OneRowRelation())))',
  );
  assert.equal(
    q("SELECT * FROM t TABLESAMPLE (10 ROWS)"),
    "Project([*], GlobalLimit(limit=10, LocalLimit(limit=10, R(t))))",
  );
  assert.ok(
    q("SELECT * FROM t TABLESAMPLE (50 PERCENT)").includes("Sample(lowerBound=0, upperBound=0.5"),
  );
});

test("LATERAL VIEW", () => {
  assert.equal(
    q("SELECT x FROM t LATERAL VIEW OUTER explode(a) e AS x"),
    'Project([\'x], Generate(generator=\'explode(\'a), outer=true, qualifier="e", generatorOutput=[AttributeReference(name="x", dataType=void, nullable=true)], R(t)))',
  );
});

test("CTEs", () => {
  const s = q("WITH c(x) AS (SELECT 1), d AS (SELECT * FROM c) SELECT * FROM d");
  assert.match(
    s,
    /^WithCte\(ctes=\[\{id: \d+, name: "c", plan: WithColumnsRenamed\(renames=\[\["", "x"\]\], positional=true, Project\(\[1\], OneRowRelation\(\)\)\), recursive: false\}, \{id: \d+, name: "d", plan: Project\(\[\*\], R\(c\)\), recursive: false\}\], Project\(\[\*\], R\(d\)\)\)$/,
  );
  assert.match(q("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r"), /recursive: true/);
});

test("WINDOW clause definitions are substituted", () => {
  assert.equal(
    q("SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c)"),
    "Project([WindowExpression(fn='sum('a), spec=WindowSpec(partitionSpec=['b], orderSpec=['c ASC NULLS FIRST]))], R(t))",
  );
  // the error class and parameters pyspark reports
  for (const sql of [
    "SELECT sum(a) OVER w FROM t",
    "SELECT sum(a) OVER w FROM t WINDOW v AS (PARTITION BY b)",
  ]) {
    assert.throws(
      () => parseQuery(sql),
      (e: { errorClass?: string; messageParameters?: Record<string, string> }) =>
        e.errorClass === "MISSING_WINDOW_SPECIFICATION" && e.messageParameters?.windowName === "w",
    );
  }
  assert.throws(
    () => parseQuery("SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b), w AS (ORDER BY a)"),
    (e: { errorClass?: string; messageParameters?: Record<string, string> }) =>
      e.errorClass === "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION" &&
      e.messageParameters?.windowName === "`w`",
  );
});

test("hints", () => {
  assert.equal(
    q("SELECT /*+ BROADCAST(b), REPARTITION(3) */ * FROM a JOIN b"),
    'UnresolvedHint(name="BROADCAST", parameters=[\'b], UnresolvedHint(name="REPARTITION", parameters=[3], Project([*], Join(left=R(a), right=R(b), joinType="Inner"))))',
  );
});

test("pipe operators", () => {
  assert.equal(
    q("FROM t |> WHERE a > 1 |> SELECT a |> LIMIT 1"),
    "GlobalLimit(limit=1, LocalLimit(limit=1, Project(['a], Filter(condition=('a > 1), R(t)))))",
  );
  assert.equal(
    q("TABLE t |> AGGREGATE sum(b) GROUP BY a"),
    "Aggregate(groupingExpressions=['a], aggregateExpressions=['a, 'sum('b)], R(t))",
  );
  assert.equal(q("TABLE t |> EXTEND a + 1 AS b"), "Project([*, ('a + 1) AS b], R(t))");
});

test("file paths as tables", () => {
  assert.equal(
    q("SELECT * FROM parquet.`/data/x.parquet`"),
    "Project([*], R(parquet./data/x.parquet))",
  );
});

test("pipe SET and DROP, semi-structured paths", () => {
  assert.equal(
    q("TABLE t |> SET a = 1 |> DROP b"),
    'DropColumns(columns=[\'b], WithColumns(names=["a"], exprs=[1], R(t)))',
  );
  assert.equal(
    q("SELECT v:a.b[0]::string FROM t"),
    "Project([cast('semi_structured_extract('v, '$.a.b[0]') as string)], R(t))",
  );
});

test("parse-time checks Spark's parser makes (classes and parameters from Spark's golden files)", () => {
  const err = (sql: string) => {
    try {
      parseQuery(sql);
    } catch (e) {
      return e as { errorClass: string; messageParameters: Record<string, string> };
    }
    throw new Error(`${sql} should fail`);
  };
  const cte = err("with cte1 as (select 42), cte1 as (select 42) select * FROM cte1");
  assert.equal(cte.errorClass, "DUPLICATED_CTE_NAMES");
  assert.deepEqual(cte.messageParameters, { duplicateNames: "`cte1`" });
  const inline = err('select * from values ("one", 2.0), ("two") as data(a, b)');
  assert.equal(inline.errorClass, "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH");
  assert.deepEqual(inline.messageParameters, {
    expectedNumCols: "2",
    actualNumCols: "1",
    rowIndex: "1",
  });
  const aliasWidth = err('select * from values ("one"), ("two") as data(a, b)');
  assert.deepEqual(aliasWidth.messageParameters, {
    expectedNumCols: "2",
    actualNumCols: "1",
    rowIndex: "0",
  });
  const sample = err("SELECT * FROM t TABLESAMPLE (200 PERCENT)");
  assert.equal(sample.errorClass, "INVALID_TABLESAMPLE_FRACTION");
  assert.deepEqual(sample.messageParameters, { fraction: "2.0" });
  assert.deepEqual(err("SELECT * FROM t TABLESAMPLE (-100 PERCENT)").messageParameters, {
    fraction: "-1.0",
  });
});

test("time travel becomes reader options", () => {
  assert.equal(
    show(parseQuery("SELECT * FROM t VERSION AS OF 3")),
    'Project(projectList=[*], UnresolvedRelation(nameParts=["t"], options={versionAsOf: "3"}))',
  );
  assert.equal(
    show(parseQuery("SELECT * FROM t TIMESTAMP AS OF '2024-01-01'")),
    'Project(projectList=[*], UnresolvedRelation(nameParts=["t"], options={timestampAsOf: "2024-01-01"}))',
  );
});
