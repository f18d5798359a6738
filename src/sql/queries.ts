/**
 * Query parsing (`query`, `queryTerm`, `querySpecification`, `relation` of
 * SqlBaseParser.g4) into unresolved logical plans, following AstBuilder:
 *
 *   SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... QUALIFY ...
 *     -> [Filter qualify] <- [Distinct] <- Filter having <- Aggregate | Project
 *        <- [Filter where] <- [Generate (LATERAL VIEW)] <- relations (comma = inner join)
 *   query ORDER BY .. LIMIT .. OFFSET ..  -> GlobalLimit/LocalLimit <- Offset <- Sort
 *
 * Set operations: INTERSECT binds tighter than UNION / EXCEPT / MINUS (left-associative).
 * Representations chosen where Catalyst's node set has no exact counterpart are listed
 * in README.md (VALUES, column aliases, NATURAL joins, grouping sets, ...).
 */
import type { Alias, Expression, WindowSpec } from "../catalyst/expressions/expression.ts";
import { alias, literal, sortOrder } from "../catalyst/expressions/factories.ts";
import {
  aggregate,
  distinct,
  filter,
  join,
  ONE_ROW,
  project,
  range,
  sort,
  subqueryAlias,
  union,
  unresolvedRelation,
} from "../catalyst/plans/factories.ts";
import type {
  CteDef,
  Join,
  JoinType,
  LogicalPlan,
  RepartitionByExpression,
  WithColumnsRenamed,
} from "../catalyst/plans/logical-plan.ts";
import { foreachExpr, transformDown } from "../catalyst/trees/expression-tree.ts";
import {
  foreachPlan,
  mapExpressions,
  planExpressions,
  transformPlanUp,
} from "../catalyst/trees/plan-tree.ts";
import { FlintError } from "../errors/index.ts";
import { IntegerT, StringT } from "../types/data-types.ts";
import {
  namedWindowRefs,
  parseExpressionList,
  parseFullExpression,
  parseSortItems,
  parseWindowSpec,
  withOptionalAlias,
} from "./expressions.ts";
import {
  attr,
  except,
  fn,
  generate,
  hint,
  intersect,
  limitExpr,
  offsetExpr,
  sample,
  star,
  unresolvedAlias,
  windowSpec,
  withCte,
} from "./nodes.ts";
import type { TokenStream } from "./token-stream.ts";

let nextCteId = 0;

/** Whether a query starts at the current token. */
export function startsQuery(ts: TokenStream): boolean {
  if (ts.isKw("SELECT") || ts.isKw("WITH") || ts.isKw("VALUES") || ts.isKw("FROM")) return true;
  if (ts.isKw("TABLE") && ts.isIdentifier(1)) return true;
  if (ts.isKw("MAP") || ts.isKw("REDUCE")) return false;
  if (ts.isOp("(")) {
    let k = 0;
    while (ts.isOp("(", k)) k++;
    const t = ts.peek(k);
    return (
      t.type === "ident" &&
      (t.value === "SELECT" ||
        t.value === "WITH" ||
        t.value === "VALUES" ||
        t.value === "FROM" ||
        t.value === "TABLE")
    );
  }
  return false;
}

/** `[WITH ...] queryTerm queryOrganization`. */
export function parseQueryAt(ts: TokenStream): LogicalPlan {
  if (ts.isKw("WITH")) return parseWith(ts);
  const term = parseSetOps(ts, 0);
  let plan = parseQueryOrganization(ts, term);
  while (ts.acceptOp("|>")) plan = parsePipeOperator(ts, plan);
  checkNoWindowReferences(plan);
  return plan;
}

/**
 * One pipe operator (`query |> op`): SELECT, EXTEND, SET, DROP, AS, WHERE, AGGREGATE,
 * joins, set operations, TABLESAMPLE, ORDER BY / LIMIT / OFFSET.
 */
