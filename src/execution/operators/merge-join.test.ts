/**
 * The streaming merge join against the hash join kernel on random sorted inputs with
 * duplicate and null keys, split into small batches so key runs cross batch boundaries.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { attribute, comparison } from "../../catalyst/expressions/factories.ts";
import { IntegerT, StringT } from "../../types/data-types.ts";
import {
  batchFromRows,
  type ColumnarBatch,
  concatBatches,
  rowsFromBatch,
} from "../columnar/batch.ts";
import { schemaOf } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import { mergeJoin } from "./merge-join.ts";
import { DEFAULT_EXEC_CONF } from "./operator.ts";

const lk = attribute("lk", IntegerT, true);
const lv = attribute("lv", StringT, true);
const rk = attribute("rk", IntegerT, true);
const rv = attribute("rv", IntegerT, true);

function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (Math.imul(t, 1664525) + 1013904223) >>> 0;
    return t / 4294967296;
  };
}

function sortedRows(r: () => number, n: number, value: (i: number) => unknown): unknown[][] {
  const rows = Array.from({ length: n }, (_, i) => [
    r() < 0.1 ? null : Math.floor(r() * 12),
    value(i),
  ]);
  return rows.sort((a, b) =>
    a[0] === null ? -1 : b[0] === null ? 1 : (a[0] as number) - (b[0] as number),
  );
}

function batches(
  attrs: ReturnType<typeof attribute>[],
  rows: unknown[][],
  r: () => number,
): ColumnarBatch[] {
  const out: ColumnarBatch[] = [];
  for (let i = 0; i < rows.length; ) {
    const n = 1 + Math.floor(r() * 6);
    out.push(batchFromRows(schemaOf(attrs), rows.slice(i, i + n)));
    i += n;
  }
  return out;
}

test("merge join equals the hash join for inner, left outer, semi and anti joins", () => {
  const r = rng(99);
  let innerPairs = 0;
  for (let round = 0; round < 30; round++) {
    const left = sortedRows(r, 40, (i) => `l${i}`);
    const right = sortedRows(r, 30, (i) => i);
    const lb = batches([lk, lv], left, r);
    const rb = batches([rk, rv], right, r);
    for (const joinType of ["Inner", "LeftOuter", "LeftSemi", "LeftAnti"] as const) {
      for (const condition of [null, comparison(">", rv, lk)]) {
        const output =
          joinType === "LeftSemi" || joinType === "LeftAnti" ? [lk, lv] : [lk, lv, rk, rv];
        const spec = { joinType, leftOutput: [lk, lv], rightOutput: [rk, rv], condition, output };
        const merged = [
          ...mergeJoin({ ...spec, leftKeys: [lk], rightKeys: [rk] }, lb, rb, DEFAULT_EXEC_CONF),
        ];
        const hashed = [
          ...joinBatches(
            { ...spec, streamIsLeft: true, streamKeys: [lk], buildKeys: [rk] },
            lb,
            concatBatches(schemaOf([rk, rv]), rb),
            DEFAULT_EXEC_CONF,
          ),
        ];
        if (joinType === "Inner" && condition === null)
          innerPairs += merged.reduce((n, b) => n + b.numRows, 0);
        assert.deepEqual(
          merged.flatMap(rowsFromBatch),
          hashed.flatMap(rowsFromBatch),
          `${joinType} ${condition ? "with" : "without"} condition`,
        );
      }
    }
  }
  assert.ok(innerPairs > 1000, `only ${innerPairs} pairs`);
});
