import { type SharedPool, Slot } from "./shared-pool.ts";

/** Spark's fixed reserve for non-storage, non-execution use (300 MiB). */
export const RESERVED_SYSTEM_MEMORY_BYTES = 300 * 1024 * 1024;

export interface MemorySizing {
  /** `spark.executor.memory` (or `spark.driver.memory` in local mode), in bytes. */
  readonly systemMemory: number;
  /** `spark.memory.fraction` (0.6). */
  readonly memoryFraction: number;
  /** `spark.memory.storageFraction` (0.5). */
  readonly storageFraction: number;
  /** `spark.testing.reservedMemory` when set; otherwise see `reservedMemoryFor`. */
  readonly reservedMemory?: number;
}

/**
 * Spark reserves 300 MiB and refuses heaps below 1.5 times that. Tests (and tiny local
 * sessions) would never start, so below 450 MiB the reserve shrinks to a third of the
 * memory, keeping the same 1.5x headroom rule.
 */
export function reservedMemoryFor(systemMemory: number): number {
  return Math.min(RESERVED_SYSTEM_MEMORY_BYTES, Math.floor(systemMemory / 3));
}

/** The unified pool's size and its storage region, as Spark's `getMaxMemory` computes them. */
export function computeMemoryLimits(s: MemorySizing): {
  maxMemory: number;
  storageRegionSize: number;
} {
  const reserved = s.reservedMemory ?? reservedMemoryFor(s.systemMemory);
  const minSystem = Math.ceil(reserved * 1.5);
  if (s.systemMemory < minSystem) {
    throw new RangeError(
      `System memory ${s.systemMemory} must be at least ${minSystem}; increase spark.driver.memory or spark.executor.memory`,
    );
  }
  const maxMemory = Math.floor((s.systemMemory - reserved) * s.memoryFraction);
  return { maxMemory, storageRegionSize: Math.floor(maxMemory * s.storageFraction) };
}

/**
 * Drops or moves cached blocks to free storage memory. Implemented by the memory store,
 * which lives on the executor's main thread. It must not call back into the memory
 * manager: the manager accounts for what it reports as freed.
 */
export interface StorageEvictor {
  /** Frees up to `bytes` (skipping blocks of the same RDD as `forBlockId`); returns bytes freed. */
  evictBlocksToFreeSpace(bytes: number, forBlockId?: string): number;
}

export interface UnifiedMemoryManagerOptions {
  readonly pool: SharedPool;
  /** Present on the thread that owns the memory store. */
  readonly evictor?: StorageEvictor;
  /**
   * Present on threads without the memory store (worker threads): asks the owner to evict
   * `bytes` of cached blocks and hand the space to execution, blocking until it answers.
   */
  readonly requestEviction?: (bytes: number) => void;
  /** How long one wait for other tasks to release memory lasts before re-checking. */
  readonly waitSliceMs?: number;
}

/**
 * Spark's UnifiedMemoryManager over counters shared by all threads of one executor.
 *
 * - Execution and storage share `maxMemory`; storage owns `storageRegionSize` of it.
 * - Storage may borrow free execution memory; execution takes back free storage memory, and
 *   may evict cached blocks until storage is down to its region (never below).
 * - Each of N active tasks may hold at most 1/N of the execution pool; a task that cannot
 *   get to 1/2N waits until others release memory.
 *
 * Tasks are identified by the slot (worker thread) they run in.
 */
export class UnifiedMemoryManager {
  readonly pool: SharedPool;
  readonly #evictor: StorageEvictor | undefined;
  readonly #requestEviction: ((bytes: number) => void) | undefined;
  readonly #waitSliceMs: number;

  constructor(options: UnifiedMemoryManagerOptions) {
    this.pool = options.pool;
    this.#evictor = options.evictor;
    this.#requestEviction = options.requestEviction;
    this.#waitSliceMs = options.waitSliceMs ?? 50;
  }

  get maxMemory(): number {
    return this.pool.withLock(() => this.pool.get(Slot.maxMemory));
  }