function parsePipeOperator(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  if (ts.acceptKw("SELECT")) {
    const hints = ts.peek().type === "hintStart" ? parseHints(ts) : [];
    const isDistinct = ts.acceptKw("DISTINCT");
    if (!isDistinct) ts.acceptKw("ALL");
    let p: LogicalPlan = project(parseNamedExpressions(ts).map(toNamed), child);
    if (isDistinct) p = distinct(p);
    if (ts.isKw("WINDOW")) p = substituteWindows(parseWindowClause(ts), p, ts);
    for (let i = hints.length - 1; i >= 0; i--) {
      const h = hints[i];
      if (h) p = hint(h.name, h.args, p);
    }
    return p;
  }
  if (ts.acceptKw("EXTEND")) {
    return project([star(null), ...parseNamedExpressions(ts).map(toNamed)], child);
  }
  if (ts.acceptKw("SET")) {
    const names: string[] = [];
    const exprs: Expression[] = [];
    do {
      names.push(ts.multipartIdentifier().join("."));
      ts.expectOp("=");
      exprs.push(parseFullExpression(ts));
    } while (ts.acceptOp(","));
    return Object.freeze({
      kind: "WithColumns",
      names: Object.freeze(names),
      exprs: Object.freeze(exprs),
      child,
    });
  }
  if (ts.acceptKw("DROP")) {
    const columns: Expression[] = [];
    do {
      columns.push(attr(ts.multipartIdentifier()));
    } while (ts.acceptOp(","));
    return Object.freeze({ kind: "DropColumns", columns: Object.freeze(columns), child });
  }
  if (ts.acceptKw("AS")) return subqueryAlias([ts.identifier()], child);
  if (ts.acceptKw("WHERE")) return filter(parseFullExpression(ts), child);
  if (ts.acceptKw("AGGREGATE")) {
    const aggs = ts.isKw("GROUP") ? [] : parseNamedExpressions(ts).map(toNamed);
    if (ts.acceptKw("GROUP", "BY")) {
      // pipe AGGREGATE groups may carry aliases: the alias names the output column
      const named = parseNamedExpressions(ts);
      const groups = named.map((e) => (e.kind === "Alias" ? e.child : e));
      return aggregate(groups, [...named.map(toNamed), ...aggs], child);
    }
    return aggregate([], aggs, child);
  }
  if (ts.isKw("TABLESAMPLE")) return parseSample(ts, child);
  if (ts.isKw("PIVOT") || ts.isKw("UNPIVOT")) throw unsupportedPivot(ts);
  const setOp = ts.peek();
  if (setOp.type === "ident" && SET_PREC[setOp.value] !== undefined) {
    ts.next();
    let isAll = false;
    if (ts.acceptKw("ALL")) isAll = true;
    else ts.acceptKw("DISTINCT");
    const right = parseSetOps(ts, 2);
    if (setOp.value === "UNION") {
      const u = union([child, right]);
      return isAll ? u : distinct(u);
    }
    return setOp.value === "INTERSECT"
      ? intersect(child, right, isAll)
      : except(child, right, isAll);
  }
  const joined = parseJoins(ts, child);
  if (joined !== child) return joined;
  const organized = parseQueryOrganization(ts, child);
  if (organized === child) throw ts.error();
  return organized;
}

function parseWith(ts: TokenStream): LogicalPlan {
  const ctes = parseCteDefinitions(ts);
  const body = parseQueryAt(ts);
  return withCte(ctes, body);
}

/** `WITH [RECURSIVE] name [(cols)] AS (query), ...` (also before INSERT statements). */
export function parseCteDefinitions(ts: TokenStream): CteDef[] {
  const start = ts.peek();
  ts.expectKw("WITH");
  const recursive = ts.acceptKw("RECURSIVE");
  const ctes: CteDef[] = [];
  do {
    const name = ts.identifier();
    let columns: string[] | null = null;
    if (ts.isOp("(")) columns = identifierList(ts);
    ts.acceptKw("AS");
    ts.expectOp("(");
    let plan = parseQueryAt(ts);
    ts.expectOp(")");
    if (columns) plan = renamePositional(columns, plan);
    ctes.push({ id: nextCteId++, name, plan, recursive });
  } while (ts.acceptOp(","));
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const c of ctes) {
    const key = c.name.toLowerCase();
    if (seen.has(key) && !dups.includes(c.name)) dups.push(c.name);
    seen.add(key);
  }
  if (dups.length > 0) {
    throw new FlintError(
      "DUPLICATED_CTE_NAMES",
      { duplicateNames: dups.map((d) => `\`${d}\``).join(", ") },
      { context: ts.contextFrom(start) },
    );
  }
  return ctes;
}

/** `(a, b, c)`. */
export function identifierList(ts: TokenStream): string[] {
  ts.expectOp("(");
  const names = [ts.identifier()];
  while (ts.acceptOp(",")) names.push(ts.identifier());
  ts.expectOp(")");
  return names;
}

/** Column aliases `t(a, b)`: every output column renamed by position. */
function renamePositional(names: readonly string[], child: LogicalPlan): WithColumnsRenamed {
  return Object.freeze({
    kind: "WithColumnsRenamed",
    renames: Object.freeze(names.map((n) => Object.freeze(["", n] as const))),
    positional: true,
    child,
  });
}

// ---------------------------------------------------------------------------------------
// Set operations

const SET_PREC: Readonly<Record<string, number>> = {
  UNION: 1,
  EXCEPT: 1,
  MINUS: 1,
  INTERSECT: 2,
};

function parseSetOps(ts: TokenStream, minPrec: number): LogicalPlan {
  let left = parseQueryPrimary(ts);
  for (;;) {
    const t = ts.peek();
    const prec = t.type === "ident" ? SET_PREC[t.value] : undefined;
    if (prec === undefined || prec <= minPrec) return left;
    ts.next();
    let isAll = false;
    if (ts.acceptKw("ALL")) isAll = true;
    else ts.acceptKw("DISTINCT");
    const byName = t.value === "UNION" && ts.acceptKw("BY", "NAME");
    const right = parseSetOps(ts, prec);
    switch (t.value) {
      case "UNION": {
        const u = union([left, right], byName, false);
        left = isAll ? u : distinct(u);
        break;
      }
      case "INTERSECT":
        left = intersect(left, right, isAll);
        break;
      default:
        left = except(left, right, isAll);
    }
  }
}

