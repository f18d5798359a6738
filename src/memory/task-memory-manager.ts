import type { UnifiedMemoryManager } from "./memory-manager.ts";

/**
 * Something that holds execution memory on behalf of a task (a sort buffer, a hash table,
 * the shuffle writer's buffers) and can give it back by spilling to disk.
 *
 * Subclasses implement `spill`; they call `acquireMemory` before growing and `freeMemory`
 * when they shrink. `acquireMemory` may return less than asked: then the consumer must spill
 * (or fail), as Spark's operators do.
 */
export abstract class MemoryConsumer {
  readonly name: string;
  readonly taskMemoryManager: TaskMemoryManager;
  #used = 0;

  constructor(taskMemoryManager: TaskMemoryManager, name: string) {
    this.taskMemoryManager = taskMemoryManager;
    this.name = name;
  }

  /** Execution bytes this consumer holds. */
  get used(): number {
    return this.#used;
  }

  /**
   * Writes some of what this consumer holds to disk and frees its memory, synchronously.
   * Returns the bytes released (0 when it cannot spill now). `trigger` is the consumer whose
   * request caused the spill (possibly this one).
   */
  abstract spill(size: number, trigger: MemoryConsumer): number;

  /** Asks for `bytes`; returns what was granted (possibly less, after spilling others). */
  acquireMemory(bytes: number): number {
    const granted = this.taskMemoryManager.acquireExecutionMemory(bytes, this);
    return granted;
  }

  /** Returns `bytes` to the pool. */
  freeMemory(bytes: number): void {
    this.taskMemoryManager.releaseExecutionMemory(Math.min(bytes, this.#used), this);
  }

  /** @internal bookkeeping called by the task memory manager. */
  adjustUsed(delta: number): void {
    this.#used += delta;
  }
}

/**
 * Execution memory of one running task (Spark's TaskMemoryManager): tracks the task's
 * consumers and, when the pool refuses a request, spills the task's other consumers
 * (largest first) and then the requester itself. Consumers of other tasks live in other
 * worker threads; they are reached through the pool's fair-share rule (a task above its
 * 1/N share is refused, and one below 1/2N waits for the others to release).
 */
export class TaskMemoryManager {
  readonly memoryManager: UnifiedMemoryManager;
  readonly taskSlot: number;
  readonly #consumers = new Set<MemoryConsumer>();
  readonly #checkInterrupted: (() => void) | undefined;
  #used = 0;
  #peak = 0;
  #spilledBytes = 0;

  constructor(
    memoryManager: UnifiedMemoryManager,
    taskSlot: number,
    checkInterrupted?: () => void,
  ) {
    this.memoryManager = memoryManager;
    this.taskSlot = taskSlot;
    this.#checkInterrupted = checkInterrupted;
  }

  /** Peak execution memory the task held (a task metric). */
  get peakExecutionMemory(): number {
    return this.#peak;
  }

  get used(): number {
    return this.#used;
  }

  /** Bytes released by spills in this task (Spark's memoryBytesSpilled). */
  get memoryBytesSpilled(): number {
    return this.#spilledBytes;
  }

  acquireExecutionMemory(required: number, consumer: MemoryConsumer): number {
    if (required <= 0) return 0;
    this.#consumers.add(consumer);
    const mm = this.memoryManager;
    let got = mm.acquireExecutionMemory(required, this.taskSlot, this.#checkInterrupted);
    if (got < required) {
      const others = [...this.#consumers]
        .filter((c) => c !== consumer && c.used > 0)
        .sort((a, b) => b.used - a.used);
      for (const other of others) {
        if (got >= required) break;
        got += this.#spillAndReacquire(other, required - got, consumer);
      }
    }
    if (got < required) {
      got += this.#spillAndReacquire(consumer, required - got, consumer);
    }
    consumer.adjustUsed(got);
    this.#used += got;
    this.#peak = Math.max(this.#peak, this.#used);
    return got;
  }

  releaseExecutionMemory(bytes: number, consumer: MemoryConsumer): void {
    if (bytes <= 0) return;
    consumer.adjustUsed(-bytes);
    this.#used -= bytes;
    this.memoryManager.releaseExecutionMemory(bytes, this.taskSlot);
  }

  /** Forgets a consumer that is done (its memory must already be freed). */
  unregister(consumer: MemoryConsumer): void {
    if (consumer.used > 0) consumer.freeMemory(consumer.used);
    this.#consumers.delete(consumer);
  }

  /** Releases everything at task end; returns bytes that consumers leaked. */
  cleanUpAllAllocatedMemory(): number {
    for (const c of this.#consumers) c.adjustUsed(-c.used);
    this.#consumers.clear();
    this.#used = 0;
    return this.memoryManager.releaseAllExecutionMemoryForTask(this.taskSlot);
  }

  #spillAndReacquire(victim: MemoryConsumer, needed: number, trigger: MemoryConsumer): number {
    // The victim frees memory through freeMemory(), which returns it to the pool.
    const released = victim.spill(needed, trigger);
    if (released <= 0) return 0;
    this.#spilledBytes += released;
    return this.memoryManager.acquireExecutionMemory(needed, this.taskSlot, this.#checkInterrupted);
  }
}
