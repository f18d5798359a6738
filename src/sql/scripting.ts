/**
 * SQL scripting (Spark's compound statements): `[label:] BEGIN ... END [label]` blocks of
 * `;`-terminated statements with DECLARE (variables, conditions, handlers), SET, IF,
 * CASE, WHILE, REPEAT, LOOP, FOR, LEAVE and ITERATE. Parsed into a tree of plain data
 * that a script interpreter in the session layer can run.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { comparison } from "../catalyst/expressions/factories.ts";
import type { LogicalPlan } from "../catalyst/plans/logical-plan.ts";
import { parseFullExpression } from "./expressions.ts";
import { parseQueryAt } from "./queries.ts";
import type { Statement } from "./statement-types.ts";
import type { TokenStream } from "./token-stream.ts";

export type ScriptStatement =
  | { readonly kind: "Statement"; readonly statement: Statement }
  | {
      readonly kind: "Block";
      readonly label: string | null;
      readonly body: readonly ScriptStatement[];
    }
  | {
      readonly kind: "If";
      readonly branches: readonly (readonly [Expression, readonly ScriptStatement[]])[];
      readonly elseBody: readonly ScriptStatement[] | null;
    }
  | {
      readonly kind: "While";
      readonly label: string | null;
      readonly condition: Expression;
      readonly body: readonly ScriptStatement[];
    }
  | {
      readonly kind: "Repeat";
      readonly label: string | null;
      readonly body: readonly ScriptStatement[];
      readonly until: Expression;
    }
  | {
      readonly kind: "Loop";
      readonly label: string | null;
      readonly body: readonly ScriptStatement[];
    }
  | {
      readonly kind: "For";
      readonly label: string | null;
      readonly variable: string | null;
      readonly query: LogicalPlan;
      readonly body: readonly ScriptStatement[];
    }
  | { readonly kind: "Leave"; readonly label: string }
  | { readonly kind: "Iterate"; readonly label: string }
  | { readonly kind: "DeclareCondition"; readonly name: string; readonly sqlState: string | null }
  | {
      readonly kind: "DeclareHandler";
      readonly handlerType: "CONTINUE" | "EXIT";
      /** `SQLSTATE '..'`, `SQLEXCEPTION`, `NOT FOUND` or condition names. */
      readonly conditions: readonly string[];
      readonly action: ScriptStatement;
    };

const f = Object.freeze;

/** Whether a compound block starts here (`BEGIN` or `label: BEGIN`). */
export function startsScript(ts: TokenStream): boolean {
  return ts.isKw("BEGIN") || (ts.isIdentifier() && ts.isOp(":", 1) && ts.isKw("BEGIN", 2));
}

/** `[label:] BEGIN body END [label]`. */
export function parseBlock(ts: TokenStream, parseStatement: (ts: TokenStream) => Statement) {
  const label = parseLabel(ts);
  ts.expectKw("BEGIN");
  const body = parseBody(ts, parseStatement, ["END"]);
  ts.expectKw("END");
  endLabel(ts, label);
  return f({ kind: "Block" as const, label, body });
}

function parseLabel(ts: TokenStream): string | null {
  if (ts.isIdentifier() && ts.isOp(":", 1)) {
    const name = ts.identifier();
    ts.next();
    return name;
  }
  return null;
}

function endLabel(ts: TokenStream, label: string | null): void {
  if (
    label !== null &&
    ts.isIdentifier() &&
    !ts.isOp(";") &&
    ts.peek().text.toLowerCase() === label.toLowerCase()
  ) {
    ts.next();
  }
}

/** Statements each ended by `;`, up to one of the `stop` keywords. */
function parseBody(
  ts: TokenStream,
  parseStatement: (ts: TokenStream) => Statement,
  stop: readonly string[],
): ScriptStatement[] {
  const body: ScriptStatement[] = [];
  while (!ts.atEnd() && !stop.some((w) => ts.isKw(w))) {
    body.push(parseScriptStatement(ts, parseStatement));
    ts.expectOp(";");
  }
  return body;
}

