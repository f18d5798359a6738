/**
 * Expression parsing with Spark's precedence (`booleanExpression`, `predicate`,
 * `valueExpression`, `primaryExpression` of SqlBaseParser.g4), lowest first:
 *
 *   OR < AND < NOT < predicates (IS, BETWEEN, IN, LIKE, ...) < comparison < | < ^ < &
 *   < shifts < + - || < * / % DIV < unary - + ~ < postfix ([i], .field, ::type)
 *
 * Binary operators are read by precedence climbing; the result is the unresolved
 * expression Spark's AstBuilder builds (`a <> b` -> Not(a = b), `a || b` -> concat,
 * `a & b` -> function `&`, `x BETWEEN l AND u` -> function `between`, ...).
 */
import type {
  ArithmeticOp,
  ComparisonOp,
  Expression,
  FrameBoundary,
  FrameType,
  SortOrder,
  UnresolvedNamedLambdaVariable,
  WindowSpec,
} from "../catalyst/expressions/expression.ts";
import {
  alias,
  and,
  caseWhen,
  comparison,
  FALSE,
  inList,
  isNotNull,
  isNull,
  like,
  literal,
  NULL,
  not,
  or,
  rlike,
  sortOrder,
  TRUE,
  unaryMinus,
} from "../catalyst/expressions/factories.ts";
import { FlintError } from "../errors/index.ts";
import { BooleanT, StringT } from "../types/data-types.ts";
import { parseDataTypeAt } from "./data-types.ts";
import type { Token } from "./lexer.ts";
import {
  binaryLiteral,
  dateLiteral,
  intervalUnitOf,
  multiUnitInterval,
  numericLiteral,
  stringInterval,
  timestampLiteral,
  unitToUnitInterval,
} from "./literals.ts";
import {
  attr,
  castWithOrigin,
  exists,
  extractValue,
  fn,
  frameBoundary,
  inSubquery,
  lambda,
  lambdaVar,
  parameter,
  scalarSubquery,
  star,
  windowExpression,
  windowSpec,
} from "./nodes.ts";
import { parseQueryAt, startsQuery } from "./queries.ts";
import type { TokenStream } from "./token-stream.ts";

/** Window specs that stand for `OVER name`, resolved against the WINDOW clause. */
export const namedWindowRefs: WeakMap<WindowSpec, string> = new WeakMap();

export function parseExpressionAt(ts: TokenStream): Expression {
  return parseOr(ts);
}

function parseOr(ts: TokenStream): Expression {
  let left = parseAnd(ts);
  while (ts.acceptKw("OR")) left = or(left, parseAnd(ts));
  return left;
}

function parseAnd(ts: TokenStream): Expression {
  let left = parseNot(ts);
  while (ts.acceptKw("AND")) left = and(left, parseNot(ts));
  return left;
}

function parseNot(ts: TokenStream): Expression {
  if (ts.acceptKw("NOT") || ts.acceptOp("!")) return not(parseNot(ts));
  return parsePredicated(ts);
}

function parsePredicated(ts: TokenStream): Expression {
  let e = parseValue(ts, 0);
  for (;;) {
    const next = parsePredicate(ts, e);
    if (next === undefined) return finishRow(e);
    e = next;
  }
}

