/**
 * `flint sql`: runs statements from -e, -f or an interactive prompt, printing rows as
 * spark-sql does (tab-separated, NULL for nulls) or as JSON lines. A failing statement
 * prints one line, `[ERROR_CLASS] message`; the shell then goes on with the next one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { isFlintError } from "../errors/index.ts";
import { SparkSession } from "../session/spark-session.ts";
import { splitStatements } from "../sql/index.ts";
import { hiveResultLines, resultFormatOf } from "./hive-result.ts";

export interface ShellOptions {
  readonly execute: string | undefined;
  readonly file: string | undefined;
  readonly conf: readonly string[];
  readonly master: string;
  readonly output: "tsv" | "json";
}

export async function runSqlShell(opts: ShellOptions): Promise<number> {
  const builder = SparkSession.builder().master(opts.master).appName("flint-sql");
  for (const kv of opts.conf) {
    const eq = kv.indexOf("=");
    if (eq <= 0) {
      process.stderr.write(`--conf expects key=value, got: ${kv}\n`);
      return 2;
    }
    builder.config(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const spark = builder.getOrCreate();
  try {
    if (opts.execute !== undefined || opts.file !== undefined) {
      const text = opts.execute ?? readFileSync(opts.file as string, "utf8");
      let failed = false;
      for (const stmt of splitStatements(text)) {
        // spark-sql stops at the first failing statement of -e/-f input.
        if (!(await runStatement(spark, stmt, opts.output))) {
          failed = true;
          break;
        }
      }
      return failed ? 1 : 0;
    }
    await interactive(spark, opts.output);
    return 0;
  } finally {
    await spark.stop();
  }
}

async function runStatement(
  spark: SparkSession,
  sql: string,
  output: "tsv" | "json",
): Promise<boolean> {
  try {
    const df = spark.sql(sql);
    const { schema, rows, timeZone } = await df.sparkSession.collectInternal(df.plan);
    const out: string[] = [];
    if (output === "json") {
      for (const r of rows) {
        const o: Record<string, unknown> = {};
        schema.fields.forEach((f, i) => {
          o[f.name] = jsonValue(r[i]);
        });
        out.push(JSON.stringify(o));
      }
    } else out.push(...hiveResultLines(resultFormatOf(sql), schema, rows, timeZone));
    if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
    return true;
  } catch (e) {
    process.stderr.write(`${describeError(e)}\n`);
    return false;
  }
}

function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(jsonValue);
  return v;
}

export function describeError(e: unknown): string {
  if (isFlintError(e)) return e.message.split("\n")[0] ?? e.message;
  return `[INTERNAL_ERROR] ${(e as Error).message ?? String(e)}`;
}

async function interactive(spark: SparkSession, output: "tsv" | "json"): Promise<void> {
  const historyFile = join(homedir(), ".flint_history");
  const history = existsSync(historyFile)
    ? readFileSync(historyFile, "utf8").split("\n").filter(Boolean).reverse()
    : [];
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: "flint-sql> ",
    historySize: 1000,
    history,
  });
  rl.on("history", (h: string[]) => {
    try {
      writeFileSync(historyFile, `${[...h].reverse().join("\n")}\n`);
    } catch {
      // History is a convenience: an unwritable home directory must not stop the shell.
    }
  });
  let buffer = "";
  // Piped input may end while a statement runs; the prompt must not be shown after that.
  let closed = false;
  rl.on("close", () => {
    closed = true;
  });
  rl.prompt();
  for await (const line of rl) {
    buffer += (buffer ? "\n" : "") + line;
    const statements = splitStatements(buffer);
    if (!buffer.trimEnd().endsWith(";")) {
      if (closed) return;
      rl.setPrompt("         > ");
      rl.prompt();
      continue;
    }
    buffer = "";
    for (const stmt of statements) {
      if (/^\s*(exit|quit)\s*$/i.test(stmt)) {
        rl.close();
        return;
      }
      await runStatement(spark, stmt, output);
    }
    if (closed) return;
    rl.setPrompt("flint-sql> ");
    rl.prompt();
  }
}
