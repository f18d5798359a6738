/** Expression parsing: precedence and the node each construct becomes (Spark's AstBuilder). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseExpression } from "./index.ts";
import { show } from "./print.ts";

const p = (sql: string): string => show(parseExpression(sql));

test("arithmetic precedence: unary > * / % div > + - || > shifts > & > ^ > | > comparison", () => {
  assert.equal(p("1 + 2 * 3"), "(1 + (2 * 3))");
  assert.equal(p("(1 + 2) * 3"), "((1 + 2) * 3)");
  assert.equal(p("1 - 2 - 3"), "((1 - 2) - 3)");
  assert.equal(p("a % b div c"), "(('a % 'b) div 'c)");
  assert.equal(p("a || b + c"), "('concat('a, 'b) + 'c)");
  assert.equal(p("1 | 2 & 3"), "'|(1, '&(2, 3))");
  assert.equal(p("1 ^ 2 | 3"), "'|('^(1, 2), 3)");
  assert.equal(p("1 << 2 + 3"), "'<<(1, (2 + 3))");
  assert.equal(p("a + 1 < b * 2"), "(('a + 1) < ('b * 2))");
  assert.equal(p("- a * b"), "(UnaryMinus('a) * 'b)");
  assert.equal(p("~a"), "'~('a)");
  assert.equal(p("+a"), "'positive('a)");
});

test("boolean precedence: OR < AND < NOT < predicates", () => {
  assert.equal(p("a OR b AND c"), "('a OR ('b AND 'c))");
  assert.equal(p("NOT a = b"), "NOT ('a = 'b)");
  assert.equal(p("NOT a AND b"), "(NOT 'a AND 'b)");
  assert.equal(p("!a"), "NOT 'a");
  assert.equal(p("a = 1 IS NULL"), "IsNull(('a = 1))");
});

test("comparisons", () => {
  assert.equal(p("a == b"), "('a = 'b)");
  assert.equal(p("a <> b"), "NOT ('a = 'b)");
  assert.equal(p("a != b"), "NOT ('a = 'b)");
  assert.equal(p("a <=> b"), "('a <=> 'b)");
  assert.equal(p("a >= b"), "('a >= 'b)");
});

test("predicates", () => {
  assert.equal(p("a IS NOT NULL"), "IsNotNull('a)");
  assert.equal(p("a IS TRUE"), "('a <=> true)");
  assert.equal(p("a IS NOT FALSE"), "NOT ('a <=> false)");
  assert.equal(p("a IS UNKNOWN"), "IsNull('a)");
  assert.equal(p("a IS DISTINCT FROM b"), "NOT ('a <=> 'b)");
  assert.equal(p("a IS NOT DISTINCT FROM b"), "('a <=> 'b)");
  assert.equal(p("a BETWEEN 1 AND 2 + 1"), "'between('a, 1, (2 + 1))");
  assert.equal(p("a NOT BETWEEN 1 AND 2"), "NOT 'between('a, 1, 2)");
  assert.equal(p("a IN (1, 2)"), "In(value='a, list=[1, 2])");
  assert.equal(p("a NOT IN (1)"), "NOT In(value='a, list=[1])");
  assert.equal(
    p("a LIKE 'x%' ESCAPE '!'"),
    "Like(left='a, right='x%', escapeChar=\"!\", caseInsensitive=false)",
  );
  assert.equal(
    p("a NOT ILIKE 'x'"),
    "NOT Like(left='a, right='x', escapeChar=\"\\\\\", caseInsensitive=true)",
  );
  assert.equal(
    p("a RLIKE 'x' AND b REGEXP 'y'"),
    "(RLike(left='a, right='x') AND RLike(left='b, right='y'))",
  );
  assert.equal(p("a LIKE ANY ('x', 'y')"), "'likeany('a, 'x', 'y')");
  assert.equal(p("a NOT LIKE ALL ('x', 'y')"), "'notlikeall('a, 'x', 'y')");
});

test("subquery expressions", () => {
  assert.equal(
    p("a IN (SELECT b FROM t)"),
    "InSubquery(values=['a], query=ListQuery(plan=Project(projectList=['b], UnresolvedRelation(nameParts=[\"t\"], options={})), numCols=-1))",
  );
  assert.equal(
    p("(a, b) IN (SELECT 1, 2)"),
    "InSubquery(values=['a, 'b], query=ListQuery(plan=Project(projectList=[1, 2], OneRowRelation()), numCols=-1))",
  );
  assert.equal(p("EXISTS (SELECT 1)"), "Exists(plan=Project(projectList=[1], OneRowRelation()))");
  assert.equal(p("(SELECT 1)"), "ScalarSubquery(plan=Project(projectList=[1], OneRowRelation()))");
  assert.equal(p("exists(xs, x -> x > 1)").startsWith("'exists('xs, LambdaFunction"), true);
});

test("casts, CASE, field access and subscripts", () => {
  assert.equal(p("CAST(a AS int)"), "cast('a as int)");
  assert.equal(p("TRY_CAST(a AS decimal(10, 2))"), "try_cast('a as decimal(10,2))");
  assert.equal(p("a::string"), "cast('a as string)");
  assert.equal(p("-a::int"), "UnaryMinus(cast('a as int))");
  assert.equal(p("CASE WHEN a THEN 1 ELSE 2 END"), "CaseWhen(branches=[['a, 1]], elseValue=2)");
  assert.equal(p("CASE a WHEN 1 THEN 'x' END"), "CaseWhen(branches=[[('a = 1), 'x']])");
  assert.equal(p("t.a.b"), "'t.a.b");
  assert.equal(p("a[0]"), "UnresolvedExtractValue('a, extraction=0)");
  assert.equal(
    p("m['k'].f"),
    "UnresolvedExtractValue(UnresolvedExtractValue('m, extraction='k'), extraction='f')",
  );
  assert.equal(p("`a.b`.c"), "'a.b.c");
  assert.equal(show(parseExpression("`a.b`.c")), "'a.b.c");
});

test("function calls", () => {
  assert.equal(p("count(*)"), "'count(*)");
  assert.equal(p("count(DISTINCT a, b)"), "'count(distinct 'a, 'b)");
  assert.equal(p("sum(a) FILTER (WHERE a > 1)"), "'sum('a) filter ('a > 1)");
  assert.equal(p("first(a) IGNORE NULLS"), "'first('a) ignore nulls");
  assert.equal(p("first(a IGNORE NULLS)"), "'first('a) ignore nulls");
  assert.equal(p("db.f(1)"), "'db.f(1)");
  assert.equal(p("current_date"), "'current_date()");
  assert.equal(p("struct(a AS x, 1)"), "'struct('a AS x, 1)");
  assert.equal(p("(a, b)"), "'struct('a, 'b)");
  assert.equal(p("extract(YEAR FROM d)"), "'extract('YEAR', 'd)");
  assert.equal(p("substring(s FROM 2 FOR 3)"), "'substring('s, 2, 3)");
  // Spark's TRIM syntax is the (trimStr, str) call of trim/ltrim/rtrim.
  assert.equal(p("trim(BOTH 'x' FROM s)"), "'trim('x', 's)");
  assert.equal(p("trim(TRAILING 'x' FROM s)"), "'rtrim('x', 's)");
  assert.equal(p("trim(LEADING FROM s)"), "'ltrim('s)");
  assert.equal(p("position('a' IN s)"), "'locate('a', 's)");
  assert.equal(p("timestampadd(HOUR, 1, ts)"), "'timestampadd('HOUR', 1, 'ts)");
  assert.equal(p("IDENTIFIER('a.b')"), "'a.b");
});

test("lambdas", () => {
  assert.equal(
    p("transform(xs, x -> x + 1)"),
    "'transform('xs, LambdaFunction(body=('x + 1), params=[UnresolvedNamedLambdaVariable(nameParts=[\"x\"])]))",
  );
  assert.equal(
    p("aggregate(xs, 0, (acc, x) -> acc + x)"),
    "'aggregate('xs, 0, LambdaFunction(body=('acc + 'x), params=[UnresolvedNamedLambdaVariable(nameParts=[\"acc\"]), UnresolvedNamedLambdaVariable(nameParts=[\"x\"])]))",
  );
});

test("window functions", () => {
  assert.equal(
    p("row_number() OVER (PARTITION BY a ORDER BY b DESC NULLS FIRST)"),
    "WindowExpression(fn='row_number(), spec=WindowSpec(partitionSpec=['a], orderSpec=['b DESC NULLS FIRST]))",
  );
  assert.equal(
    p("sum(a) OVER (ORDER BY b ROWS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING)"),
    'WindowExpression(fn=\'sum(\'a), spec=WindowSpec(orderSpec=[\'b ASC NULLS FIRST], frame={frameType: "ROWS", lower: FrameBoundary(type="OFFSET", offset=UnaryMinus(1)), upper: FrameBoundary(type="UNBOUNDED FOLLOWING")}))',
  );
  assert.equal(
    p("sum(a) OVER (RANGE CURRENT ROW)"),
    'WindowExpression(fn=\'sum(\'a), spec=WindowSpec(frame={frameType: "RANGE", lower: FrameBoundary(type="CURRENT ROW"), upper: FrameBoundary(type="CURRENT ROW")}))',
  );
});

test("parameters", () => {
  assert.equal(p(":x + ?"), '(Parameter(name="x") + Parameter(position=0))');
});

test("origins point at the SQL fragment", () => {
  const e = parseExpression("1 + foo(bar)");
  assert.equal(e.kind, "BinaryArithmetic");
  if (e.kind !== "BinaryArithmetic") return;
  assert.deepEqual([e.origin?.start, e.origin?.stop], [0, 11]);
  const call = e.right;
  assert.equal(call.kind, "UnresolvedFunction");
  if (call.kind !== "UnresolvedFunction") return;
  assert.deepEqual([call.origin?.start, call.origin?.stop], [4, 11]);
  const arg = call.args[0];
  assert.equal(arg?.kind === "UnresolvedAttribute" ? arg.origin?.start : -1, 8);
});

test("an alias after the expression", () => {
  assert.equal(p("a + 1 AS b"), "('a + 1) AS b");
  assert.equal(p("a b"), "'a AS b");
});
