import assert from "node:assert/strict";
import os from "node:os";
import { afterEach, beforeEach, describe, it } from "node:test";
import { UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import { BlockManager } from "./block-manager.ts";
import { BlockManagerMaster } from "./block-manager-master.ts";
import { compressionCodec } from "./compression.ts";
import { DiskDirs } from "./disk-dirs.ts";
import { SpillFile } from "./spill-file.ts";

let dirs: DiskDirs;
beforeEach(() => {
  dirs = DiskDirs.create(os.tmpdir(), "test");
});
afterEach(() => dirs.removeAll());

function setup(maxMemory: number, storageRegion: number) {
  const master = new BlockManagerMaster();
  const bm = new BlockManager("exec-1", dirs.blocksDir, (s) => master.updateBlockInfo("exec-1", s));
  const pool = SharedPool.create({ maxMemory, storageRegionSize: storageRegion, numTaskSlots: 1 });
  const mm = new UnifiedMemoryManager({ pool, evictor: bm });
  bm.attach(mm);
  return { bm, mm, master };
}

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe("BlockManager", () => {
  it("evicts least recently used blocks: MEMORY_ONLY dropped, MEMORY_AND_DISK to disk", () => {
    const { bm, mm, master } = setup(1000, 500);
    assert.ok(bm.put("rdd_1_0", bytes(400, 1), "MEMORY_ONLY"));
    assert.ok(bm.put("rdd_2_0", bytes(400, 2), "MEMORY_AND_DISK"));
    bm.get("rdd_1_0"); // rdd_2_0 is now the least recently used
    assert.ok(bm.put("rdd_3_0", bytes(400, 3), "MEMORY_ONLY"));
    assert.equal(bm.where("rdd_2_0"), "disk");
    assert.deepEqual(bm.get("rdd_2_0"), bytes(400, 2));
    assert.equal(bm.where("rdd_1_0"), "memory");
    assert.ok(bm.put("rdd_4_0", bytes(400, 4), "MEMORY_ONLY"));
    assert.equal(bm.get("rdd_1_0"), undefined, "a dropped MEMORY_ONLY block is absent");
    assert.deepEqual(master.getLocations("rdd_1_0"), []);
    assert.deepEqual(master.getLocations("rdd_4_0"), ["exec-1"]);
    assert.equal(mm.snapshot().storageUsed, 800);
  });

  it("does not evict blocks of the RDD being cached", () => {
    const { bm } = setup(1000, 500);
    assert.ok(bm.put("rdd_1_0", bytes(600), "MEMORY_ONLY"));
    assert.equal(bm.put("rdd_1_1", bytes(600), "MEMORY_ONLY"), false);
    assert.equal(bm.where("rdd_1_0"), "memory");
    assert.ok(bm.put("rdd_1_1", bytes(600), "MEMORY_AND_DISK"));
    assert.equal(bm.where("rdd_1_1"), "disk");
  });

  it("stores DISK_ONLY blocks on disk and removes by prefix", () => {
    const { bm, mm, master } = setup(1000, 500);
    bm.put("rdd_7_0", bytes(10), "DISK_ONLY");
    bm.put("rdd_7_1", bytes(10), "MEMORY_ONLY");
    bm.put("broadcast_0", bytes(10), "MEMORY_AND_DISK");
    assert.equal(bm.where("rdd_7_0"), "disk");
    assert.equal(bm.removeBlocks("rdd_7_"), 2);
    assert.deepEqual(bm.blockIds(), ["broadcast_0"]);
    assert.deepEqual(master.blocksWithPrefix("rdd_"), []);
    assert.equal(mm.snapshot().storageUsed, 10);
  });

  it("gives cached memory back to execution down to the storage region", () => {
    const { bm, mm } = setup(1000, 300);
    bm.put("rdd_1_0", bytes(300), "MEMORY_AND_DISK");
    bm.put("rdd_1_1", bytes(300), "MEMORY_ONLY");
    assert.equal(mm.shrinkStorageForExecution(1000), 300);
    assert.equal(bm.where("rdd_1_0"), "disk");
    assert.equal(bm.where("rdd_1_1"), "memory");
    assert.equal(mm.acquireExecutionMemory(1000, 0), 700);
  });
});

describe("SpillFile", () => {
  for (const codec of ["lz4", "zstd", "none"]) {
    it(`round-trips segments with ${codec}`, () => {
      const f = new SpillFile(dirs.tempFile(dirs.spillDir, "spill"), compressionCodec(codec));
      const a = f.write(new TextEncoder().encode("hello ".repeat(100)));
      const b = f.write(bytes(1000, 7));
      f.finish();
      assert.equal(new TextDecoder().decode(f.read(a)[0]), "hello ".repeat(100));
      assert.deepEqual(
        f.read({ offset: a.offset, length: a.length + b.length })[1],
        bytes(1000, 7),
      );
      f.delete();
    });
  }
});