  /** Current counters (for metrics, the UI and tests). */
  snapshot(): MemorySnapshot {
    const p = this.pool;
    return p.withLock(() => ({
      maxMemory: p.get(Slot.maxMemory),
      storageRegionSize: p.get(Slot.storageRegionSize),
      storagePoolSize: p.get(Slot.storagePoolSize),
      storageUsed: p.get(Slot.storageUsed),
      executionPoolSize: p.get(Slot.executionPoolSize),
      executionUsed: p.get(Slot.executionUsed),
      activeTasks: p.activeTaskCount(),
    }));
  }

  /**
   * Grants up to `numBytes` of execution memory to the task in `taskSlot`; may block until
   * other tasks release memory (see the class comment). `checkInterrupted` is called while
   * waiting and may throw to abandon the wait (a killed task).
   */
  acquireExecutionMemory(
    numBytes: number,
    taskSlot: number,
    checkInterrupted?: () => void,
  ): number {
    if (numBytes <= 0) return 0;
    const p = this.pool;
    let evictionRequested = false;
    for (;;) {
      const step = p.withLock((): AcquireStep => {
        if (p.taskUsage(taskSlot) < 0) {
          p.setTaskUsage(taskSlot, 0);
          p.signalChange();
        }
        const activeTasks = p.activeTaskCount();
        const current = p.taskUsage(taskSlot);
        const pending = this.#growExecutionPool(numBytes - this.#executionFree());
        if (pending > 0 && !evictionRequested && this.#requestEviction) {
          return { kind: "evict", bytes: pending };
        }
        const regionUsed = Math.min(p.get(Slot.storageUsed), p.get(Slot.storageRegionSize));
        const maxPoolSize = p.get(Slot.maxMemory) - regionUsed;
        const maxPerTask = Math.floor(maxPoolSize / activeTasks);
        const minPerTask = Math.floor(p.get(Slot.executionPoolSize) / (2 * activeTasks));
        const maxToGrant = Math.min(numBytes, Math.max(0, maxPerTask - current));
        const toGrant = Math.min(maxToGrant, this.#executionFree());
        if (toGrant < numBytes && current + toGrant < minPerTask) {
          return { kind: "wait", version: p.version() };
        }
        p.setTaskUsage(taskSlot, current + toGrant);
        p.add(Slot.executionUsed, toGrant);
        return { kind: "granted", bytes: toGrant };
      });
      switch (step.kind) {
        case "granted":
          return step.bytes;
        case "evict":
          evictionRequested = true;
          this.#requestEviction?.(step.bytes);
          break;
        case "wait":
          checkInterrupted?.();
          p.waitForChange(step.version, this.#waitSliceMs);
          evictionRequested = false;
          break;
        default:
          assertNever(step);
      }
    }
  }

  releaseExecutionMemory(numBytes: number, taskSlot: number): void {
    const p = this.pool;
    p.withLock(() => {
      const current = Math.max(0, p.taskUsage(taskSlot));
      const freed = Math.min(current, numBytes);
      const left = current - freed;
      // A task whose balance drops to zero stops counting as active, as in Spark.
      p.setTaskUsage(taskSlot, left > 0 ? left : -1);
      p.add(Slot.executionUsed, -freed);
    });
    p.signalChange();
  }

  /** Releases everything the task in `taskSlot` holds (at task end); returns the bytes freed. */
  releaseAllExecutionMemoryForTask(taskSlot: number): number {
    const p = this.pool;
    const freed = p.withLock(() => {
      const current = Math.max(0, p.taskUsage(taskSlot));
      p.setTaskUsage(taskSlot, -1);
      p.add(Slot.executionUsed, -current);
      return current;
    });
    p.signalChange();
    return freed;
  }

  executionMemoryUsedByTask(taskSlot: number): number {
    return Math.max(
      0,
      this.pool.withLock(() => this.pool.taskUsage(taskSlot)),
    );
  }

  /**
   * Reserves storage memory for a block, borrowing free execution memory and evicting other
   * blocks as needed. Only the thread that owns the memory store calls this.
   */
  acquireStorageMemory(blockId: string, numBytes: number): boolean {
    const p = this.pool;
    return p.withLock(() => {
      const maxStorage = p.get(Slot.maxMemory) - p.get(Slot.executionUsed);
      if (numBytes > maxStorage) return false;
      const storageFree = this.#storageFree();
      if (numBytes > storageFree) {
        const borrow = Math.min(this.#executionFree(), numBytes - storageFree);
        p.add(Slot.executionPoolSize, -borrow);
        p.add(Slot.storagePoolSize, borrow);
      }
      if (numBytes > this.#storageFree() && this.#evictor) {
        const freed = this.#evictor.evictBlocksToFreeSpace(numBytes - this.#storageFree(), blockId);
        p.add(Slot.storageUsed, -freed);
      }
      if (numBytes > this.#storageFree()) return false;
      p.add(Slot.storageUsed, numBytes);
      return true;
    });
  }

  releaseStorageMemory(numBytes: number): void {
    const p = this.pool;
    p.withLock(() => p.add(Slot.storageUsed, -Math.min(numBytes, p.get(Slot.storageUsed))));
    p.signalChange();
  }

  /**
   * Answers a worker's eviction request: evicts up to `bytes` of blocks that storage holds
   * beyond its region and hands the space to execution. Runs on the memory store's thread.
   */
  shrinkStorageForExecution(bytes: number): number {
    const p = this.pool;
    const moved = p.withLock(() => {
      const reclaimable = p.get(Slot.storagePoolSize) - p.get(Slot.storageRegionSize);
      const want = Math.min(bytes, Math.max(0, reclaimable));
      return want > 0 ? this.#shrinkStoragePool(want, true) : 0;
    });
    if (moved > 0) p.signalChange();
    return moved;
  }

  #executionFree(): number {
    const p = this.pool;
    return p.get(Slot.executionPoolSize) - p.get(Slot.executionUsed);
  }

  #storageFree(): number {
    const p = this.pool;
    return p.get(Slot.storagePoolSize) - p.get(Slot.storageUsed);
  }

  /**
   * Spark's `maybeGrowExecutionPool`: takes free storage memory, and storage memory beyond
   * the storage region by eviction. Returns the bytes that still need evicting on another
   * thread (0 when this thread owns the memory store or nothing needs evicting).
   */
  #growExecutionPool(extraNeeded: number): number {
    if (extraNeeded <= 0) return 0;
    const p = this.pool;
    const reclaimable = Math.max(
      this.#storageFree(),
      p.get(Slot.storagePoolSize) - p.get(Slot.storageRegionSize),
    );
    if (reclaimable <= 0) return 0;
    const want = Math.min(extraNeeded, reclaimable);
    const moved = this.#shrinkStoragePool(want, this.#evictor !== undefined);
    return want - moved;
  }

  /** Moves up to `want` bytes of storage pool to execution; evicts when `evict` is set. */
  #shrinkStoragePool(want: number, evict: boolean): number {
    const p = this.pool;
    const unused = Math.min(want, this.#storageFree());
    let moved = unused;
    const remaining = want - unused;
    if (remaining > 0 && evict && this.#evictor) {
      const freed = this.#evictor.evictBlocksToFreeSpace(remaining);
      p.add(Slot.storageUsed, -freed);
      moved += Math.min(freed, remaining);
    }
    p.add(Slot.storagePoolSize, -moved);
    p.add(Slot.executionPoolSize, moved);
    return moved;
  }
}

export interface MemorySnapshot {
  readonly maxMemory: number;
  readonly storageRegionSize: number;
  readonly storagePoolSize: number;
  readonly storageUsed: number;
  readonly executionPoolSize: number;
  readonly executionUsed: number;
  readonly activeTasks: number;
}

type AcquireStep =
  | { readonly kind: "granted"; readonly bytes: number }
  | { readonly kind: "evict"; readonly bytes: number }
  | { readonly kind: "wait"; readonly version: number };

function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
