/**
 * The streaming merge join against the hash join kernel on random sorted inputs with
 * duplicate and null keys, split into small batches so key runs cross batch boundaries.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { attribute, comparison } from "../../catalyst/expressions/factories.ts";
import { IntegerT, LongT, StringT } from "../../types/data-types.ts";
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

test("merge join on two keys (long, string) and on a long key without nulls", () => {
  const a = attribute("a", LongT, true);
  const s = attribute("s", StringT, true);
  const x = attribute("x", IntegerT, true);
  const b = attribute("b", LongT, true);
  const t = attribute("t", StringT, true);
  const y = attribute("y", IntegerT, true);
  const r = rng(5);
  const key = () => [
    r() < 0.05 ? null : BigInt(Math.floor(r() * 8) - 4),
    r() < 0.05 ? null : ["", "a", "b"][Math.floor(r() * 3)],
  ];
  const cmp = (p: unknown[], q: unknown[]) => {
    for (let k = 0; k < 2; k++) {
      const u = p[k];
      const v = q[k];
      if (u === v) continue;
      if (u === null) return -1;
      if (v === null) return 1;
      return (u as bigint | string) < (v as bigint | string) ? -1 : 1;
    }
    return 0;
  };
  for (let round = 0; round < 10; round++) {
    for (const nulls of [true, false]) {
      const gen = (n: number) =>
        Array.from({ length: n }, (_, i) => {
          const k = key();
          if (!nulls) k[0] ??= 0n;
          return [...k, i];
        }).sort(cmp);
      const lb = batches([a, s, x], gen(60), r);
      const rb = batches([b, t, y], gen(50), r);
      const keys = nulls
        ? { leftKeys: [a, s], rightKeys: [b, t] }
        : { leftKeys: [a], rightKeys: [b] };
      for (const joinType of ["Inner", "LeftOuter", "LeftSemi", "LeftAnti"] as const) {
        const output =
          joinType === "LeftSemi" || joinType === "LeftAnti" ? [a, s, x] : [a, s, x, b, t, y];
        const spec = {
          joinType,
          leftOutput: [a, s, x],
          rightOutput: [b, t, y],
          condition: null,
          output,
        };
        const merged = [...mergeJoin({ ...spec, ...keys }, lb, rb, DEFAULT_EXEC_CONF)];
        const hashed = [
          ...joinBatches(
            {
              ...spec,
              streamIsLeft: true,
              streamKeys: keys.leftKeys,
              buildKeys: keys.rightKeys,
            },
            lb,
            concatBatches(schemaOf([b, t, y]), rb),
            DEFAULT_EXEC_CONF,
          ),
        ];
        assert.deepEqual(merged.flatMap(rowsFromBatch), hashed.flatMap(rowsFromBatch), joinType);
      }
    }
  }
});
