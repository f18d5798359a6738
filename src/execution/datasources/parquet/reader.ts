/**
 * Reading Parquet files into ColumnarBatches: footer, column and row-group pruning,
 * row-group-aligned splits. Each requested column chunk is read with one positioned read,
 * decoded whole (column-chunk.ts) and assembled into a vector (assemble.ts); the row
 * group's vectors are then cut into batches by zero-copy slices.
 */

import { type FileHandle, open } from "node:fs/promises";
import { FlintError } from "../../../errors/index.ts";
import {
  type DataType,
  fromJson,
  NullT,
  quoteIdentifier,
  type StructType,
  structType,
  typeSql,
} from "../../../types/data-types.ts";
import { type ColumnarBatch, columnarBatch, constantVector } from "../../columnar/batch.ts";
import { nullVector } from "../../columnar/builder.ts";
import { slice } from "../../columnar/kernels.ts";
import type { ColumnVector } from "../../columnar/vector.ts";
import { assemble, denseVector, type LeafData } from "./assemble.ts";
import { decodeChunk } from "./column-chunk.ts";
import {
  type ColumnMetaData,
  type FileMetaData,
  parseFileMetaData,
  type RowGroup,
} from "./metadata.ts";
import { mightMatch, type RowGroupPredicate } from "./row-group-filter.ts";
import {
  convertSchema,
  type LeafNode,
  leavesOf,
  type ParquetSchema,
  type PNode,
  pruneTo,
} from "./schema.ts";

/** Spark's default `spark.sql.parquet.columnarReaderBatchSize`. */
export const DEFAULT_BATCH_SIZE = 4096;

const MAGIC = 0x31524150; // "PAR1" little-endian

export interface ParquetFileInfo {
  readonly path: string;
  readonly size: number;
  readonly metadata: FileMetaData;
  readonly schema: ParquetSchema;
}

export interface ParquetReadOptions {
  /** Top-level columns to read, in output order (default: all). Matched case-insensitively. */
  readonly columns?: readonly string[] | undefined;
  /**
   * The schema to produce (instead of `columns`): fields are matched by name (exact, then
   * case-insensitively); fields the file lacks read as nulls (files of one table written
   * with different schemas); a field of another type fails with
   * `FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH`.
   */
  readonly requiredSchema?: StructType | undefined;
  /** Row groups that the statistics prove cannot match are skipped (conjunction). */
  readonly rowGroupFilter?: RowGroupPredicate | readonly RowGroupPredicate[] | undefined;
  /** Rows per batch (default 4096). */
  readonly batchSize?: number | undefined;
  /** Only the row groups of this split (from `parquetSplits`). */
  readonly split?: ParquetSplit | undefined;
  /**
   * Only the row groups whose midpoint lies in this byte range: Spark's rule for
   * arbitrary byte-range file splits, so every row group is read by exactly one split.
   */
  readonly range?: { readonly start: number; readonly length: number } | undefined;
  /** Already-read footer, to avoid reading it again. */
  readonly info?: ParquetFileInfo | undefined;
}

/** A byte range of a file holding whole row groups: one scan task. */
export interface ParquetSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly rowGroups: readonly number[];
  readonly numRows: number;
}

/** A file as Spark names it in errors (`file:/...`). */
function fileUri(path: string): string {
  return path.startsWith("file:") ? path : `file:${path}`;
}

function fail(path: string, detail: string, cause?: unknown): FlintError {
  return new FlintError("FAILED_READ_FILE.NO_HINT", { path: fileUri(path), detail }, { cause });
}

function footerError(path: string, detail: string, cause?: unknown): FlintError {
  return new FlintError(
    "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER",
    { path: fileUri(path), detail },
    { cause },
  );
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new FlintError(
        "FAILED_READ_FILE.FILE_NOT_EXIST",
        { path: fileUri(path) },
        { cause: e },
      );
    }
    throw fail(path, String(e), e);
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

