/**
 * Parser coverage on Spark's own SQL test inputs: runs `parseStatement` over every
 * statement of every `*.sql` file under a directory (Spark's
 * `sql/core/src/test/resources/sql-tests/inputs`, checked out elsewhere: Spark's files are
 * not part of this repository) and prints the success rate, the most common failure
 * reasons, and the parser's cold-start time (import + first parse).
 *
 *   node tools/sql-coverage.ts <inputs-dir> [--failures N] [--show-reason TEXT]
 *   node tools/sql-coverage.ts --results <sql-tests/results dir> [--failures N]
 *
 * Some inputs are expected to fail in Spark too (negative tests); the first form counts
 * them as failures. The second form reads Spark's golden outputs (`*.sql.out`) instead,
 * which record whether Spark's own parser rejected each query (a `ParseException` output
 * with its error class): it reports coverage of the queries Spark parses, agreement on
 * the ones it rejects, and whether error classes and parameters match.
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
const resultsDir = args[0] === "--results" ? args[1] : undefined;
const dir = resultsDir ?? args[0];
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

function walk(d: string, ext = ".sql"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

interface Golden {
  readonly file: string;
  readonly query: string;
  /** Spark's parser error class, or null when Spark parsed the query. */
  readonly sparkError: string | null;
  readonly sparkParams: Readonly<Record<string, string>>;
  /** The error class of any exception Spark raised for the query (parse or later). */
  readonly anyError: string | null;
}

/** Queries of Spark's golden files with whether Spark's parser accepted them. */
function readGolden(root: string): Golden[] {
  const out: Golden[] = [];
  for (const file of walk(root, ".sql.out")) {
    const blocks = readFileSync(file, "utf8")
      .split(/^-- !query\n/m)
      .slice(1);
    for (const block of blocks) {
      const end = block.search(/^-- !query (schema|output|analysis)/m);
      const query = (end < 0 ? block : block.slice(0, end)).trim();
      const outAt = block.indexOf("-- !query output\n");
      const output = outAt < 0 ? "" : block.slice(outAt + 17);
      let sparkError: string | null = null;
      let sparkParams: Record<string, string> = {};
      const anyError =
        /^org\.apache\.spark\S*Exception\n\{\n\s*"errorClass" : "([^"]+)"/.exec(output)?.[1] ??
        null;
      if (output.startsWith("org.apache.spark.sql.catalyst.parser.ParseException")) {
        const json = output.slice(output.indexOf("\n") + 1).split(/\n\n\n/)[0] ?? "";
        try {
          const parsed = JSON.parse(json) as {
            errorClass?: string;
            messageParameters?: Record<string, string>;
          };
          sparkError = parsed.errorClass ?? "ParseException";
          sparkParams = parsed.messageParameters ?? {};
        } catch {
          sparkError = "ParseException";
        }
      }
      out.push({ file: relative(root, file), query, sparkError, sparkParams, anyError });
    }
  }
  return out;
}

/** Test files whose name says they run with `spark.sql.ansi.doubleQuotedIdentifiers`. */
function optionsFor(file: string): { doubleQuotedIdentifiers: boolean } {
  return { doubleQuotedIdentifiers: file.includes("double-quoted-identifiers-enabled") };
}

function parseOutcome(
  statement: string,
  file = "",
): { error: string | null; params: Record<string, string> } {
  try {
    sql.parseStatement(statement, optionsFor(file));
    return { error: null, params: {} };
  } catch (e) {
    const err = e as { errorClass?: string; messageParameters?: Record<string, string> };
    return {
      error: err.errorClass ?? `JS ${(e as Error).message.slice(0, 60)}`,
      params: { ...err.messageParameters },
    };
  }
}

function sameRecord(a: Record<string, string>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.join() === kb.join() && ka.every((k) => a[k] === b[k]);
}

if (resultsDir) {
  const golden = readGolden(resultsDir);
  const accepted = golden.filter((g) => g.sparkError === null);
  const rejected = golden.filter((g) => g.sparkError !== null);
  const missed: { g: Golden; error: string }[] = [];
  let earlySameError = 0;
  let rejectedToo = 0;
  let sameClass = 0;
  let sameParams = 0;
  const wrongClass: string[] = [];
  const t1 = performance.now();
  for (const g of accepted) {
    const o = parseOutcome(g.query, g.file);
    if (o.error !== null && o.error === g.anyError) earlySameError++;
    else if (o.error !== null) {
      const detail = o.params.error ? ` at ${o.params.error}` : "";
      missed.push({ g, error: `${o.error}${detail}` });
    }
  }
  for (const g of rejected) {
    const o = parseOutcome(g.query, g.file);
    if (o.error === null) continue;
    rejectedToo++;
    if (o.error === g.sparkError) {
      sameClass++;
      if (sameRecord(o.params, g.sparkParams)) sameParams++;
    } else wrongClass.push(`${g.sparkError} -> ${o.error}`);
  }
  const ms = performance.now() - t1;
  const pctOf = (a: number, b: number): string =>
    b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`;
  console.log(
    `golden queries: ${golden.length} (Spark parses ${accepted.length}, rejects ${rejected.length})`,
  );
  console.log(
    `coverage: parsed ${accepted.length - missed.length - earlySameError} of ${accepted.length} queries Spark parses = ${pctOf(accepted.length - missed.length - earlySameError, accepted.length)}` +
      `; ${earlySameError} more rejected with the error class Spark raises later (analysis) = ${pctOf(accepted.length - missed.length, accepted.length)} agreeing`,
  );
  console.log(
    `rejections: ${rejectedToo} of ${rejected.length} queries Spark rejects also rejected (${pctOf(rejectedToo, rejected.length)}); ` +
      `same error class ${sameClass}, same class and parameters ${sameParams}`,
  );
  console.log(
    `cold start: import ${(tImport - t0).toFixed(0)} ms, first parse ${(tFirst - tImport).toFixed(1)} ms; all in ${ms.toFixed(0)} ms`,
  );
  const byReason = new Map<string, { g: Golden; error: string }[]>();
  for (const m of missed) byReason.set(m.error, [...(byReason.get(m.error) ?? []), m]);
  console.log("\nmost common failures on queries Spark parses:");
  for (const [reason, list] of [...byReason.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, Number(args[args.indexOf("--failures") + 1] ?? 25) || 25)) {
    const ex = list[0];
    console.log(
      `${String(list.length).padStart(5)}  ${reason}\n         e.g. ${ex?.g.file}: ${ex?.g.query.replace(/\s+/g, " ").slice(0, 110)}`,
    );
  }
  if (args.includes("--show-accepted")) {
    for (const g of rejected) {
      if (parseOutcome(g.query, g.file).error === null)
        console.log(
          `ACCEPTED ${g.sparkError} ${g.file}: ${g.query.replace(/\s+/g, " ").slice(0, 150)}`,
        );
    }
  }
  const wc = new Map<string, number>();
  for (const w of wrongClass) wc.set(w, (wc.get(w) ?? 0) + 1);
  console.log("\nerror classes that differ (Spark -> Flint):");
  for (const [k, n] of [...wc.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${String(n).padStart(5)}  ${k}`);
  process.exit(0);
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
