/**
 * Per-slot control words shared between the executor's main thread and its worker threads
 * (one Int32 pair per slot), so a kill or an eviction answer reaches a worker that is busy
 * in synchronous code or blocked waiting for memory.
 */
const STRIDE = 2;
const KILL = 0;
const EVICT = 1;

export class SlotControl {
  readonly buffer: SharedArrayBuffer;
  readonly #words: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.#words = new Int32Array(buffer);
  }

  static create(slots: number): SlotControl {
    return new SlotControl(new SharedArrayBuffer(slots * STRIDE * 4));
  }

  setKilled(slot: number, killed: boolean): void {
    Atomics.store(this.#words, slot * STRIDE + KILL, killed ? 1 : 0);
  }

  isKilled(slot: number): boolean {
    return Atomics.load(this.#words, slot * STRIDE + KILL) === 1;
  }

  /** Worker side: marks an eviction request as pending. */
  beginEviction(slot: number): void {
    Atomics.store(this.#words, slot * STRIDE + EVICT, 0);
  }

  /** Worker side: blocks until the main thread answered or the timeout passed. */
  awaitEviction(slot: number, timeoutMs: number): void {
    Atomics.wait(this.#words, slot * STRIDE + EVICT, 0, timeoutMs);
  }

  /** Main side: answers an eviction request. */
  completeEviction(slot: number): void {
    Atomics.store(this.#words, slot * STRIDE + EVICT, 1);
    Atomics.notify(this.#words, slot * STRIDE + EVICT);
  }
}
