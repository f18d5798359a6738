import type { CompressionCodec } from "../storage/compression.ts";
import { readRange } from "../storage/disk-dirs.ts";
import { CorruptBlockError, decodeFrames } from "../storage/frames.ts";
import { dataFile, readIndexRange } from "./shuffle-files.ts";

/** Where one map task's output lives (from its MapStatus). */
export interface MapOutputLocation {
  readonly mapIndex: number;
  /** The map task attempt's id, which names its files. */
  readonly mapId: number;
  readonly executorId: string;
}

/** A shuffle a task reads: every map output's location, in map index order. */
export interface ShuffleInput {
  readonly shuffleId: number;
  readonly numReducePartitions: number;
  /** One entry per map partition; `undefined` where the output is missing. */
  readonly maps: readonly (MapOutputLocation | undefined)[];
}

/**
 * A reducer could not get a map output (missing, unreadable or corrupt). The task fails
 * with this reason and the DAG scheduler re-runs the map stage to regenerate the output.
 */
export class FetchFailedError extends Error {
  override readonly name = "FetchFailedError";
  readonly shuffleId: number;
  readonly mapIndex: number;
  readonly mapId: number;
  readonly reducePartition: number;
  readonly executorId: string;

  constructor(
    location: { shuffleId: number; mapIndex: number; mapId: number; executorId: string },
    reducePartition: number,
    message: string,
  ) {
    super(message);
    this.shuffleId = location.shuffleId;
    this.mapIndex = location.mapIndex;
    this.mapId = location.mapId;
    this.executorId = location.executorId;
    this.reducePartition = reducePartition;
  }
}

/**
 * Fetches the raw (framed, compressed) bytes of reduce partitions `[start, end)` of one map
 * output. Local mode reads the file range; a network fetcher slots in for remote executors.
 */
export interface ShuffleBlockFetcher {
  fetch(
    shuffleId: number,
    location: MapOutputLocation,
    startPartition: number,
    endPartition: number,
  ): Promise<Uint8Array>;
}

/** Reads map outputs from this executor's shuffle directory. */
export class LocalShuffleBlockFetcher implements ShuffleBlockFetcher {
  readonly #shuffleDir: string;

  constructor(shuffleDir: string) {
    this.#shuffleDir = shuffleDir;
  }

  async fetch(
    shuffleId: number,
    location: MapOutputLocation,
    startPartition: number,
    endPartition: number,
  ): Promise<Uint8Array> {
    const { offset, length } = readIndexRange(
      this.#shuffleDir,
      shuffleId,
      location.mapId,
      startPartition,
      endPartition,
    );
    if (length === 0) return new Uint8Array(0);
    return readRange(dataFile(this.#shuffleDir, shuffleId, location.mapId), offset, length);
  }
}

export interface ShuffleReadRange {
  readonly startPartition: number;
  /** Exclusive. */
  readonly endPartition: number;
  /** Map outputs `[startMapIndex, endMapIndex)` only (to split a skewed partition). */
  readonly startMapIndex?: number;
  readonly endMapIndex?: number;
}

export interface ShuffleReadMetrics {
  remoteBytesRead: number;
  localBytesRead: number;
  fetchWaitTimeMs: number;
  blocksFetched: number;
}

/**
 * Reads the segments of reduce partitions `[startPartition, endPartition)` from every map
 * output of a shuffle: map by map, and within a map partition by partition, each partition's
 * segments in the order the map task wrote them.
 */
export class ShuffleReader {
  readonly #fetcher: ShuffleBlockFetcher;
  readonly #codec: CompressionCodec;
  readonly #localExecutorId: string;
  readonly metrics: ShuffleReadMetrics = {
    remoteBytesRead: 0,
    localBytesRead: 0,
    fetchWaitTimeMs: 0,
    blocksFetched: 0,
  };

  constructor(fetcher: ShuffleBlockFetcher, codec: CompressionCodec, localExecutorId: string) {
    this.#fetcher = fetcher;
    this.#codec = codec;
    this.#localExecutorId = localExecutorId;
  }

  async *read(input: ShuffleInput, range: ShuffleReadRange): AsyncGenerator<Uint8Array> {
    const { startPartition, endPartition } = range;
    if (
      startPartition < 0 ||
      endPartition > input.numReducePartitions ||
      startPartition > endPartition
    ) {
      throw new RangeError(
        `reduce partitions [${startPartition}, ${endPartition}) out of range for shuffle ${input.shuffleId} with ${input.numReducePartitions}`,
      );
    }
    if (startPartition === endPartition) return;
    const firstMap = range.startMapIndex ?? 0;
    const endMap = range.endMapIndex ?? input.maps.length;
    for (let mapIndex = firstMap; mapIndex < endMap; mapIndex++) {
      const location = input.maps[mapIndex];
      if (!location) {
        throw new FetchFailedError(
          { shuffleId: input.shuffleId, mapIndex, mapId: -1, executorId: "" },
          startPartition,
          `Missing an output location for shuffle ${input.shuffleId} partition ${startPartition}`,
        );
      }
      const where = { shuffleId: input.shuffleId, ...location };
      let raw: Uint8Array;
      const t0 = performance.now();
      try {
        raw = await this.#fetcher.fetch(input.shuffleId, location, startPartition, endPartition);
      } catch (e) {
        throw new FetchFailedError(
          where,
          startPartition,
          `Failed to fetch map output: ${message(e)}`,
        );
      }
      this.metrics.fetchWaitTimeMs += performance.now() - t0;
      this.metrics.blocksFetched += endPartition - startPartition;
      if (location.executorId === this.#localExecutorId)
        this.metrics.localBytesRead += raw.byteLength;
      else this.metrics.remoteBytesRead += raw.byteLength;
      let segments: Uint8Array[];
      try {
        segments = decodeFrames(raw, this.#codec);
      } catch (e) {
        if (!(e instanceof CorruptBlockError)) throw e;
        throw new FetchFailedError(where, startPartition, `Corrupt shuffle block: ${e.message}`);
      }
      yield* segments;
    }
  }

  /** Every segment of the range, collected. */
  async readAll(input: ShuffleInput, range: ShuffleReadRange): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for await (const s of this.read(input, range)) out.push(s);
    return out;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