function parseQueryPrimary(ts: TokenStream): LogicalPlan {
  if (ts.isKw("SELECT")) return parseSelect(ts, null);
  if (ts.isKw("FROM")) {
    ts.next();
    const from = parseFromRelations(ts);
    if (ts.isKw("SELECT")) return parseSelect(ts, from);
    return from;
  }
  if (ts.isKw("VALUES")) return parseValues(ts);
  if (ts.acceptKw("TABLE")) return unresolvedRelation(ts.multipartIdentifier());
  if (ts.isOp("(")) {
    ts.next();
    const q = parseQueryAt(ts);
    ts.expectOp(")");
    return q;
  }
  throw ts.error();
}

/** `ORDER BY / SORT BY / CLUSTER BY / DISTRIBUTE BY`, `WINDOW`, `LIMIT`, `OFFSET`. */
function parseQueryOrganization(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  let plan = child;
  if (ts.acceptKw("ORDER", "BY")) plan = sort(parseSortItems(ts), true, plan);
  if (ts.acceptKw("CLUSTER", "BY")) {
    const exprs = parseExpressionList(ts);
    plan = sort(
      exprs.map((e) => sortOrder(e)),
      false,
      repartitionBy(exprs, plan),
    );
  }
  if (ts.acceptKw("DISTRIBUTE", "BY")) plan = repartitionBy(parseExpressionList(ts), plan);
  if (ts.acceptKw("SORT", "BY")) plan = sort(parseSortItems(ts), false, plan);
  if (ts.isKw("WINDOW")) plan = substituteWindows(parseWindowClause(ts), plan, ts);
  let limit: Expression | null = null;
  let offset: Expression | null = null;
  for (let i = 0; i < 2; i++) {
    if (limit === null && ts.acceptKw("LIMIT")) {
      limit = ts.acceptKw("ALL") ? null : parseFullExpression(ts);
      if (limit === null) limit = literal(-1, IntegerT);
    } else if (offset === null && ts.acceptKw("OFFSET")) offset = parseFullExpression(ts);
  }
  if (offset) plan = offsetExpr(offset, plan);
  if (limit && !(limit.kind === "Literal" && limit.value === -1)) plan = limitExpr(limit, plan);
  return plan;
}

function repartitionBy(exprs: readonly Expression[], child: LogicalPlan): RepartitionByExpression {
  return Object.freeze({
    kind: "RepartitionByExpression",
    partitionExpressions: Object.freeze([...exprs]),
    numPartitions: null,
    child,
  });
}

// ---------------------------------------------------------------------------------------
// SELECT

function parseSelect(ts: TokenStream, fromFirst: LogicalPlan | null): LogicalPlan {
  ts.expectKw("SELECT");
  const hints = ts.peek().type === "hintStart" ? parseHints(ts) : [];
  let isDistinct = false;
  if (ts.acceptKw("DISTINCT")) isDistinct = true;
  else if (ts.isKw("ALL") && !ts.isOp("(", 1) && !ts.isOp(".", 1) && !ts.isOp(",", 1)) {
    ts.next();
  }
  const selectList = parseSelectList(ts);
  let plan: LogicalPlan = fromFirst ?? ONE_ROW;
  if (!fromFirst && ts.acceptKw("FROM")) plan = parseFromRelations(ts);
  plan = parseLateralViews(ts, plan);
  if (ts.acceptKw("WHERE")) plan = filter(parseFullExpression(ts), plan);
  let grouping: Expression[] | null = null;
  if (ts.acceptKw("GROUP", "BY")) grouping = parseGroupBy(ts);
  let having: Expression | null = null;
  if (ts.acceptKw("HAVING")) having = parseFullExpression(ts);
  let windows: Map<string, WindowSpec> | null = null;
  if (ts.isKw("WINDOW")) windows = parseWindowClause(ts);
  let qualify: Expression | null = null;
  if (ts.acceptKw("QUALIFY")) qualify = parseFullExpression(ts);

  const named = selectList.map(toNamed);
  if (grouping !== null) plan = aggregate(grouping, named, plan);
  else if (having !== null) plan = aggregate([], named, plan);
  else plan = project(named, plan);
  if (having !== null) plan = filter(having, plan);
  if (isDistinct) plan = distinct(plan);
  if (qualify !== null) plan = filter(qualify, plan);
  if (windows) plan = substituteWindows(windows, plan, ts);
  for (let i = hints.length - 1; i >= 0; i--) {
    const h = hints[i];
    if (h) plan = hint(h.name, h.args, plan);
  }
  return plan;
}

/** Select items keep attributes, stars and aliases; others get an UnresolvedAlias. */
function toNamed(e: Expression): Expression {
  if (e.kind === "UnresolvedAttribute" || e.kind === "UnresolvedStar" || e.kind === "Alias") {
    return e;
  }
  return unresolvedAlias(e);
}

/**
 * A select list. `SELECT a, FROM t` is TRAILING_COMMA_IN_SELECT, pointing at `FROM t` as
 * Spark does (its parser reads FROM as a column named FROM aliased t; the analyzer then
 * reports the trailing comma).
 */
