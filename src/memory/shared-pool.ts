/**
 * The executor-wide memory counters, kept in one SharedArrayBuffer so that every worker
 * thread of an executor acquires from the same pools without a message round trip.
 *
 * Layout: an Int32 header (a lock word and a change counter that waiters sleep on),
 * followed by Float64 counters (byte counts stay exact below 2^53). Every read and write of
 * the counters happens under the lock; the lock's atomic operations order them.
 */

const LOCK = 0;
const VERSION = 1;
const HEADER_INT32S = 4;

/** Indexes into the Float64 view. */
export const Slot = {
  maxMemory: 0,
  storageRegionSize: 1,
  storagePoolSize: 2,
  storageUsed: 3,
  executionPoolSize: 4,
  executionUsed: 5,
} as const;
const FIRST_TASK_SLOT = 6;

/** Marks a task slot that holds no active task. */
const INACTIVE = -1;

export interface SharedPoolInit {
  readonly maxMemory: number;
  readonly storageRegionSize: number;
  /** How many tasks can run at once (one counter each). */
  readonly numTaskSlots: number;
}

/** A view over the shared counters; construct one per thread from the same buffer. */
export class SharedPool {
  readonly buffer: SharedArrayBuffer;
  readonly numTaskSlots: number;
  readonly #ints: Int32Array;
  readonly #nums: Float64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.#ints = new Int32Array(buffer, 0, HEADER_INT32S);
    this.#nums = new Float64Array(buffer, HEADER_INT32S * 4);
    this.numTaskSlots = this.#nums.length - FIRST_TASK_SLOT;
  }

  static create(init: SharedPoolInit): SharedPool {
    const bytes = HEADER_INT32S * 4 + (FIRST_TASK_SLOT + init.numTaskSlots) * 8;
    const pool = new SharedPool(new SharedArrayBuffer(bytes));
    const n = pool.#nums;
    n[Slot.maxMemory] = init.maxMemory;
    n[Slot.storageRegionSize] = init.storageRegionSize;
    n[Slot.storagePoolSize] = init.storageRegionSize;
    n[Slot.storageUsed] = 0;
    n[Slot.executionPoolSize] = init.maxMemory - init.storageRegionSize;
    n[Slot.executionUsed] = 0;
    for (let i = 0; i < init.numTaskSlots; i++) n[FIRST_TASK_SLOT + i] = INACTIVE;
    return pool;
  }

  /** Runs `fn` holding the lock. `fn` must not call `withLock` again (not reentrant). */
  withLock<T>(fn: () => T): T {
    const ints = this.#ints;
    while (Atomics.compareExchange(ints, LOCK, 0, 1) !== 0) {
      // Sleep briefly on the lock word while another thread holds it.
      Atomics.wait(ints, LOCK, 1, 1);
    }
    try {
      return fn();
    } finally {
      Atomics.store(ints, LOCK, 0);
      Atomics.notify(ints, LOCK, 1);
    }
  }

  get(slot: number): number {
    return this.#nums[slot] ?? 0;
  }

  set(slot: number, value: number): void {
    this.#nums[slot] = value;
  }

  add(slot: number, delta: number): void {
    this.#nums[slot] = (this.#nums[slot] ?? 0) + delta;
  }

  /** Execution bytes held by the task in `taskSlot`, or -1 when no task is active there. */
  taskUsage(taskSlot: number): number {
    return this.#nums[FIRST_TASK_SLOT + taskSlot] ?? INACTIVE;
  }

  setTaskUsage(taskSlot: number, bytes: number): void {
    this.#nums[FIRST_TASK_SLOT + taskSlot] = bytes;
  }

  activeTaskCount(): number {
    let n = 0;
    for (let i = 0; i < this.numTaskSlots; i++) if (this.taskUsage(i) >= 0) n++;
    return n;
  }

  /** The change counter that `waitForChange` sleeps on; read it under the lock. */
  version(): number {
    return Atomics.load(this.#ints, VERSION);
  }

  /** Wakes every thread waiting for memory to be released. Call after releasing memory. */
  signalChange(): void {
    Atomics.add(this.#ints, VERSION, 1);
    Atomics.notify(this.#ints, VERSION);
  }

  /** Sleeps (blocking this thread) until `signalChange` or the timeout. */
  waitForChange(seenVersion: number, timeoutMs: number): void {
    Atomics.wait(this.#ints, VERSION, seenVersion, timeoutMs);
  }
}
