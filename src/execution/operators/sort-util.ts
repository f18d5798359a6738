/** Comparing rows of sort-key values under Spark's orderings (nulls first/last, NaN high). */
import type {
  AttributeReference,
  Expression,
  SortOrder,
} from "../../catalyst/expressions/expression.ts";
import type { ColumnarBatch } from "../columnar/batch.ts";
import type { SortKey } from "../columnar/compare.ts";
import type { ColumnVector } from "../columnar/vector.ts";
import { projectionOf } from "./common.ts";
import type { ExecConf } from "./operator.ts";

export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  if (typeof a === "string" && typeof b === "string") {
    // UTF-8 byte order equals code point order
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) {
      const x = a.codePointAt(k) as number;
      const y = b.codePointAt(k) as number;
      if (x !== y) return x < y ? -1 : 1;
      if (x > 0xffff) k++;
    }
    return a.length - b.length;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) if (a[k] !== b[k]) return (a[k] as number) - (b[k] as number);
    return a.length - b.length;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) {
      const x = a[k];
      const y = b[k];
      if (x === null || y === null) {
        if (x !== y) return x === null ? -1 : 1;
        continue;
      }
      const c = compareValues(x, y);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return 0;
}

/** Compares two rows of key values (one per sort order). */
export function compareRows(
  order: readonly SortOrder[],
  a: readonly unknown[],
  b: readonly unknown[],
): number {
  for (let k = 0; k < order.length; k++) {
    const o = order[k] as SortOrder;
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    let c: number;
    if (x === null || y === null) {
      if (x === y) continue;
      c = x === null ? -1 : 1;
      if (o.nullOrdering === "NULLS LAST") c = -c;
      return c;
    }
    c = compareValues(x, y);
    if (c !== 0) return o.direction === "DESC" ? -c : c;
  }
  return 0;
}

/** Computes key columns of batches over `input`; built once per operator, run per batch. */
export type KeyColumns = (batch: ColumnarBatch) => ColumnVector[];

/**
 * The key columns of `exprs` over `input`: column references are picked from the batch
 * directly, anything else runs one compiled projection (looked up once, not per batch).
 */
export function keyColumnsOf(
  input: readonly AttributeReference[],
  exprs: readonly Expression[],
  conf: ExecConf,
): KeyColumns {
  const ordinals = exprs.map((e) =>
    e.kind === "AttributeReference" ? input.findIndex((a) => a.exprId === e.exprId) : -1,
  );
  if (ordinals.every((o) => o >= 0)) return (b) => ordinals.map((o) => b.columns[o]!);
  const projection = projectionOf(input, exprs, conf.ansi);
  return (b) => projection.run(b.columns, b.numRows).columns;
}

/** Sort keys of key columns computed for `order`. */
export function sortKeysOf(order: readonly SortOrder[], cols: readonly ColumnVector[]): SortKey[] {
  return cols.map((column, k) => ({
    column,
    descending: order[k]!.direction === "DESC",
    nullsFirst: order[k]!.nullOrdering === "NULLS FIRST",
  }));
}
