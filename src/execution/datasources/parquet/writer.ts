/**
 * Writing ColumnarBatches as a Parquet file: Spark's (non-legacy) schema mapping, data
 * page v1 with RLE levels, PLAIN values or RLE_DICTIONARY for strings and binaries,
 * min/max/null_count statistics per column chunk, one row group per ~128 MB of input.
 * Nested columns are shredded into definition/repetition levels per leaf.
 */

import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { FlintError } from "../../../errors/index.ts";
import { type StructType, toJson } from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import { vectorByteSize } from "../../columnar/batch.ts";
import { concat } from "../../columnar/kernels.ts";
import type { ColumnVector } from "../../columnar/vector.ts";
import { compress, WRITE_CODECS, type WriteCodec } from "./codecs.ts";
import { ByteSink, bitWidth, encodeRleHybrid } from "./encodings.ts";
import { ENC, PAGE } from "./metadata.ts";
import { ThriftWriter } from "./thrift.ts";
import {
  buildDict,
  type Dict,
  IntSink,
  plainValues,
  type Shredded,
  type Stats,
  shred,
  statsOf,
} from "./writer-columns.ts";
import {
  buildNode,
  type OutputTimestampType,
  type SchemaBuild,
  type WLeaf,
  type WNode,
} from "./writer-schema.ts";

export interface ParquetWriteOptions {
  /** Page compression (default snappy, Spark's `spark.sql.parquet.compression.codec`). */
  readonly compression?: WriteCodec | undefined;
  /** Input bytes per row group (default 128 MB, Spark's `parquet.block.size`). */
  readonly rowGroupBytes?: number | undefined;
  /** Target uncompressed bytes per data page (default 1 MB). */
  readonly pageBytes?: number | undefined;
  /** Dictionary-encode strings and binaries when their dictionary stays small (default true). */
  readonly dictionary?: boolean | undefined;
  /** How timestamps are stored (`spark.sql.parquet.outputTimestampType`; default TIMESTAMP_MICROS). */
  readonly timestampType?: OutputTimestampType | undefined;
}

interface ResolvedOptions {
  readonly compression: WriteCodec;
  readonly rowGroupBytes: number;
  readonly pageBytes: number;
  readonly dictionary: boolean;
}

export interface ParquetWriteResult {
  readonly numRows: number;
  readonly rowGroups: number;
  readonly bytes: number;
}

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------
// pages and chunks

interface ChunkMeta {
  readonly leaf: WLeaf;
  readonly encodings: readonly number[];
  readonly numValues: number;
  readonly uncompressed: number;
  readonly compressed: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset: number | undefined;
  readonly stats: Stats;
  readonly start: number;
}

class FileSink {
  private readonly fd: number;
  offset = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  constructor(fd: number) {
    this.fd = fd;
  }
  write(b: Uint8Array): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.offset += b.length;
    if (this.pendingBytes >= 8 << 20) this.flush();
  }
  flush(): void {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    let done = 0;
    while (done < all.length) done += writeSync(this.fd, all, done, all.length - done);
  }
}

function pageHeader(
  type: number,
  uncompressed: number,
  compressed: number,
  numValues: number,
  encoding: number,
): Uint8Array {
  const tw = new ThriftWriter();
  tw.i32(1, type);
  tw.i32(2, uncompressed);
  tw.i32(3, compressed);
  if (type === PAGE.DICTIONARY_PAGE) {
    tw.beginStruct(7);
    tw.i32(1, numValues);
    tw.i32(2, encoding);
    tw.endStruct();
  } else {
    tw.beginStruct(5);
    tw.i32(1, numValues);
    tw.i32(2, encoding);
    tw.i32(3, ENC.RLE);
    tw.i32(4, ENC.RLE);
    tw.endStruct();
  }
  return tw.finish();
}

function writePage(
  sink: FileSink,
  codec: WriteCodec,
  type: number,
  body: Uint8Array,
  numValues: number,
  encoding: number,
): { uncompressed: number; compressed: number } {
  const data = compress(codec, body);
  const header = pageHeader(type, body.length, data.length, numValues, encoding);
  sink.write(header);
  sink.write(data === body ? body.slice() : data);
  return { uncompressed: header.length + body.length, compressed: header.length + data.length };
}

