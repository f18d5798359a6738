/**
 * Expected values come from real Spark 4 (pyspark): run `python3 spark_expected.py` beside
 * this file; it prints the [hash, xxhash64] table below and the partition ids.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DataType } from "../../types/data-types.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  ByteT,
  DateT,
  DoubleT,
  dayTimeIntervalType,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  mapType,
  ShortT,
  StringT,
  structField,
  structType,
  TimestampNTZT,
  TimestampT,
  yearMonthIntervalType,
} from "../../types/data-types.ts";
import { batchFromColumns } from "../columnar/batch.ts";
import { fromValues } from "../columnar/builder.ts";
import { slice } from "../columnar/kernels.ts";
import { murmur3Batch, murmur3Column, murmur3Value } from "./murmur3.ts";
import { partitionIds } from "./partition.ts";
import { xxhash64Batch, xxhash64Column, xxhash64Value } from "./xxhash64.ts";

const SPARK: readonly (readonly [string, number, bigint])[] = [
  ["int 0", 933211791, 3614696996920510707n],
  ["int 1", -559580957, -6698625589789238999n],
  ["int -1", -1604776387, 2017008487422258757n],
  ["int max", 133916647, 1508894993788531228n],
  ["int min", 723455942, 2073849959933241805n],
  ["tinyint -128", 1110053733, 4160238337661960656n],
  ["tinyint 127", 1135925485, 8632298611707923906n],
  ["smallint -32768", -1871935946, -904511417458573795n],
  ["smallint 1234", -311880085, 6689958172529171031n],
  ["bigint 0", -1670924195, -5252525462095825812n],
  ["bigint -1", -939490007, 3858142552250413010n],
  ["bigint max", -1604625029, -3246596055638297850n],
  ["bigint min", -853646085, -8619748838626508300n],
  ["bigint 1234567890123", 1304145252, 1687537368341330389n],
  ["float 0", 933211791, 3614696996920510707n],
  ["float -0", 933211791, 3614696996920510707n],
  ["float NaN", -349261430, 2692338816207849720n],
  ["float 1.5", -221251528, 6163473420726370430n],
  ["float -3.25", 1130243865, -7948929959706909237n],
  ["float inf", 2026854605, -5940311692336719973n],
  ["double 0", -1670924195, -5252525462095825812n],
  ["double -0", -1670924195, -5252525462095825812n],
  ["double NaN", -1281358385, -3127944061524951246n],
  ["double 1.5", 1290763749, 7738255526519901366n],
  ["double -1e300", 1411651062, 3086024234770041280n],
  ["double inf", 833680482, 5810986238603807492n],
  ["boolean true", -559580957, -6698625589789238999n],
  ["boolean false", 933211791, 3614696996920510707n],
  ["string empty", 142593372, -7444071767201028348n],
  ["string a", 1485273170, -8582455328737087284n],
  ["string abc", 1322437556, 1423657621850124518n],
  ["string abcd", -396302900, -6810745876291105281n],
  ["string abcde", 814637928, -990457398947679591n],
  ["string Spark", 228093765, -4294468057691064905n],
  ["string héllo", 1212979866, 501425390238239234n],
  ["string snowman", -1761309244, 1543715726330426441n],
  ["string clef", -787768813, 3103779725894638335n],
  ["string fox", 466024576, -6152153990451020481n],
  ["binary empty", 142593372, -7444071767201028348n],
  ["binary 00ff", 1246198977, 879945414100663330n],
  ["binary 0102030405", -2064006189, 8668608334415110682n],
  ["decimal(10,2) 123.45", 1416086240, 8791244235932249694n],
  ["decimal(10,2) -0.01", -939490007, 3858142552250413010n],
  ["decimal(18,0) max", -1795328666, 2162198894918931945n],
  ["decimal(38,6) big", 268384555, -1992258773623503314n],
  ["decimal(38,6) -1", -434688130, 1186703223085755780n],
  ["decimal(38,0) 0", -783713497, -8959994473701255385n],
  ["decimal(20,0) 2^64", 1074617613, 7007687479959933989n],
  ["decimal(38,0) -128", 775851899, -7898411661632158123n],
  ["decimal(38,0) 255", 1246198977, 879945414100663330n],
  ["decimal(38,0) min", 1400911110, -2254039905620870768n],
  ["date epoch", 933211791, 3614696996920510707n],
  ["date 2024-02-29", 653915859, 4183429117450946631n],
  ["date 0001-01-01", -1147107224, 6773727150484150602n],
  ["timestamp", 1545358984, 3859582417520161651n],
  ["timestamp_ntz", 1728066483, 5376133978097259346n],
  ["daytime interval", 1326975016, -5867921652851782348n],
  ["yearmonth interval", 335551368, -3715488255824917081n],
  ["null int", 42, 42n],
  ["null string", 42, 42n],
  ["array int", -912918097, 8592097078962733837n],
  ["array int with null", 1066699649, -3383274367486667931n],
  ["array empty", 42, 42n],
  ["array string", 190734147, -7357372313250070212n],
  ["array nested", -912918097, 8592097078962733837n],
  ["struct", -1305545736, 8510603489595372987n],
  ["struct with null", 1475214315, -2901346384480684965n],
  ["map", -793797513, 7428138486932782616n],
  ["multi", 389417474, -198860653963387819n],
  ["doc example", -1321691492, 5602566077635097486n],
];

type Col = readonly [DataType, unknown];
const ab = structType([structField("a", IntegerT), structField("b", StringT)]);

/** The Flint columns (type, internal value) of each Spark case. */
const INPUT: Readonly<Record<string, readonly Col[]>> = {
  "int 0": [[IntegerT, 0]],
  "int 1": [[IntegerT, 1]],
  "int -1": [[IntegerT, -1]],
  "int max": [[IntegerT, 2147483647]],
  "int min": [[IntegerT, -2147483648]],
  "tinyint -128": [[ByteT, -128]],
  "tinyint 127": [[ByteT, 127]],
  "smallint -32768": [[ShortT, -32768]],
  "smallint 1234": [[ShortT, 1234]],
  "bigint 0": [[LongT, 0n]],
  "bigint -1": [[LongT, -1n]],
  "bigint max": [[LongT, 9223372036854775807n]],
  "bigint min": [[LongT, -9223372036854775808n]],
  "bigint 1234567890123": [[LongT, 1234567890123n]],
  "float 0": [[FloatT, 0]],
  "float -0": [[FloatT, -0]],
  "float NaN": [[FloatT, Number.NaN]],
  "float 1.5": [[FloatT, 1.5]],
  "float -3.25": [[FloatT, -3.25]],
  "float inf": [[FloatT, Number.POSITIVE_INFINITY]],
  "double 0": [[DoubleT, 0]],
  "double -0": [[DoubleT, -0]],
  "double NaN": [[DoubleT, Number.NaN]],
  "double 1.5": [[DoubleT, 1.5]],
  "double -1e300": [[DoubleT, -1e300]],
  "double inf": [[DoubleT, Number.POSITIVE_INFINITY]],
  "boolean true": [[BooleanT, true]],
  "boolean false": [[BooleanT, false]],
  "string empty": [[StringT, ""]],
  "string a": [[StringT, "a"]],
  "string abc": [[StringT, "abc"]],
  "string abcd": [[StringT, "abcd"]],
  "string abcde": [[StringT, "abcde"]],
  "string Spark": [[StringT, "Spark"]],
  "string héllo": [[StringT, "héllo"]],
  "string snowman": [[StringT, "☃"]],
  "string clef": [[StringT, "𝄞 music"]],
  "string fox": [[StringT, "The quick brown fox jumps over the lazy dog"]],
  "binary empty": [[BinaryT, new Uint8Array([])]],
  "binary 00ff": [[BinaryT, new Uint8Array([0, 255])]],
  "binary 0102030405": [[BinaryT, new Uint8Array([1, 2, 3, 4, 5])]],
  "decimal(10,2) 123.45": [[decimalType(10, 2), 12345n]],
  "decimal(10,2) -0.01": [[decimalType(10, 2), -1n]],
  "decimal(18,0) max": [[decimalType(18, 0), 999999999999999999n]],
  "decimal(38,6) big": [[decimalType(38, 6), 123456789012345678901234567890123456n]],
  "decimal(38,6) -1": [[decimalType(38, 6), -1000000n]],
  "decimal(38,0) 0": [[decimalType(38, 0), 0n]],
  "decimal(20,0) 2^64": [[decimalType(20, 0), 18446744073709551616n]],
  "decimal(38,0) -128": [[decimalType(38, 0), -128n]],
  "decimal(38,0) 255": [[decimalType(38, 0), 255n]],
  "decimal(38,0) min": [[decimalType(38, 0), -99999999999999999999999999999999999999n]],
  "date epoch": [[DateT, 0]],
  "date 2024-02-29": [[DateT, 19782]],
  "date 0001-01-01": [[DateT, -719162]],
  timestamp: [[TimestampT, 1704067200000000n]],
  timestamp_ntz: [[TimestampNTZT, 1704112496789000n]],
  "daytime interval": [[dayTimeIntervalType(0, 3), 93784500000n]],
  "yearmonth interval": [[yearMonthIntervalType(0, 1), 14]],
  "null int": [[IntegerT, null]],
  "null string": [[StringT, null]],
  "array int": [[arrayType(IntegerT), [1, 2, 3]]],
  "array int with null": [[arrayType(IntegerT), [1, null, 3]]],
  "array empty": [[arrayType(IntegerT), []]],
  "array string": [[arrayType(StringT), ["a", "b"]]],
  "array nested": [[arrayType(arrayType(IntegerT)), [[1], [2, 3]]]],
  struct: [[ab, [1, "x"]]],
  "struct with null": [[ab, [null, "y"]]],
  map: [[mapType(StringT, IntegerT), { keys: ["a", "b"], values: [1, 2] }]],
  multi: [
    [IntegerT, 1],
    [StringT, "a"],
    [IntegerT, null],
    [DoubleT, 2.5],
  ],
  "doc example": [
    [StringT, "Spark"],
    [arrayType(IntegerT), [123]],
    [IntegerT, 2],
  ],
};