function parseScriptStatement(
  ts: TokenStream,
  parseStatement: (ts: TokenStream) => Statement,
): ScriptStatement {
  if (startsScript(ts)) return parseBlock(ts, parseStatement);
  const hasLabel = ts.isIdentifier() && ts.isOp(":", 1);
  const label = parseLabel(ts);
  const body = (stop: readonly string[]) => parseBody(ts, parseStatement, stop);
  if (ts.acceptKw("WHILE")) {
    const condition = parseFullExpression(ts);
    ts.expectKw("DO");
    const b = body(["END"]);
    ts.expectKw("END", "WHILE");
    endLabel(ts, label);
    return f({ kind: "While", label, condition, body: b });
  }
  if (ts.acceptKw("REPEAT")) {
    const b = body(["UNTIL"]);
    ts.expectKw("UNTIL");
    const until = parseFullExpression(ts);
    ts.expectKw("END", "REPEAT");
    endLabel(ts, label);
    return f({ kind: "Repeat", label, body: b, until });
  }
  if (ts.acceptKw("LOOP")) {
    const b = body(["END"]);
    ts.expectKw("END", "LOOP");
    endLabel(ts, label);
    return f({ kind: "Loop", label, body: b });
  }
  if (ts.acceptKw("FOR")) {
    let variable: string | null = null;
    if (ts.isIdentifier() && ts.isKw("AS", 1)) {
      variable = ts.identifier();
      ts.next();
    }
    const query = parseQueryAt(ts);
    ts.expectKw("DO");
    const b = body(["END"]);
    ts.expectKw("END", "FOR");
    endLabel(ts, label);
    return f({ kind: "For", label, variable, query, body: b });
  }
  if (hasLabel) throw ts.error();
  if (ts.acceptKw("IF")) {
    const branches: (readonly [Expression, readonly ScriptStatement[]])[] = [];
    let elseBody: ScriptStatement[] | null = null;
    let cond = parseFullExpression(ts);
    ts.expectKw("THEN");
    for (;;) {
      const b = body(["ELSE", "ELSEIF", "END"]);
      branches.push([cond, b]);
      if (ts.acceptKw("ELSEIF") || ts.acceptKw("ELSE", "IF")) {
        cond = parseFullExpression(ts);
        ts.expectKw("THEN");
        continue;
      }
      if (ts.acceptKw("ELSE")) elseBody = body(["END"]);
      ts.expectKw("END", "IF");
      return f({ kind: "If", branches, elseBody });
    }
  }
  if (ts.isKw("CASE")) {
    ts.next();
    const subject = ts.isKw("WHEN") ? null : parseFullExpression(ts);
    const branches: (readonly [Expression, readonly ScriptStatement[]])[] = [];
    while (ts.acceptKw("WHEN")) {
      const w = parseFullExpression(ts);
      ts.expectKw("THEN");
      branches.push([subject ? comparison("=", subject, w) : w, body(["WHEN", "ELSE", "END"])]);
    }
    const elseBody = ts.acceptKw("ELSE") ? body(["END"]) : null;
    ts.expectKw("END", "CASE");
    return f({ kind: "If", branches, elseBody });
  }
  if (ts.acceptKw("LEAVE")) return f({ kind: "Leave", label: ts.identifier() });
  if (ts.acceptKw("ITERATE")) return f({ kind: "Iterate", label: ts.identifier() });
  if (ts.isKw("DECLARE") && ts.isKw("CONDITION", 2)) {
    ts.next();
    const name = ts.identifier();
    ts.expectKw("CONDITION");
    let sqlState: string | null = null;
    if (ts.acceptKw("FOR", "SQLSTATE")) {
      ts.acceptKw("VALUE");
      sqlState = ts.next().value;
    }
    return f({ kind: "DeclareCondition", name, sqlState });
  }
  if (ts.isKw("DECLARE") && (ts.isKw("CONTINUE", 1) || ts.isKw("EXIT", 1))) {
    ts.next();
    const handlerType = ts.next().value === "EXIT" ? "EXIT" : "CONTINUE";
    ts.expectKw("HANDLER", "FOR");
    const conditions: string[] = [];
    do {
      if (ts.acceptKw("SQLSTATE")) {
        ts.acceptKw("VALUE");
        conditions.push(`SQLSTATE ${ts.next().value}`);
      } else if (ts.acceptKw("SQLEXCEPTION")) conditions.push("SQLEXCEPTION");
      else if (ts.acceptKw("NOT", "FOUND")) conditions.push("NOT FOUND");
      else conditions.push(ts.multipartIdentifier().join("."));
    } while (ts.acceptOp(","));
    const action = parseScriptStatement(ts, parseStatement);
    return f({ kind: "DeclareHandler", handlerType, conditions, action });
  }
  return f({ kind: "Statement", statement: parseStatement(ts) });
}