async function readInfo(fh: FileHandle, path: string): Promise<ParquetFileInfo> {
  const size = (await fh.stat()).size;
  if (size < 12) throw footerError(path, `the file is only ${size} bytes long`);
  const tail = await readAt(fh, size - 8, 8);
  const dv = new DataView(tail.buffer, tail.byteOffset, 8);
  if (dv.getUint32(4, true) !== MAGIC) throw footerError(path, "no PAR1 magic number at the end");
  const len = dv.getUint32(0, true);
  if (len > size - 12)
    throw footerError(path, `footer length ${len} exceeds the file size ${size}`);
  const bytes = await readAt(fh, size - 8 - len, len);
  let metadata: FileMetaData;
  try {
    metadata = parseFileMetaData(bytes);
  } catch (e) {
    throw footerError(path, e instanceof Error ? e.message : String(e), e);
  }
  let schema: ParquetSchema;
  try {
    schema = withSparkIntervals(convertSchema(metadata.schema), metadata);
  } catch (e) {
    if (e instanceof FlintError) throw e;
    throw footerError(path, e instanceof Error ? e.message : String(e), e);
  }
  return { path, size, metadata, schema };
}

const SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

/**
 * Spark writes ANSI intervals as bare INT32/INT64 (and void as an all-null BOOLEAN) and
 * records the real type in the Spark schema it stores in the footer: restore it for
 * top-level columns.
 */
function withSparkIntervals(schema: ParquetSchema, metadata: FileMetaData): ParquetSchema {
  const json = metadata.keyValueMetadata.find((kv) => kv.key === SPARK_SCHEMA_KEY)?.value;
  if (json === undefined || !(json.includes("interval") || json.includes('"void"'))) return schema;
  let spark: DataType;
  try {
    spark = fromJson(json);
  } catch {
    return schema;
  }
  if (spark.kind !== "struct") return schema;
  let changed = false;
  const fields = schema.fields.map((node) => {
    const t = spark.fields.find((f) => f.name === node.name)?.dataType;
    if (node.kind !== "leaf" || t === undefined || node.conversion !== "none") return node;
    const ok =
      (t.kind === "yearmonth_interval" && node.type.kind === "integer") ||
      (t.kind === "daytime_interval" && node.type.kind === "long") ||
      (t.kind === "null" && node.type.kind === "boolean");
    if (!ok) return node;
    changed = true;
    return { ...node, type: t };
  });
  if (!changed) return schema;
  const leaves = schema.leaves.map(
    (l) => fields.find((f) => f.kind === "leaf" && f.column === l.column) ?? l,
  ) as LeafNode[];
  return {
    fields,
    leaves,
    sparkSchema: structType(
      schema.sparkSchema.fields.map((f, i) => ({ ...f, dataType: fields[i]!.type })),
    ),
  };
}

/** Reads and decodes the footer: metadata and the Spark schema. */
export async function readParquetInfo(path: string): Promise<ParquetFileInfo> {
  const fh = await openFile(path);
  try {
    return await readInfo(fh, path);
  } finally {
    await fh.close();
  }
}

/** Start offset of a column chunk (its dictionary page if any, else its first data page). */
export function chunkStart(md: ColumnMetaData): number {
  const dict = md.dictionaryPageOffset;
  return dict !== undefined && dict > 0 && dict < md.dataPageOffset ? dict : md.dataPageOffset;
}

function rowGroupStart(rg: RowGroup): number {
  let start = Number.POSITIVE_INFINITY;
  for (const c of rg.columns) start = Math.min(start, chunkStart(c.metaData));
  return Number.isFinite(start) ? start : (rg.fileOffset ?? 0);
}

function rowGroupBytes(rg: RowGroup): number {
  let n = 0;
  for (const c of rg.columns) n += c.metaData.totalCompressedSize;
  return n;
}

/**
 * Row-group-aligned splits: consecutive row groups packed into splits of up to
 * `maxSplitBytes` (Spark's `spark.sql.files.maxPartitionBytes`, 128 MB by default).
 */
