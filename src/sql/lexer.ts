/**
 * The Spark SQL lexer: turns text into tokens with their offsets, following the lexical
 * rules of Spark's `SqlBaseLexer.g4` (case-insensitive keywords, back-quoted identifiers,
 * single/double-quoted strings with backslash escapes, raw strings `r'...'`, numbers with
 * type suffixes, `--` and nested `/* ... *\/` comments, hints `/*+ ... *\/`).
 */
import { FlintError } from "../errors/index.ts";

export type TokenType =
  /** A word: keyword or unquoted identifier; `upper` holds the upper-cased text. */
  | "ident"
  /** A back-quoted identifier; `value` holds the unescaped name. */
  | "quoted"
  /** A string literal; `value` holds the unescaped text. */
  | "string"
  /** An integer (`12`, `12L`, `12S`, `12Y`). */
  | "integer"
  /** A number with a fraction, exponent or D/F/BD suffix. */
  | "decimal"
  | "op"
  | "hintStart"
  | "param"
  | "eof";

export interface Token {
  readonly type: TokenType;
  /** The source text of the token. */
  readonly text: string;
  /** Upper-cased word (ident), unescaped text (string/quoted), or operator text. */
  readonly value: string;
  /** 0-based offset of the first character. */
  readonly start: number;
  /** 0-based offset of the last character (inclusive). */
  readonly stop: number;
}

const OPERATORS = [
  "<=>",
  "|>",
  "->",
  "=>",
  "<=",
  ">=",
  "<>",
  "!=",
  "==",
  "::",
  "||",
  "<<",
  ">>>",
  ">>",
  "(",
  ")",
  "[",
  "]",
  ",",
  ".",
  ";",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "^",
  "~",
  "!",
  ":",
  "?",
  "{",
  "}",
];

function isIdentStart(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127 // letters, _, unicode
  );
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where a syntax error points: a whole-text context at `[start, stop]`. */
export function syntaxContext(sql: string, start: number, stop: number) {
  return {
    objectType: "",
    objectName: "",
    startIndex: start,
    stopIndex: stop,
    fragment: sql.slice(start, stop + 1),
    sqlText: sql,
  };
}

/** Tokenizes `sql`; the result always ends with one `eof` token. */
export interface LexerOptions {
  /** `spark.sql.ansi.doubleQuotedIdentifiers`: `"name"` is an identifier, not a string. */
  readonly doubleQuotedIdentifiers?: boolean | undefined;
}

export function tokenize(sql: string, options: LexerOptions = {}): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (type: TokenType, start: number, end: number, value: string): void => {
    tokens.push({ type, text: sql.slice(start, end), value, start, stop: end - 1 });
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    // comments
    if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      while (i < n && sql.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      if (sql.charCodeAt(i + 2) === 43) {
        push("hintStart", i, i + 3, "/*+");
        i += 3;
        continue;
      }
      i = skipBlockComment(sql, i);
      continue;
    }
    if (c === 42 && sql.charCodeAt(i + 1) === 47) {
      // the end of a hint comment
      push("op", i, i + 2, "*/");
      i += 2;
      continue;
    }
    // raw strings r'...' / R"..."
    if ((c === 114 || c === 82) && (sql.charCodeAt(i + 1) === 39 || sql.charCodeAt(i + 1) === 34)) {
      const q = sql.charCodeAt(i + 1);
      const close = sql.indexOf(String.fromCharCode(q), i + 2);
      if (close < 0) throw unclosedString(sql, i);
      push("string", i, close + 1, sql.slice(i + 2, close));
      i = close + 1;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(sql.charCodeAt(j))) j++;
      const text = sql.slice(i, j);
      push("ident", i, j, text.toUpperCase());
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      i = lexNumber(sql, i, push);
      continue;
    }
    if (c === 39 || (c === 34 && !options.doubleQuotedIdentifiers)) {
      i = lexString(sql, i, push);
      continue;
    }
    if (c === 96 || c === 34) {
      // a back-quoted (or, when enabled, double-quoted) identifier; a doubled quote escapes
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= n) throw unclosedString(sql, i);
        if (sql.charCodeAt(j) === c) {
          if (sql.charCodeAt(j + 1) === c) {
            v += sql[j];
            j += 2;
            continue;
          }
          break;
        }
        v += sql[j];
        j++;
      }
      push("quoted", i, j + 1, v);
      i = j + 1;
      continue;
    }
    if (c === 58 && isIdentStart(sql.charCodeAt(i + 1)) && sql.charCodeAt(i - 1) !== 58) {
      // named parameter `:name` (a `::` cast is lexed as an operator before this)
      const prev = tokens[tokens.length - 1];
      if (!prev || !(prev.type === "op" && prev.value === ":")) {
        let j = i + 2;
        while (j < n && isIdentPart(sql.charCodeAt(j))) j++;
        if (!isParamContext(prev)) {
          push("op", i, i + 1, ":");
          i++;
          continue;
        }
        push("param", i, j, sql.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, i));
    if (op) {
      push("op", i, i + op.length, op);
      i += op.length;
      continue;
    }
    throw new FlintError(
      "PARSE_SYNTAX_ERROR",
      { error: `'${sql[i]}'`, hint: "" },
      { context: syntaxContext(sql, i, i) },
    );
  }
  tokens.push({ type: "eof", text: "", value: "<EOF>", start: n, stop: n });
  return tokens;
}