/** One predicate applied to `e`, or undefined when none follows. */
function parsePredicate(ts: TokenStream, e: Expression): Expression | undefined {
  if (ts.isKw("IS")) {
    ts.next();
    const negate = ts.acceptKw("NOT");
    if (ts.acceptKw("NULL")) return negate ? isNotNull(e) : isNull(e);
    if (ts.acceptKw("TRUE")) {
      const r = comparison("<=>", e, TRUE);
      return negate ? not(r) : r;
    }
    if (ts.acceptKw("FALSE")) {
      const r = comparison("<=>", e, FALSE);
      return negate ? not(r) : r;
    }
    if (ts.acceptKw("UNKNOWN")) return negate ? isNotNull(e) : isNull(e);
    if (ts.acceptKw("DISTINCT", "FROM")) {
      const r = comparison("<=>", e, parseValue(ts, 0));
      return negate ? r : not(r);
    }
    throw ts.error();
  }
  const negate = (ts.isKw("NOT") || ts.isOp("!")) && ts.isAnyKw(PREDICATE_WORDS, 1);
  if (negate) ts.next();
  else if (!ts.isAnyKw(PREDICATE_WORDS)) return undefined;
  const inv = (x: Expression): Expression => (negate ? not(x) : x);
  const word = ts.next().value;
  switch (word) {
    case "BETWEEN": {
      const lower = parseValue(ts, 0);
      ts.expectKw("AND");
      const upper = parseValue(ts, 0);
      return inv(fn(["between"], [e, lower, upper]));
    }
    case "IN": {
      ts.expectOp("(");
      if (startsQuery(ts)) {
        const q = parseQueryAt(ts);
        ts.expectOp(")");
        const values = e.kind === "UnresolvedFunction" && isRowConstructor(e) ? e.args : [e];
        return inv(inSubquery(values, q));
      }
      const list = parseExpressionList(ts);
      ts.expectOp(")");
      return inv(inList(finishRow(e), list));
    }
    case "RLIKE":
    case "REGEXP":
      return inv(rlike(e, parseValue(ts, 0)));
    case "LIKE":
    case "ILIKE": {
      const ci = word === "ILIKE";
      const quant = ts.isAnyKw(QUANTIFIERS) && ts.isOp("(", 1) ? ts.next().value : null;
      if (quant !== null) {
        ts.expectOp("(");
        const patterns = parseExpressionList(ts);
        ts.expectOp(")");
        if (!ci) {
          // Spark's LikeAny / LikeAll / NotLikeAny / NotLikeAll.
          const name = `${negate ? "not" : ""}like${quant === "ALL" ? "all" : "any"}`;
          return fn([name], [e, ...patterns]);
        }
        const parts = patterns.map((p) => inv(like(e, p, "\\", ci)));
        const combine = quant === "ALL" ? and : or;
        return parts.reduce((acc, p) => combine(acc, p));
      }
      const pattern = parseValue(ts, 0);
      let escapeChar = "\\";
      if (ts.acceptKw("ESCAPE")) {
        const t = ts.next();
        if (t.type !== "string") throw ts.errorAt(t);
        escapeChar = t.value;
      }
      return inv(like(e, pattern, escapeChar, ci));
    }
    default:
      throw ts.error();
  }
}

const PREDICATE_WORDS = new Set(["BETWEEN", "IN", "RLIKE", "REGEXP", "LIKE", "ILIKE"]);
const QUANTIFIERS = new Set(["ANY", "SOME", "ALL"]);

/** The parenthesized row `(a, b)` is a `struct` call marked by this name part. */
const ROW = "__row__";

function isRowConstructor(e: Expression): boolean {
  return e.kind === "UnresolvedFunction" && e.nameParts[0] === ROW;
}

/** Replaces a leftover row constructor by Spark's `struct(...)`. */
function finishRow(e: Expression): Expression {
  return isRowConstructor(e) && e.kind === "UnresolvedFunction" ? fn(["struct"], e.args) : e;
}

// ---------------------------------------------------------------------------------------
// Binary operators by precedence climbing

interface InfixOp {
  readonly prec: number;
  readonly build: (
    l: Expression,
    r: Expression,
    origin: ReturnType<TokenStream["origin"]>,
  ) => Expression;
}

const arith =
  (op: ArithmeticOp) =>
  (l: Expression, r: Expression, origin: ReturnType<TokenStream["origin"]>): Expression =>
    Object.freeze({
      kind: "BinaryArithmetic" as const,
      op,
      left: l,
      right: r,
      evalMode: "ANSI" as const,
      origin,
    });

const cmp =
  (op: ComparisonOp, negate = false) =>
  (l: Expression, r: Expression): Expression => {
    const c = comparison(op, l, r);
    return negate ? not(c) : c;
  };

const call = (name: string) => (l: Expression, r: Expression) => fn([name], [l, r]);

