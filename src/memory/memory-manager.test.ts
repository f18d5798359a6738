import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import {
  computeMemoryLimits,
  type StorageEvictor,
  UnifiedMemoryManager,
} from "./memory-manager.ts";
import { SharedPool } from "./shared-pool.ts";
import { MemoryConsumer, TaskMemoryManager } from "./task-memory-manager.ts";

function manager(
  maxMemory: number,
  storageRegionSize: number,
  slots = 2,
  evictor?: StorageEvictor,
) {
  const pool = SharedPool.create({ maxMemory, storageRegionSize, numTaskSlots: slots });
  return new UnifiedMemoryManager(
    evictor ? { pool, evictor, waitSliceMs: 5 } : { pool, waitSliceMs: 5 },
  );
}

/** A fake memory store: blocks of given sizes, evicted oldest first. */
class FakeStore implements StorageEvictor {
  blocks: { id: string; size: number }[] = [];
  evicted: string[] = [];
  evictBlocksToFreeSpace(bytes: number, forBlockId?: string): number {
    let freed = 0;
    while (freed < bytes) {
      const i = this.blocks.findIndex((b) => b.id !== forBlockId);
      const b = i >= 0 ? this.blocks[i] : undefined;
      if (!b) break;
      this.blocks.splice(i, 1);
      this.evicted.push(b.id);
      freed += b.size;
    }
    return freed;
  }
}

describe("UnifiedMemoryManager", () => {
  it("sizes the pools like Spark", () => {
    const gib = 1024 ** 3;
    const l = computeMemoryLimits({ systemMemory: gib, memoryFraction: 0.6, storageFraction: 0.5 });
    assert.equal(l.maxMemory, Math.floor((gib - 300 * 1024 * 1024) * 0.6));
    assert.equal(l.storageRegionSize, Math.floor(l.maxMemory * 0.5));
    // Tiny test heaps keep working with a scaled-down reserve.
    const t = computeMemoryLimits({
      systemMemory: 3000,
      memoryFraction: 0.6,
      storageFraction: 0.5,
    });
    assert.equal(t.maxMemory, 1200);
    assert.throws(() =>
      computeMemoryLimits({
        systemMemory: 100,
        memoryFraction: 0.6,
        storageFraction: 0.5,
        reservedMemory: 100,
      }),
    );
  });

  it("lets storage borrow free execution memory and execution take it back by eviction", () => {
    const store = new FakeStore();
    const mm = manager(1000, 500, 2, store);
    // Storage fills its region and borrows 300 from execution.
    for (const [id, size] of [
      ["rdd_1_0", 400],
      ["rdd_1_1", 400],
    ] as const) {
      assert.equal(mm.acquireStorageMemory(id, size), true);
      store.blocks.push({ id, size });
    }
    let s = mm.snapshot();
    assert.equal(s.storageUsed, 800);
    assert.equal(s.storagePoolSize, 800);
    assert.equal(s.executionPoolSize, 200);
    // Execution wants 500: takes its 200 and evicts storage back toward its region.
    const got = mm.acquireExecutionMemory(500, 0);
    assert.equal(got, 500);
    s = mm.snapshot();
    assert.deepEqual(store.evicted, ["rdd_1_0"]);
    assert.equal(s.storageUsed, 400);
    assert.equal(s.executionUsed, 500);
    assert.equal(s.storagePoolSize + s.executionPoolSize, 1000);
  });

  it("never evicts storage below its region", () => {
    const store = new FakeStore();
    const mm = manager(1000, 500, 1, store);
    assert.equal(mm.acquireStorageMemory("rdd_1_0", 500), true);
    store.blocks.push({ id: "rdd_1_0", size: 500 });
    assert.equal(mm.acquireExecutionMemory(800, 0), 500);
    assert.deepEqual(store.evicted, []);
  });

  it("refuses storage that cannot fit beside used execution memory", () => {
    const mm = manager(1000, 500, 1);
    assert.equal(mm.acquireExecutionMemory(700, 0), 700);
    assert.equal(mm.acquireStorageMemory("rdd_2_0", 400), false);
    assert.equal(mm.acquireStorageMemory("rdd_2_0", 300), true);
  });

  it("caps each task at 1/N of the execution pool", () => {
    const mm = manager(1000, 0, 2);
    assert.equal(mm.acquireExecutionMemory(100, 1), 100); // task 1 becomes active
    assert.equal(mm.acquireExecutionMemory(1000, 0), 500); // 1/N with N = 2
    assert.equal(mm.acquireExecutionMemory(1000, 1), 400); // task 1: only what is free
    mm.releaseAllExecutionMemoryForTask(1);
    assert.equal(mm.acquireExecutionMemory(1000, 0), 500); // alone again: up to the whole pool
    assert.equal(mm.snapshot().executionUsed, 1000);
  });

  it("makes a task below 1/2N wait until a task on another thread releases", async () => {
    const mm = manager(1000, 0, 2);
    assert.equal(mm.acquireExecutionMemory(1000, 0), 1000);
    const worker = new Worker(new URL("./testing/acquire-worker.ts", import.meta.url), {
      workerData: { buffer: mm.pool.buffer, slot: 1, bytes: 300 },
    });
    const started = await new Promise((r) => worker.once("message", r));
    assert.equal(started, "waiting");
    await new Promise((r) => setTimeout(r, 50));
    mm.releaseExecutionMemory(600, 0);
    const granted = await new Promise((r) => worker.once("message", r));
    assert.equal(granted, 300);
    await worker.terminate();
  });

  it("abandons a wait when the task is interrupted", () => {
    const mm = manager(1000, 0, 2);
    mm.acquireExecutionMemory(1000, 0);
    let checks = 0;
    assert.throws(
      () =>
        mm.acquireExecutionMemory(100, 1, () => {
          if (++checks > 2) throw new Error("killed");
        }),
      /killed/,
    );
  });
});

class Buffering extends MemoryConsumer {
  held = 0;
  spills = 0;
  grow(bytes: number): number {
    const got = this.acquireMemory(bytes);
    this.held += got;
    return got;
  }
  spill(_size: number, trigger: MemoryConsumer): number {
    if (trigger === this && this.held === 0) return 0;
    const n = this.held;
    this.spills++;
    this.held = 0;
    this.freeMemory(n);
    return n;
  }
}

describe("TaskMemoryManager", () => {
  it("spills another consumer of the task when the pool refuses", () => {
    const mm = manager(1000, 0, 1);
    const tmm = new TaskMemoryManager(mm, 0);
    const sorter = new Buffering(tmm, "sorter");
    const agg = new Buffering(tmm, "agg");
    assert.equal(sorter.grow(800), 800);
    assert.equal(agg.grow(500), 500);
    assert.equal(sorter.spills, 1);
    assert.equal(sorter.used, 0);
    assert.equal(agg.used, 500);
    assert.equal(tmm.peakExecutionMemory, 800);
    assert.equal(tmm.memoryBytesSpilled, 800);
    assert.equal(tmm.cleanUpAllAllocatedMemory(), 500);
    assert.equal(mm.snapshot().executionUsed, 0);
  });

  it("spills the requester itself when nothing else can give", () => {
    const mm = manager(1000, 0, 1);
    const tmm = new TaskMemoryManager(mm, 0);
    const sorter = new Buffering(tmm, "sorter");
    assert.equal(sorter.grow(900), 900);
    assert.equal(sorter.grow(500), 500);
    assert.equal(sorter.spills, 1);
    assert.equal(sorter.used, 500);
  });
});