/** `:name` is a parameter unless it follows something a `:` separates (a struct field). */
function isParamContext(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.type === "op") return prev.value !== ")" && prev.value !== "]";
  if (prev.type === "ident") {
    // a JSON path `col:field` follows an identifier; keywords introduce parameters
    return PARAM_AFTER_KEYWORD.has(prev.value);
  }
  return false;
}

const PARAM_AFTER_KEYWORD = new Set([
  "SELECT",
  "WHERE",
  "AND",
  "OR",
  "NOT",
  "LIMIT",
  "OFFSET",
  "THEN",
  "ELSE",
  "WHEN",
  "IN",
  "BY",
  "AS",
  "ON",
  "HAVING",
  "BETWEEN",
  "IS",
  "LIKE",
  "CASE",
  "VALUES",
  "RETURN",
  "DEFAULT",
  "INTERVAL",
]);

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  const n = sql.length;
  while (i < n) {
    if (sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (sql.charCodeAt(i) === 42 && sql.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw new FlintError(
    "UNCLOSED_BRACKETED_COMMENT",
    {},
    { context: syntaxContext(sql, start, n - 1) },
  );
}

/** An unclosed quote: Spark reports the quote character itself. */
function unclosedString(sql: string, start: number): FlintError {
  const quote =
    sql[start] === "r" || sql[start] === "R" ? (sql[start + 1] ?? "") : (sql[start] ?? "");
  return new FlintError(
    "PARSE_SYNTAX_ERROR",
    { error: `'${quote}'`, hint: "" },
    { context: syntaxContext(sql, start, start) },
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  "'": "'",
  '"': '"',
  b: "\b",
  n: "\n",
  r: "\r",
  t: "\t",
  Z: "\x1a",
  "\\": "\\",
  "%": "\\%",
  _: "\\_",
};

/** Unescapes a string body as Spark's `unescapeSQLString` (backslash escapes, \uXXXX). */
function unescapeSql(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? "";
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? "";
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    if (next === "U" && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 2, i + 10))) {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 2, i + 10), 16));
      i += 9;
      continue;
    }
    if (/^[0-3][0-7][0-7]$/.test(body.slice(i + 1, i + 4))) {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    out += ESCAPES[next] ?? next;
    i++;
  }
  return out;
}

function lexString(
  sql: string,
  start: number,
  push: (type: TokenType, start: number, end: number, value: string) => void,
): number {
  const q = sql.charCodeAt(start);
  let j = start + 1;
  const n = sql.length;
  let body = "";
  for (;;) {
    if (j >= n) throw unclosedString(sql, start);
    const c = sql.charCodeAt(j);
    if (c === 92 && j + 1 < n) {
      body += sql.slice(j, j + 2);
      j += 2;
      continue;
    }
    if (c === q) {
      // a doubled quote inside a string stands for itself
      if (sql.charCodeAt(j + 1) === q) {
        body += `\\${sql[j]}`;
        j += 2;
        continue;
      }
      break;
    }
    body += sql[j];
    j++;
  }
  push("string", start, j + 1, unescapeSql(body));
  return j + 1;
}

function lexNumber(
  sql: string,
  start: number,
  push: (type: TokenType, start: number, end: number, value: string) => void,
): number {
  const n = sql.length;
  let j = start;
  while (j < n && isDigit(sql.charCodeAt(j))) j++;
  let fractional = false;
  if (sql.charCodeAt(j) === 46) {
    fractional = true;
    j++;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
  }
  const e = sql.charCodeAt(j);
  if (e === 69 || e === 101) {
    let k = j + 1;
    if (sql.charCodeAt(k) === 43 || sql.charCodeAt(k) === 45) k++;
    if (isDigit(sql.charCodeAt(k))) {
      while (k < n && isDigit(sql.charCodeAt(k))) k++;
      j = k;
      fractional = true;
    }
  }
  // suffixes
  const rest = sql.slice(j, j + 2).toUpperCase();
  let end = j;
  if (rest === "BD") end = j + 2;
  else if (/^[LSYDF]$/.test(rest[0] ?? "")) end = j + 1;
  if (end < n && isIdentPart(sql.charCodeAt(end))) {
    // `1a` or `123abc`: an identifier that starts with digits, as Spark allows
    let k = end;
    while (k < n && isIdentPart(sql.charCodeAt(k))) k++;
    if (!fractional) {
      push("ident", start, k, sql.slice(start, k).toUpperCase());
      return k;
    }
  }
  const text = sql.slice(start, end);
  const suffix = text.slice(j - start).toUpperCase();
  const isInt =
    !fractional && (suffix === "" || suffix === "L" || suffix === "S" || suffix === "Y");
  push(isInt ? "integer" : "decimal", start, end, text);
  return end;
}