const INFIX: Readonly<Record<string, InfixOp>> = {
  "=": { prec: 10, build: cmp("=") },
  "==": { prec: 10, build: cmp("=") },
  "<>": { prec: 10, build: cmp("=", true) },
  "!=": { prec: 10, build: cmp("=", true) },
  "<": { prec: 10, build: cmp("<") },
  "<=": { prec: 10, build: cmp("<=") },
  ">": { prec: 10, build: cmp(">") },
  ">=": { prec: 10, build: cmp(">=") },
  "<=>": { prec: 10, build: cmp("<=>") },
  "|": { prec: 20, build: call("|") },
  "^": { prec: 30, build: call("^") },
  "&": { prec: 40, build: call("&") },
  "<<": { prec: 50, build: call("<<") },
  ">>": { prec: 50, build: call(">>") },
  ">>>": { prec: 50, build: call(">>>") },
  "+": { prec: 60, build: arith("+") },
  "-": { prec: 60, build: arith("-") },
  "||": { prec: 60, build: call("concat") },
  "*": { prec: 70, build: arith("*") },
  "/": { prec: 70, build: arith("/") },
  "%": { prec: 70, build: arith("%") },
  DIV: { prec: 70, build: arith("div") },
};

function infixAt(ts: TokenStream): InfixOp | undefined {
  const t = ts.peek();
  if (t.type === "op") return INFIX[t.value];
  if (t.type === "ident" && t.value === "DIV") return INFIX.DIV;
  return undefined;
}

function parseValue(ts: TokenStream, minPrec: number): Expression {
  const start = ts.peek();
  let left = parseUnary(ts);
  for (;;) {
    const op = infixAt(ts);
    if (!op || op.prec <= minPrec) return left;
    ts.next();
    const right = finishRow(parseValue(ts, op.prec));
    left = op.build(finishRowUnlessCompared(left, op), right, ts.origin(start));
  }
}

function finishRowUnlessCompared(e: Expression, op: InfixOp): Expression {
  return op.prec === 10 ? e : finishRow(e);
}

function parseUnary(ts: TokenStream): Expression {
  const t = ts.peek();
  if (t.type === "op") {
    if (t.value === "-") {
      ts.next();
      const n = ts.peek();
      if ((n.type === "integer" || n.type === "decimal") && !isPostfixAt(ts, 1)) {
        ts.next();
        return numericLiteral(`-${n.text}`, ts.contextFrom(t));
      }
      return unaryMinus(parseUnary(ts));
    }
    if (t.value === "+") {
      ts.next();
      return fn(["positive"], [parseUnary(ts)]);
    }
    if (t.value === "~") {
      ts.next();
      return fn(["~"], [parseUnary(ts)]);
    }
  }
  return parsePostfix(ts);
}

function isPostfixAt(ts: TokenStream, k: number): boolean {
  return ts.isOp("[", k) || ts.isOp("::", k) || (ts.isOp(".", k) && ts.isIdentifier(k + 1));
}

function parsePostfix(ts: TokenStream): Expression {
  const start = ts.peek();
  let e = parsePrimary(ts);
  for (;;) {
    if (ts.acceptOp("[")) {
      const idx = parseExpressionAt(ts);
      ts.expectOp("]");
      e = extractValue(finishRow(e), idx);
    } else if (ts.isOp(".") && ts.isIdentifier(1)) {
      ts.next();
      const name = ts.identifier();
      e =
        e.kind === "UnresolvedAttribute"
          ? attr([...e.nameParts, name], ts.origin(start))
          : extractValue(finishRow(e), literal(name, StringT));
    } else if (ts.isOp(".") && ts.isOp("*", 1) && e.kind === "UnresolvedAttribute") {
      ts.next();
      ts.next();
      e = star(e.nameParts);
    } else if (ts.acceptOp("::")) {
      const dt = parseDataTypeAt(ts);
      e = castWithOrigin(finishRow(e), dt, "ANSI", ts.origin(start));
    } else if (ts.isOp(":") && (ts.isIdentifier(1) || ts.isOp("[", 1))) {
      ts.next();
      e = fn(["semi_structured_extract"], [finishRow(e), literal(jsonPath(ts), StringT)]);
    } else if (ts.isKw("COLLATE")) {
      ts.next();
      const name = ts.multipartIdentifier().join(".");
      e = fn(["collate"], [e, literal(name, StringT)]);
    } else return e;
  }
}

/** `expr [AS name]` inside `struct(...)`, row constructors and VALUES rows. */
export function withOptionalAlias(ts: TokenStream, e: Expression): Expression {
  if (ts.acceptKw("AS")) return alias(e, ts.identifier());
  return e;
}

