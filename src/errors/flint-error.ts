import { ERROR_CLASSES } from "./catalog/index.ts";

/** Where in a SQL text an error points (Spark's SQLQueryContext). */
export interface QueryContext {
  readonly objectType: string;
  readonly objectName: string;
  /** 0-based, inclusive. */
  readonly startIndex: number;
  /** 0-based, inclusive. */
  readonly stopIndex: number;
  readonly fragment: string;
  /** The whole SQL text, used to print the `== SQL (line l, position p) ==` block. */
  readonly sqlText?: string;
}

export type MessageParameters = Readonly<Record<string, string>>;

/**
 * Every user-facing error: an error class from the catalog, its SQLSTATE, the message
 * parameters, and optionally the SQL fragment it points at. The message is rendered from
 * the catalog's template; the parameters stay available as data for tests and clients.
 */
export class FlintError extends Error {
  readonly errorClass: string;
  readonly sqlState: string;
  readonly messageParameters: MessageParameters;
  readonly queryContext: readonly QueryContext[];

  constructor(
    errorClass: string,
    messageParameters: MessageParameters = {},
    options: { readonly context?: QueryContext | undefined; readonly cause?: unknown } = {},
  ) {
    const def = lookup(errorClass);
    const context = options.context ? [options.context] : [];
    super(renderMessage(errorClass, def.message, messageParameters, def.sqlState, context), {
      cause: options.cause,
    });
    this.name = exceptionName(errorClass);
    this.errorClass = errorClass;
    this.sqlState = def.sqlState;
    this.messageParameters = messageParameters;
    this.queryContext = context;
  }

  /** The same error pointing at a SQL fragment (keeps an existing context). */
  withContext(context: QueryContext | undefined): FlintError {
    if (!context || this.queryContext.length > 0) return this;
    return new FlintError(this.errorClass, this.messageParameters, { context, cause: this.cause });
  }

  /** The message without the SQL context block. */
  get shortMessage(): string {
    return renderMessage(
      this.errorClass,
      lookup(this.errorClass).message,
      this.messageParameters,
      this.sqlState,
      [],
    );
  }
}

export function isFlintError(e: unknown): e is FlintError {
  return e instanceof FlintError;
}

interface ErrorDef {
  readonly sqlState: string;
  readonly message: string;
}

function lookup(errorClass: string): ErrorDef {
  const direct = ERROR_CLASSES[errorClass];
  if (direct) return direct;
  // Sub-classes ("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES") take the parent's SQLSTATE and
  // join the parent's message with their own.
  const dot = errorClass.indexOf(".");
  if (dot > 0) {
    const parent = ERROR_CLASSES[errorClass.slice(0, dot)];
    const sub = ERROR_CLASSES[errorClass];
    if (parent) return { sqlState: parent.sqlState, message: sub ? sub.message : parent.message };
  }
  return { sqlState: "XX000", message: `Unknown error class ${errorClass}: <message>` };
}

function exceptionName(errorClass: string): string {
  const sqlState = lookup(errorClass).sqlState;
  if (errorClass === "PARSE_SYNTAX_ERROR") return "ParseException";
  if (sqlState.startsWith("22")) return "SparkArithmeticException";
  if (sqlState.startsWith("42")) return "AnalysisException";
  return "SparkException";
}

function renderMessage(
  errorClass: string,
  template: string,
  params: MessageParameters,
  sqlState: string,
  context: readonly QueryContext[],
): string {
  const body = template.replace(/<([a-zA-Z0-9_]+)>/g, (m, name: string) => params[name] ?? m);
  const ctx = context[0];
  const block = ctx?.sqlText !== undefined ? `\n${renderContext(ctx, ctx.sqlText)}` : "";
  return `[${errorClass}] ${body} SQLSTATE: ${sqlState}${block}`;
}

/** Spark's `== SQL (line L, position P) ==` block with the fragment underlined. */
export function renderContext(ctx: QueryContext, sqlText: string): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < ctx.startIndex && i < sqlText.length; i++) {
    if (sqlText[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  const position = ctx.startIndex - lineStart + 1;
  const lines = sqlText.split("\n");
  const out = [`== SQL (line ${line}, position ${position}) ==`];
  const text = lines[line - 1] ?? "";
  out.push(text);
  const width = Math.max(1, Math.min(ctx.stopIndex + 1, lineStart + text.length) - ctx.startIndex);
  out.push(`${" ".repeat(position - 1)}${"^".repeat(width)}`);
  return out.join("\n");
}

/** A bug in Flint itself: never raised for bad user input. */
export function internalError(message: string, cause?: unknown): FlintError {
  return new FlintError("INTERNAL_ERROR", { message }, { cause });
}
