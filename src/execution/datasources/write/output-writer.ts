/**
 * Output writers: one open data file of a write task, fed batches of the data columns
 * (partition columns already removed) with synchronous I/O. `close` finishes the file,
 * `abort` deletes it. One factory per format, chosen by `outputWriterFactory`.
 */
import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { deflateSync, gzipSync } from "node:zlib";
import { FlintError } from "../../../errors/index.ts";
import { type StructType, typeSql } from "../../../types/data-types.ts";
import type { ColumnarBatch } from "../../columnar/batch.ts";
import type { BytesVector } from "../../columnar/vector.ts";
import { getString, isNull } from "../../columnar/vector.ts";
import { csvEncoder } from "../csv/encode.ts";
import { jsonEncoder } from "../json/encode.ts";
import type { WriteCodec } from "../parquet/codecs.ts";
import { ParquetFileWriter } from "../parquet/writer.ts";
import type { OutputTimestampType } from "../parquet/writer-schema.ts";
import { fileExtension } from "./paths.ts";

export interface OutputWriter {
  write(batch: ColumnarBatch): void;
  /** Finishes the file; returns its rows and bytes. */
  close(): { readonly rows: number; readonly bytes: number };
  /** Deletes the partial file (errors ignored). */
  abort(): void;
}

/** What a format needs to open files of one write job (resolved on the driver). */
export interface OutputSpec {
  readonly format: string;
  /** The data columns' schema (partition columns removed). */
  readonly dataSchema: StructType;
  /** The resolved compression codec name (`snappy`, `none`, `gzip`, ...). */
  readonly codec: string;
  readonly options: Readonly<Record<string, string>>;
  readonly timeZone: string;
}

export interface OutputWriterFactory {
  /** The tail of every data file's name (`.snappy.parquet`, `.txt.gz`). */
  readonly extension: string;
  open(path: string): OutputWriter;
}

const PARQUET_CODECS = [
  "none",
  "uncompressed",
  "snappy",
  "gzip",
  "lz4",
  "lz4_raw",
  "zstd",
  "brotli",
  "lzo",
];
const PARQUET_WRITABLE: Readonly<Record<string, WriteCodec>> = {
  none: "uncompressed",
  uncompressed: "uncompressed",
  snappy: "snappy",
  gzip: "gzip",
  zstd: "zstd",
  lz4_raw: "lz4_raw",
};
const TEXT_CODECS = ["none", "uncompressed", "bzip2", "deflate", "gzip", "lz4", "snappy"];
const TEXT_WRITABLE = new Set(["none", "uncompressed", "gzip", "deflate"]);

/**
 * The codec a write uses: option `compression` (or `codec`), else the session default for
 * Parquet (`spark.sql.parquet.compression.codec`), else none. Unknown names are
 * `CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION`; names Spark knows but Flint
 * cannot write are `CODEC_NOT_AVAILABLE`.
 */
export function resolveCodec(
  format: string,
  options: Readonly<Record<string, string>>,
  parquetDefault: string,
): string {
  let named: string | undefined;
  for (const [k, v] of Object.entries(options)) {
    const key = k.toLowerCase();
    if (key === "compression" || key === "codec") named = v;
  }
  const known = format === "parquet" ? PARQUET_CODECS : TEXT_CODECS;
  const codec = (named ?? (format === "parquet" ? parquetDefault : "none")).toLowerCase();
  if (!known.includes(codec)) {
    throw new FlintError("CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION", {
      codecName: named ?? codec,
      availableCodecs: known.join(", "),
    });
  }
  const writable = format === "parquet" ? codec in PARQUET_WRITABLE : TEXT_WRITABLE.has(codec);
  if (!writable) throw new FlintError("CODEC_NOT_AVAILABLE", { codecName: codec });
  return codec;
}