/**
 * The path of `v:a.b[0]['c']` (semi-structured extraction) as a JSON path `$.a.b[0]['c']`.
 */
function jsonPath(ts: TokenStream): string {
  let path = "$";
  let first = true;
  for (;;) {
    if (ts.isOp("[")) {
      ts.next();
      const t = ts.next();
      if (t.type === "string") path += `['${t.value}']`;
      else if (t.type === "integer" || (t.type === "op" && t.value === "*")) path += `[${t.text}]`;
      else throw ts.errorAt(t);
      ts.expectOp("]");
    } else if (first && ts.isIdentifier()) {
      path += `.${ts.identifier()}`;
    } else if (ts.isOp(".") && ts.isIdentifier(1)) {
      ts.next();
      path += `.${ts.identifier()}`;
    } else return path;
    first = false;
  }
}

export function parseExpressionList(ts: TokenStream): Expression[] {
  const list = [finishRow(parseExpressionAt(ts))];
  while (ts.acceptOp(",")) list.push(finishRow(parseExpressionAt(ts)));
  return list;
}

// ---------------------------------------------------------------------------------------
// Primary expressions

const NO_PAREN_FUNCTIONS = new Set([
  "CURRENT_DATE",
  "CURRENT_TIMESTAMP",
  "CURRENT_USER",
  "CURRENT_TIME",
  "USER",
  "SESSION_USER",
  "CURRENT_SCHEMA",
  "CURRENT_DATABASE",
  "CURRENT_CATALOG",
]);

function parsePrimary(ts: TokenStream): Expression {
  const t = ts.peek();
  switch (t.type) {
    case "integer":
    case "decimal":
      ts.next();
      return numericLiteral(t.text, ts.contextFrom(t));
    case "string":
      return stringLiteral(ts);
    case "param":
      ts.next();
      return parameter(t.value, null);
    case "op":
      return parsePrimaryOp(ts, t);
    case "quoted":
    case "ident":
      return parsePrimaryWord(ts, t);
    case "hintStart":
    case "eof":
      throw ts.error();
  }
}

function stringLiteral(ts: TokenStream): Expression {
  let s = "";
  while (ts.peek().type === "string") s += ts.next().value;
  return literal(s, StringT);
}

function parsePrimaryOp(ts: TokenStream, t: Token): Expression {
  if (t.value === "?") {
    ts.next();
    return parameter(null, ts.positionalParams++);
  }
  if (t.value === "*") {
    ts.next();
    return star(null);
  }
  if (t.value !== "(") throw ts.error();
  // `(x, y) -> body`
  const params = ts.attempt(() => {
    ts.expectOp("(");
    const names: UnresolvedNamedLambdaVariable[] = [lambdaVar(ts.identifier())];
    while (ts.acceptOp(",")) names.push(lambdaVar(ts.identifier()));
    ts.expectOp(")");
    ts.expectOp("->");
    return names;
  });
  if (params) return lambda(params, parseExpressionAt(ts));
  ts.next();
  if (startsQuery(ts)) {
    const saved = ts.pos;
    const q = ts.attempt(() => {
      const plan = parseQueryAt(ts);
      ts.expectOp(")");
      return plan;
    });
    if (q) return scalarSubquery(q);
    ts.pos = saved;
  }
  const first = parseExpressionAt(ts);
  if (ts.isOp(",") || ts.isKw("AS")) {
    const items = [withOptionalAlias(ts, finishRow(first))];
    while (ts.acceptOp(",")) items.push(withOptionalAlias(ts, finishRow(parseExpressionAt(ts))));
    ts.expectOp(")");
    return fn([ROW], items);
  }
  ts.expectOp(")");
  return first;
}

