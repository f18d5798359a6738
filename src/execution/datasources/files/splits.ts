/**
 * Split planning as Spark's FilePartition.getFilePartitions: files cut into byte ranges of
 * at most `maxSplitBytes` (when the format allows), the ranges sorted by size (largest
 * first) and packed into tasks, each range costing its length plus `openCostInBytes`.
 *
 *     maxSplitBytes = min(maxPartitionBytes, max(openCostInBytes, bytesPerCore))
 *     bytesPerCore  = sum(file size + openCostInBytes) / minPartitionNum
 */
import type { FileSplit } from "../formats.ts";
import type { PartitionedFile } from "./list.ts";

export interface SplitSettings {
  readonly maxPartitionBytes: number;
  readonly openCostInBytes: number;
  /** `spark.sql.files.minPartitionNum`, or the default parallelism. */
  readonly minPartitionNum: number;
}

export function maxSplitBytes(files: readonly PartitionedFile[], s: SplitSettings): number {
  let total = 0;
  for (const f of files) total += f.size + s.openCostInBytes;
  const bytesPerCore = total / Math.max(1, s.minPartitionNum);
  return Math.min(s.maxPartitionBytes, Math.max(s.openCostInBytes, bytesPerCore));
}

/** The files' splits grouped into tasks. Empty files are skipped. */
export function planFilePartitions(
  files: readonly PartitionedFile[],
  s: SplitSettings,
  isSplittable: (path: string) => boolean,
): FileSplit[][] {
  const max = Math.floor(maxSplitBytes(files, s));
  const splits: FileSplit[] = [];
  for (const f of files) {
    if (f.size === 0) continue;
    if (isSplittable(f.path) && max > 0) {
      for (let off = 0; off < f.size; off += max) {
        const length = Math.min(max, f.size - off);
        splits.push({
          path: f.path,
          start: off,
          length,
          fileSize: f.size,
          partitionValues: f.partitionValues,
        });
      }
    } else {
      splits.push({
        path: f.path,
        start: 0,
        length: f.size,
        fileSize: f.size,
        partitionValues: f.partitionValues,
      });
    }
  }
  // Stable sort, largest first (Spark sorts by length descending).
  const order = splits.map((_, i) => i);
  order.sort((a, b) => (splits[b] as FileSplit).length - (splits[a] as FileSplit).length || a - b);
  const out: FileSplit[][] = [];
  let current: FileSplit[] = [];
  let size = 0;
  for (const i of order) {
    const split = splits[i] as FileSplit;
    if (size + split.length > max && current.length > 0) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(split);
    size += split.length + s.openCostInBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
