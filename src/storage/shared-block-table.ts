/**
 * Which in-memory blocks an executor's block manager holds, in shared memory, so that its
 * worker threads can keep using a block they already have without asking the main thread.
 *
 * A block stored in shared memory carries a random 8-byte tag right after its bytes
 * (`taggedBlock`); the main thread writes the tag of each block it holds in memory into
 * this table (slot = hash of the block id) and clears the slot when the block leaves
 * memory (removed, evicted, replaced). A worker that kept a block checks the slot: same
 * tag, the block is still there; anything else (cleared, another block in the same slot),
 * it asks the block manager as usual. The bytes are immutable, so a worker reading a
 * block that is being removed reads a consistent copy, as if it had fetched it just before.
 */

const SLOTS = 4096;
const TAG_BYTES = 8;

export type BlockTag = readonly [number, number];

function slotOf(blockId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < blockId.length; i++) h = Math.imul(h ^ blockId.charCodeAt(i), 0x01000193);
  return (h >>> 0) & (SLOTS - 1);
}

export class SharedBlockTable {
  readonly buffer: SharedArrayBuffer;
  readonly #words: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.#words = new Int32Array(buffer);
  }

  static create(): SharedBlockTable {
    return new SharedBlockTable(new SharedArrayBuffer(SLOTS * TAG_BYTES));
  }

  /** Main thread: the block is in memory with this tag (null: not in memory, or untagged). */
  set(blockId: string, tag: BlockTag | null): void {
    const s = 2 * slotOf(blockId);
    Atomics.store(this.#words, s, tag === null ? 0 : tag[0]);
    Atomics.store(this.#words, s + 1, tag === null ? 0 : tag[1]);
  }

  /** Worker: whether the block manager still holds the block with this tag in memory. */
  holds(blockId: string, tag: BlockTag): boolean {
    const s = 2 * slotOf(blockId);
    return Atomics.load(this.#words, s) === tag[0] && Atomics.load(this.#words, s + 1) === tag[1];
  }
}

/** A copy of `bytes` in shared memory, followed by a fresh random tag (never all zero). */
export function taggedBlock(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength + TAG_BYTES));
  shared.set(bytes);
  const tag = new Int32Array(2);
  crypto.getRandomValues(tag);
  const view = new DataView(shared.buffer, bytes.byteLength, TAG_BYTES);
  view.setInt32(0, tag[0]! | 1, true);
  view.setInt32(4, tag[1]!, true);
  return shared.subarray(0, bytes.byteLength);
}

/** The tag of a block made by `taggedBlock`, or undefined for any other bytes. */
export function tagOf(bytes: Uint8Array): BlockTag | undefined {
  const buf = bytes.buffer;
  const end = bytes.byteOffset + bytes.byteLength;
  if (!(buf instanceof SharedArrayBuffer) || buf.byteLength !== end + TAG_BYTES) return undefined;
  const view = new DataView(buf, end, TAG_BYTES);
  const tag: BlockTag = [view.getInt32(0, true), view.getInt32(4, true)];
  return tag[0] === 0 && tag[1] === 0 ? undefined : tag;
}
