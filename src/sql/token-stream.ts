/**
 * The cursor over tokens that every parsing function shares: look-ahead, keyword and
 * operator matching, identifiers, and Spark's `PARSE_SYNTAX_ERROR` pointing at the
 * offending token.
 */
import type { Origin } from "../catalyst/expressions/expression.ts";
import { parseAttributeName } from "../catalyst/expressions/factories.ts";
import { FlintError } from "../errors/index.ts";
import { syntaxContext, type Token, tokenize } from "./lexer.ts";

/**
 * Words that never name a column or table without back-quotes in a position where a
 * clause could start, so `FROM t WHERE x` does not read `WHERE` as an alias. Spark's
 * grammar reaches the same result through its parsing decisions.
 */
const NOT_AN_ALIAS = new Set([
  "FROM",
  "WHERE",
  "GROUP",
  "HAVING",
  "QUALIFY",
  "WINDOW",
  "ORDER",
  "SORT",
  "CLUSTER",
  "DISTRIBUTE",
  "LIMIT",
  "OFFSET",
  "UNION",
  "INTERSECT",
  "EXCEPT",
  "MINUS",
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "SEMI",
  "ANTI",
  "ON",
  "USING",
  "LATERAL",
  "PIVOT",
  "UNPIVOT",
  "TABLESAMPLE",
  "INTO",
  "SELECT",
  "WITH",
  "VALUES",
  "AS",
  "AND",
  "OR",
  "NOT",
  "IS",
  "IN",
  "LIKE",
  "ILIKE",
  "RLIKE",
  "REGEXP",
  "BETWEEN",
  "THEN",
  "ELSE",
  "END",
  "WHEN",
  "FOR",
  "OVER",
  "FILTER",
  "ESCAPE",
  "COLLATE",
  "IGNORE",
  "RESPECT",
  "PARTITIONED",
  "OPTIONS",
  "TBLPROPERTIES",
  "LOCATION",
  "COMMENT",
  "CLUSTERED",
  "ROW",
  "STORED",
  "EXCLUDE",
]);

export interface ParseOptions {
  /** Session time zone (`spark.sql.session.timeZone`); default UTC. */
  readonly timeZone?: string | undefined;
  /** `spark.sql.ansi.doubleQuotedIdentifiers` (default false). */
  readonly doubleQuotedIdentifiers?: boolean | undefined;
}

export class TokenStream {
  readonly sql: string;
  readonly #tokens: readonly Token[];
  #pos = 0;
  /** How many `>` of the current `>>` / `>>>` token closed type brackets already. */
  #angles = 0;
  /** Count of `?` parameters seen so far. */
  positionalParams = 0;
  /** The session time zone, for `TIMESTAMP '...'` literals without a zone. */
  readonly timeZone: string;

  constructor(sql: string, options: ParseOptions = {}) {
    this.sql = sql;
    this.timeZone = options.timeZone ?? "UTC";
    this.#tokens = tokenize(sql, { doubleQuotedIdentifiers: options.doubleQuotedIdentifiers });
  }

  peek(k = 0): Token {
    const t = this.#tokens[this.pos + k] ?? this.#tokens[this.#tokens.length - 1];
    if (!t) throw new Error("token stream is empty");
    return t;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.#tokens.length - 1) this.pos++;
    return t;
  }

  atEnd(): boolean {
    return this.peek().type === "eof";
  }

  /** The current token is the keyword `word` (an unquoted identifier). */
  isKw(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === "ident" && t.value === word;
  }

  isAnyKw(words: ReadonlySet<string>, k = 0): boolean {
    const t = this.peek(k);
    return t.type === "ident" && words.has(t.value);
  }