export async function parquetSplits(
  path: string,
  options: { readonly maxSplitBytes?: number; readonly info?: ParquetFileInfo } = {},
): Promise<ParquetSplit[]> {
  const info = options.info ?? (await readParquetInfo(path));
  const max = options.maxSplitBytes ?? 128 * 1024 * 1024;
  const out: ParquetSplit[] = [];
  let groups: number[] = [];
  let start = 0;
  let end = 0;
  let rows = 0;
  const flush = (): void => {
    if (groups.length === 0) return;
    out.push({ path, start, length: end - start, rowGroups: groups, numRows: rows });
    groups = [];
    rows = 0;
  };
  info.metadata.rowGroups.forEach((rg, i) => {
    const s = rowGroupStart(rg);
    const bytes = rowGroupBytes(rg);
    if (groups.length > 0 && s + bytes - start > max) flush();
    if (groups.length === 0) start = s;
    groups.push(i);
    end = Math.max(end, s + bytes);
    rows += rg.numRows;
  });
  flush();
  return out;
}

function findField(schema: ParquetSchema, name: string): number {
  const i = schema.fields.findIndex((f) => f.name === name);
  if (i >= 0) return i;
  const lower = name.toLowerCase();
  return schema.fields.findIndex((f) => f.name.toLowerCase() === lower);
}

/** Output column -> index into the decoded fields, or null for a field the file lacks. */
function resolveRequired(
  schema: ParquetSchema,
  required: StructType,
  path: string,
): { readonly nodes: PNode[]; readonly plan: (number | null)[] } {
  const nodes: PNode[] = [];
  const plan = required.fields.map((f) => {
    const i = findField(schema, f.name);
    if (i < 0) return null;
    const actual = schema.fields[i]!.type;
    const pruned = pruneTo(schema.fields[i]!, f.dataType);
    if (pruned === null) {
      throw new FlintError("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", {
        path: fileUri(path),
        column: quoteIdentifier(f.name),
        expectedType: `"${typeSql(f.dataType)}"`,
        actualType: `"${typeSql(actual)}"`,
      });
    }
    nodes.push(pruned);
    return nodes.length - 1;
  });
  return { nodes, plan };
}

function resolveColumns(
  schema: ParquetSchema,
  columns: readonly string[] | undefined,
  path: string,
): number[] {
  if (columns === undefined) return schema.fields.map((_, i) => i);
  return columns.map((name) => {
    let i = schema.fields.findIndex((f) => f.name === name);
    if (i < 0) {
      const lower = name.toLowerCase();
      i = schema.fields.findIndex((f) => f.name.toLowerCase() === lower);
    }
    if (i < 0) throw fail(path, `the file has no column ${name}`);
    return i;
  });
}

interface FetchedChunk {
  readonly leaf: LeafNode;
  readonly md: ColumnMetaData;
  readonly bytes: Uint8Array;
}

/** Reads the byte ranges of the row group's requested column chunks (concurrently). */
function fetchRowGroup(
  fh: FileHandle,
  info: ParquetFileInfo,
  rg: RowGroup,
  leaves: readonly LeafNode[],
): Promise<FetchedChunk[]> {
  return Promise.all(
    leaves.map(async (leaf) => {
      const chunk = rg.columns[leaf.column];
      if (chunk === undefined)
        throw fail(info.path, `row group has no column chunk ${leaf.column}`);
      const md = chunk.metaData;
      const start = chunkStart(md);
      if (start < 0 || start + md.totalCompressedSize > info.size) {
        throw fail(info.path, `column chunk ${leaf.path.join(".")} lies outside the file`);
      }
      return { leaf, md, bytes: await readAt(fh, start, md.totalCompressedSize) };
    }),
  );
}

/** Decodes fetched column chunks and assembles the top-level fields. */
function decodeRowGroup(chunks: readonly FetchedChunk[], nodes: readonly PNode[]): ColumnVector[] {
  const leaves = new Map<number, LeafData>();
  for (const { leaf, md, bytes } of chunks) {
    const decoded = decodeChunk(bytes, leaf, md);
    leaves.set(leaf.column, { chunk: decoded, dense: denseVector(leaf, decoded.values) });
  }
  return nodes.map((n) => assemble(n, leaves));
}

