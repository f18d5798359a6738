/**
 * ColumnarBatch: a schema, a row count and one vector per field. Batch-level kernels apply
 * the vector kernels to every column with one shared index computation.
 */

import type { DataType, StructType } from "../../types/data-types.ts";
import { createBuilder, fromValues, structVector } from "./builder.ts";
import { concat, filter as filterVector, selectedIndices, slice, take } from "./kernels.ts";
import type { BooleanVector, ColumnVector, StructVector } from "./vector.ts";
import { getValue, layoutOf, toValues } from "./vector.ts";

export interface ColumnarBatch {
  readonly schema: StructType;
  readonly numRows: number;
  readonly columns: readonly ColumnVector[];
}

export function columnarBatch(
  schema: StructType,
  numRows: number,
  columns: readonly ColumnVector[],
): ColumnarBatch {
  if (columns.length !== schema.fields.length) {
    throw new Error(`batch has ${columns.length} columns for ${schema.fields.length} fields`);
  }
  for (const c of columns) {
    if (c.length !== numRows) throw new Error(`column of ${c.length} rows in batch of ${numRows}`);
  }
  return Object.freeze({ schema, numRows, columns: Object.freeze([...columns]) });
}

/** A batch from rows in the internal representation (`rows[r][c]`). */
export function batchFromRows(
  schema: StructType,
  rows: readonly (readonly unknown[])[],
): ColumnarBatch {
  const builders = schema.fields.map((f) => createBuilder(f.dataType, rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < builders.length; c++) builders[c]!.append(row[c]);
  }
  return columnarBatch(
    schema,
    rows.length,
    builders.map((b) => b.finish()),
  );
}

/** A batch from one array of values per column. */
export function batchFromColumns(
  schema: StructType,
  columns: readonly (readonly unknown[])[],
): ColumnarBatch {
  const n = columns[0]?.length ?? 0;
  return columnarBatch(
    schema,
    n,
    schema.fields.map((f, c) => fromValues(f.dataType, columns[c] ?? [])),
  );
}

/** Rows in the internal representation (`result[r][c]`). */
export function rowsFromBatch(batch: ColumnarBatch): unknown[][] {
  const cols = batch.columns.map((c) => toValues(c));
  const rows = new Array<unknown[]>(batch.numRows);
  for (let r = 0; r < batch.numRows; r++) {
    const row = new Array<unknown>(cols.length);
    for (let c = 0; c < cols.length; c++) row[c] = cols[c]![r];
    rows[r] = row;
  }
  return rows;
}

/** One row of a batch (interpreter use). */
export function rowAt(batch: ColumnarBatch, r: number): unknown[] {
  return batch.columns.map((c) => getValue(c, r));
}

export function emptyBatch(schema: StructType): ColumnarBatch {
  return batchFromRows(schema, []);
}

export function takeBatch(batch: ColumnarBatch, indices: Int32Array): ColumnarBatch {
  return columnarBatch(
    batch.schema,
    indices.length,
    batch.columns.map((c) => take(c, indices)),
  );
}

/** Rows where `predicate` is true (null = false). */
export function filterBatch(batch: ColumnarBatch, predicate: BooleanVector): ColumnarBatch {
  if (batch.columns.length === 1) {
    const col = filterVector(batch.columns[0]!, predicate);
    return columnarBatch(batch.schema, col.length, [col]);
  }
  return takeBatch(batch, selectedIndices(predicate));
}

export function sliceBatch(batch: ColumnarBatch, start: number, end: number): ColumnarBatch {
  const s = Math.max(0, Math.min(start, batch.numRows));
  const e = Math.max(s, Math.min(end, batch.numRows));
  return columnarBatch(
    batch.schema,
    e - s,
    batch.columns.map((c) => slice(c, s, e)),
  );
}

/** The rows of `batches` in order; `schema` is used when there are none. */
export function concatBatches(
  schema: StructType,
  batches: readonly ColumnarBatch[],
): ColumnarBatch {
  if (batches.length === 0) return emptyBatch(schema);
  if (batches.length === 1) return batches[0]!;
  let n = 0;
  for (const b of batches) n += b.numRows;
  return columnarBatch(
    schema,
    n,
    schema.fields.map((_, c) => concat(batches.map((b) => b.columns[c]!))),
  );
}

/** The batch as one non-null struct vector (for nesting and IPC). */
export function batchAsStruct(batch: ColumnarBatch): StructVector {
  return structVector(batch.schema, batch.numRows, batch.columns, null, 0);
}

/** Approximate in-memory size in bytes (buffers only), for memory accounting. */
export function vectorByteSize(v: ColumnVector): number {
  const bits = v.validity?.byteLength ?? 0;
  switch (v.layout) {
    case "null":
      return bits;
    case "bytes":
      return bits + v.offsets.byteLength + (v.offsets[v.length]! - v.offsets[0]!);
    case "list":
      return bits + v.offsets.byteLength + vectorByteSize(v.child);
    case "map":
      return bits + v.offsets.byteLength + vectorByteSize(v.entries);
    case "struct": {
      let s = bits;
      for (const c of v.children) s += vectorByteSize(c);
      return s;
    }
    default:
      return bits + v.values.byteLength;
  }
}

export function batchByteSize(batch: ColumnarBatch): number {
  let s = 0;
  for (const c of batch.columns) s += vectorByteSize(c);
  return s;
}

/** A vector of `n` copies of one value (literals broadcast to a batch). */
export function constantVector(type: DataType, value: unknown, n: number): ColumnVector {
  if (value !== null && value !== undefined) {
    const base = { type, length: n, validity: null, nullCount: 0 } as const;
    switch (layoutOf(type)) {
      case "i64":
        return { layout: "i64", ...base, values: new BigInt64Array(n).fill(value as bigint) };
      case "i32":
        return { layout: "i32", ...base, values: new Int32Array(n).fill(value as number) };
      case "f64":
        return { layout: "f64", ...base, values: new Float64Array(n).fill(value as number) };
      default:
        break;
    }
  }
  const b = createBuilder(type, n);
  for (let i = 0; i < n; i++) b.append(value);
  return b.finish();
}
