/**
 * Every registered function's documented examples (`> SELECT ...;` then the result lines,
 * as in Spark's ExpressionInfo) run through `spark.sql` and print their stated result,
 * rendered as spark-sql prints rows. Examples whose result depends on the clock or on
 * randomness only have to run. Examples that do not pass yet are listed in
 * function-examples-known-failures.json, checked both ways as the golden tests are
 * (refresh with FLINT_GOLDEN_UPDATE=1).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { after, test } from "node:test";
import { toHiveString } from "../../src/catalyst/expressions/format.ts";
import { builtinRegistry } from "../../src/catalyst/functions/index.ts";
import { SparkSession } from "../../src/index.ts";

const KNOWN = new URL("./function-examples-known-failures.json", import.meta.url).pathname;
const UPDATE = process.env.FLINT_GOLDEN_UPDATE === "1";
const known = new Set<string>(
  existsSync(KNOWN) ? (JSON.parse(readFileSync(KNOWN, "utf8")) as string[]) : [],
);

/** Functions whose output changes from run to run (Spark's example suite skips them too). */
const VOLATILE =
  /^(current_|now$|localtimestamp|curdate|rand|randn|random|uuid|shuffle|unix_timestamp$|monotonically|spark_partition_id|input_file|session_user|current_user|user$|version$|try_aes|aes_)/;

interface Example {
  readonly fn: string;
  readonly sql: string;
  readonly expected: string | null;
}

function examplesOf(fn: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line.startsWith("> ")) continue;
    let sql = line.slice(2);
    while (!sql.trimEnd().endsWith(";") && i + 1 < lines.length)
      sql += ` ${(lines[++i] ?? "").trim()}`;
    const result: string[] = [];
    while (
      i + 1 < lines.length &&
      !(lines[i + 1] ?? "").trim().startsWith(">") &&
      (lines[i + 1] ?? "").trim() !== ""
    ) {
      result.push((lines[++i] ?? "").trim());
    }
    out.push({
      fn,
      sql: sql.trim().replace(/;$/, ""),
      expected: result.length > 0 ? result.join("\n") : null,
    });
  }
  return out;
}

const registry = builtinRegistry();
const examples = registry.names().flatMap((name) => {
  const ex = registry.lookup(name)?.info.examples;
  return ex ? examplesOf(name, ex) : [];
});

const spark = SparkSession.builder()
  .master("local[1]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
after(() => spark.stop());

test(`documented examples of ${registry.names().length} functions`, async () => {
  const failing: string[] = [];
  const problems: string[] = [];
  let checked = 0;
  for (const ex of examples) {
    let got: string;
    try {
      const df = spark.sql(ex.sql);
      const { schema, rows, timeZone } = await df.sparkSession.collectInternal(df.plan);
      got = rows
        .map((r) =>
          schema.fields.map((f, i) => toHiveString(r[i], f.dataType, timeZone)).join("\t"),
        )
        .join("\n");
    } catch (e) {
      got = `error: ${(e as Error).message.split("\n")[0]}`;
    }
    // A stated result in brackets is an error: `[USER_RAISED_EXCEPTION] custom message`.
    const ok = got.startsWith("error: ")
      ? ex.expected?.startsWith("[") === true && got.slice(7).startsWith(ex.expected)
      : ex.expected === null || VOLATILE.test(ex.fn) || got.trim() === ex.expected;
    if (ok && ex.expected !== null && !VOLATILE.test(ex.fn)) checked++;
    if (!ok) {
      failing.push(ex.sql);
      if (!known.has(ex.sql))
        problems.push(`${ex.sql}\n   expected: ${ex.expected}\n   got:      ${got}`);
    } else if (known.has(ex.sql)) {
      problems.push(`${ex.sql}\n   now passes: remove it from the known failures`);
    }
  }
  if (UPDATE) writeFileSync(KNOWN, `${JSON.stringify(failing.sort(), null, 2)}\n`);
  process.stdout.write(
    `# ${examples.length} examples: ${checked} checked against their stated result, ${failing.length} known failing\n`,
  );
  if (!UPDATE) assert.equal(problems.length, 0, `\n${problems.join("\n")}`);
});
