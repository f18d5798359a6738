import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FlintRuntime } from "./local-runtime.ts";
import { decodeResults, resultStage, startTestRuntime } from "./testing/harness.ts";

describe("memory across threads", () => {
  let rt: FlintRuntime;
  before(async () => {
    // maxMemory = 10 MiB * 0.6 = 6 MiB; storage region 3 MiB.
    ({ rt } = await startTestRuntime("local[1]", {
      "spark.executor.memory": "10m",
      "spark.testing.reservedMemory": "0",
    }));
  });
  after(() => rt.stop());

  it("execution in a worker evicts cached blocks that storage borrowed, down to its region", async () => {
    const mib = 1024 * 1024;
    // Cache 5 MiB: storage borrows 2 MiB beyond its 3 MiB region.
    const cached = decodeResults(
      await rt.runJob(resultStage(5, { cacheBlock: "rdd_3", cacheBytes: mib }, [])),
    );
    assert.deepEqual(
      cached.map((r) => r.count),
      [1, 1, 1, 1, 1],
    );
    const executor = rt.executors[0];
    assert.ok(executor);
    assert.equal(executor.memoryManager.snapshot().storageUsed, 5 * mib);
    // A task wanting 3 MiB of execution gets 1 MiB free plus 2 MiB evicted from storage.
    const [r] = decodeResults(await rt.runJob(resultStage(1, { acquire: 3 * mib }, [])));
    assert.equal(r?.granted, 3 * mib);
    const s = executor.memoryManager.snapshot();
    assert.equal(s.storageUsed, 3 * mib, "storage keeps its region");
    const onDisk = [0, 1, 2, 3, 4].filter(
      (p) => executor.blockManager.where(`rdd_3_${p}`) === "disk",
    );
    assert.deepEqual(onDisk, [0, 1], "the least recently used blocks moved to disk");
    assert.equal(s.executionUsed, 0, "released at task end");
  });
});
