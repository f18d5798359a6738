import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseBytes, parseMaster, parseRuntimeConf, parseTimeMs } from "./runtime-conf.ts";

describe("runtime conf", () => {
  it("parses masters with Spark's local failure rules", () => {
    assert.deepEqual(parseMaster("local"), { slots: 1, maxTaskFailures: 1 });
    assert.deepEqual(parseMaster("local[3]"), { slots: 3, maxTaskFailures: 1 });
    assert.deepEqual(parseMaster("local[2,4]"), { slots: 2, maxTaskFailures: 4 });
    assert.ok(parseMaster("local[*]").slots >= 1);
    assert.throws(() => parseMaster("yarn"), /Unsupported master/);
  });

  it("parses sizes and times", () => {
    assert.equal(parseBytes("1g"), 1024 ** 3);
    assert.equal(parseBytes("512m"), 512 * 1024 ** 2);
    assert.equal(parseBytes("512", "m"), 512 * 1024 ** 2);
    assert.equal(parseBytes("100k"), 102_400);
    assert.equal(parseTimeMs("100ms"), 100);
    assert.equal(parseTimeMs("3s"), 3000);
    assert.equal(parseTimeMs("1min"), 60_000);
    assert.throws(() => parseBytes("lots"));
  });

  it("uses Spark's defaults", () => {
    const c = parseRuntimeConf("local[2]");
    assert.equal(c.executorMemory, 1024 ** 3);
    assert.equal(c.memoryFraction, 0.6);
    assert.equal(c.storageFraction, 0.5);
    assert.equal(c.shuffleCodec, "lz4");
    assert.equal(c.speculation, false);
    assert.equal(c.speculationMultiplier, 1.5);
    assert.equal(c.speculationQuantile, 0.75);
    assert.equal(c.maxConsecutiveStageAttempts, 4);
    const d = parseRuntimeConf("local[2]", {
      "spark.driver.memory": "2g",
      "spark.io.compression.codec": "zstd",
      "spark.shuffle.compress": "false",
    });
    assert.equal(d.executorMemory, 2 * 1024 ** 3);
    // a session passes both keys (defaults 1g): locally the driver's memory counts
    const e = parseRuntimeConf("local[2]", {
      "spark.driver.memory": "64m",
      "spark.executor.memory": "1g",
    });
    assert.equal(e.executorMemory, 64 * 1024 ** 2);
    assert.equal(d.shuffleCodec, "none");
    assert.equal(d.spillCodec, "zstd");
    assert.throws(() => parseRuntimeConf("local", { "spark.io.compression.codec": "snappy" }));
  });
});