  /** Consumes the keywords `words` in sequence if they all match. */
  acceptKw(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      if (!this.isKw(words[i] ?? "", i)) return false;
    }
    this.pos += words.length;
    return true;
  }

  expectKw(...words: string[]): void {
    for (const w of words) {
      if (!this.isKw(w)) throw this.error();
      this.next();
    }
  }

  get tokens(): readonly Token[] {
    return this.#tokens;
  }

  /** Index of the current token; setting it (backtracking) also resets a split `>>`. */
  get pos(): number {
    return this.#pos;
  }

  set pos(p: number) {
    this.#pos = p;
    this.#angles = 0;
  }

  /**
   * Consumes one `>` closing a type bracket; `array<array<int>>` closes two brackets with
   * one `>>` token, so the `>` characters of a `>>` / `>>>` token are consumed one by one
   * (without changing the token list, so backtracking stays exact).
   */
  acceptCloseAngle(): boolean {
    const t = this.peek();
    if (t.type !== "op" || !/^>+$/.test(t.value)) return false;
    this.#angles++;
    if (this.#angles >= t.value.length) this.next();
    return true;
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === "op" && t.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.error();
    return this.next();
  }

  /** An identifier: any word or a back-quoted name. */
  isIdentifier(k = 0): boolean {
    const t = this.peek(k);
    return t.type === "ident" || t.type === "quoted";
  }

  /** An identifier that may stand as an implicit alias (no `AS`) here. */
  isAliasCandidate(): boolean {
    const t = this.peek();
    return t.type === "quoted" || (t.type === "ident" && !NOT_AN_ALIAS.has(t.value));
  }

  identifier(): string {
    const t = this.peek();
    if (t.type === "quoted") {
      this.next();
      return t.value;
    }
    if (t.type === "ident") {
      this.next();
      if (/^[0-9]/.test(t.text) && /^[0-9]+$/.test(t.text)) throw this.errorAt(t);
      return t.text;
    }
    throw this.error();
  }

  /** `a.b.c` (each part an identifier, or an `IDENTIFIER('...')` clause). */
  multipartIdentifier(): string[] {
    const parts = [...this.identifierParts()];
    this.rejectDashes();
    while (this.isOp(".") && this.isIdentifier(1)) {
      this.next();
      parts.push(...this.identifierParts());
      this.rejectDashes();
    }
    return parts;
  }

  /**
   * `my-table` where an object name is expected: Spark's INVALID_IDENTIFIER (the name must
   * be back-quoted). The dashed parts are unquoted words, as Spark's grammar captures them.
   */
  private rejectDashes(): void {
    if (!(this.isOp("-") && this.peek(1).type === "ident")) return;
    const last = this.peek(-1);
    if (last.type !== "ident") return;
    let ident = last.text;
    while (this.isOp("-") && this.peek(1).type === "ident") {
      this.next();
      ident += `-${this.next().text}`;
    }
    throw new FlintError("INVALID_IDENTIFIER", { ident });
  }

  /** One identifier, or the parts named by `IDENTIFIER('a.b' || 'c')`. */
  identifierParts(): string[] {
    if (this.isIdentifierClause()) return this.identifierClause();
    return [this.identifier()];
  }

  isIdentifierClause(k = 0): boolean {
    return (
      this.isKw("IDENTIFIER", k) && this.isOp("(", k + 1) && this.peek(k + 2).type === "string"
    );
  }

  /** `IDENTIFIER(string [|| string ...])`: a name given as a constant string. */
  identifierClause(): string[] {
    this.next();
    this.expectOp("(");
    let text = "";
    do {
      const t = this.next();
      if (t.type !== "string") throw this.errorAt(t);
      text += t.value;
      while (this.peek().type === "string") text += this.next().value;
    } while (this.acceptOp("||"));
    this.expectOp(")");
    return parseAttributeName(text);
  }

  origin(start: Token): Origin {
    const stop = this.#tokens[this.pos - 1] ?? start;
    return Object.freeze({ start: start.start, stop: stop.stop, sqlText: this.sql });
  }

  /** The syntax error Spark reports at the current token. */
  error(hint = ""): FlintError {
    return this.errorAt(this.peek(), hint);
  }

  /** Runs `fn`; on a parse error restores the position and returns undefined. */
  attempt<T>(fn: () => T): T | undefined {
    const saved = this.pos;
    const savedParams = this.positionalParams;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof FlintError)) throw e;
      this.pos = saved;
      this.positionalParams = savedParams;
      return undefined;
    }
  }

  /** The query context spanning tokens from `start` to the last consumed token. */
  contextFrom(start: Token) {
    const stop = this.#tokens[this.pos - 1] ?? start;
    return syntaxContext(this.sql, start.start, Math.max(start.start, stop.stop));
  }

  errorAt(t: Token, hint = ""): FlintError {
    const error = t.type === "eof" ? "end of input" : `'${t.text}'`;
    const stop = t.type === "eof" ? this.sql.length : t.stop;
    return new FlintError(
      "PARSE_SYNTAX_ERROR",
      { error, hint },
      { context: syntaxContext(this.sql, t.start, stop) },
    );
  }

  /** Fails unless all input was consumed (trailing `;` are allowed), as Spark's `extra input`. */
  expectEnd(): void {
    while (this.acceptOp(";")) {
      /* trailing semicolons */
    }
    if (!this.atEnd()) {
      // ANTLR reports "extra input" when dropping the one token would end the statement
      const t = this.peek();
      const single = this.peek(1).type === "eof" || this.peek(-1).value === ";";
      throw this.errorAt(t, single ? `: extra input '${t.text}'` : "");
    }
  }
}