function parsePrimaryWord(ts: TokenStream, t: Token): Expression {
  if (t.type === "ident") {
    const special = parseKeywordExpression(ts, t);
    if (special) return special;
  }
  // `x -> body`
  if (ts.isOp("->", 1)) {
    const name = ts.identifier();
    ts.next();
    return lambda([lambdaVar(name)], parseExpressionAt(ts));
  }
  const parts = ts.identifierParts();
  while (ts.isOp(".") && ts.isIdentifier(1) && (ts.isOp("(", 2) || ts.isIdentifierClause(1))) {
    ts.next();
    parts.push(...ts.identifierParts());
  }
  if (ts.isOp("(")) return parseFunctionCall(ts, parts, t);
  if (t.type === "ident" && NO_PAREN_FUNCTIONS.has(t.value) && parts.length === 1) {
    return fn([t.text.toLowerCase()], [], { origin: ts.origin(t) });
  }
  return attr(parts, ts.origin(t));
}

/** Keyword-led expressions; undefined when the word is an ordinary name here. */
function parseKeywordExpression(ts: TokenStream, t: Token): Expression | undefined {
  const next = ts.peek(1);
  switch (t.value) {
    case "TRUE":
      if (ts.isOp("(", 1)) return undefined;
      ts.next();
      return literal(true, BooleanT);
    case "FALSE":
      if (ts.isOp("(", 1)) return undefined;
      ts.next();
      return literal(false, BooleanT);
    case "NULL":
      if (ts.isOp("(", 1)) return undefined;
      ts.next();
      return NULL;
    case "CASE":
      return parseCase(ts);
    case "CAST":
    case "TRY_CAST":
      if (!ts.isOp("(", 1)) return undefined;
      return parseCast(ts, t);
    case "EXISTS": {
      if (!ts.isOp("(", 1)) return undefined;
      ts.next();
      if (!startsQuery(ts)) {
        ts.pos--;
        return undefined;
      }
      ts.next();
      const q = parseQueryAt(ts);
      ts.expectOp(")");
      return exists(q);
    }
    case "INTERVAL":
      if (next.type === "string" || next.type === "integer" || next.type === "decimal") {
        return parseInterval(ts);
      }
      if (ts.isOp("-", 1) || ts.isOp("+", 1)) return parseInterval(ts);
      return undefined;
    case "DATE":
    case "TIMESTAMP":
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ": {
      if (next.type !== "string") return undefined;
      ts.next();
      ts.next();
      const ctx = ts.contextFrom(t);
      if (t.value === "DATE") return dateLiteral(next.value, ctx, ts.timeZone);
      return timestampLiteral(next.value, t.value === "TIMESTAMP_NTZ", ts.timeZone, ctx);
    }
    case "X":
      if (next.type !== "string" || next.start !== t.stop + 1) return undefined;
      ts.next();
      ts.next();
      return binaryLiteral(next.value, ts.contextFrom(t));
    case "EXTRACT":
      if (!ts.isOp("(", 1)) return undefined;
      return ts.attempt(() => {
        ts.next();
        ts.next();
        const field = ts.identifier();
        ts.expectKw("FROM");
        const source = parseExpressionAt(ts);
        ts.expectOp(")");
        return fn(["extract"], [literal(field, StringT), source], { origin: ts.origin(t) });
      });
    case "SUBSTRING":
    case "SUBSTR":
      if (!ts.isOp("(", 1)) return undefined;
      return ts.attempt(() => {
        ts.next();
        ts.next();
        const s = parseExpressionAt(ts);
        ts.expectKw("FROM");
        const pos = parseExpressionAt(ts);
        const args = [s, pos];
        if (ts.acceptKw("FOR")) args.push(parseExpressionAt(ts));
        ts.expectOp(")");
        return fn(["substring"], args, { origin: ts.origin(t) });
      });
    case "TRIM":
      if (!ts.isOp("(", 1)) return undefined;
      return ts.attempt(() => parseTrim(ts, t));
    case "POSITION":
      if (!ts.isOp("(", 1)) return undefined;
      return ts.attempt(() => {
        ts.next();
        ts.next();
        const sub = parseValue(ts, 0);
        ts.expectKw("IN");
        const str = parseExpressionAt(ts);
        ts.expectOp(")");
        return fn(["locate"], [sub, str], { origin: ts.origin(t) });
      });
    case "OVERLAY":
      if (!ts.isOp("(", 1)) return undefined;
      return ts.attempt(() => {
        ts.next();
        ts.next();
        const input = parseExpressionAt(ts);
        ts.expectKw("PLACING");
        const replace = parseExpressionAt(ts);
        ts.expectKw("FROM");
        const args = [input, replace, parseExpressionAt(ts)];
        if (ts.acceptKw("FOR")) args.push(parseExpressionAt(ts));
        ts.expectOp(")");
        return fn(["overlay"], args, { origin: ts.origin(t) });
      });
    case "TIMESTAMPADD":
    case "DATEADD":
    case "DATE_ADD":
    case "TIMESTAMPDIFF":
    case "DATEDIFF":
    case "DATE_DIFF":
    case "TIMEDIFF":
      if (ts.isOp("(", 1) && ts.peek(2).type === "string" && ts.isOp(",", 3)) {
        rejectStringUnit(ts, t);
        return undefined;
      }
      if (!ts.isOp("(", 1) || !ts.isIdentifier(2) || !ts.isOp(",", 3)) return undefined;
      if (
        !intervalUnitOf(ts.peek(2).text) &&
        !/^(QUARTER|DAYOFYEAR|WEEKDAY)S?$/i.test(ts.peek(2).text)
      ) {
        return undefined;
      }
      return ts.attempt(() => {
        ts.next();
        ts.next();
        const unit = ts.next().text.toUpperCase();
        ts.expectOp(",");
        const args = parseExpressionList(ts);
        ts.expectOp(")");
        const add = t.value === "TIMESTAMPADD" || t.value === "DATEADD" || t.value === "DATE_ADD";
        return fn([add ? "timestampadd" : "timestampdiff"], [literal(unit, StringT), ...args], {
          origin: ts.origin(t),
        });
      });
    default:
      return undefined;
  }
}