/** The writer factory of a format (`parquet`, `text`, `csv`, `json`). */
export function outputWriterFactory(spec: OutputSpec): OutputWriterFactory {
  const extension = fileExtension(spec.format, spec.codec);
  switch (spec.format) {
    case "parquet": {
      const compression = PARQUET_WRITABLE[spec.codec] ?? "snappy";
      const ts = optionValue(spec.options, "spark.sql.parquet.outputTimestampType");
      const timestampType =
        ts === "INT96" || ts === "TIMESTAMP_MILLIS" || ts === "TIMESTAMP_MICROS" ? ts : undefined;
      return {
        extension,
        open: (path) => parquetWriter(path, spec.dataSchema, compression, timestampType),
      };
    }
    case "text": {
      checkTextSchema(spec.dataSchema);
      const lineSep = optionValue(spec.options, "lineSep") ?? "\n";
      return {
        extension,
        open: (path) =>
          new LinesWriter(path, spec.codec, (batch) => {
            const v = batch.columns[0] as BytesVector;
            let out = "";
            for (let i = 0; i < batch.numRows; i++) {
              if (!isNull(v, i)) out += getString(v, i);
              out += lineSep;
            }
            return out;
          }),
      };
    }
    case "csv": {
      const enc = csvEncoder(spec.dataSchema, spec.options, spec.timeZone);
      const header = (optionValue(spec.options, "header") ?? "false").toLowerCase() === "true";
      return {
        extension,
        open: (path) =>
          new LinesWriter(
            path,
            spec.codec,
            (batch) => enc.encode(batch),
            header ? enc.header() : "",
          ),
      };
    }
    case "json": {
      const enc = jsonEncoder(spec.dataSchema, spec.options, spec.timeZone);
      return {
        extension,
        open: (path) => new LinesWriter(path, spec.codec, (batch) => enc.encode(batch)),
      };
    }
    default:
      throw new FlintError("DATA_SOURCE_NOT_FOUND", { provider: spec.format });
  }
}

function optionValue(options: Readonly<Record<string, string>>, key: string): string | undefined {
  const k = key.toLowerCase();
  for (const [name, v] of Object.entries(options)) if (name.toLowerCase() === k) return v;
  return undefined;
}

/** The text source holds exactly one string column (Spark's error names the first other). */
export function checkTextSchema(schema: StructType): void {
  const bad = schema.fields.find((f) => f.dataType.kind !== "string");
  if (bad !== undefined) {
    throw new FlintError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", {
      columnName: `\`${bad.name}\``,
      columnType: `"${typeSql(bad.dataType)}"`,
      format: "Text",
    });
  }
  if (schema.fields.length !== 1) {
    throw new FlintError("_LEGACY_ERROR_TEMP_1147", { numCols: String(schema.fields.length) });
  }
}

function parquetWriter(
  path: string,
  schema: StructType,
  compression: WriteCodec,
  timestampType: OutputTimestampType | undefined,
): OutputWriter {
  const w = new ParquetFileWriter(path, schema, { compression, timestampType });
  return {
    write: (b) => w.write(b),
    close: () => {
      const r = w.close();
      return { rows: r.numRows, bytes: r.bytes };
    },
    abort: () => w.abort(),
  };
}

/**
 * A line-oriented file (text, CSV, JSON lines). Uncompressed files are written as they
 * come; compressed ones are buffered and compressed whole at close (gzip, deflate).
 */
export class LinesWriter implements OutputWriter {
  readonly #path: string;
  readonly #codec: string;
  readonly #encode: (batch: ColumnarBatch) => string;
  readonly #fd: number;
  readonly #buffered: Buffer[] = [];
  #rows = 0;
  #bytes = 0;
  #closed = false;

  constructor(path: string, codec: string, encode: (batch: ColumnarBatch) => string, header = "") {
    this.#path = path;
    this.#codec = codec;
    this.#encode = encode;
    try {
      this.#fd = openSync(path, "w");
    } catch (e) {
      throw new FlintError("TASK_WRITE_FAILED", { path }, { cause: e });
    }
    if (header !== "") this.#put(Buffer.from(header, "utf8"));
  }

  #compressed(): boolean {
    return this.#codec !== "none" && this.#codec !== "uncompressed";
  }

  #put(bytes: Buffer): void {
    if (this.#compressed()) {
      this.#buffered.push(bytes);
      return;
    }
    this.#writeAll(bytes);
  }

  #writeAll(bytes: Uint8Array): void {
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(this.#fd, bytes, done, bytes.length - done);
      this.#bytes += bytes.length;
    } catch (e) {
      this.abort();
      throw new FlintError("TASK_WRITE_FAILED", { path: this.#path }, { cause: e });
    }
  }

  write(batch: ColumnarBatch): void {
    if (batch.numRows === 0) return;
    this.#rows += batch.numRows;
    this.#put(Buffer.from(this.#encode(batch), "utf8"));
  }

  close(): { readonly rows: number; readonly bytes: number } {
    if (this.#compressed()) {
      const all = Buffer.concat(this.#buffered);
      this.#writeAll(this.#codec === "gzip" ? gzipSync(all) : deflateSync(all));
    }
    this.#closed = true;
    closeSync(this.#fd);
    return { rows: this.#rows, bytes: this.#bytes };
  }

  abort(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      closeSync(this.#fd);
      unlinkSync(this.#path);
    } catch {
      // already gone
    }
  }
}
