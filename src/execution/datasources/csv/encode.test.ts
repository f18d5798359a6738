import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BooleanT,
  DateT,
  DoubleT,
  decimalType,
  IntegerT,
  StringT,
  structField,
  structType,
  TimestampT,
} from "../../../types/data-types.ts";
import { batchFromRows } from "../../columnar/batch.ts";
import { jsonEncoder } from "../json/encode.ts";
import { csvEncoder } from "./encode.ts";

// Expected text: what pyspark 4 wrote for the same rows (df.write.csv / df.write.json).
const schema = structType([
  structField("id", IntegerT),
  structField("s", StringT),
  structField("d", DoubleT),
  structField("ts", TimestampT),
  structField("dt", DateT),
  structField("b", BooleanT),
  structField("dec", decimalType(5, 2)),
  structField("e", DoubleT),
]);
const batch = batchFromRows(schema, [
  [1, "plain", 1.5, 1704164645123456n, 19724, true, 150n, 1e10],
  [2, "a,b", null, null, null, false, null, 0.0001],
  [3, 'say "hi"', Number.NaN, 1704164645000000n, null, null, null, Number.POSITIVE_INFINITY],
  [4, "", 0, null, null, null, null, 0],
  [5, " sp ", 1, null, null, null, null, 1e-5],
  [6, "line\nbreak", 1, null, null, null, null, 123456789],
  [7, null, 1, null, null, null, null, 1e7],
  [8, "back\\slash", 1, null, null, null, null, 1e21],
]);

test("csvEncoder writes what Spark writes", () => {
  const enc = csvEncoder(schema, { Header: "true" }, "UTC");
  assert.equal(
    enc.header() + enc.encode(batch),
    'id,s,d,ts,dt,b,dec,e\n1,plain,1.5,2024-01-02T03:04:05.123Z,2024-01-02,true,1.50,1.0E10\n2,"a,b",,,,false,,1.0E-4\n3,"say \\"hi\\"",NaN,2024-01-02T03:04:05.000Z,,,,Infinity\n4,"",0.0,,,,,0.0\n5,sp,1.0,,,,,1.0E-5\n6,"line\nbreak",1.0,,,,,1.23456789E8\n7,,1.0,,,,,1.0E7\n8,back\\slash,1.0,,,,,1.0E21\n',
  );
});

test("jsonEncoder writes what Spark writes (null fields omitted)", () => {
  assert.equal(
    jsonEncoder(schema, {}, "UTC").encode(batch),
    '{"id":1,"s":"plain","d":1.5,"ts":"2024-01-02T03:04:05.123Z","dt":"2024-01-02","b":true,"dec":1.50,"e":1.0E10}\n{"id":2,"s":"a,b","b":false,"e":1.0E-4}\n{"id":3,"s":"say \\"hi\\"","d":"NaN","ts":"2024-01-02T03:04:05.000Z","e":"Infinity"}\n{"id":4,"s":"","d":0.0,"e":0.0}\n{"id":5,"s":" sp ","d":1.0,"e":1.0E-5}\n{"id":6,"s":"line\\nbreak","d":1.0,"e":1.23456789E8}\n{"id":7,"d":1.0,"e":1.0E7}\n{"id":8,"s":"back\\\\slash","d":1.0,"e":1.0E21}\n',
  );
});

test("jsonEncoder keeps null fields when ignoreNullFields is false", () => {
  const s = structType([structField("a", IntegerT), structField("b", StringT)]);
  const b = batchFromRows(s, [[1, null]]);
  assert.equal(
    jsonEncoder(s, { ignoreNullFields: "false" }, "UTC").encode(b),
    '{"a":1,"b":null}\n',
  );
});
