/**
 * Random rows with nested types, unicode strings, NaN/-0.0 and wide decimals, hashed by
 * real Spark 4: `spark-random.json` is written by `python3 spark_random.py` (beside this
 * file). Checks the vectorized hash() and xxhash64() per column and over all columns.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  arrayType,
  BinaryT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  mapType,
  ShortT,
  StringT,
  structField,
  structType,
} from "../../types/data-types.ts";
import { batchFromRows } from "../columnar/batch.ts";
import { murmur3Batch } from "./murmur3.ts";
import { xxhash64Batch } from "./xxhash64.ts";

interface SparkRow {
  readonly s: string | null;
  readonly d: string | null;
  readonly f: string | null;
  readonly dec: string | null;
  readonly a: readonly (string | null)[] | null;
  readonly m: readonly [string, number | null][] | null;
  readonly st: readonly [number, string | null] | null;
  readonly h: readonly number[];
  readonly x: readonly string[];
}

const schema = structType([
  structField("s", StringT),
  structField("d", DoubleT),
  structField("f", FloatT),
  structField("dec", decimalType(38, 10)),
  structField("a", arrayType(LongT)),
  structField("m", mapType(StringT, IntegerT)),
  structField("st", structType([structField("x", ShortT), structField("y", BinaryT)])),
]);

function num(s: string | null): number | null {
  if (s === null) return null;
  return s === "-0" ? -0 : Number(s);
}

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

const data = JSON.parse(
  readFileSync(new URL("./spark-random.json", import.meta.url), "utf8"),
) as readonly SparkRow[];

const rows = data.map((r) => [
  r.s,
  num(r.d),
  num(r.f),
  r.dec === null ? null : BigInt(r.dec),
  r.a === null ? null : r.a.map((v) => (v === null ? null : BigInt(v))),
  r.m === null ? null : { keys: r.m.map((e) => e[0]), values: r.m.map((e) => e[1]) },
  r.st === null ? null : [r.st[0], r.st[1] === null ? null : hex(r.st[1])],
]);

describe("hashes of random rows match Spark", () => {
  const batch = batchFromRows(schema, rows);

  it("per column", () => {
    schema.fields.forEach((f, c) => {
      const h = murmur3Batch(batch, [c]);
      const x = xxhash64Batch(batch, [c]);
      data.forEach((r, i) => {
        assert.equal(h[i], r.h[c], `hash(${f.name}) row ${i}`);
        assert.equal(x[i], BigInt(r.x[c]!), `xxhash64(${f.name}) row ${i}`);
      });
    });
  });

  it("over all columns", () => {
    const h = murmur3Batch(batch);
    const x = xxhash64Batch(batch);
    const n = schema.fields.length;
    data.forEach((r, i) => {
      assert.equal(h[i], r.h[n], `hash(*) row ${i}`);
      assert.equal(x[i], BigInt(r.x[n]!), `xxhash64(*) row ${i}`);
    });
  });
});
