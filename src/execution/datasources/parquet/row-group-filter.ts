/**
 * Row-group pruning from column chunk statistics (min/max/null_count) for simple
 * predicates on top-level primitive columns. A predicate answers "might this row group hold
 * a matching row?": `false` only when the statistics prove it cannot, `true` otherwise
 * (missing statistics, NaN bounds, nested or unsupported columns).
 *
 * Literals use Flint's internal representation of the column's Spark type (number for
 * int/date/float/double, bigint for long/timestamp and decimal unscaled values in the
 * column's scale, string for strings, Uint8Array for binary).
 */

import type { ColumnMetaData, Statistics } from "./metadata.ts";
import { PT } from "./metadata.ts";
import type { LeafNode, ParquetSchema } from "./schema.ts";

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type RowGroupPredicate =
  | {
      readonly kind: "compare";
      readonly column: string;
      readonly op: CompareOp;
      readonly value: unknown;
    }
  | { readonly kind: "isNull"; readonly column: string }
  | { readonly kind: "isNotNull"; readonly column: string }
  | { readonly kind: "in"; readonly column: string; readonly values: readonly unknown[] }
  | { readonly kind: "and"; readonly children: readonly RowGroupPredicate[] }
  | { readonly kind: "or"; readonly children: readonly RowGroupPredicate[] };

type Bound = number | bigint | Uint8Array;

interface Bounds {
  readonly min: Bound | undefined;
  readonly max: Bound | undefined;
  readonly nullCount: number | undefined;
  readonly numValues: number;
}

const encoder = new TextEncoder();

function le(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bigFromBigEndian(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  if (b.length > 0 && (b[0]! & 0x80) !== 0) v -= 1n << BigInt(8 * b.length);
  return v;
}

/** Decodes one statistics value of `leaf`'s physical type into a comparable bound. */
function decodeBound(leaf: LeafNode, raw: Uint8Array | undefined): Bound | undefined {
  if (raw === undefined) return undefined;
  const decimal = leaf.type.kind === "decimal";
  switch (leaf.physical) {
    case PT.INT32: {
      if (raw.length < 4) return undefined;
      const v = le(raw).getInt32(0, true);
      if (decimal) return BigInt(v);
      if (leaf.conversion === "uint32") return BigInt(v >>> 0);
      return v;
    }
    case PT.INT64: {
      if (raw.length < 8) return undefined;
      const v = le(raw).getBigInt64(0, true);
      if (leaf.conversion === "millis") return v * 1000n;
      if (leaf.conversion === "uint64") return undefined;
      return v;
    }
    case PT.FLOAT:
      return raw.length < 4 ? undefined : le(raw).getFloat32(0, true);
    case PT.DOUBLE:
      return raw.length < 8 ? undefined : le(raw).getFloat64(0, true);
    case PT.BYTE_ARRAY:
    case PT.FIXED_LEN_BYTE_ARRAY:
      return decimal ? bigFromBigEndian(raw) : raw;
    default:
      return undefined;
  }
}

function boundsOf(leaf: LeafNode, md: ColumnMetaData): Bounds | undefined {
  const s: Statistics | undefined = md.statistics;
  if (s === undefined) return undefined;
  // the legacy min/max fields used signed byte order for binaries: trust them for numbers only
  const numeric = leaf.physical !== PT.BYTE_ARRAY && leaf.physical !== PT.FIXED_LEN_BYTE_ARRAY;
  const minRaw = s.minValue ?? (numeric ? s.min : undefined);
  const maxRaw = s.maxValue ?? (numeric ? s.max : undefined);
  return {
    min: decodeBound(leaf, minRaw),
    max: decodeBound(leaf, maxRaw),
    nullCount: s.nullCount,
    numValues: md.numValues,
  };
}

/** The literal as a bound comparable with the column's bounds, or undefined. */
function literal(leaf: LeafNode, v: unknown): Bound | undefined {
  switch (typeof v) {
    case "number":
      if (leaf.physical === PT.INT64 || leaf.type.kind === "decimal") {
        return Number.isInteger(v) ? BigInt(v) : undefined;
      }
      return v;
    case "bigint":
      if (
        leaf.physical === PT.INT32 &&
        leaf.type.kind !== "decimal" &&
        leaf.conversion !== "uint32"
      ) {
        return Number(v);
      }
      if (leaf.physical === PT.FLOAT || leaf.physical === PT.DOUBLE) return Number(v);
      return v;
    case "string":
      return encoder.encode(v);
    default:
      return v instanceof Uint8Array ? v : undefined;
  }
}

function cmp(a: Bound, b: Bound): number {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return Number.NaN;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  }
  if (a < b) return -1;
  if (a > b) return 1;
  const nan =
    (typeof a === "number" && Number.isNaN(a)) || (typeof b === "number" && Number.isNaN(b));
  return nan ? Number.NaN : 0;
}

function mightMatchCompare(b: Bounds, op: CompareOp, v: Bound): boolean {
  const { min, max } = b;
  if (min === undefined || max === undefined) return true;
  const lo = cmp(min, v);
  const hi = cmp(max, v);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return true;
  switch (op) {
    case "=":
      return lo <= 0 && hi >= 0;
    case "!=":
      return !(lo === 0 && hi === 0 && b.nullCount === 0);
    case "<":
      return lo < 0;
    case "<=":
      return lo <= 0;
    case ">":
      return hi > 0;
    case ">=":
      return hi >= 0;
    default: {
      const never: never = op;
      return Boolean(never);
    }
  }
}

function findLeaf(schema: ParquetSchema, column: string): LeafNode | undefined {
  const exact = schema.fields.find((f) => f.name === column);
  const lower = column.toLowerCase();
  const node = exact ?? schema.fields.find((f) => f.name.toLowerCase() === lower);
  return node?.kind === "leaf" ? node : undefined;
}

/** Whether row group `columns` might hold rows matching `p` (false = safe to skip). */
export function mightMatch(
  p: RowGroupPredicate,
  schema: ParquetSchema,
  columns: readonly ColumnMetaData[],
): boolean {
  switch (p.kind) {
    case "and":
      return p.children.every((c) => mightMatch(c, schema, columns));
    case "or":
      return p.children.some((c) => mightMatch(c, schema, columns));
    default:
      break;
  }
  const leaf = findLeaf(schema, p.column);
  if (leaf === undefined || leaf.type.kind === "boolean") return true;
  const md = columns[leaf.column];
  if (md === undefined) return true;
  const b = boundsOf(leaf, md);
  if (b === undefined) return true;
  switch (p.kind) {
    case "isNull":
      return b.nullCount === undefined || b.nullCount > 0;
    case "isNotNull":
      return b.nullCount === undefined || b.nullCount < b.numValues;
    case "compare": {
      if (p.value === null || p.value === undefined) return false; // comparison with null is never true
      if (b.nullCount !== undefined && b.nullCount === b.numValues) return false;
      const v = literal(leaf, p.value);
      return v === undefined || mightMatchCompare(b, p.op, v);
    }
    case "in": {
      if (b.nullCount !== undefined && b.nullCount === b.numValues) return false;
      return p.values.some((x) => {
        if (x === null || x === undefined) return false;
        const v = literal(leaf, x);
        return v === undefined || mightMatchCompare(b, "=", v);
      });
    }
    default: {
      const never: never = p;
      return Boolean(never);
    }
  }
}
