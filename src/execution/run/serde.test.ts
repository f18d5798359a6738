/** Plan fragments survive JSON: bigints, bytes, sets and non-finite numbers come back as they were. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromJson, toJson } from "./serde.ts";

test("tagged values round-trip, nested in arrays and objects", () => {
  const v = {
    a: 5n,
    b: [1n, { c: new Uint8Array([1, 2, 255]) }],
    s: new Set([1n, "x"]),
    n: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -0, 0],
    o: { $num: "1", x: 2 },
    nested: { arr: [[{ $x: 1, big: -(1n << 70n) }]] },
  };
  const back = fromJson<typeof v>(toJson(v));
  assert.deepEqual(back, v);
  // deepEqual compares with Object.is: -0.0 (a Spark double) must not come back as 0.0
  assert.ok(Object.is(back.n[3], -0) && Object.is(back.n[4], 0));
});
