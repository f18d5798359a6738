import fs from "node:fs";
import type { CompressionCodec } from "./compression.ts";
import { readRange, writeAll } from "./disk-dirs.ts";
import { decodeFrames, encodeFrame } from "./frames.ts";

/** Where one written segment (or a run of them) lies in a spill file. */
export interface SpillRange {
  readonly offset: number;
  readonly length: number;
}

/**
 * A task-scoped temporary file of byte segments, for operators that spill (sort,
 * aggregation, the shuffle writer). Segments are framed and compressed with the spill codec
 * (`spark.shuffle.spill.compress`); write them, `finish()`, then read ranges back. The task
 * deletes its spill files when it ends, whatever happened.
 */
export class SpillFile {
  readonly path: string;
  readonly codec: CompressionCodec;
  #fd: number | undefined;
  #size = 0;

  constructor(filePath: string, codec: CompressionCodec) {
    this.path = filePath;
    this.codec = codec;
    this.#fd = fs.openSync(filePath, "w");
  }

  /** Bytes written so far (compressed, with frame headers): the spill size metric. */
  get size(): number {
    return this.#size;
  }

  /** Appends one segment; returns where it lies. */
  write(segment: Uint8Array): SpillRange {
    return this.writeEncoded(encodeFrame(segment, this.codec));
  }

  /** Appends already-encoded frames verbatim. */
  writeEncoded(frames: Uint8Array): SpillRange {
    if (this.#fd === undefined) throw new Error(`spill file ${this.path} is finished`);
    const offset = this.#size;
    writeAll(this.#fd, frames);
    this.#size += frames.byteLength;
    return { offset, length: frames.byteLength };
  }

  /** Closes the file for writing. */
  finish(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** The segments in `range`, decompressed. */
  read(range: SpillRange): Uint8Array[] {
    return decodeFrames(this.readEncoded(range), this.codec);
  }

  /** The raw frames in `range` (to copy them into another file without recompressing). */
  readEncoded(range: SpillRange): Uint8Array {
    this.finish();
    return range.length === 0
      ? new Uint8Array(0)
      : readRange(this.path, range.offset, range.length);
  }

  delete(): void {
    this.finish();
    fs.rmSync(this.path, { force: true });
  }
}
