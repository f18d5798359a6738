/** Test helpers shared by the reader and writer tests. */

import { readFileSync } from "node:fs";
import { join } from "node:path";

export const DATA = join(import.meta.dirname, "testdata");

export interface Expected {
  readonly schema?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** `testdata/<name>.jsonl`: a header line (columns, ...), then one JSON row per line. */
export function readExpected(name: string): Expected {
  const lines = readFileSync(join(DATA, `${name}.jsonl`), "utf8")
    .trimEnd()
    .split("\n");
  const head = JSON.parse(lines[0]!) as { schema?: string; columns: string[] };
  return { ...head, rows: lines.slice(1).map((l) => JSON.parse(l) as unknown[]) };
}

/** Flint's internal values in the JSON tagging of testdata/gen.py. */
export function tagged(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return { $big: v.toString() };
  if (typeof v === "number") {
    if (Number.isNaN(v)) return { $f: "nan" };
    if (v === Number.POSITIVE_INFINITY) return { $f: "inf" };
    if (v === Number.NEGATIVE_INFINITY) return { $f: "-inf" };
    return v;
  }
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v).toString("hex") };
  if (Array.isArray(v)) return v.map(tagged);
  if (typeof v === "object") {
    const m = v as { keys: unknown[]; values: unknown[] };
    return { keys: m.keys.map(tagged), values: m.values.map(tagged) };
  }
  return v;
}
