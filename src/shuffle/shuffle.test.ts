import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import { afterEach, beforeEach, describe, it } from "node:test";
import { UnifiedMemoryManager } from "../memory/memory-manager.ts";
import { SharedPool } from "../memory/shared-pool.ts";
import { TaskMemoryManager } from "../memory/task-memory-manager.ts";
import { compressionCodec } from "../storage/compression.ts";
import { DiskDirs } from "../storage/disk-dirs.ts";
import { dataFile, indexFile } from "./shuffle-files.ts";
import {
  FetchFailedError,
  LocalShuffleBlockFetcher,
  type ShuffleInput,
  ShuffleReader,
} from "./shuffle-reader.ts";
import { ShuffleWriter } from "./shuffle-writer.ts";

let dirs: DiskDirs;
beforeEach(() => {
  dirs = DiskDirs.create(os.tmpdir(), "shuffle-test");
});
afterEach(() => dirs.removeAll());

const enc = new TextEncoder();
const dec = new TextDecoder();

function tmm(maxMemory = 1 << 20): TaskMemoryManager {
  const pool = SharedPool.create({ maxMemory, storageRegionSize: 0, numTaskSlots: 1 });
  return new TaskMemoryManager(new UnifiedMemoryManager({ pool }), 0);
}

/** Writes map output `mapId` with segments `m<mapId>p<p>s<i>`. */
function writeMap(mapId: number, codecName: string, memory?: number) {
  const w = new ShuffleWriter({
    taskMemoryManager: tmm(memory),
    dirs,
    shuffleId: 3,
    mapId,
    numReducePartitions: 4,
    codec: compressionCodec(codecName),
  });
  // Out of partition order on purpose, with a payload that compresses.
  for (const p of [2, 0, 3, 2, 0]) {
    const n = p === 2 ? 1 : 0;
    w.write(p, enc.encode(`m${mapId}p${p}s${n}:${"x".repeat(200)}`), 10);
  }
  return w.commit();
}

function input(mapIds: number[]): ShuffleInput {
  return {
    shuffleId: 3,
    numReducePartitions: 4,
    maps: mapIds.map((mapId, mapIndex) => ({ mapIndex, mapId, executorId: "e" })),
  };
}

describe("shuffle files", () => {
  for (const codec of ["lz4", "zstd", "none"]) {
    it(`round-trips segments by partition with ${codec}`, async () => {
      const c0 = writeMap(100, codec);
      writeMap(101, codec);
      assert.equal(c0.partitionLengths[1], 0);
      assert.deepEqual(c0.recordCounts, [20, 0, 20, 10]);
      if (codec !== "none") assert.ok(c0.bytesWritten < 5 * 200);
      const reader = new ShuffleReader(
        new LocalShuffleBlockFetcher(dirs.shuffleDir),
        compressionCodec(codec),
        "e",
      );
      const p2 = (
        await reader.readAll(input([100, 101]), { startPartition: 2, endPartition: 3 })
      ).map((s) => dec.decode(s).split(":")[0]);
      assert.deepEqual(p2, ["m100p2s1", "m100p2s1", "m101p2s1", "m101p2s1"]);
      const range = (
        await reader.readAll(input([100, 101]), {
          startPartition: 0,
          endPartition: 4,
          startMapIndex: 1,
        })
      ).map((s) => dec.decode(s).split(":")[0]);
      assert.deepEqual(range, ["m101p0s0", "m101p0s0", "m101p2s1", "m101p2s1", "m101p3s0"]);
      assert.ok(fs.readdirSync(dirs.shuffleDir).every((f) => !f.endsWith(".tmp")));
    });
  }

  it("spills when memory is short and merges spills in partition order", async () => {
    const c = writeMap(7, "lz4", 100);
    assert.ok(c.spillBytes > 0);
    const reader = new ShuffleReader(
      new LocalShuffleBlockFetcher(dirs.shuffleDir),
      compressionCodec("lz4"),
      "e",
    );
    const all = (await reader.readAll(input([7]), { startPartition: 0, endPartition: 4 })).map(
      (s) => dec.decode(s).split(":")[0],
    );
    assert.deepEqual(all, ["m7p0s0", "m7p0s0", "m7p2s1", "m7p2s1", "m7p3s0"]);
    assert.deepEqual(fs.readdirSync(dirs.spillDir), []);
  });

  it("reports a missing or corrupt map output as a fetch failure", async () => {
    writeMap(1, "lz4");
    writeMap(2, "lz4");
    const reader = new ShuffleReader(
      new LocalShuffleBlockFetcher(dirs.shuffleDir),
      compressionCodec("lz4"),
      "e",
    );
    fs.rmSync(dataFile(dirs.shuffleDir, 3, 2));
    await assert.rejects(
      reader.readAll(input([1, 2]), { startPartition: 0, endPartition: 1 }),
      (e) => {
        assert.ok(e instanceof FetchFailedError);
        assert.equal(e.mapIndex, 1);
        assert.equal(e.shuffleId, 3);
        return true;
      },
    );
    const data = dataFile(dirs.shuffleDir, 3, 1);
    const bytes = fs.readFileSync(data);
    bytes[20] = (bytes[20] ?? 0) ^ 0xff;
    fs.writeFileSync(data, bytes);
    await assert.rejects(
      reader.readAll(input([1]), { startPartition: 0, endPartition: 1 }),
      /Corrupt shuffle block/,
    );
    fs.rmSync(indexFile(dirs.shuffleDir, 3, 1));
    await assert.rejects(
      reader.readAll(input([1]), { startPartition: 0, endPartition: 1 }),
      FetchFailedError,
    );
    const missing: ShuffleInput = { shuffleId: 3, numReducePartitions: 4, maps: [undefined] };
    await assert.rejects(
      reader.readAll(missing, { startPartition: 0, endPartition: 1 }),
      FetchFailedError,
    );
  });
});