/**
 * Reads a Parquet file as batches of `batchSize` rows (fewer at row-group ends).
 * Throws `FAILED_READ_FILE.*` FlintErrors for missing, truncated or corrupt files.
 */
export async function* readParquet(
  path: string,
  options: ParquetReadOptions = {},
): AsyncGenerator<ColumnarBatch> {
  const fh = await openFile(path);
  try {
    const info = options.info ?? (await readInfo(fh, path));
    const schema = info.schema;
    const required = options.requiredSchema;
    const resolved = required === undefined ? null : resolveRequired(schema, required, path);
    const indices = resolved === null ? resolveColumns(schema, options.columns, path) : [];
    const nodes = resolved?.nodes ?? indices.map((i) => schema.fields[i]!);
    const outSchema: StructType =
      required ?? structType(indices.map((i) => schema.sparkSchema.fields[i]!));
    const plan = resolved?.plan ?? null;
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const filters =
      options.rowGroupFilter === undefined
        ? []
        : Array.isArray(options.rowGroupFilter)
          ? (options.rowGroupFilter as readonly RowGroupPredicate[])
          : [options.rowGroupFilter as RowGroupPredicate];
    const range = options.range;
    const groups =
      options.split?.rowGroups ??
      info.metadata.rowGroups
        .map((_, i) => i)
        .filter((i) => {
          if (range === undefined) return true;
          const rg = info.metadata.rowGroups[i]!;
          const mid = rowGroupStart(rg) + rowGroupBytes(rg) / 2;
          return mid >= range.start && mid < range.start + range.length;
        });
    const leaves = nodes.flatMap((n) => leavesOf(n));
    const selected = groups.filter((g) => {
      const rg = info.metadata.rowGroups[g];
      if (rg === undefined) throw fail(path, `no row group ${g}`);
      if (rg.numRows === 0) return false;
      const metas = rg.columns.map((c) => c.metaData);
      return filters.every((f) => mightMatch(f, schema, metas));
    });
    const fetch = (k: number): Promise<FetchedChunk[]> | null => {
      const g = selected[k];
      if (g === undefined) return null;
      const p = fetchRowGroup(fh, info, info.metadata.rowGroups[g]!, leaves);
      p.catch(() => {}); // awaited below; avoid an unhandled rejection if we stop early
      return p;
    };
    // read the next row group's chunks while this one decodes
    let next = fetch(0);
    for (let k = 0; k < selected.length; k++) {
      const g = selected[k]!;
      const rg = info.metadata.rowGroups[g]!;
      let vectors: ColumnVector[];
      try {
        const chunks = await next!;
        next = fetch(k + 1);
        vectors = decodeRowGroup(chunks, nodes);
      } catch (e) {
        if (e instanceof FlintError) throw e;
        throw fail(path, `row group ${g}: ${e instanceof Error ? e.message : String(e)}`, e);
      }
      for (const v of vectors) {
        if (v.length !== rg.numRows) {
          throw fail(
            path,
            `row group ${g} has ${rg.numRows} rows but a column decoded to ${v.length}`,
          );
        }
      }
      if (plan?.some((p) => p === null)) {
        const decoded = vectors;
        vectors = plan.map((p, c) =>
          p === null
            ? constantVector(outSchema.fields[c]!.dataType, null, rg.numRows)
            : decoded[p]!,
        );
      }
      // void columns (Spark's all-null BOOLEAN, typed by the footer schema)
      vectors = vectors.map((v, c) =>
        outSchema.fields[c]?.dataType.kind === "null" && v.layout !== "null"
          ? nullVector(NullT, v.length)
          : v,
      );
      if (vectors.length === 0) {
        for (let s = 0; s < rg.numRows; s += batchSize) {
          yield columnarBatch(outSchema, Math.min(batchSize, rg.numRows - s), []);
        }
        continue;
      }
      for (let s = 0; s < rg.numRows; s += batchSize) {
        const e = Math.min(rg.numRows, s + batchSize);
        const cols = s === 0 && e === rg.numRows ? vectors : vectors.map((v) => slice(v, s, e));
        yield columnarBatch(outSchema, e - s, cols);
      }
    }
  } finally {
    await fh.close();
  }
}
