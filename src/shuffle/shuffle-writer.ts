import { MemoryConsumer, type TaskMemoryManager } from "../memory/task-memory-manager.ts";
import type { CompressionCodec } from "../storage/compression.ts";
import type { DiskDirs } from "../storage/disk-dirs.ts";
import { encodeFrame } from "../storage/frames.ts";
import { SpillFile, type SpillRange } from "../storage/spill-file.ts";
import { commitMapOutput } from "./shuffle-files.ts";

/** What a committed map output reports (the sizes go into the MapStatus). */
export interface MapOutputCommit {
  /** Bytes of each reduce partition's block in the data file (compressed, framed). */
  readonly partitionLengths: readonly number[];
  /** Records the map task declared for each reduce partition. */
  readonly recordCounts: readonly number[];
  readonly bytesWritten: number;
  readonly recordsWritten: number;
  /** Bytes written to spill files before the merge. */
  readonly spillBytes: number;
}

interface Spill {
  readonly file: SpillFile;
  readonly ranges: readonly SpillRange[];
}

/**
 * Spark's sort-based shuffle writer for opaque segments. The map task hands over
 * `(reducePartition, bytes)` in any order; segments are compressed into frames as they
 * arrive and buffered per partition in execution memory. When memory is refused, the
 * buffers spill to a file in partition order. `commit` merges spills (copying their frames
 * without recompressing) and buffers into one data file ordered by partition, plus the
 * index, both renamed into place atomically.
 */
export class ShuffleWriter extends MemoryConsumer {
  readonly shuffleId: number;
  readonly mapId: number;
  readonly numReducePartitions: number;
  readonly #dirs: DiskDirs;
  readonly #codec: CompressionCodec;
  readonly #spillCodec: CompressionCodec;
  #buffers: Uint8Array[][];
  readonly #records: number[];
  readonly #spills: Spill[] = [];
  #spillBytes = 0;
  #committed = false;

  constructor(options: {
    readonly taskMemoryManager: TaskMemoryManager;
    readonly dirs: DiskDirs;
    readonly shuffleId: number;
    readonly mapId: number;
    readonly numReducePartitions: number;
    readonly codec: CompressionCodec;
  }) {
    super(options.taskMemoryManager, `ShuffleWriter(${options.shuffleId})`);
    this.shuffleId = options.shuffleId;
    this.mapId = options.mapId;
    this.numReducePartitions = options.numReducePartitions;
    this.#dirs = options.dirs;
    this.#codec = options.codec;
    // Frames are copied from spill files into the data file verbatim, so both use one codec.
    this.#spillCodec = options.codec;
    this.#buffers = this.#emptyBuffers();
    this.#records = new Array<number>(options.numReducePartitions).fill(0);
  }

  /** Adds one segment for `reducePartition`; `numRecords` feeds the record-count metrics. */
  write(reducePartition: number, bytes: Uint8Array, numRecords = 0): void {
    if (this.#committed) throw new Error("ShuffleWriter.write after commit");
    if (
      !Number.isInteger(reducePartition) ||
      reducePartition < 0 ||
      reducePartition >= this.numReducePartitions
    ) {
      throw new RangeError(
        `reduce partition ${reducePartition} out of range [0, ${this.numReducePartitions})`,
      );
    }
    const frame = encodeFrame(bytes, this.#codec);
    this.#records[reducePartition] = (this.#records[reducePartition] ?? 0) + numRecords;
    const granted = this.acquireMemory(frame.byteLength);
    this.#buffers[reducePartition]?.push(frame);
    if (granted < frame.byteLength) {
      // Not enough memory even after spilling: push everything (this frame too) to disk.
      this.freeMemory(granted);
      this.#spillBuffers();
    }
  }

  /** MemoryConsumer: writes the buffered frames to a spill file. */
  spill(_size: number, _trigger: MemoryConsumer): number {
    const held = this.used;
    if (held === 0) return 0;
    this.#spillBuffers();
    return held;
  }

  /** Writes the data and index files; returns the per-partition sizes. */
  commit(): MapOutputCommit {
    if (this.#committed) throw new Error("ShuffleWriter.commit twice");
    this.#committed = true;
    const blocks: Uint8Array[] = [];
    const lengths: number[] = [];
    for (let p = 0; p < this.numReducePartitions; p++) {
      let len = 0;
      for (const spill of this.#spills) {
        const range = spill.ranges[p];
        if (range && range.length > 0) {
          blocks.push(spill.file.readEncoded(range));
          len += range.length;
        }
      }
      for (const frame of this.#buffers[p] ?? []) {
        blocks.push(frame);
        len += frame.byteLength;
      }
      lengths.push(len);
    }
    commitMapOutput(this.#dirs.shuffleDir, this.shuffleId, this.mapId, blocks, lengths);
    this.release();
    const bytesWritten = lengths.reduce((a, b) => a + b, 0);
    return {
      partitionLengths: lengths,
      recordCounts: [...this.#records],
      bytesWritten,
      recordsWritten: this.#records.reduce((a, b) => a + b, 0),
      spillBytes: this.#spillBytes,
    };
  }

  /** Drops buffers and spill files (after commit, or when the task fails). */
  release(): void {
    this.#buffers = this.#emptyBuffers();
    if (this.used > 0) this.freeMemory(this.used);
    for (const spill of this.#spills) spill.file.delete();
    this.#spills.length = 0;
    this.taskMemoryManager.unregister(this);
  }

  #spillBuffers(): void {
    const file = new SpillFile(
      this.#dirs.tempFile(this.#dirs.spillDir, "temp_shuffle"),
      this.#spillCodec,
    );
    const ranges: SpillRange[] = [];
    for (let p = 0; p < this.numReducePartitions; p++) {
      const frames = this.#buffers[p] ?? [];
      let offset = file.size;
      let length = 0;
      for (const frame of frames) {
        const r = file.writeEncoded(frame);
        if (length === 0) offset = r.offset;
        length += r.length;
      }
      ranges.push({ offset, length });
    }
    file.finish();
    this.#spills.push({ file, ranges });
    this.#spillBytes += file.size;
    this.#buffers = this.#emptyBuffers();
    if (this.used > 0) this.freeMemory(this.used);
  }

  #emptyBuffers(): Uint8Array[][] {
    return Array.from({ length: this.numReducePartitions }, () => []);
  }
}
