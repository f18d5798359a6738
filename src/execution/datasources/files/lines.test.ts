import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readSplitText } from "./lines.ts";
import { planFilePartitions } from "./splits.ts";

const dir = mkdtempSync(join(tmpdir(), "flint-lines-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function linesBySplits(path: string, size: number, splitSize: number): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < size; start += splitSize) {
    const length = Math.min(splitSize, size - start);
    const text = await readSplitText(
      { path, start, length, fileSize: size, partitionValues: [] },
      "utf-8",
    );
    for (const l of text.split("\n")) if (l !== "") out.push(l);
  }
  return out;
}

test("byte-range splits read every line exactly once, whatever the split size", async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `line-${i}-${"x".repeat(i % 7)}`);
  const text = `${lines.join("\n")}\n`;
  const path = join(dir, "a.txt");
  writeFileSync(path, text);
  for (let split = 1; split <= text.length + 1; split += 3) {
    assert.deepEqual(await linesBySplits(path, text.length, split), lines, `split ${split}`);
  }
});

test("a file without a final line break keeps its last line", async () => {
  const path = join(dir, "b.txt");
  writeFileSync(path, "a\nbb\nccc");
  for (const split of [1, 2, 3, 4, 5, 100]) {
    assert.deepEqual(await linesBySplits(path, 8, split), ["a", "bb", "ccc"]);
  }
});

test("split planning: files cut at maxSplitBytes, largest first, packed with the open cost", () => {
  const files = [
    { path: "f1", size: 300, partitionValues: [] },
    { path: "f2", size: 150, partitionValues: [] },
    { path: "f3", size: 50, partitionValues: [] },
  ];
  const parts = planFilePartitions(
    files,
    { maxPartitionBytes: 100, openCostInBytes: 10, minPartitionNum: 1 },
    () => true,
  );
  // f1 -> 3 x 100, f2 -> 100 + 50, f3 -> 50; the 50-byte ranges share a task.
  assert.deepEqual(
    parts.map((p) => p.map((s) => `${s.path}@${s.start}+${s.length}`)),
    [["f1@0+100"], ["f1@100+100"], ["f1@200+100"], ["f2@0+100"], ["f2@100+50"], ["f3@0+50"]],
  );
  const unsplit = planFilePartitions(
    files,
    { maxPartitionBytes: 1000, openCostInBytes: 10, minPartitionNum: 1 },
    () => false,
  );
  assert.deepEqual(
    unsplit.map((p) => p.map((s) => s.path)),
    [["f1", "f2", "f3"]],
  );
});