function levelsBytes(levels: Int32Array, maxLevel: number, out: ByteSink): void {
  const lenAt = out.len;
  out.u32(0);
  encodeRleHybrid(levels, levels.length, bitWidth(maxLevel), out);
  const len = out.len - lenAt - 4;
  out.buf[lenAt] = len & 0xff;
  out.buf[lenAt + 1] = (len >>> 8) & 0xff;
  out.buf[lenAt + 2] = (len >>> 16) & 0xff;
  out.buf[lenAt + 3] = len >>> 24;
}

function writeChunk(
  sink: FileSink,
  leaf: WLeaf,
  sh: Shredded,
  options: ResolvedOptions,
): ChunkMeta {
  const start = sink.offset;
  const defs = sh.defs.view();
  const reps = sh.reps.view();
  const idx = sh.values.view();
  const entries = defs.length;
  const src = sh.source;
  const stats = statsOf(leaf, src, idx, entries - idx.length);
  let uncompressed = 0;
  let compressed = 0;
  let dictionaryPageOffset: number | undefined;
  let dict: Dict | null = null;
  if (options.dictionary && src !== null && src.layout === "bytes") {
    dict = buildDict(src, idx);
    if (dict !== null) {
      dictionaryPageOffset = sink.offset;
      const body = plainValues(leaf, src, dict.entries, 0, dict.entries.length);
      const r = writePage(
        sink,
        options.compression,
        PAGE.DICTIONARY_PAGE,
        body,
        dict.entries.length,
        ENC.PLAIN,
      );
      uncompressed += r.uncompressed;
      compressed += r.compressed;
    }
  }
  const dataPageOffset = sink.offset;
  // entries per page from the average value size, cut at record boundaries
  const valueBytes = src === null ? 0 : Math.max(1, vectorByteSize(src) / Math.max(1, src.length));
  const perPage = Math.max(1024, Math.floor(options.pageBytes / (valueBytes + 1)));
  let e = 0;
  let v = 0;
  const sinkBuf = new ByteSink(4096);
  while (e < entries || (entries === 0 && e === 0)) {
    let end = Math.min(entries, e + perPage);
    if (leaf.maxRep > 0) while (end < entries && reps[end] !== 0) end++;
    let values = 0;
    for (let k = e; k < end; k++) if (defs[k] === leaf.maxDef) values++;
    sinkBuf.len = 0;
    if (leaf.maxRep > 0) levelsBytes(reps.subarray(e, end), leaf.maxRep, sinkBuf);
    if (leaf.maxDef > 0) levelsBytes(defs.subarray(e, end), leaf.maxDef, sinkBuf);
    if (dict !== null) {
      sinkBuf.byte(bitWidth(Math.max(0, dict.entries.length - 1)));
      encodeRleHybrid(
        dict.ids.subarray(v, v + values),
        values,
        bitWidth(Math.max(0, dict.entries.length - 1)),
        sinkBuf,
      );
    } else if (src !== null && values > 0) {
      sinkBuf.bytes(plainValues(leaf, src, idx, v, v + values));
    }
    const r = writePage(
      sink,
      options.compression,
      PAGE.DATA_PAGE,
      sinkBuf.result(),
      end - e,
      dict !== null ? ENC.RLE_DICTIONARY : ENC.PLAIN,
    );
    uncompressed += r.uncompressed;
    compressed += r.compressed;
    v += values;
    if (entries === 0) break;
    e = end;
  }
  const encodings = dict !== null ? [ENC.PLAIN, ENC.RLE, ENC.RLE_DICTIONARY] : [ENC.PLAIN, ENC.RLE];
  return {
    leaf,
    encodings,
    numValues: entries,
    uncompressed,
    compressed,
    dataPageOffset,
    dictionaryPageOffset,
    stats,
    start,
  };
}

interface RowGroupMeta {
  readonly chunks: readonly ChunkMeta[];
  readonly numRows: number;
  readonly start: number;
}

function writeColumnMeta(tw: ThriftWriter, c: ChunkMeta, codec: number): void {
  tw.i32(1, c.leaf.physical);
  tw.listHeader(2, "i32", c.encodings.length);
  for (const e of c.encodings) tw.rawI32(e);
  tw.listHeader(3, "binary", c.leaf.path.length);
  for (const p of c.leaf.path) tw.rawBinary(encoder.encode(p));
  tw.i32(4, codec);
  tw.i64(5, c.numValues);
  tw.i64(6, c.uncompressed);
  tw.i64(7, c.compressed);
  tw.i64(9, c.dataPageOffset);
  if (c.dictionaryPageOffset !== undefined) tw.i64(11, c.dictionaryPageOffset);
  tw.beginStruct(12);
  tw.i64(3, c.stats.nulls);
  if (c.stats.max !== undefined && c.stats.min !== undefined) {
    tw.binary(5, c.stats.max);
    tw.binary(6, c.stats.min);
  }
  tw.endStruct();
}

