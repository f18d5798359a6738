/** Where a cached block may live (Spark's StorageLevel, for serialized blocks). */
export type StorageLevel = "MEMORY_ONLY" | "MEMORY_AND_DISK" | "DISK_ONLY";

export const STORAGE_LEVELS: readonly StorageLevel[] = [
  "MEMORY_ONLY",
  "MEMORY_AND_DISK",
  "DISK_ONLY",
];

export function useMemory(level: StorageLevel): boolean {
  return level !== "DISK_ONLY";
}

export function useDisk(level: StorageLevel): boolean {
  return level !== "MEMORY_ONLY";
}

/** Block ids, formatted as Spark's. */
export const BlockIds = {
  rdd: (rddId: number, partition: number): string => `rdd_${rddId}_${partition}`,
  broadcast: (broadcastId: number): string => `broadcast_${broadcastId}`,
  shuffle: (shuffleId: number, mapId: number, reduceId: number): string =>
    `shuffle_${shuffleId}_${mapId}_${reduceId}`,
} as const;

/** The RDD (cached relation) a block belongs to, or undefined for other blocks. */
export function rddIdOf(blockId: string): number | undefined {
  const m = /^rdd_(\d+)_\d+$/.exec(blockId);
  return m ? Number(m[1]) : undefined;
}

/** What a block manager reports about one block after a change (size 0 = not there). */
export interface BlockStatus {
  readonly blockId: string;
  readonly level: StorageLevel;
  readonly memSize: number;
  readonly diskSize: number;
}
