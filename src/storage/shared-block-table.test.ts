/**
 * Tagged blocks and the shared block table: a block manager with the table hook records
 * the tag of each tagged block in memory and clears it when the block is removed,
 * replaced or evicted; untagged bytes never match.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import { BlockManager } from "./block-manager.ts";
import { SharedBlockTable, taggedBlock, tagOf } from "./shared-block-table.ts";

test("tags travel with shared bytes only", () => {
  const bytes = taggedBlock(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
  assert.deepEqual([...bytes], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(bytes.buffer instanceof SharedArrayBuffer);
  const tag = tagOf(bytes);
  assert.ok(tag !== undefined);
  assert.notDeepEqual(tagOf(taggedBlock(new Uint8Array(8))), tag);
  assert.equal(tagOf(new Uint8Array(8)), undefined);
  assert.equal(tagOf(bytes.subarray(0, 4)), undefined);
});

test("the table follows a block manager's memory: put, replace, remove, evict", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flint-sbt-"));
  try {
    const table = SharedBlockTable.create();
    const bm = new BlockManager(
      "e",
      dir,
      () => {},
      (id, bytes) => table.set(id, bytes === undefined ? null : (tagOf(bytes) ?? null)),
    );
    const pool = SharedPool.create({ maxMemory: 100, storageRegionSize: 50, numTaskSlots: 1 });
    bm.attach(new UnifiedMemoryManager({ pool, evictor: bm }));
    const a = taggedBlock(new Uint8Array(40));
    assert.ok(bm.put("rdd_1_0", a, "MEMORY_AND_DISK"));
    assert.ok(table.holds("rdd_1_0", tagOf(a)!));
    const a2 = taggedBlock(new Uint8Array(40));
    bm.put("rdd_1_0", a2, "MEMORY_AND_DISK");
    assert.ok(!table.holds("rdd_1_0", tagOf(a)!));
    assert.ok(table.holds("rdd_1_0", tagOf(a2)!));
    // another RDD's block needs the room: rdd_1_0 goes to disk, its slot is cleared
    const b = taggedBlock(new Uint8Array(80));
    assert.ok(bm.put("rdd_2_0", b, "MEMORY_ONLY"));
    assert.equal(bm.where("rdd_1_0"), "disk");
    assert.ok(!table.holds("rdd_1_0", tagOf(a2)!));
    assert.ok(table.holds("rdd_2_0", tagOf(b)!));
    bm.remove("rdd_2_0");
    assert.ok(!table.holds("rdd_2_0", tagOf(b)!));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