/**
 * `dateadd('DAY', 1, d)`: with three arguments the first is a unit, which must be written
 * as a word; Spark's parser rejects a string there (two-argument `date_add(d, n)` is fine).
 */
function rejectStringUnit(ts: TokenStream, t: Token): void {
  const saved = ts.pos;
  const unit = ts.peek(2);
  const args = ts.attempt(() => {
    ts.next();
    ts.next();
    const list = parseExpressionList(ts);
    ts.expectOp(")");
    return list;
  });
  ts.pos = saved;
  if (args?.length === 3) {
    throw new FlintError(
      "INVALID_PARAMETER_VALUE.DATETIME_UNIT",
      {
        functionName: `\`${t.text.toLowerCase()}\``,
        invalidValue: `'${unit.value}'`,
        parameter: "`unit`",
      },
      { context: ts.contextFrom(t) },
    );
  }
}

function parseTrim(ts: TokenStream, t: Token): Expression {
  ts.next();
  ts.next();
  // TRIM([BOTH | LEADING | TRAILING] [trimStr] FROM str) is the function trim, ltrim or
  // rtrim; with a trim string, called as (trimStr, str), the library's argument order.
  let name = "trim";
  let side = false;
  if (ts.acceptKw("BOTH")) side = true;
  else if (ts.acceptKw("LEADING")) {
    name = "ltrim";
    side = true;
  } else if (ts.acceptKw("TRAILING")) {
    name = "rtrim";
    side = true;
  }
  if (ts.acceptKw("FROM")) {
    const src = parseExpressionAt(ts);
    ts.expectOp(")");
    return fn([name], [src], { origin: ts.origin(t) });
  }
  const first = parseExpressionAt(ts);
  if (ts.acceptKw("FROM")) {
    const src = parseExpressionAt(ts);
    ts.expectOp(")");
    return fn([name], [first, src], { origin: ts.origin(t) });
  }
  if (side) throw ts.error();
  const args = [first];
  while (ts.acceptOp(",")) args.push(parseExpressionAt(ts));
  ts.expectOp(")");
  return fn(["trim"], args, { origin: ts.origin(t) });
}

function parseCase(ts: TokenStream): Expression {
  ts.expectKw("CASE");
  const subject = ts.isKw("WHEN") ? null : parseExpressionAt(ts);
  const branches: (readonly [Expression, Expression])[] = [];
  while (ts.acceptKw("WHEN")) {
    const w = parseExpressionAt(ts);
    ts.expectKw("THEN");
    const v = parseExpressionAt(ts);
    branches.push([subject ? comparison("=", subject, w) : w, v]);
  }
  if (branches.length === 0) throw ts.error();
  const elseValue = ts.acceptKw("ELSE") ? parseExpressionAt(ts) : null;
  ts.expectKw("END");
  return caseWhen(branches, elseValue);
}

