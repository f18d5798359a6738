/**
 * Answers of Flint and DuckDB in one comparable form, and their comparison: exact for
 * Flint against itself (codegen on/off), numbers within 1e-6 against DuckDB.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal, Row } from "../../src/index.ts";
import type { OutKind } from "./queries.ts";

export type Value = number | string | boolean | null;

function flintValue(v: unknown, kind: OutKind): Value {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case "num":
      if (v instanceof Decimal) return v.toNumber();
      return Number(v);
    case "date":
      return (v as Date).toISOString().slice(0, 10);
    case "ts":
      return (v as Date).toISOString().slice(0, 19).replace("T", " ");
    default:
      return v as string | boolean;
  }
}

export function flintAnswer(rows: readonly Row[], kinds: readonly OutKind[]): Value[][] {
  return rows.map((row) => row.toArray().map((v, i) => flintValue(v, kinds[i] ?? "str")));
}

/** Exact text of a Flint row (types kept apart: 1n, 1.00 and 1 differ; -0 is shown). */
export function exactKey(row: Row): string {
  return row
    .toArray()
    .map((v) => {
      if (v === null || v === undefined) return "null";
      if (typeof v === "bigint") return `${v}n`;
      if (v instanceof Decimal) return `${v.toString()}bd`;
      if (v instanceof Date) return v.toISOString();
      if (v instanceof Row) return `[${exactKey(v)}]`;
      if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
      return JSON.stringify(v);
    })
    .join("|");
}

export async function duckAnswer(
  con: DuckDBConnection,
  sql: string,
  kinds: readonly OutKind[],
): Promise<Value[][]> {
  const r = await con.runAndReadAll(sql);
  return r.getRowsJson().map((row) =>
    row.map((v, i): Value => {
      if (v === null || v === undefined) return null;
      const kind = kinds[i] ?? "str";
      if (kind === "num") return Number(v);
      if (kind === "bool") return v === true || v === "true";
      if (kind === "ts") return String(v).slice(0, 19);
      return String(v);
    }),
  );
}

function close(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return a === b || Math.abs(a - b) <= 1e-6 + 1e-9 * Math.abs(b);
  }
  return a === b;
}

function rowKey(row: readonly Value[]): string {
  return row.map((c) => (typeof c === "number" ? c.toFixed(4) : JSON.stringify(c))).join("|");
}

function byKey(x: readonly Value[][]): Value[][] {
  const keyed = x.map((row) => ({ row, key: rowKey(row) }));
  keyed.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  return keyed.map((k) => k.row);
}

/** null when the answers agree, else the first difference. */
export function compareAnswers(
  actual: readonly Value[][],
  expected: readonly Value[][],
  ordered: boolean,
): string | null {
  if (actual.length !== expected.length) {
    return `${actual.length} rows, expected ${expected.length}: got ${JSON.stringify(actual.slice(0, 5))}, expected ${JSON.stringify(expected.slice(0, 5))}`;
  }
  const a = ordered ? actual : byKey(actual);
  const e = ordered ? expected : byKey(expected);
  for (let i = 0; i < a.length; i++) {
    const ra = a[i] ?? [];
    const re = e[i] ?? [];
    if (ra.length !== re.length || ra.some((c, j) => !close(c, re[j] ?? null))) {
      return `row ${i}: ${JSON.stringify(ra)}, expected ${JSON.stringify(re)}`;
    }
  }
  return null;
}
