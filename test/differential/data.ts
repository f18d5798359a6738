/**
 * Seeded random tables for the differential tests: the same rows loaded into Flint (as a
 * temp view from createDataFrame) and into DuckDB (as a table from SQL literals).
 *
 * Every table has the schema of `COLUMNS`. Domains are small so that joins match, groups
 * repeat and no arithmetic the generators build can overflow; every column has nulls.
 * Doubles are multiples of 0.25 (sums and averages are exact in both engines), with a few
 * NaN, -0.0 and infinities.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SparkSession } from "../../src/index.ts";
import { Decimal } from "../../src/index.ts";

export type ColType =
  | "int"
  | "long"
  | "double"
  | "decimal"
  | "string"
  | "boolean"
  | "date"
  | "timestamp";

export const COLUMNS: readonly { readonly name: string; readonly type: ColType }[] = [
  { name: "k", type: "int" },
  { name: "l", type: "long" },
  { name: "d", type: "double" },
  { name: "m", type: "decimal" },
  { name: "s", type: "string" },
  { name: "b", type: "boolean" },
  { name: "dt", type: "date" },
  { name: "ts", type: "timestamp" },
];

const SPARK_TYPE: Record<ColType, string> = {
  int: "int",
  long: "bigint",
  double: "double",
  decimal: "decimal(10,2)",
  string: "string",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamp",
};

const DUCK_TYPE: Record<ColType, string> = {
  int: "INTEGER",
  long: "BIGINT",
  double: "DOUBLE",
  decimal: "DECIMAL(10,2)",
  string: "VARCHAR",
  boolean: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP",
};

/**
 * Strings: ASCII of both cases, the empty string, and non-ASCII text whose UTF-8 byte
 * order differs from its UTF-16 code-unit order (U+FFFD sorts before U+1F600 in bytes).
 */
export const STRINGS = [
  "",
  "a",
  "ab",
  "abc",
  "A",
  "B",
  "b",
  "ba",
  "Zed",
  "x y",
  "é",
  "ée",
  "€",
  "\uFFFD",
  "😀",
  "a😀",
  "12",
  "-3",
  "007",
];

/** mulberry32: a small seeded generator, so every table and query is reproducible. */
export function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** One cell in a neutral form: numbers, bigint, decimal text, ISO date/time text. */
export type Cell = number | bigint | string | boolean | null;

const DAY_MS = 86_400_000;
/** 2019-12-20 as days since the epoch; dates fall around it, some before 1970. */
const BASE_DAY = 18250;

function cell(r: () => number, type: ColType): Cell {
  if (r() < 0.12) return null;
  switch (type) {
    case "int":
      return int(r, -20, 20);
    case "long":
      return BigInt(int(r, -30, 30) * 37);
    case "double":
      // rarely NaN, -0.0 or an infinity (Spark and DuckDB order, group and compare them alike)
      if (r() < 0.06)
        return pick(r, [Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
      return int(r, -100, 100) / 4;
    case "decimal":
      return (int(r, -400, 400) * 25) / 100;
    case "string":
      return pick(r, STRINGS);
    case "boolean":
      return r() < 0.5;
    case "date": {
      const day = r() < 0.1 ? int(r, -40, 40) : BASE_DAY + int(r, 0, 60);
      return new Date(day * DAY_MS).toISOString().slice(0, 10);
    }
    case "timestamp": {
      const day = r() < 0.1 ? int(r, -3, 3) : BASE_DAY + int(r, 0, 10);
      const ms = day * DAY_MS + int(r, 0, 47) * 1_800_000 + int(r, 0, 3) * 1000;
      return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    }
  }
}

export interface Table {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
}

export function randomTable(r: () => number, name: string, n: number): Table {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push(COLUMNS.map((c) => cell(r, c.type)));
  return { name, rows };
}

function external(v: Cell, type: ColType): unknown {
  if (v === null) return null;
  switch (type) {
    case "decimal":
      return Decimal.parse((v as number).toFixed(2));
    case "date":
      return new Date(`${v as string}T00:00:00Z`);
    case "timestamp":
      return new Date(`${(v as string).replace(" ", "T")}Z`);
    default:
      return v;
  }
}

function duckLiteral(v: Cell, type: ColType): string {
  if (v === null) return "NULL";
  switch (type) {
    case "string":
      return `'${(v as string).replaceAll("'", "''")}'`;
    case "decimal":
      return `${(v as number).toFixed(2)}::DECIMAL(10,2)`;
    case "date":
      return `DATE '${v as string}'`;
    case "timestamp":
      return `TIMESTAMP '${v as string}'`;
    case "double":
      return `'${Object.is(v, -0) ? "-0.0" : String(v)}'::DOUBLE`;
    default:
      return String(v);
  }
}

export async function loadFlint(spark: SparkSession, t: Table): Promise<void> {
  const schema = COLUMNS.map((c) => `${c.name} ${SPARK_TYPE[c.type]}`).join(", ");
  const rows = t.rows.map((row) => COLUMNS.map((c, i) => external(row[i] ?? null, c.type)));
  await spark.createDataFrame(rows, schema).createOrReplaceTempView(t.name);
}

export async function loadDuck(con: DuckDBConnection, t: Table): Promise<void> {
  const schema = COLUMNS.map((c) => `${c.name} ${DUCK_TYPE[c.type]}`).join(", ");
  await con.run(`CREATE OR REPLACE TABLE ${t.name} (${schema})`);
  if (t.rows.length === 0) return;
  const values = t.rows
    .map((row) => `(${COLUMNS.map((c, i) => duckLiteral(row[i] ?? null, c.type)).join(", ")})`)
    .join(", ");
  await con.run(`INSERT INTO ${t.name} VALUES ${values}`);
}