function parseCast(ts: TokenStream, t: Token): Expression {
  ts.next();
  ts.expectOp("(");
  const child = parseExpressionAt(ts);
  ts.expectKw("AS");
  const dt = parseDataTypeAt(ts);
  ts.expectOp(")");
  return castWithOrigin(child, dt, t.value === "TRY_CAST" ? "TRY" : "ANSI", ts.origin(t));
}

function intervalValueText(ts: TokenStream): string | undefined {
  let sign = "";
  if (ts.isOp("-") || ts.isOp("+")) sign = ts.next().value === "-" ? "-" : "";
  const t = ts.peek();
  if (t.type === "string" || t.type === "integer" || t.type === "decimal") {
    ts.next();
    const v = t.type === "string" ? t.value : t.text;
    if (sign === "-") return v.trim().startsWith("-") ? v.trim().slice(1) : `-${v}`;
    return v;
  }
  return undefined;
}

function parseInterval(ts: TokenStream): Expression {
  const start = ts.next();
  const parts: (readonly [string, string])[] = [];
  const first = intervalValueText(ts);
  if (first === undefined) throw ts.error();
  const isUnit = (): boolean => ts.peek().type === "ident" && !!intervalUnitOf(ts.peek().text);
  if (!isUnit()) return stringInterval(first, ts.contextFrom(start));
  const unit = ts.next().text;
  if (ts.acceptKw("TO")) {
    if (!isUnit()) throw ts.error();
    const to = ts.next().text;
    return unitToUnitInterval(first, unit, to, ts.contextFrom(start));
  }
  parts.push([first, unit]);
  for (;;) {
    const saved = ts.pos;
    const v = intervalValueText(ts);
    if (v === undefined) {
      ts.pos = saved;
      break;
    }
    if (!isUnit()) {
      ts.pos = saved;
      break;
    }
    parts.push([v, ts.next().text]);
  }
  const ctx = ts.contextFrom(start);
  return multiUnitInterval(parts, ctx.fragment, ctx);
}

// ---------------------------------------------------------------------------------------
// Function calls and windows

function parseFunctionCall(ts: TokenStream, nameParts: string[], start: Token): Expression {
  ts.expectOp("(");
  let isDistinct = false;
  if (ts.acceptKw("DISTINCT")) isDistinct = true;
  else if (ts.isKw("ALL") && !ts.isOp(")", 1) && !ts.isOp(",", 1)) ts.next();
  const args: Expression[] = [];
  let ignoreNulls = false;
  const isStruct = nameParts.length === 1 && nameParts[0]?.toLowerCase() === "struct";
  if (!ts.isOp(")")) {
    do {
      if (ts.isIdentifier() && ts.isOp("=>", 1)) {
        // named argument `name => value`: a `named_argument(name, value)` call
        const name = ts.identifier();
        ts.next();
        args.push(fn(["named_argument"], [literal(name, StringT), parseExpressionAt(ts)]));
      } else if (isStruct) args.push(withOptionalAlias(ts, finishRow(parseExpressionAt(ts))));
      else args.push(finishRow(parseExpressionAt(ts)));
      if (ts.acceptKw("IGNORE", "NULLS")) ignoreNulls = true;
      else ts.acceptKw("RESPECT", "NULLS");
    } while (ts.acceptOp(","));
  }
  ts.expectOp(")");
  if (ts.acceptKw("WITHIN", "GROUP")) {
    ts.expectOp("(");
    ts.expectKw("ORDER", "BY");
    args.push(...parseSortItems(ts));
    ts.expectOp(")");
  }
  let filter: Expression | null = null;
  if (ts.isKw("FILTER") && ts.isOp("(", 1)) {
    ts.next();
    ts.next();
    ts.expectKw("WHERE");
    filter = parseExpressionAt(ts);
    ts.expectOp(")");
  }
  if (ts.acceptKw("IGNORE", "NULLS")) ignoreNulls = true;
  else ts.acceptKw("RESPECT", "NULLS");
  const call = fn(nameParts, args, { isDistinct, filter, ignoreNulls, origin: ts.origin(start) });
  if (ts.acceptKw("OVER")) return windowExpression(call, parseWindowRef(ts));
  return call;
}

