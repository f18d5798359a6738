/**
 * Comparisons of long columns and literals run on 32-bit words in generated code: every
 * operator agrees with bigint comparison on values at the word boundaries, the extremes
 * and nulls (null compares to null, a filter drops it). Literal outputs are constant
 * vectors.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ComparisonOp } from "../../catalyst/expressions/expression.ts";
import { attribute, comparison, literal } from "../../catalyst/expressions/factories.ts";
import { LongT, TimestampT } from "../../types/data-types.ts";
import { fromValues } from "../columnar/builder.ts";
import { toValues } from "../columnar/vector.ts";
import { compilePipeline } from "./pipeline.ts";

const edges = [
  0n,
  1n,
  -1n,
  (1n << 31n) - 1n,
  1n << 31n,
  -(1n << 31n),
  (1n << 32n) - 1n,
  1n << 32n,
  -(1n << 32n),
  (1n << 32n) + 5n,
  -(1n << 32n) - 5n,
  (1n << 63n) - 1n,
  -(1n << 63n),
  123456789012345n,
  -123456789012345n,
];
const ops: ComparisonOp[] = ["=", "<", "<=", ">", ">="];

function expected(op: ComparisonOp, x: bigint, y: bigint): boolean {
  switch (op) {
    case "=":
      return x === y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    default:
      return x >= y;
  }
}

test("long column vs literal and vs column: word comparison matches bigint", () => {
  const a = attribute("a", LongT, true);
  const b = attribute("b", LongT, true);
  const xs: (bigint | null)[] = [];
  const ys: (bigint | null)[] = [];
  for (const x of edges) {
    for (const y of edges) {
      xs.push(x);
      ys.push(y);
    }
  }
  xs.push(null, 5n, null);
  ys.push(5n, null, null);
  const cols = [fromValues(LongT, xs), fromValues(LongT, ys)];
  for (const op of ops) {
    const p = compilePipeline([a, b], [], [comparison(op, a, b)], true);
    assert.match(p.source, /C0w/);
    const got = toValues(p.run(cols, xs.length).columns[0]!);
    const want = xs.map((x, i) => {
      const y = ys[i];
      return x === null || y === null || y === undefined ? null : expected(op, x, y);
    });
    assert.deepEqual(got, want, op);
    for (const lit of edges) {
      const f = compilePipeline([a, b], [comparison(op, a, literal(lit, LongT))], [a], true);
      const kept = toValues(f.run(cols, xs.length).columns[0]!);
      assert.deepEqual(
        kept,
        xs.filter((x) => x !== null && expected(op, x, lit)),
        `${op} ${lit}`,
      );
    }
  }
});

test("timestamps compare on words too; literal outputs are constant columns", () => {
  const t = attribute("t", TimestampT, true);
  const col = fromValues(TimestampT, [-5n, 0n, 1n << 40n, null]);
  const p = compilePipeline(
    [t],
    [comparison(">=", t, literal(0n, TimestampT))],
    [literal(7n, LongT), literal(null, LongT), t],
    true,
  );
  const r = p.run([col], 4);
  assert.equal(r.numRows, 2);
  assert.deepEqual(r.columns.map(toValues), [
    [7n, 7n],
    [null, null],
    [0n, 1n << 40n],
  ]);
});

test("one pipeline, batches with and without nulls (the no-nulls function)", () => {
  const a = attribute("a", LongT, true);
  const p = compilePipeline([a], [comparison(">", a, literal(1n, LongT))], [a], true);
  const dense = fromValues(LongT, [0n, 2n, 3n]);
  assert.equal(dense.validity, null);
  assert.deepEqual(toValues(p.run([dense], 3).columns[0]!), [2n, 3n]);
  const sparse = fromValues(LongT, [null, 2n, 0n, 5n]);
  assert.deepEqual(toValues(p.run([sparse], 4).columns[0]!), [2n, 5n]);
  assert.deepEqual(toValues(p.run([dense], 3).columns[0]!), [2n, 3n]);
});
