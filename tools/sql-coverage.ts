/**
 * Parser coverage on Spark's own SQL test inputs: runs `parseStatement` over every
 * statement of every `*.sql` file under a directory (Spark's
 * `sql/core/src/test/resources/sql-tests/inputs`, checked out elsewhere: Spark's files are
 * not part of this repository) and prints the success rate, the most common failure
 * reasons, and the parser's cold-start time (import + first parse).
 *
 *   node tools/sql-coverage.ts <inputs-dir> [--failures N] [--show-reason TEXT]
 *
 * Some inputs are expected to fail in Spark too (negative tests); the rate counts them as
 * failures, so 100% is not the goal, but every reason listed is worth a look.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const t0 = performance.now();
const sql = await import("../src/sql/index.ts");
const tImport = performance.now();
try {
  sql.parseStatement("SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a ORDER BY a LIMIT 10");
} catch {
  /* measured only */
}
const tFirst = performance.now();

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) {
  console.error("usage: node tools/sql-coverage.ts <sql-tests/inputs dir> [--failures N]");
  process.exit(2);
}
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const topN = Number(flag("--failures") ?? "25");
const showReason = flag("--show-reason");

function walk(d: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith(".sql")) out.push(p);
  }
  return out;
}

/**
 * Statements of one test file, as Spark's test harness reads them: text between
 * `--QUERY-DELIMITER-START` and `--QUERY-DELIMITER-END` lines is one statement (SQL
 * scripts), the rest is split at semicolons.
 */
function statementsOf(text: string): string[] {
  const out: string[] = [];
  let buffer: string[] = [];
  let block: string[] | null = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("--QUERY-DELIMITER-START")) {
      out.push(...sql.splitStatements(buffer.join("\n")));
      buffer = [];
      block = [];
    } else if (trimmed.startsWith("--QUERY-DELIMITER-END")) {
      const stmt = (block ?? []).join("\n").trim().replace(/;$/, "");
      if (stmt !== "") out.push(stmt);
      block = null;
    } else if (block) block.push(line);
    else buffer.push(line);
  }
  out.push(...sql.splitStatements(buffer.join("\n")));
  return out;
}

interface Failure {
  readonly file: string;
  readonly statement: string;
  readonly reason: string;
}

const files = walk(dir);
let total = 0;
let ok = 0;
const failures: Failure[] = [];
const tParse0 = performance.now();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  for (const statement of statementsOf(text)) {
    total++;
    try {
      sql.parseStatement(statement);
      ok++;
    } catch (e) {
      const err = e as { errorClass?: string; messageParameters?: Record<string, string> };
      const p = err.messageParameters ?? {};
      const detail = err.errorClass === "PARSE_SYNTAX_ERROR" ? ` at ${p.error ?? ""}` : "";
      const feature = p.feature ? `: ${p.feature}` : "";
      const reason = err.errorClass
        ? `${err.errorClass}${detail}${feature}`
        : `JS ${(e as Error).message.slice(0, 80)}`;
      failures.push({ file: relative(dir, file), statement, reason });
    }
  }
}
const tParse = performance.now() - tParse0;

const byReason = new Map<string, Failure[]>();
for (const f of failures) byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f]);
const ranked = [...byReason.entries()].sort((a, b) => b[1].length - a[1].length);

const pct = total === 0 ? 0 : (100 * ok) / total;
console.log(
  `files: ${files.length}  statements: ${total}  parsed: ${ok}  rate: ${pct.toFixed(1)}%`,
);
console.log(
  `cold start: import ${(tImport - t0).toFixed(0)} ms, first parse ${(tFirst - tImport).toFixed(1)} ms; ` +
    `all statements parsed in ${tParse.toFixed(0)} ms`,
);
console.log(`\ntop failure reasons (of ${byReason.size}):`);
for (const [reason, list] of ranked.slice(0, topN)) {
  const ex = list[0];
  const sample = ex ? ex.statement.replace(/\s+/g, " ").slice(0, 100) : "";
  console.log(
    `${String(list.length).padStart(5)}  ${reason}\n         e.g. ${ex?.file}: ${sample}`,
  );
}
if (showReason) {
  for (const f of failures.filter((x) => x.reason.includes(showReason))) {
    console.log(`--- ${f.file}\n${f.statement}`);
  }
}