function parseSelectList(ts: TokenStream): Expression[] {
  const out: Expression[] = [];
  do {
    if (out.length > 0 && ts.isKw("FROM")) {
      const start = ts.next();
      if (ts.isAliasCandidate()) ts.next();
      throw new FlintError("TRAILING_COMMA_IN_SELECT", {}, { context: ts.contextFrom(start) });
    }
    out.push(parseNamedExpression(ts));
  } while (ts.acceptOp(","));
  return out;
}

function parseNamedExpressions(ts: TokenStream): Expression[] {
  const out: Expression[] = [];
  do {
    out.push(parseNamedExpression(ts));
  } while (ts.acceptOp(","));
  return out;
}

/** `expr [[AS] alias]` or `expr AS (a, b)` (names for a generator's columns). */
export function parseNamedExpression(ts: TokenStream): Expression {
  const e = parseFullExpression(ts);
  if (ts.acceptKw("AS")) {
    if (ts.isOp("(")) {
      const names = identifierList(ts);
      return multiAlias(e, names);
    }
    return aliasOf(e, ts.identifier());
  }
  if (ts.isAliasCandidate() && !ts.isOp("(", 1)) return aliasOf(e, ts.identifier());
  return e;
}

function aliasOf(e: Expression, name: string): Alias {
  return alias(e, name);
}

/** `AS (a, b)`: an alias named by the first name whose metadata lists all names. */
function multiAlias(e: Expression, names: readonly string[]): Alias {
  const a = alias(e, names[0] ?? "");
  return Object.freeze({
    ...a,
    metadata: Object.freeze({ multiAlias: Object.freeze([...names]) }),
  });
}

// ---------------------------------------------------------------------------------------
// GROUP BY

/**
 * `GROUP BY exprs [WITH ROLLUP|CUBE]`, `GROUPING SETS ((a), (a, b))`, `ROLLUP(..)`,
 * `CUBE(..)`, `ALL`. Grouping analytics become calls `rollup(...)`, `cube(...)` and
 * `grouping_sets(...)` whose arguments are the sets (each set a `struct` of its columns,
 * as Spark parses `GROUP BY rollup(a, b)`).
 */
function parseGroupBy(ts: TokenStream): Expression[] {
  const items: Expression[] = [];
  do {
    if (ts.isKw("GROUPING") && ts.isKw("SETS", 1)) {
      ts.next();
      ts.next();
      items.push(fn(["grouping_sets"], parseGroupingSets(ts)));
    } else if ((ts.isKw("ROLLUP") || ts.isKw("CUBE")) && ts.isOp("(", 1)) {
      const name = ts.next().value.toLowerCase();
      items.push(fn([name], parseGroupingSets(ts)));
    } else items.push(parseFullExpression(ts));
  } while (ts.acceptOp(","));
  if (ts.acceptKw("WITH", "ROLLUP")) return [fn(["rollup"], items)];
  if (ts.acceptKw("WITH", "CUBE")) return [fn(["cube"], items)];
  if (ts.acceptKw("GROUPING", "SETS")) {
    return [fn(["grouping_sets"], [...parseGroupingSets(ts), fn(["__group_by__"], items)])];
  }
  return items;
}

/** `( set, set, ... )` where a set is `(a, b)`, `()` or a single expression. */
function parseGroupingSets(ts: TokenStream): Expression[] {
  ts.expectOp("(");
  const sets: Expression[] = [];
  do {
    if (ts.isOp("(") && ts.isOp(")", 1)) {
      ts.next();
      ts.next();
      sets.push(fn(["struct"], []));
    } else if (ts.isKw("GROUPING") && ts.isKw("SETS", 1)) {
      ts.next();
      ts.next();
      sets.push(fn(["grouping_sets"], parseGroupingSets(ts)));
    } else if ((ts.isKw("ROLLUP") || ts.isKw("CUBE")) && ts.isOp("(", 1)) {
      const name = ts.next().value.toLowerCase();
      sets.push(fn([name], parseGroupingSets(ts)));
    } else sets.push(parseFullExpression(ts));
  } while (ts.acceptOp(","));
  ts.expectOp(")");
  return sets;
}

// ---------------------------------------------------------------------------------------
// WINDOW clause

