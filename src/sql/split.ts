/**
 * Splits a SQL script into statements at `;`, ignoring semicolons inside quotes,
 * back-quotes, `--` line comments and (nested) bracketed comments. Empty statements are
 * dropped; each statement is returned trimmed, without its `;`.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end: number): void => {
    const s = text.slice(start, end).trim();
    if (s !== "" && !isOnlyComments(s)) out.push(s);
  };
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"' || c === "`") {
      i++;
      while (i < n && text[i] !== c) i += text[i] === "\\" && c !== "`" ? 2 : 1;
      i++;
    } else if (c === "-" && text[i + 1] === "-") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      let depth = 0;
      while (i < n) {
        if (text[i] === "/" && text[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (text[i] === "*" && text[i + 1] === "/") {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
    } else if (c === ";") {
      push(i);
      start = i + 1;
      i++;
    } else i++;
  }
  push(n);
  return out;
}

function isOnlyComments(s: string): boolean {
  return (
    s
      .replace(/--[^\n]*/g, "")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .trim() === ""
  );
}
