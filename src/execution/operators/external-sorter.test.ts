/** Sort within a task: in memory, and with spilled runs merged when memory runs out. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { attribute, sortOrder } from "../../catalyst/expressions/factories.ts";
import { DoubleT, StringT } from "../../types/data-types.ts";
import { batchFromRows, rowsFromBatch } from "../columnar/batch.ts";
import { taskContext } from "../testing-fixtures.ts";
import { schemaOf } from "./common.ts";
import { ExternalSorter } from "./external-sorter.ts";
import type { OperatorMetrics } from "./operator.ts";

const s = attribute("s", StringT, true);
const d = attribute("d", DoubleT, true);
const order = [sortOrder(d, "DESC"), sortOrder(s)];

function data(): unknown[][] {
  const rows: unknown[][] = [];
  let x = 12345;
  for (let i = 0; i < 40000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    rows.push([i % 11 === 0 ? null : `s${x % 977}`, i % 13 === 0 ? null : (x % 5000) / 7]);
  }
  return rows;
}

function sortAll(memory: number | null, metrics: OperatorMetrics, dir: string): unknown[][] {
  const ctx = taskContext(memory, dir, metrics);
  const sorter = new ExternalSorter([s, d], order, ctx, 7);
  const rows = data();
  for (let i = 0; i < rows.length; i += 1000)
    sorter.insert(batchFromRows(schemaOf([s, d]), rows.slice(i, i + 1000)));
  return [...sorter.finish()].flatMap(rowsFromBatch);
}

test("external sort spills runs and merges them into the in-memory order", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flint-sort-"));
  try {
    const m1: OperatorMetrics = {};
    const inMemory = sortAll(null, m1, dir);
    const m2: OperatorMetrics = {};
    const spilled = sortAll(200 * 1024, m2, dir);
    assert.equal(spilled.length, 40000);
    assert.ok((m2["7"]?.spillSize ?? 0) > 0);
    assert.equal(m1["7"]?.spillSize, undefined);
    // rows equal on (d, s) are identical, so the merged order must be exactly the same
    assert.deepEqual(spilled, inMemory);
    assert.equal(inMemory.at(-1)?.[1], null);
    const firstNonNull = inMemory[0]?.[1] as number;
    assert.ok(inMemory.every((r) => r[1] === null || (r[1] as number) <= firstNonNull));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
