import type { ShuffleInput } from "../shuffle/shuffle-reader.ts";
import type { MapOutputStatistics } from "./job.ts";
import type { MapStatus } from "./task.ts";

interface ShuffleState {
  readonly numMaps: number;
  readonly numReducePartitions: number;
  readonly statuses: (MapStatus | undefined)[];
}

/**
 * The driver's record of every shuffle's map outputs (Spark's MapOutputTrackerMaster):
 * registered by the DAG scheduler as map tasks finish, unregistered when a fetch fails or
 * an executor is lost, and shipped to reduce tasks as their `ShuffleInput`.
 */
export class MapOutputTracker {
  readonly #shuffles = new Map<number, ShuffleState>();

  registerShuffle(shuffleId: number, numMaps: number, numReducePartitions: number): void {
    if (this.#shuffles.has(shuffleId)) return;
    this.#shuffles.set(shuffleId, {
      numMaps,
      numReducePartitions,
      statuses: new Array<MapStatus | undefined>(numMaps).fill(undefined),
    });
  }

  has(shuffleId: number): boolean {
    return this.#shuffles.has(shuffleId);
  }

  registerMapOutput(shuffleId: number, status: MapStatus): void {
    const s = this.#state(shuffleId);
    s.statuses[status.mapIndex] = status;
  }

  /** Forgets one map output, if it is still the one with `mapId`. */
  unregisterMapOutput(shuffleId: number, mapIndex: number, mapId: number): void {
    const s = this.#shuffles.get(shuffleId);
    const current = s?.statuses[mapIndex];
    if (s && current && (mapId < 0 || current.mapId === mapId)) s.statuses[mapIndex] = undefined;
  }

  /** Forgets every output an executor held (its files are gone with it). */
  removeOutputsOnExecutor(executorId: string): void {
    for (const s of this.#shuffles.values()) {
      s.statuses.forEach((st, i) => {
        if (st?.executorId === executorId) s.statuses[i] = undefined;
      });
    }
  }

  unregisterShuffle(shuffleId: number): void {
    this.#shuffles.delete(shuffleId);
  }

  missingPartitions(shuffleId: number): number[] {
    const s = this.#state(shuffleId);
    const out: number[] = [];
    s.statuses.forEach((st, i) => {
      if (!st) out.push(i);
    });
    return out;
  }

  isAvailable(shuffleId: number): boolean {
    const s = this.#shuffles.get(shuffleId);
    return s?.statuses.every((st) => st !== undefined) ?? false;
  }

  /** What a reduce task needs to read the shuffle. */
  shuffleInput(shuffleId: number): ShuffleInput {
    const s = this.#state(shuffleId);
    return {
      shuffleId,
      numReducePartitions: s.numReducePartitions,
      maps: s.statuses.map((st) =>
        st ? { mapIndex: st.mapIndex, mapId: st.mapId, executorId: st.executorId } : undefined,
      ),
    };
  }

  statistics(shuffleId: number): MapOutputStatistics {
    const s = this.#state(shuffleId);
    const bytes = new Array<number>(s.numReducePartitions).fill(0);
    const records = new Array<number>(s.numReducePartitions).fill(0);
    for (const st of s.statuses) {
      st?.partitionLengths.forEach((n, p) => {
        bytes[p] = (bytes[p] ?? 0) + n;
      });
      st?.recordCounts.forEach((n, p) => {
        records[p] = (records[p] ?? 0) + n;
      });
    }
    return { shuffleId, bytesByPartitionId: bytes, recordsByPartitionId: records };
  }

  #state(shuffleId: number): ShuffleState {
    const s = this.#shuffles.get(shuffleId);
    if (!s) throw new Error(`shuffle ${shuffleId} is not registered`);
    return s;
  }
}