function footer(
  schema: StructType,
  groups: readonly RowGroupMeta[],
  codec: number,
  timestampType: OutputTimestampType | undefined,
): Uint8Array {
  const tw = new ThriftWriter();
  tw.i32(1, 1);
  // schema: the root, then the flattened elements
  const sb: SchemaBuild = {
    leaves: [],
    tw: new ThriftWriter(),
    count: 0,
    ...(timestampType === undefined ? {} : { timestampType }),
  };
  for (const f of schema.fields) buildNode(f.name, f.dataType, f.nullable, 0, 0, [], sb);
  tw.listHeader(2, "struct", sb.count + 1);
  tw.beginElement();
  tw.string(4, "spark_schema");
  tw.i32(5, schema.fields.length);
  tw.endStruct();
  tw.raw(sb.tw.body());
  const numRows = groups.reduce((n, g) => n + g.numRows, 0);
  tw.i64(3, numRows);
  tw.listHeader(4, "struct", groups.length);
  groups.forEach((g, ordinal) => {
    tw.beginElement();
    tw.listHeader(1, "struct", g.chunks.length);
    let total = 0;
    let totalCompressed = 0;
    for (const c of g.chunks) {
      tw.beginElement();
      tw.i64(2, c.start);
      tw.beginStruct(3);
      writeColumnMeta(tw, c, codec);
      tw.endStruct();
      tw.endStruct();
      total += c.uncompressed;
      totalCompressed += c.compressed;
    }
    tw.i64(2, total);
    tw.i64(3, g.numRows);
    tw.i64(5, g.start);
    tw.i64(6, totalCompressed);
    tw.i16(7, ordinal);
    tw.endStruct();
  });
  tw.listHeader(5, "struct", 1);
  tw.beginElement();
  tw.string(1, "org.apache.spark.sql.parquet.row.metadata");
  tw.string(2, toJson(schema));
  tw.endStruct();
  tw.string(6, "flint version 0.1.0 (build 0)");
  return tw.finish();
}

function shredBatch(
  nodes: readonly WNode[],
  columns: readonly ColumnVector[],
  out: Shredded[],
): void {
  nodes.forEach((node, c) => {
    const v = columns[c]!;
    const n = v.length;
    if (node.kind === "leaf") {
      // top-level primitive: levels straight from validity
      const s = out[node.leaf]!;
      s.source = v;
      const valid = v.validity;
      const defs = s.defs.reserve(n);
      const vals = s.values.reserve(n);
      s.reps.reserve(n); // top-level: repetition levels stay 0
      const d0 = s.defs.n;
      const v0 = s.values.n;
      let k = 0;
      if (valid === null) {
        defs.fill(node.optional ? 1 : 0, d0, d0 + n);
        for (let i = 0; i < n; i++) vals[v0 + i] = i;
        k = n;
      } else {
        for (let i = 0; i < n; i++) {
          const present = (valid[i >> 3]! & (1 << (i & 7))) !== 0;
          defs[d0 + i] = present ? 1 : 0;
          if (present) vals[v0 + k++] = i;
        }
      }
      s.defs.n += n;
      s.reps.n += n;
      s.values.n += k;
      return;
    }
    for (let i = 0; i < n; i++) shred(node, v, i, 0, 0, out);
  });
}

/**
 * A Parquet file written batch by batch with synchronous I/O (tasks run on worker threads,
 * so blocking writes are what Spark's writers do too): `write` buffers batches into a row
 * group and flushes it when it reaches `rowGroupBytes`; `close` writes the last row group
 * and the footer. `abort` closes and deletes the partial file. I/O errors are
 * `TASK_WRITE_FAILED` naming the file.
 */
export class ParquetFileWriter {
  readonly path: string;
  readonly #schema: StructType;
  readonly #opts: ResolvedOptions;
  readonly #codec: number;
  readonly #timestampType: OutputTimestampType | undefined;
  readonly #nodes: WNode[];
  readonly #leaves: WLeaf[];
  readonly #fd: number;
  readonly #sink: FileSink;
  readonly #groups: RowGroupMeta[] = [];
  #pending: ColumnarBatch[] = [];
  #pendingBytes = 0;
  #rows = 0;
  #closed = false;

