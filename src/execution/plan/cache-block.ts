/** The block id of a cached relation's partition (as the block manager and `unpersist` name it). */
export function cacheBlockId(cacheId: number, partition: number): string {
  return `rdd_${cacheId}_${partition}`;
}