function parseWindowClause(ts: TokenStream): Map<string, WindowSpec> {
  ts.expectKw("WINDOW");
  const defs = new Map<string, WindowSpec>();
  do {
    const nameTok = ts.peek();
    const name = ts.identifier();
    ts.expectKw("AS");
    let spec: WindowSpec;
    if (ts.isOp("(")) spec = parseWindowSpec(ts);
    else {
      spec = windowSpec([], [], null);
      namedWindowRefs.set(spec, ts.identifier());
    }
    if ([...defs.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) {
      throw new FlintError(
        "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION",
        { windowName: `\`${name}\`` },
        { context: ts.contextFrom(nameTok) },
      );
    }
    defs.set(name, spec);
  } while (ts.acceptOp(","));
  return defs;
}

function lookupWindow(
  defs: ReadonlyMap<string, WindowSpec>,
  name: string,
  ts: TokenStream,
  depth = 0,
): WindowSpec {
  const lower = name.toLowerCase();
  for (const [k, v] of defs) {
    if (k.toLowerCase() !== lower) continue;
    const base = namedWindowRefs.get(v);
    if (base !== undefined && depth < 16)
      return mergeSpec(lookupWindow(defs, base, ts, depth + 1), v);
    return v;
  }
  throw missingWindow(name);
}

function missingWindow(name: string): FlintError {
  return new FlintError("MISSING_WINDOW_SPECIFICATION", {
    windowName: name,
    docroot: "https://spark.apache.org/docs/latest",
  });
}

/** Fails on an `OVER name` that no WINDOW clause of this query defined. */
function checkNoWindowReferences(plan: LogicalPlan): void {
  foreachPlan(plan, (p) => {
    for (const e of planExpressions(p)) {
      foreachExpr(e, (x) => {
        if (x.kind !== "WindowExpression") return;
        const name = namedWindowRefs.get(x.spec);
        if (name !== undefined) throw missingWindow(name);
      });
    }
  });
}

function mergeSpec(base: WindowSpec, own: WindowSpec): WindowSpec {
  return windowSpec(
    own.partitionSpec.length > 0 ? own.partitionSpec : base.partitionSpec,
    own.orderSpec.length > 0 ? own.orderSpec : base.orderSpec,
    own.frame ?? base.frame,
  );
}

/** Replaces `OVER name` references by the WINDOW clause's definitions. */
function substituteWindows(
  defs: ReadonlyMap<string, WindowSpec>,
  plan: LogicalPlan,
  ts: TokenStream,
): LogicalPlan {
  return transformPlanUp(plan, (p) =>
    mapExpressions(p, (e) =>
      transformDown(e, (x) => {
        if (x.kind !== "WindowExpression") return undefined;
        const name = namedWindowRefs.get(x.spec);
        if (name === undefined) return undefined;
        const spec = mergeSpec(lookupWindow(defs, name, ts), x.spec);
        return Object.freeze({ ...x, spec });
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// Hints

interface HintSpec {
  readonly name: string;
  readonly args: readonly Expression[];
}

function parseHints(ts: TokenStream): HintSpec[] {
  const hints: HintSpec[] = [];
  while (ts.peek().type === "hintStart") {
    ts.next();
    while (!ts.isOp("*/")) {
      const name = ts.identifier();
      let args: Expression[] = [];
      if (ts.acceptOp("(")) {
        if (!ts.isOp(")")) args = parseExpressionList(ts);
        ts.expectOp(")");
      }
      hints.push({ name, args });
      ts.acceptOp(",");
    }
    ts.expectOp("*/");
  }
  return hints;
}

// ---------------------------------------------------------------------------------------
// FROM

/** `relation (, relation)*` with LATERAL VIEWs and PIVOT/UNPIVOT after it. */
export function parseFromRelations(ts: TokenStream): LogicalPlan {
  let plan = parseRelation(ts);
  while (ts.acceptOp(",")) {
    const lateral = ts.acceptKw("LATERAL");
    const right = lateral ? parseLateralRight(ts) : parseRelation(ts);
    plan = lateralIf(lateral, join(plan, right, "Inner", null));
  }
  plan = parseLateralViews(ts, plan);
  if (ts.isKw("PIVOT") && ts.isOp("(", 1)) plan = parsePivot(ts, plan);
  if (ts.isKw("UNPIVOT")) plan = parseUnpivot(ts, plan);
  return plan;
}

/** `PIVOT (aggregates FOR column IN (value [[AS] alias], ...))`. */
function parsePivot(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  ts.expectKw("PIVOT");
  ts.expectOp("(");
  const aggregates = parseNamedExpressions(ts);
  ts.expectKw("FOR");
  let pivotColumn: Expression;
  if (ts.acceptOp("(")) {
    // several columns pivot on their struct: values are then tuples
    const cols: Expression[] = [];
    do cols.push(attr(ts.multipartIdentifier()));
    while (ts.acceptOp(","));
    ts.expectOp(")");
    pivotColumn = cols.length === 1 ? (cols[0] as Expression) : fn(["struct"], cols);
  } else {
    pivotColumn = attr(ts.multipartIdentifier());
  }
  ts.expectKw("IN");
  ts.expectOp("(");
  const values: Expression[] = [];
  do {
    let v = parseFullExpression(ts);
    if (ts.acceptKw("AS") || ts.isAliasCandidate()) v = aliasOf(v, ts.identifier());
    values.push(v);
  } while (ts.acceptOp(","));
  ts.expectOp(")");
  ts.expectOp(")");
  return Object.freeze({
    kind: "Pivot",
    groupBy: null,
    pivotColumn,
    values: Object.freeze(values),
    aggregates: Object.freeze(aggregates),
    child,
  });
}

/**
 * `UNPIVOT [INCLUDE | EXCLUDE NULLS] (value FOR name IN (col [[AS] alias], ...)) [[AS] alias]`,
 * or with several value columns: `((v1, v2) FOR name IN ((a, b) [[AS] alias], ...))`.
 */
function parseUnpivot(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  ts.expectKw("UNPIVOT");
  let includeNulls = false;
  if (ts.acceptKw("INCLUDE")) {
    ts.expectKw("NULLS");
    includeNulls = true;
  } else if (ts.acceptKw("EXCLUDE")) {
    ts.expectKw("NULLS");
  }
  ts.expectOp("(");
  const valueColumnNames: string[] = [];
  if (ts.acceptOp("(")) {
    do valueColumnNames.push(ts.identifier());
    while (ts.acceptOp(","));
    ts.expectOp(")");
  } else {
    valueColumnNames.push(ts.identifier());
  }
  ts.expectKw("FOR");
  const nameColumn = ts.identifier();
  ts.expectKw("IN");
  ts.expectOp("(");
  const columns: Expression[][] = [];
  const aliases: (string | null)[] = [];
  do {
    const set: Expression[] = [];
    if (ts.acceptOp("(")) {
      do set.push(attr(ts.multipartIdentifier()));
      while (ts.acceptOp(","));
      ts.expectOp(")");
    } else {
      set.push(attr(ts.multipartIdentifier()));
    }
    columns.push(set);
    aliases.push(ts.acceptKw("AS") || ts.isAliasCandidate() ? ts.identifier() : null);
  } while (ts.acceptOp(","));
  ts.expectOp(")");
  ts.expectOp(")");
  const plan: LogicalPlan = Object.freeze({
    kind: "Unpivot",
    ids: null,
    columns: Object.freeze(columns.map((c) => Object.freeze(c))),
    aliases: Object.freeze(aliases),
    nameColumn,
    valueColumnNames: Object.freeze(valueColumnNames),
    includeNulls,
    child,
  });
  if (ts.acceptKw("AS") || ts.isAliasCandidate()) return subqueryAlias([ts.identifier()], plan);
  return plan;
}

function parseLateralViews(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  let plan = child;
  while (ts.isKw("LATERAL") && ts.isKw("VIEW", 1)) {
    ts.next();
    ts.next();
    const outer = ts.acceptKw("OUTER");
    const nameParts = ts.multipartIdentifier();
    ts.expectOp("(");
    const args = ts.isOp(")") ? [] : parseExpressionList(ts);
    ts.expectOp(")");
    let qualifier: string | null = null;
    if (ts.isAliasCandidate()) qualifier = ts.identifier();
    let names: string[] = [];
    if (ts.acceptKw("AS") || ts.isAliasCandidate()) {
      names = [ts.identifier()];
      while (ts.acceptOp(",")) names.push(ts.identifier());
    }
    plan = generate(fn(nameParts, args), outer, qualifier, names, plan);
  }
  return plan;
}

/** `relationPrimary (join)*`. */
function parseRelation(ts: TokenStream): LogicalPlan {
  const first = ts.acceptKw("LATERAL") ? parseLateralRight(ts) : parseRelationPrimary(ts);
  return parseJoins(ts, first);
}

/** Joins following `start` (`[NATURAL] [type] JOIN [LATERAL] right [ON .. | USING (..)]`). */
function parseJoins(ts: TokenStream, start: LogicalPlan): LogicalPlan {
  let left = start;
  for (;;) {
    const natural = ts.acceptKw("NATURAL");
    const joinType = parseJoinType(ts);
    if (joinType === undefined) {
      if (natural) throw ts.error();
      return left;
    }
    const lateral = ts.acceptKw("LATERAL");
    const right = lateral ? parseLateralRight(ts) : parseRelationPrimary(ts);
    if (natural) {
      // NATURAL joins carry an empty USING list: the analyzer fills in the common columns
      left = join(left, right, joinType, null, []);
      continue;
    }
    if (ts.acceptKw("ON"))
      left = lateralIf(lateral, join(left, right, joinType, parseFullExpression(ts)));
    else if (ts.acceptKw("USING")) left = join(left, right, joinType, null, identifierList(ts));
    else left = lateralIf(lateral, join(left, right, joinType, null));
  }
}

/** The join keywords before JOIN, or undefined when no join follows. */
function parseJoinType(ts: TokenStream): JoinType | undefined {
  if (ts.acceptKw("JOIN")) return "Inner";
  const forms: readonly (readonly [readonly string[], JoinType])[] = [
    [["INNER", "JOIN"], "Inner"],
    [["CROSS", "JOIN"], "Cross"],
    [["LEFT", "OUTER", "JOIN"], "LeftOuter"],
    [["LEFT", "SEMI", "JOIN"], "LeftSemi"],
    [["LEFT", "ANTI", "JOIN"], "LeftAnti"],
    [["LEFT", "JOIN"], "LeftOuter"],
    [["RIGHT", "OUTER", "JOIN"], "RightOuter"],
    [["RIGHT", "JOIN"], "RightOuter"],
    [["FULL", "OUTER", "JOIN"], "FullOuter"],
    [["FULL", "JOIN"], "FullOuter"],
    [["SEMI", "JOIN"], "LeftSemi"],
    [["ANTI", "JOIN"], "LeftAnti"],
  ];
  for (const [words, type] of forms) if (ts.acceptKw(...words)) return type;
  return undefined;
}

/** `j` marked LATERAL when `lateral` (its right side may read the left side's columns). */
function lateralIf(lateral: boolean, j: Join): Join {
  return lateral ? Object.freeze({ ...j, lateral: true }) : j;
}

/** After LATERAL: a subquery or a table-valued function call. */
function parseLateralRight(ts: TokenStream): LogicalPlan {
  if (ts.isOp("(") || (ts.isIdentifier() && ts.isOp("(", 1))) return parseRelationPrimary(ts);
  throw new FlintError(
    "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC",
    {},
    { context: ts.contextFrom(ts.peek()) },
  );
}

function parseRelationPrimary(ts: TokenStream): LogicalPlan {
  let plan: LogicalPlan;
  if (ts.isOp("(")) {
    if (startsQuery(ts)) {
      const saved = ts.pos;
      const q = ts.attempt(() => {
        ts.expectOp("(");
        const p = parseQueryAt(ts);
        ts.expectOp(")");
        return p;
      });
      if (q) return parseTableAlias(ts, q, true);
      ts.pos = saved;
    }
    ts.expectOp("(");
    plan = parseFromRelations(ts);
    ts.expectOp(")");
    return parseTableAlias(ts, plan, false);
  }
  if (ts.isKw("VALUES")) return parseValues(ts);
  const start = ts.peek();
  const name = ts.multipartIdentifier();
  if (ts.isOp("(")) {
    ts.next();
    const args = ts.isOp(")") ? [] : parseTvfArgs(ts);
    ts.expectOp(")");
    plan = tableFunction(name, args, ts, start);
    return parseTableAlias(ts, plan, true, true);
  }
  plan = unresolvedRelation(name);
  // time travel `VERSION AS OF v` / `TIMESTAMP AS OF ts`: the relation's `versionAsOf` /
  // `timestampAsOf` option (Delta's reader options), the value as written
  if (
    (ts.isKw("VERSION") || ts.isKw("TIMESTAMP") || ts.isKw("FOR")) &&
    (ts.isKw("AS", 1) || ts.isKw("SYSTEM_VERSION", 1) || ts.isKw("SYSTEM_TIME", 1))
  ) {
    let byVersion = ts.next().value === "VERSION";
    if (ts.isKw("SYSTEM_VERSION") || ts.isKw("SYSTEM_TIME"))
      byVersion = ts.next().value === "SYSTEM_VERSION";
    ts.expectKw("AS", "OF");
    const from = ts.peek();
    const e = parseFullExpression(ts);
    const text =
      e.kind === "Literal" && typeof e.value === "string" ? e.value : ts.contextFrom(from).fragment;
    plan = unresolvedRelation(name, { [byVersion ? "versionAsOf" : "timestampAsOf"]: text });
  }
  if (ts.isKw("TABLESAMPLE")) plan = parseSample(ts, plan);
  return parseTableAlias(ts, plan, false);
}

/** Table-valued function arguments: expressions or `TABLE(t)` / `TABLE t`. */
function parseTvfArgs(ts: TokenStream): Expression[] {
  const args: Expression[] = [];
  do {
    if (ts.isKw("TABLE") && (ts.isOp("(", 1) || ts.isIdentifier(1))) {
      ts.next();
      if (ts.acceptOp("(")) {
        if (startsQuery(ts)) parseQueryAt(ts);
        else ts.multipartIdentifier();
        ts.expectOp(")");
      } else ts.multipartIdentifier();
      args.push(star(null));
      while (ts.acceptKw("PARTITION", "BY") || ts.acceptKw("ORDER", "BY")) parseExpressionList(ts);
      ts.acceptKw("WITH", "SINGLE", "PARTITION");
    } else if (ts.isIdentifier() && ts.isOp("=>", 1)) {
      const name = ts.identifier();
      ts.next();
      args.push(fn(["named_argument"], [literal(name, StringT), parseFullExpression(ts)]));
    } else args.push(parseFullExpression(ts));
  } while (ts.acceptOp(","));
  return args;
}

/**
 * `range(...)` with literal bounds is a Range; other table-valued functions become a
 * `Generate` of the call over a one-row relation (explode, inline, stack, ...).
 */
function tableFunction(
  name: readonly string[],
  args: readonly Expression[],
  ts: TokenStream,
  start: ReturnType<TokenStream["peek"]>,
): LogicalPlan {
  const lower = name.map((n) => n.toLowerCase());
  if (lower.length === 1 && lower[0] === "range") {
    const values = args.map((a) =>
      a.kind === "Literal" && (typeof a.value === "number" || typeof a.value === "bigint")
        ? BigInt(a.value)
        : undefined,
    );
    if (values.length >= 1 && values.length <= 4 && values.every((v) => v !== undefined)) {
      const [a, b, step, slices] = values;
      const startV = values.length === 1 ? 0n : (a ?? 0n);
      const endV = values.length === 1 ? (a ?? 0n) : (b ?? 0n);
      return range(startV, endV, step ?? 1n, slices === undefined ? null : Number(slices));
    }
  }
  return generate(fn(name, args, { origin: ts.origin(start) }), false, null, [], ONE_ROW);
}

/** `[AS] alias [(col, ...)]` after a relation. */
function parseTableAlias(
  ts: TokenStream,
  plan: LogicalPlan,
  isSubquery: boolean,
  isFunction = false,
): LogicalPlan {
  let result = plan;
  if (ts.isKw("TABLESAMPLE")) result = parseSample(ts, result);
  const hasAs = ts.acceptKw("AS");
  if (!hasAs && !ts.isAliasCandidate()) {
    if (isSubquery && !isFunction) return subqueryAliasAuto(result);
    return result;
  }
  const name = ts.identifier();
  let columns: string[] | null = null;
  if (ts.isOp("(") && !ts.isKw("SELECT", 1)) columns = identifierList(ts);
  if (isFunction && result.kind === "Generate") {
    result = generate(result.generator, result.outer, name, columns ?? [], result.child);
    return subqueryAlias([name], result);
  }
  if (columns) result = renamePositional(columns, result);
  return subqueryAlias([name], result);
}

/** Spark gives unaliased subqueries in FROM an automatic alias `__auto_generated_subquery_name`. */
function subqueryAliasAuto(plan: LogicalPlan): LogicalPlan {
  return subqueryAlias(["__auto_generated_subquery_name"], plan);
}

function parseSample(ts: TokenStream, child: LogicalPlan): LogicalPlan {
  ts.expectKw("TABLESAMPLE");
  ts.expectOp("(");
  let plan: LogicalPlan;
  const seed = Math.floor(Math.random() * 1000);
  if (ts.acceptKw("BUCKET")) {
    const num = Number(ts.next().text);
    ts.expectKw("OUT", "OF");
    const den = Number(ts.next().text);
    if (ts.acceptKw("ON")) parseFullExpression(ts);
    plan = sample(0, num / den, false, seed, child);
  } else {
    const start = ts.peek();
    const n = parseFullExpression(ts);
    if (ts.acceptKw("PERCENT")) {
      const value = numericValue(n);
      if (value === undefined) throw ts.errorAt(start);
      const fraction = value / 100;
      if (fraction < 0 || fraction > 1) {
        throw new FlintError(
          "INVALID_TABLESAMPLE_FRACTION",
          { fraction: Number.isInteger(fraction) ? fraction.toFixed(1) : String(fraction) },
          { context: ts.contextFrom(start) },
        );
      }
      plan = sample(0, fraction, false, seed, child);
    } else if (ts.acceptKw("ROWS")) plan = limitExpr(n, child);
    else throw ts.error();
  }
  ts.expectOp(")");
  if (ts.acceptKw("REPEATABLE")) {
    ts.expectOp("(");
    const s = ts.next();
    ts.expectOp(")");
    if (plan.kind === "Sample") plan = Object.freeze({ ...plan, seed: Number(s.text) });
  }
  return plan;
}

/** The number a numeric literal (possibly negated or decimal) stands for. */
function numericValue(e: Expression): number | undefined {
  if (e.kind === "UnaryMinus") {
    const v = numericValue(e.child);
    return v === undefined ? undefined : -v;
  }
  if (e.kind !== "Literal") return undefined;
  if (typeof e.value === "number") return e.value;
  if (typeof e.value === "bigint") {
    const scale = e.dataType.kind === "decimal" ? e.dataType.scale : 0;
    return Number(e.value) / 10 ** scale;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// VALUES

/**
 * `VALUES (1, 'a'), (2, 'b')`: one Project over a one-row relation per row, columns
 * named `col1, col2, ...`, combined with UNION ALL (types widen as for an inline table).
 */
function parseValues(ts: TokenStream): LogicalPlan {
  const start = ts.peek();
  ts.expectKw("VALUES");
  const rows: Expression[][] = [];
  do {
    if (ts.isOp("(") && !startsQuery(ts)) {
      ts.next();
      const row = [withOptionalAlias(ts, parseFullExpression(ts))];
      while (ts.acceptOp(",")) row.push(withOptionalAlias(ts, parseFullExpression(ts)));
      ts.expectOp(")");
      rows.push(row);
    } else rows.push([parseFullExpression(ts)]);
  } while (ts.acceptOp(","));
  // `[AS] name [(columns)]`: the columns name the inline table's columns directly
  let aliasName: string | null = null;
  let columnNames: string[] | null = null;
  if (ts.acceptKw("AS") || ts.isAliasCandidate()) {
    aliasName = ts.identifier();
    if (ts.isOp("(")) columnNames = identifierList(ts);
  }
  const width = columnNames?.length ?? rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== width) {
      throw new FlintError(
        "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
        { expectedNumCols: String(width), actualNumCols: String(r.length), rowIndex: String(i) },
        { context: ts.contextFrom(start) },
      );
    }
  });
  const projects = rows.map((r) =>
    project(
      r.map((e, i) => {
        const name = columnNames?.[i];
        if (name !== undefined) return alias(e.kind === "Alias" ? e.child : e, name);
        return e.kind === "Alias" ? e : alias(e, `col${i + 1}`);
      }),
      ONE_ROW,
    ),
  );
  const first = projects[0];
  const table = projects.length === 1 && first ? first : union(projects);
  return aliasName === null ? table : subqueryAlias([aliasName], table);
}

function unsupportedPivot(ts: TokenStream): FlintError {
  return new FlintError(
    "UNSUPPORTED_FEATURE",
    { feature: `${ts.peek().value} in the SQL parser` },
    { context: ts.contextFrom(ts.peek()) },
  );
}