  constructor(path: string, schema: StructType, options: ParquetWriteOptions = {}) {
    this.path = path;
    this.#schema = schema;
    this.#opts = {
      compression: options.compression ?? "snappy",
      rowGroupBytes: options.rowGroupBytes ?? 128 * 1024 * 1024,
      pageBytes: options.pageBytes ?? 1024 * 1024,
      dictionary: options.dictionary ?? true,
    };
    const codec = WRITE_CODECS[this.#opts.compression];
    if (codec === undefined) {
      throw new FlintError("CODEC_NOT_AVAILABLE", { codecName: String(this.#opts.compression) });
    }
    this.#codec = codec;
    this.#timestampType = options.timestampType;
    const sb: SchemaBuild = {
      leaves: [],
      tw: new ThriftWriter(),
      count: 0,
      ...(options.timestampType === undefined ? {} : { timestampType: options.timestampType }),
    };
    this.#nodes = schema.fields.map((f) => buildNode(f.name, f.dataType, f.nullable, 0, 0, [], sb));
    this.#leaves = sb.leaves;
    try {
      this.#fd = openSync(path, "w");
    } catch (e) {
      throw new FlintError("TASK_WRITE_FAILED", { path }, { cause: e });
    }
    this.#sink = new FileSink(this.#fd);
    this.#guard(() => this.#sink.write(encoder.encode("PAR1")));
  }

  /** Rows written so far. */
  get numRows(): number {
    return this.#rows;
  }

  /** Bytes written so far, plus the input bytes buffered for the current row group. */
  get approximateBytes(): number {
    return this.#sink.offset + this.#pendingBytes;
  }

  write(batch: ColumnarBatch): void {
    if (batch.numRows === 0) return;
    this.#pending.push(batch);
    this.#rows += batch.numRows;
    for (const c of batch.columns) this.#pendingBytes += vectorByteSize(c);
    if (this.#pendingBytes >= this.#opts.rowGroupBytes) this.#guard(() => this.#flushGroup());
  }

  close(): ParquetWriteResult {
    if (this.#closed) throw new Error(`${this.path} is closed`);
    this.#guard(() => {
      this.#flushGroup();
      const meta = footer(this.#schema, this.#groups, this.#codec, this.#timestampType);
      this.#sink.write(meta);
      const tail = new Uint8Array(8);
      new DataView(tail.buffer).setUint32(0, meta.length, true);
      tail.set(encoder.encode("PAR1"), 4);
      this.#sink.write(tail);
      this.#sink.flush();
    });
    this.#closed = true;
    closeSync(this.#fd);
    return { numRows: this.#rows, rowGroups: this.#groups.length, bytes: this.#sink.offset };
  }

  /** Closes and deletes the partial file (errors ignored: the caller is failing already). */
  abort(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      closeSync(this.#fd);
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  #flushGroup(): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    const columns = this.#schema.fields.map((_, c) => concat(pending.map((b) => b.columns[c]!)));
    const numRows = pending.reduce((n, b) => n + b.numRows, 0);
    this.#pending = [];
    this.#pendingBytes = 0;
    const shredded: Shredded[] = this.#leaves.map(() => ({
      defs: new IntSink(numRows + 16),
      reps: new IntSink(numRows + 16),
      values: new IntSink(numRows + 16),
      source: null,
    }));
    shredBatch(this.#nodes, columns, shredded);
    const start = this.#sink.offset;
    const chunks: ChunkMeta[] = [];
    for (let l = 0; l < this.#leaves.length; l++)
      chunks.push(writeChunk(this.#sink, this.#leaves[l]!, shredded[l]!, this.#opts));
    this.#groups.push({ chunks, numRows, start });
  }

  #guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.abort();
      if (e instanceof FlintError) throw e;
      throw new FlintError("TASK_WRITE_FAILED", { path: this.path }, { cause: e });
    }
  }
}

/**
 * Writes `batches` (all of `schema`) to a new Parquet file at `path`.
 * Throws `TASK_WRITE_FAILED` when the file cannot be written.
 */
export async function writeParquet(
  path: string,
  batches: Iterable<ColumnarBatch> | AsyncIterable<ColumnarBatch>,
  schema: StructType,
  options: ParquetWriteOptions = {},
): Promise<ParquetWriteResult> {
  const w = new ParquetFileWriter(path, schema, options);
  try {
    for await (const batch of batches) w.write(batch);
  } catch (e) {
    w.abort();
    throw e;
  }
  return w.close();
}
