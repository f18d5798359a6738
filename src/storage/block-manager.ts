import fs from "node:fs";
import path from "node:path";
import type { StorageEvictor, UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { readRange, writeFileAtomic } from "./disk-dirs.ts";
import {
  type BlockStatus,
  rddIdOf,
  type StorageLevel,
  useDisk,
  useMemory,
} from "./storage-level.ts";

interface MemoryEntry {
  readonly bytes: Uint8Array;
  readonly level: StorageLevel;
}

/**
 * One executor's store of blocks (bytes by block id): cached partitions, broadcast pieces.
 * Lives on the executor's main thread; worker threads reach it through messages.
 *
 * Memory is accounted in the storage pool of the unified memory manager. When storage needs
 * room (for a new block, or because execution takes its memory back), the least recently
 * used blocks go first: MEMORY_AND_DISK blocks move to disk, MEMORY_ONLY blocks are dropped,
 * and their owner recomputes them (`get` then returns undefined). A block never evicts
 * another block of the same RDD, as in Spark.
 */
export class BlockManager implements StorageEvictor {
  readonly executorId: string;
  readonly #dir: string;
  #memoryManager: UnifiedMemoryManager | undefined;
  /** Insertion order is recency order: a read moves the entry to the end. */
  readonly #memory = new Map<string, MemoryEntry>();
  readonly #disk = new Map<string, { readonly level: StorageLevel; readonly size: number }>();
  readonly #onUpdate: (status: BlockStatus) => void;
  readonly #onMemoryChange: ((blockId: string, bytes: Uint8Array | undefined) => void) | undefined;

  /**
   * `onMemoryChange` hears every block entering (with its bytes) or leaving (undefined)
   * memory, before the status report; the executor mirrors it in its SharedBlockTable.
   */
  constructor(
    executorId: string,
    blocksDir: string,
    onUpdate: (status: BlockStatus) => void,
    onMemoryChange?: (blockId: string, bytes: Uint8Array | undefined) => void,
  ) {
    this.executorId = executorId;
    this.#dir = blocksDir;
    this.#onUpdate = onUpdate;
    this.#onMemoryChange = onMemoryChange;
  }

  /** Wires the memory manager (which in turn uses this block manager as its evictor). */
  attach(memoryManager: UnifiedMemoryManager): void {
    this.#memoryManager = memoryManager;
  }

  /** Stores a block; returns false when the level allows memory only and it did not fit. */
  put(blockId: string, bytes: Uint8Array, level: StorageLevel): boolean {
    this.remove(blockId, false);
    let stored = false;
    if (useMemory(level) && this.#mm().acquireStorageMemory(blockId, bytes.byteLength)) {
      this.#memory.set(blockId, { bytes, level });
      this.#onMemoryChange?.(blockId, bytes);
      stored = true;
    } else if (useDisk(level)) {
      this.#writeDisk(blockId, bytes, level);
      stored = true;
    }
    if (stored) this.#report(blockId, level);
    return stored;
  }

  /** The block's bytes, or undefined when this executor does not have it (any more). */
  get(blockId: string): Uint8Array | undefined {
    const entry = this.#memory.get(blockId);
    if (entry) {
      this.#memory.delete(blockId);
      this.#memory.set(blockId, entry);
      return entry.bytes;
    }
    const onDisk = this.#disk.get(blockId);
    if (!onDisk) return undefined;
    try {
      return readRange(this.#file(blockId), 0, onDisk.size);
    } catch {
      this.#disk.delete(blockId);
      this.#report(blockId, onDisk.level);
      return undefined;
    }
  }

  contains(blockId: string): boolean {
    return this.#memory.has(blockId) || this.#disk.has(blockId);
  }

  /** Where a block is held here ("memory", "disk" or undefined). */
  where(blockId: string): "memory" | "disk" | undefined {
    if (this.#memory.has(blockId)) return "memory";
    return this.#disk.has(blockId) ? "disk" : undefined;
  }

  remove(blockId: string, report = true): boolean {
    const entry = this.#memory.get(blockId);
    const onDisk = this.#disk.get(blockId);
    if (entry) {
      this.#memory.delete(blockId);
      this.#onMemoryChange?.(blockId, undefined);
      this.#mm().releaseStorageMemory(entry.bytes.byteLength);
    }
    if (onDisk) {
      this.#disk.delete(blockId);
      fs.rmSync(this.#file(blockId), { force: true });
    }
    const level = entry?.level ?? onDisk?.level;
    if (report && level) this.#report(blockId, level);
    return level !== undefined;
  }

  /** Removes every block whose id starts with `prefix` (unpersist); returns how many. */
  removeBlocks(prefix: string): number {
    const ids = new Set([...this.#memory.keys(), ...this.#disk.keys()]);
    let n = 0;
    for (const id of ids) if (id.startsWith(prefix) && this.remove(id)) n++;
    return n;
  }

  blockIds(): string[] {
    return [...new Set([...this.#memory.keys(), ...this.#disk.keys()])];
  }

  /**
   * StorageEvictor: called by the memory manager under its lock. Frees memory by moving
   * least recently used blocks to disk or dropping them; reports the bytes freed without
   * calling back into the memory manager.
   */
  evictBlocksToFreeSpace(bytes: number, forBlockId?: string): number {
    const protectedRdd = forBlockId === undefined ? undefined : rddIdOf(forBlockId);
    const victims: string[] = [];
    let selected = 0;
    for (const [id, entry] of this.#memory) {
      if (selected >= bytes) break;
      if (id === forBlockId) continue;
      if (protectedRdd !== undefined && rddIdOf(id) === protectedRdd) continue;
      victims.push(id);
      selected += entry.bytes.byteLength;
    }
    // Spark evicts nothing unless the selected blocks free enough space.
    if (selected < bytes) return 0;
    let freed = 0;
    for (const id of victims) {
      const entry = this.#memory.get(id);
      if (!entry) continue;
      this.#memory.delete(id);
      this.#onMemoryChange?.(id, undefined);
      freed += entry.bytes.byteLength;
      if (useDisk(entry.level)) this.#writeDisk(id, entry.bytes, entry.level);
      this.#report(id, entry.level);
    }
    return freed;
  }

  /** Deletes every block (executor shutdown). */
  clear(): void {
    for (const id of this.blockIds()) this.remove(id, false);
  }

  #writeDisk(blockId: string, bytes: Uint8Array, level: StorageLevel): void {
    writeFileAtomic(this.#file(blockId), bytes);
    this.#disk.set(blockId, { level, size: bytes.byteLength });
  }

  #report(blockId: string, level: StorageLevel): void {
    this.#onUpdate({
      blockId,
      level,
      memSize: this.#memory.get(blockId)?.bytes.byteLength ?? 0,
      diskSize: this.#disk.get(blockId)?.size ?? 0,
    });
  }

  #file(blockId: string): string {
    return path.join(this.#dir, blockId);
  }

  #mm(): UnifiedMemoryManager {
    if (!this.#memoryManager) throw new Error("BlockManager used before attach()");
    return this.#memoryManager;
  }
}