/** `OVER name` or `OVER (spec)`. */
function parseWindowRef(ts: TokenStream): WindowSpec {
  if (!ts.isOp("(")) {
    const name = ts.identifierParts().join(".");
    const spec = windowSpec([], [], null);
    namedWindowRefs.set(spec, name);
    return spec;
  }
  return parseWindowSpec(ts);
}

/** `( [name] [PARTITION BY ..] [ORDER BY ..] [frame] )`. */
export function parseWindowSpec(ts: TokenStream): WindowSpec {
  ts.expectOp("(");
  let base: string | null = null;
  if (ts.isIdentifier() && !ts.isAnyKw(WINDOW_CLAUSE_WORDS) && !ts.isOp("(", 1)) {
    base = ts.identifier();
  }
  let partition: Expression[] = [];
  let order: SortOrder[] = [];
  if (ts.acceptKw("PARTITION", "BY") || ts.acceptKw("DISTRIBUTE", "BY")) {
    partition = parseExpressionList(ts);
  }
  if (ts.acceptKw("CLUSTER", "BY")) {
    partition = parseExpressionList(ts);
    order = partition.map((e) => sortOrder(e));
  }
  if (ts.acceptKw("ORDER", "BY") || ts.acceptKw("SORT", "BY")) order = parseSortItems(ts);
  let frame: { frameType: FrameType; lower: FrameBoundary; upper: FrameBoundary } | null = null;
  if (ts.isKw("ROWS") || ts.isKw("RANGE")) {
    const frameType: FrameType = ts.next().value === "ROWS" ? "ROWS" : "RANGE";
    if (ts.acceptKw("BETWEEN")) {
      const lower = parseFrameBound(ts);
      ts.expectKw("AND");
      frame = { frameType, lower, upper: parseFrameBound(ts) };
    } else {
      frame = { frameType, lower: parseFrameBound(ts), upper: frameBoundary("CURRENT ROW", null) };
    }
  }
  ts.expectOp(")");
  const spec = windowSpec(partition, order, frame);
  if (base !== null) namedWindowRefs.set(spec, base);
  return spec;
}

const WINDOW_CLAUSE_WORDS = new Set([
  "PARTITION",
  "DISTRIBUTE",
  "CLUSTER",
  "ORDER",
  "SORT",
  "ROWS",
  "RANGE",
]);

function parseFrameBound(ts: TokenStream): FrameBoundary {
  if (ts.acceptKw("UNBOUNDED")) {
    if (ts.acceptKw("PRECEDING")) return frameBoundary("UNBOUNDED PRECEDING", null);
    ts.expectKw("FOLLOWING");
    return frameBoundary("UNBOUNDED FOLLOWING", null);
  }
  if (ts.acceptKw("CURRENT", "ROW")) return frameBoundary("CURRENT ROW", null);
  const value = parseValue(ts, 0);
  if (ts.acceptKw("PRECEDING")) return frameBoundary("OFFSET", unaryMinus(value));
  ts.expectKw("FOLLOWING");
  return frameBoundary("OFFSET", value);
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST]` items separated by commas. */
export function parseSortItems(ts: TokenStream): SortOrder[] {
  const items: SortOrder[] = [];
  do {
    const e = finishRow(parseExpressionAt(ts));
    let dir: "ASC" | "DESC" = "ASC";
    if (ts.acceptKw("DESC")) dir = "DESC";
    else ts.acceptKw("ASC");
    let nulls: "NULLS FIRST" | "NULLS LAST" = dir === "ASC" ? "NULLS FIRST" : "NULLS LAST";
    if (ts.acceptKw("NULLS", "FIRST")) nulls = "NULLS FIRST";
    else if (ts.acceptKw("NULLS", "LAST")) nulls = "NULLS LAST";
    items.push(sortOrder(e, dir, nulls));
  } while (ts.acceptOp(","));
  return items;
}

/** A complete expression; leftover row constructors become `struct(...)`. */
export function parseFullExpression(ts: TokenStream): Expression {
  return finishRow(parseExpressionAt(ts));
}
