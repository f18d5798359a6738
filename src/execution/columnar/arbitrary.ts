/** fast-check generators of Spark types and values, for property tests of vectors and hashes. */

import fc from "fast-check";
import type { DataType, StructType } from "../../types/data-types.ts";
import {
  arrayType,
  assertNever,
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
  NullT,
  ShortT,
  StringT,
  structField,
  structType,
  TimestampNTZT,
  TimestampT,
  yearMonthIntervalType,
} from "../../types/data-types.ts";

const ATOMIC: readonly DataType[] = [
  NullT,
  BooleanT,
  ByteT,
  ShortT,
  IntegerT,
  LongT,
  FloatT,
  DoubleT,
  decimalType(9, 2),
  decimalType(18, 0),
  decimalType(38, 10),
  decimalType(20, 0),
  StringT,
  BinaryT,
  DateT,
  TimestampT,
  TimestampNTZT,
  dayTimeIntervalType(0, 3),
  yearMonthIntervalType(0, 1),
];

export const atomicTypeArb: fc.Arbitrary<DataType> = fc.constantFrom(...ATOMIC);

/** Any Spark type, nested up to `depth` levels. */
export function dataTypeArb(depth = 2): fc.Arbitrary<DataType> {
  if (depth <= 0) return atomicTypeArb;
  const inner = dataTypeArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: atomicTypeArb },
    { weight: 1, arbitrary: inner.map((t) => arrayType(t)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(atomicTypeArb, inner)
        .map(([k, v]) => mapType(k.kind === "null" ? IntegerT : k, v)),
    },
    { weight: 1, arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map(structOf) },
  );
}

function structOf(types: readonly DataType[]): StructType {
  return structType(types.map((t, i) => structField(`f${i}`, t)));
}

export function schemaArb(maxColumns = 4): fc.Arbitrary<StructType> {
  return fc.array(dataTypeArb(2), { minLength: 1, maxLength: maxColumns }).map(structOf);
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** A value of `type` in the internal representation (null allowed when `nullable`). */
export function valueArb(type: DataType, nullable = true): fc.Arbitrary<unknown> {
  const v = nonNullArb(type);
  return nullable ? fc.option(v, { nil: null, freq: 4 }) : v;
}

function nonNullArb(type: DataType): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "byte":
      return fc.integer({ min: -128, max: 127 });
    case "short":
      return fc.integer({ min: -32768, max: 32767 });
    case "integer":
    case "yearmonth_interval":
      return fc.integer();
    case "date":
      return fc.integer({ min: -719162, max: 2932896 });
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return fc.bigInt({ min: LONG_MIN, max: LONG_MAX });
    case "float":
      return fc.float();
    case "double":
      return fc.double();
    case "decimal": {
      const bound = 10n ** BigInt(type.precision) - 1n;
      return fc.bigInt({ min: -bound, max: bound });
    }
    case "string":
      return fc.string({ unit: "binary", maxLength: 40 });
    case "binary":
      return fc.uint8Array({ maxLength: 40 });
    case "array":
      return fc.array(valueArb(type.elementType), { maxLength: 4 });
    case "map":
      return fc
        .array(fc.tuple(nonNullArb(type.keyType), valueArb(type.valueType)), { maxLength: 3 })
        .map((entries) => ({ keys: entries.map((e) => e[0]), values: entries.map((e) => e[1]) }));
    case "struct":
      return fc.tuple(...type.fields.map((f) => valueArb(f.dataType)));
    default:
      return assertNever(type, "data type");
  }
}

/** A schema and rows over it. */
export function batchRowsArb(maxRows = 20): fc.Arbitrary<[StructType, unknown[][]]> {
  return schemaArb().chain((schema) =>
    fc
      .array(fc.tuple(...schema.fields.map((f) => valueArb(f.dataType))), { maxLength: maxRows })
      .map((rows): [StructType, unknown[][]] => [schema, rows]),
  );
}
