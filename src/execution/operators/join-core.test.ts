/**
 * The hash join kernel when every stream row matches exactly once (its columns are passed
 * through rather than gathered) and when some do not: inner, left outer, semi and anti.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { attribute } from "../../catalyst/expressions/factories.ts";
import { LongT, StringT } from "../../types/data-types.ts";
import { batchFromRows, rowsFromBatch } from "../columnar/batch.ts";
import { schemaOf } from "./common.ts";
import { joinBatches } from "./join-core.ts";
import { DEFAULT_EXEC_CONF } from "./operator.ts";

const k = attribute("k", LongT, true);
const s = attribute("s", StringT, true);
const bk = attribute("bk", LongT, false);
const name = attribute("name", StringT, false);

const build = batchFromRows(schemaOf([bk, name]), [
  [1n, "one"],
  [2n, "two"],
  [3n, "three"],
]);

function join(
  joinType: "Inner" | "LeftOuter" | "LeftSemi" | "LeftAnti",
  rows: unknown[][],
): unknown[][] {
  const output = joinType === "LeftSemi" || joinType === "LeftAnti" ? [k, s] : [k, s, bk, name];
  const stream = [batchFromRows(schemaOf([k, s]), rows)];
  const spec = {
    joinType,
    streamIsLeft: true,
    leftOutput: [k, s],
    rightOutput: [bk, name],
    streamKeys: [k],
    buildKeys: [bk],
    condition: null,
    output,
  };
  return [...joinBatches(spec, stream, build, DEFAULT_EXEC_CONF)].flatMap(rowsFromBatch);
}

test("every stream row matching once keeps the stream rows as they are", () => {
  const rows = [
    [3n, "c"],
    [1n, "a"],
    [2n, "b"],
  ];
  const matched = [
    [3n, "c", 3n, "three"],
    [1n, "a", 1n, "one"],
    [2n, "b", 2n, "two"],
  ];
  assert.deepEqual(join("Inner", rows), matched);
  assert.deepEqual(join("LeftOuter", rows), matched);
  assert.deepEqual(join("LeftSemi", rows), rows);
  assert.deepEqual(join("LeftAnti", rows), []);
});

test("unmatched and null stream keys", () => {
  const rows = [
    [3n, "c"],
    [null, "n"],
    [7n, "x"],
    [1n, "a"],
  ];
  assert.deepEqual(join("Inner", rows), [
    [3n, "c", 3n, "three"],
    [1n, "a", 1n, "one"],
  ]);
  assert.deepEqual(join("LeftOuter", rows), [
    [3n, "c", 3n, "three"],
    [null, "n", null, null],
    [7n, "x", null, null],
    [1n, "a", 1n, "one"],
  ]);
  assert.deepEqual(join("LeftSemi", rows), [
    [3n, "c"],
    [1n, "a"],
  ]);
  assert.deepEqual(join("LeftAnti", rows), [
    [null, "n"],
    [7n, "x"],
  ]);
});
