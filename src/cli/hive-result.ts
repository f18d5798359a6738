/**
 * Result rows as spark-sql prints them (Spark's `HiveResult.hiveResultString`): columns
 * joined by tabs, values in Hive's text form, with two special cases: DESCRIBE TABLE /
 * DESCRIBE QUERY pad each column to 20 characters, and SHOW TABLES / SHOW VIEWS print
 * only the names.
 */
import { toHiveString } from "../catalyst/expressions/format.ts";
import { parseStatement } from "../sql/index.ts";
import type { StructType } from "../types/data-types.ts";

export type ResultFormat = "plain" | "describe" | "names";

/** How spark-sql prints the result of this statement. */
export function resultFormatOf(sql: string): ResultFormat {
  let kind: string;
  try {
    const stmt = parseStatement(sql);
    if (stmt.kind === "DescribeTable") return stmt.column === null ? "describe" : "plain";
    if (stmt.kind === "ShowTables") return stmt.extended ? "plain" : "names";
    kind = stmt.kind;
  } catch {
    return "plain";
  }
  return kind === "DescribeQuery" ? "describe" : "plain";
}

/** Whether Spark's test harness keeps this statement's rows in order (a DESCRIBE). */
export function isDescribeOutput(sql: string): boolean {
  try {
    const kind = parseStatement(sql).kind;
    return kind === "DescribeTable" || kind === "DescribeQuery";
  } catch {
    return false;
  }
}

export function hiveResultLines(
  format: ResultFormat,
  schema: StructType,
  rows: readonly (readonly unknown[])[],
  timeZone: string,
): string[] {
  switch (format) {
    case "describe":
      return rows.map((r) =>
        [0, 1, 2]
          .map((i) => (typeof r[i] === "string" ? (r[i] as string) : "").padEnd(20))
          .join("\t"),
      );
    case "names":
      return rows.map((r) => String(r[1] ?? ""));
    case "plain":
      return rows.map((r) =>
        schema.fields.map((f, i) => toHiveString(r[i], f.dataType, timeZone)).join("\t"),
      );
  }
}
