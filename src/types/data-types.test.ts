import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  catalogString,
  DateT,
  dayTimeIntervalType,
  decimalType,
  fromJson,
  IntegerT,
  LongT,
  mapType,
  StringT,
  simpleString,
  structField,
  structType,
  toJson,
  treeString,
  typeName,
  yearMonthIntervalType,
} from "./data-types.ts";

// Expected strings were printed by PySpark 4.3 (`simpleString()`, `json()`, `printSchema()`).
const nested = structType([
  structField("a", IntegerT),
  structField("b", arrayType(structType([structField("c", decimalType(10, 2))]))),
  structField("m", mapType(StringT, LongT, false)),
]);

test("simpleString matches Spark", () => {
  assert.equal(
    simpleString(nested),
    "struct<a:int,b:array<struct<c:decimal(10,2)>>,m:map<string,bigint>>",
  );
  assert.equal(simpleString(dayTimeIntervalType(0, 3)), "interval day to second");
  assert.equal(simpleString(yearMonthIntervalType(0, 1)), "interval year to month");
  assert.equal(typeName(dayTimeIntervalType(1, 1)), "interval hour");
  assert.equal(simpleString(DateT), "date");
});

test("catalogString does not quote field names (as in Spark's golden files)", () => {
  const t = structType([structField("(1 + 2)", IntegerT), structField("c", StringT)]);
  assert.equal(catalogString(t), "struct<(1 + 2):int,c:string>");
});

test("JSON schema round trip in Spark's field order", () => {
  const json = toJson(nested);
  assert.equal(
    json,
    '{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}},' +
      '{"name":"b","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"c","type":"decimal(10,2)","nullable":true,"metadata":{}}]},"containsNull":true},"nullable":true,"metadata":{}},' +
      '{"name":"m","type":{"type":"map","keyType":"string","valueType":"long","valueContainsNull":false},"nullable":true,"metadata":{}}]}',
  );
  assert.deepEqual(fromJson(json), nested);
  assert.deepEqual(fromJson('"interval hour"'), dayTimeIntervalType(1, 1));
});

test("printSchema tree", () => {
  assert.equal(
    treeString(nested),
    [
      "root",
      " |-- a: integer (nullable = true)",
      " |-- b: array (nullable = true)",
      " |    |-- element: struct (containsNull = true)",
      " |    |    |-- c: decimal(10,2) (nullable = true)",
      " |-- m: map (nullable = true)",
      " |    |-- key: string",
      " |    |-- value: long (valueContainsNull = false)",
      "",
    ].join("\n"),
  );
});
