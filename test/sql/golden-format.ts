/**
 * Reading Spark's sql-tests golden files (`-- !query`, `-- !query schema`,
 * `-- !query output`) and the `--SET` lines of their inputs.
 */
import { readFileSync } from "node:fs";

export interface GoldenQuery {
  readonly sql: string;
  readonly schema: string;
  readonly output: string;
  /** For errors: the error class and SQLSTATE Spark reported. */
  readonly error: { readonly errorClass: string; readonly sqlState: string | null } | null;
}

export function readGolden(path: string): GoldenQuery[] {
  const text = readFileSync(path, "utf8");
  const blocks = text.split(/^-- !query\n/m).slice(1);
  return blocks.map((block) => {
    const [sql = "", rest = ""] = block.split(/^-- !query schema\n/m);
    const [schema = "", output = ""] = rest.split(/^-- !query output\n/m);
    const out = output.replace(/\s+$/, "");
    return {
      sql: sql.trim(),
      schema: schema.trim(),
      output: out,
      error: parseError(schema.trim(), out),
    };
  });
}

function parseError(schema: string, output: string): GoldenQuery["error"] {
  if (schema !== "struct<>") return null;
  const nl = output.indexOf("\n");
  if (nl < 0 || !/^[\w.$]+(Exception|Error)\b/.test(output.slice(0, nl))) return null;
  const body = output.slice(nl + 1);
  try {
    const json = JSON.parse(body) as { errorClass?: string; condition?: string; sqlState?: string };
    return {
      errorClass: json.errorClass ?? json.condition ?? "",
      sqlState: json.sqlState ?? null,
    };
  } catch {
    return { errorClass: body.trim(), sqlState: null };
  }
}

/** `--SET k=v,k2=v2` lines of an input file. */
export function readSettings(inputPath: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of readFileSync(inputPath, "utf8").split("\n")) {
    if (!line.startsWith("--SET ")) continue;
    for (const kv of line.slice(6).split(",")) {
      const eq = kv.indexOf("=");
      if (eq > 0) out.push([kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()]);
    }
  }
  return out;
}

/** Whether Spark compared this query's rows in order (a top-level ORDER BY). */
export function isOrdered(sql: string): boolean {
  let depth = 0;
  const upper = sql.toUpperCase();
  let lastOrderBy = -1;
  for (let i = 0; i < upper.length; i++) {
    const ch = upper[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && upper.startsWith("ORDER BY", i)) lastOrderBy = i;
  }
  return lastOrderBy >= 0;
}

/** The harness's normalisation, applied to Flint's output before comparing. */
export function normalizeOutput(text: string): string {
  return text
    .replace(/#\d+/g, "#x")
    .replace(/plan_id=\d+/g, "plan_id=x")
    .replace(/\*\(\d+\) /g, "*")
    .replace(/\s+$/, "");
}
