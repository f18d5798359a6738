/**
 * Golden SQL tests: every query recorded by real Spark in test/sql/results is run
 * through Flint and compared (schema and rows, or error class and SQLSTATE).
 *
 * Queries Flint does not pass yet are listed in known-failures.json; the test fails if
 * a listed query passes (so the list only shrinks) or an unlisted one fails. Refresh
 * the list with FLINT_GOLDEN_UPDATE=1 (it records which queries fail, never outputs).
 * Expected outputs are regenerated with pyspark: tools/spark-golden/generate.py.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, test } from "node:test";
import { hiveResultLines, isDescribeOutput, resultFormatOf } from "../../src/cli/hive-result.ts";
import { isFlintError } from "../../src/errors/index.ts";
import { SparkSession } from "../../src/index.ts";
import { catalogString } from "../../src/types/data-types.ts";
import { replaceNotIncluded } from "./catalog-normalize.ts";
import {
  type GoldenQuery,
  isOrdered,
  normalizeOutput,
  readGolden,
  readSettings,
} from "./golden-format.ts";

const ROOT = new URL(".", import.meta.url).pathname;
const RESULTS = join(ROOT, "results");
const INPUTS = join(ROOT, "inputs");
const KNOWN = join(ROOT, "known-failures.json");
const UPDATE = process.env.FLINT_GOLDEN_UPDATE === "1";

type Known = Record<string, string[]>;
const known: Known = existsSync(KNOWN) ? (JSON.parse(readFileSync(KNOWN, "utf8")) as Known) : {};
const failures: Known = {};

function listResults(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listResults(join(dir, e.name))
      : e.name.endsWith(".sql.out")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Runs one query through Flint and renders it as the golden file records it. */
async function runQuery(
  spark: SparkSession,
  sql: string,
  warehouse: string,
): Promise<{ schema: string; output: string; error: string | null }> {
  try {
    const df = spark.sql(sql);
    const { schema, rows, timeZone } = await df.sparkSession.collectInternal(df.plan);
    const lines = hiveResultLines(resultFormatOf(sql), schema, rows, timeZone).map((l) =>
      replaceNotIncluded(l, warehouse),
    );
    if (!isOrdered(sql) && !isDescribeOutput(sql)) lines.sort();
    return {
      schema: catalogString(schema),
      output: normalizeOutput(lines.join("\n")),
      error: null,
    };
  } catch (e) {
    if (isFlintError(e))
      return { schema: "struct<>", output: "", error: `${e.errorClass}|${e.sqlState}` };
    return { schema: "struct<>", output: "", error: `crash: ${(e as Error).message}` };
  }
}

function errorMatches(want: NonNullable<GoldenQuery["error"]>, got: string | null): boolean {
  if (got === null) return false;
  const [cls, state] = got.split("|");
  return cls === want.errorClass && (want.sqlState === null || state === want.sqlState);
}

function sameResult(
  want: GoldenQuery,
  got: { schema: string; output: string; error: string | null },
): boolean {
  return got.error === null && got.schema === want.schema && got.output === want.output;
}

for (const file of listResults(RESULTS).sort()) {
  const rel = relative(RESULTS, file).replace(/\.out$/, "");
  const queries = readGolden(file);
  const knownHere = new Set(known[rel] ?? []);
  describe(`golden ${rel}`, () => {
    // Each file gets its own warehouse and an in-memory catalog, as in Spark's suite.
    const warehouseRoot = mkdtempSync(join(tmpdir(), "flint-golden-"));
    const warehouse = join(warehouseRoot, "warehouse");
    const spark = SparkSession.builder()
      .master("local[2]")
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.shuffle.partitions", "4")
      .config("spark.sql.warehouse.dir", warehouse)
      .config("spark.sql.catalogImplementation", "in-memory")
      // As Spark's own SQL golden suite: keep local data flowing through generated code.
      .config(
        "spark.sql.optimizer.excludedRules",
        "org.apache.spark.sql.catalyst.optimizer.ConvertToLocalRelation",
      )
      .config(Object.fromEntries(readSettings(join(INPUTS, rel))))
      .create();
    after(async () => {
      await spark.stop();
      rmSync(warehouseRoot, { recursive: true, force: true });
    });
    test(`${queries.length} queries`, async () => {
      const failed: string[] = [];
      const problems: string[] = [];
      for (const q of queries) {
        const got = await runQuery(spark, q.sql, warehouse);
        const ok = q.error ? errorMatches(q.error, got.error) : sameResult(q, got);
        if (!ok) {
          failed.push(q.sql);
          if (!knownHere.has(q.sql)) {
            const want = q.error
              ? `error ${q.error.errorClass} ${q.error.sqlState}`
              : `${q.schema}\n${q.output}`;
            const have = got.error ? `error ${got.error}` : `${got.schema}\n${got.output}`;
            problems.push(
              `-- ${q.sql}\n   expected: ${want.replaceAll("\n", "\n             ")}\n   got:      ${have.replaceAll("\n", "\n             ")}`,
            );
          }
        } else if (knownHere.has(q.sql)) {
          problems.push(`-- ${q.sql}\n   now passes: remove it from known-failures.json`);
        }
      }
      if (failed.length > 0) failures[rel] = failed;
      if (!UPDATE) assert.equal(problems.length, 0, `\n${problems.join("\n")}`);
    });
  });
}

after(() => {
  if (UPDATE) writeFileSync(KNOWN, `${JSON.stringify(failures, null, 2)}\n`);
});