function inputOf(label: string): readonly Col[] {
  const cols = INPUT[label];
  if (cols === undefined) throw new Error(`no input for ${label}`);
  return cols;
}

describe("Spark hash() and xxhash64()", () => {
  it("hashes single values as Spark does", () => {
    for (const [label, murmur, xx] of SPARK) {
      let h = 42;
      let x = 42n;
      for (const [type, value] of inputOf(label)) {
        h = murmur3Value(value, type, h);
        x = xxhash64Value(value, type, x);
      }
      assert.equal(h, murmur, `hash(${label})`);
      assert.equal(x, xx, `xxhash64(${label})`);
    }
  });

  it("hashes vectors row by row, skipping nulls, also on slices", () => {
    for (const [label, murmur, xx] of SPARK) {
      const cols = inputOf(label);
      // rows: value, null, value; then the same sliced from a longer vector
      const vectors = cols.map(([type, value]) => fromValues(type, [value, null, value]));
      const seeds = new Int32Array(3).fill(42);
      const xseeds = new BigInt64Array(3).fill(42n);
      for (const v of vectors) {
        murmur3Column(v, seeds);
        xxhash64Column(v, xseeds);
      }
      assert.deepEqual([...seeds], [murmur, 42, murmur], `hash(${label})`);
      assert.deepEqual([...xseeds], [xx, 42n, xx], `xxhash64(${label})`);
      const sliced = cols.map(([type, value]) =>
        slice(fromValues(type, [null, value, value]), 1, 2),
      );
      const s1 = new Int32Array(1).fill(42);
      const x1 = new BigInt64Array(1).fill(42n);
      for (const v of sliced) {
        murmur3Column(v, s1);
        xxhash64Column(v, x1);
      }
      assert.equal(s1[0], murmur, `hash(${label}) on a slice`);
      assert.equal(x1[0], xx, `xxhash64(${label}) on a slice`);
    }
  });

  it("hashes whole batches over chosen columns", () => {
    const cols = inputOf("doc example");
    const schema = structType(cols.map(([t], i) => structField(`c${i}`, t)));
    const batch = batchFromColumns(
      schema,
      cols.map(([, v]) => [v, v]),
    );
    assert.deepEqual([...murmur3Batch(batch)], [-1321691492, -1321691492]);
    assert.deepEqual([...xxhash64Batch(batch)], [5602566077635097486n, 5602566077635097486n]);
    assert.deepEqual([...murmur3Batch(batch, [0])], [228093765, 228093765]);
  });
});

describe("hash partitioning", () => {
  const ids = Array.from({ length: 12 }, (_, i) => i);
  const batch = batchFromColumns(
    structType([structField("i", IntegerT), structField("l", LongT), structField("s", StringT)]),
    [ids, ids.map((i) => BigInt(i) * 1000003n), ids.map((i) => `k${i}`)],
  );

  it("matches Spark's repartition(5, i, s)", () => {
    assert.deepEqual([...partitionIds(batch, [0, 2], 5)], [3, 1, 4, 1, 2, 0, 0, 2, 2, 3, 0, 2]);
  });

  it("matches Spark's repartition(7, l)", () => {
    assert.deepEqual([...partitionIds(batch, [1], 7)], [4, 5, 2, 4, 3, 1, 4, 2, 3, 4, 2, 4]);
  });
});
