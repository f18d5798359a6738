import type { BlockStatus } from "./storage-level.ts";

/**
 * The driver's view of where blocks live (Spark's BlockManagerMasterEndpoint): executors
 * report every change, the scheduler asks for locations to place tasks near cached data.
 */
export class BlockManagerMaster {
  readonly #locations = new Map<string, Map<string, BlockStatus>>();

  /** Records an executor's report; a status with no memory or disk size means removed. */
  updateBlockInfo(executorId: string, status: BlockStatus): void {
    let byExecutor = this.#locations.get(status.blockId);
    if (status.memSize === 0 && status.diskSize === 0) {
      byExecutor?.delete(executorId);
      if (byExecutor?.size === 0) this.#locations.delete(status.blockId);
      return;
    }
    if (!byExecutor) {
      byExecutor = new Map();
      this.#locations.set(status.blockId, byExecutor);
    }
    byExecutor.set(executorId, status);
  }

  /** Executors holding the block, those with it in memory first. */
  getLocations(blockId: string): string[] {
    const byExecutor = this.#locations.get(blockId);
    if (!byExecutor) return [];
    return [...byExecutor.entries()]
      .sort((a, b) => Number(b[1].memSize > 0) - Number(a[1].memSize > 0))
      .map(([executorId]) => executorId);
  }

  getStatus(blockId: string): ReadonlyMap<string, BlockStatus> {
    return this.#locations.get(blockId) ?? new Map();
  }

  /** Block ids starting with `prefix`. */
  blocksWithPrefix(prefix: string): string[] {
    return [...this.#locations.keys()].filter((id) => id.startsWith(prefix));
  }

  /** Forgets everything an executor held (it is gone). */
  removeExecutor(executorId: string): void {
    for (const [blockId, byExecutor] of this.#locations) {
      byExecutor.delete(executorId);
      if (byExecutor.size === 0) this.#locations.delete(blockId);
    }
  }
}
