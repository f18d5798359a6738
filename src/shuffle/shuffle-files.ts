import fs from "node:fs";
import path from "node:path";
import { readRange, writeFileAtomic } from "../storage/disk-dirs.ts";

/**
 * One map task's output: `shuffle_<shuffleId>_<mapId>_0.data` holds the blocks of every
 * reduce partition in partition order, `.index` holds numReducePartitions + 1 offsets
 * (u64 little-endian) so block p is `[offsets[p], offsets[p + 1])`. `mapId` is the map
 * task's attempt id (unique per attempt), so a retried or speculative attempt never
 * overwrites another's files.
 */
export function dataFile(shuffleDir: string, shuffleId: number, mapId: number): string {
  return path.join(shuffleDir, `shuffle_${shuffleId}_${mapId}_0.data`);
}

export function indexFile(shuffleDir: string, shuffleId: number, mapId: number): string {
  return path.join(shuffleDir, `shuffle_${shuffleId}_${mapId}_0.index`);
}

export function encodeIndex(partitionLengths: readonly number[]): Uint8Array {
  const out = new Uint8Array((partitionLengths.length + 1) * 8);
  const view = new DataView(out.buffer);
  let offset = 0;
  view.setBigUint64(0, 0n, true);
  partitionLengths.forEach((len, i) => {
    offset += len;
    view.setBigUint64((i + 1) * 8, BigInt(offset), true);
  });
  return out;
}

/** Writes data then index, each through a temporary name and a rename. */
export function commitMapOutput(
  shuffleDir: string,
  shuffleId: number,
  mapId: number,
  blocks: readonly Uint8Array[],
  partitionLengths: readonly number[],
): void {
  writeFileAtomic(dataFile(shuffleDir, shuffleId, mapId), blocks);
  writeFileAtomic(indexFile(shuffleDir, shuffleId, mapId), encodeIndex(partitionLengths));
}

/** The byte range of reduce partitions `[start, end)` in a map output's data file. */
export function readIndexRange(
  shuffleDir: string,
  shuffleId: number,
  mapId: number,
  startPartition: number,
  endPartition: number,
): { offset: number; length: number } {
  const raw = readRange(
    indexFile(shuffleDir, shuffleId, mapId),
    startPartition * 8,
    (endPartition - startPartition + 1) * 8,
  );
  const view = new DataView(raw.buffer);
  const start = Number(view.getBigUint64(0, true));
  const end = Number(view.getBigUint64((endPartition - startPartition) * 8, true));
  return { offset: start, length: end - start };
}

/** Deletes every file of a shuffle (unregisterShuffle / cleanup). */
export function removeShuffleFiles(shuffleDir: string, shuffleId: number): void {
  const prefix = `shuffle_${shuffleId}_`;
  let names: string[];
  try {
    names = fs.readdirSync(shuffleDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(shuffleDir, name), { force: true });
  }
}
