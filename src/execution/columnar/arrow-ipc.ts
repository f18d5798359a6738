/**
 * Arrow interop: ColumnarBatch <-> apache-arrow RecordBatch <-> Arrow IPC stream bytes.
 *
 * Zero-copy both ways where layouts match: encoding wraps our typed arrays in `arrow.Data`
 * (`makeData`) without converting them; decoding returns vectors whose typed arrays are
 * views over the decoded Arrow buffers (so they keep the IPC bytes alive). Copies happen
 * only for bitmaps at a non-zero Arrow offset, misaligned decimal buffers, and types Flint
 * stores differently (other timestamp units, large offsets, unsigned ints).
 *
 * Spark types map to Arrow as Spark's ArrowUtils does (timestamp -> Timestamp(us, "UTC"),
 * timestamp_ntz -> Timestamp(us), date -> Date32, decimal -> Decimal128, day-time interval ->
 * Duration(us), year-month interval -> Interval(YEAR_MONTH), map -> Map). The exact Spark
 * schema (interval fields, field metadata) travels as JSON in the schema metadata under
 * `flint.schema`; readers without it get the type inferred from Arrow.
 */

import * as arrow from "apache-arrow";
import type { DataType, StructField, StructType } from "../../types/data-types.ts";
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
  fromJson,
  fromJsonValue,
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
  toJson,
  typeName,
  yearMonthIntervalType,
} from "../../types/data-types.ts";
import type { ColumnarBatch } from "./batch.ts";
import { columnarBatch, emptyBatch } from "./batch.ts";
import { createBuilder, mapEntriesType, nullVector, structVector } from "./builder.ts";
import { compactOffsets, copyBits, take } from "./kernels.ts";
import type { ColumnVector } from "./vector.ts";
import { countNulls } from "./vector.ts";

export const SCHEMA_METADATA_KEY = "flint.schema";

// ---------------------------------------------------------------------------------------
// Types

/** The Arrow type Flint writes for a Spark type. */
export function toArrowType(t: DataType): arrow.DataType {
  switch (t.kind) {
    case "null":
      return new arrow.Null();
    case "boolean":
      return new arrow.Bool();
    case "byte":
      return new arrow.Int8();
    case "short":
      return new arrow.Int16();
    case "integer":
      return new arrow.Int32();
    case "long":
      return new arrow.Int64();
    case "float":
      return new arrow.Float32();
    case "double":
      return new arrow.Float64();
    case "decimal":
      return new arrow.Decimal(t.scale, t.precision, 128);
    case "string":
      return new arrow.Utf8();
    case "binary":
      return new arrow.Binary();
    case "date":
      return new arrow.DateDay();
    case "timestamp":
      return new arrow.TimestampMicrosecond("UTC");
    case "timestamp_ntz":
      return new arrow.TimestampMicrosecond();
    case "daytime_interval":
      return new arrow.DurationMicrosecond();
    case "yearmonth_interval":
      return new arrow.IntervalYearMonth();
    case "array":
      return new arrow.List(arrowField("element", t.elementType, t.containsNull));
    case "map": {
      const entries = mapEntriesType(t);
      return new arrow.Map_(
        new arrow.Field("entries", toArrowType(entries), false) as arrow.Field<
          arrow.Struct<{ key: arrow.DataType; value: arrow.DataType }>
        >,
        false,
      );
    }
    case "struct":
      return new arrow.Struct(t.fields.map(toArrowField));
    default:
      return assertNever(t, "data type");
  }
}

/** Field metadata key holding the Spark type name where Arrow cannot express it. */
export const FIELD_TYPE_METADATA_KEY = "flint.sparkType";

function arrowField(name: string, t: DataType, nullable: boolean): arrow.Field {
  // interval fields (DAY TO SECOND, YEAR, ...) have no Arrow equivalent
  const metadata =
    t.kind === "daytime_interval" || t.kind === "yearmonth_interval"
      ? new Map([[FIELD_TYPE_METADATA_KEY, typeName(t)]])
      : null;
  return new arrow.Field(name, toArrowType(t), nullable, metadata);
}

function toArrowField(f: StructField): arrow.Field {
  return arrowField(f.name, f.dataType, f.nullable);
}

export function toArrowSchema(schema: StructType): arrow.Schema {
  return new arrow.Schema(
    schema.fields.map(toArrowField),
    new Map([[SCHEMA_METADATA_KEY, toJson(schema)]]),
  );
}

/** The Spark type for an Arrow type (for Arrow data not written by Flint). */
export function fromArrowType(t: arrow.DataType): DataType {
  if (arrow.DataType.isNull(t)) return NullT;
  if (arrow.DataType.isBool(t)) return BooleanT;
  if (arrow.DataType.isInt(t)) {
    const it = t as arrow.Int;
    if (it.isSigned) {
      return it.bitWidth === 8
        ? ByteT
        : it.bitWidth === 16
          ? ShortT
          : it.bitWidth === 32
            ? IntegerT
            : LongT;
    }
    return it.bitWidth === 8
      ? ShortT
      : it.bitWidth === 16
        ? IntegerT
        : it.bitWidth === 32
          ? LongT
          : decimalType(20, 0);
  }
  if (arrow.DataType.isFloat(t)) {
    return (t as arrow.Float).precision === arrow.Precision.SINGLE ? FloatT : DoubleT;
  }
  if (arrow.DataType.isDecimal(t)) {
    const d = t as arrow.Decimal;
    return decimalType(d.precision, d.scale);
  }
  if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) return StringT;
  if (arrow.DataType.isBinary(t) || arrow.DataType.isLargeBinary(t)) return BinaryT;
  if (arrow.DataType.isDate(t)) return DateT;
  if (arrow.DataType.isTimestamp(t)) {
    const tz = (t as arrow.Timestamp).timezone;
    return tz === null || tz === undefined || tz === "" ? TimestampNTZT : TimestampT;
  }
  if (arrow.DataType.isDuration(t)) return dayTimeIntervalType();
  if (
    arrow.DataType.isInterval(t) &&
    (t as arrow.Interval).unit === arrow.IntervalUnit.YEAR_MONTH
  ) {
    return yearMonthIntervalType();
  }
  if (arrow.DataType.isList(t)) {
    const c = (t as arrow.List).children[0]!;
    return arrayType(typeOfField(c), c.nullable);
  }
  if (arrow.DataType.isMap(t)) {
    const entries = (t as arrow.Map_).children[0]!.type as arrow.Struct;
    const [k, v] = entries.children as [arrow.Field, arrow.Field];
    return mapType(typeOfField(k), typeOfField(v), v.nullable);
  }
  if (arrow.DataType.isStruct(t)) {
    return structType((t as arrow.Struct).children.map(fromArrowField));
  }
  throw new Error(`Arrow type ${String(t)} is not supported`);
}

function fromArrowField(f: arrow.Field): StructField {
  return structField(f.name, typeOfField(f), f.nullable);
}

function typeOfField(f: arrow.Field): DataType {
  const name = f.metadata.get(FIELD_TYPE_METADATA_KEY);
  if (name !== undefined) {
    const t = fromJsonValue(name);
    if (t.kind === "daytime_interval" || t.kind === "yearmonth_interval") return t;
  }
  return fromArrowType(f.type);
}

/** The Spark schema of an Arrow schema (the exact one when Flint wrote it). */
export function fromArrowSchema(s: arrow.Schema): StructType {
  const json = s.metadata.get(SCHEMA_METADATA_KEY);
  if (json !== undefined) {
    const t = fromJson(json);
    if (t.kind === "struct" && t.fields.length === s.fields.length) return t;
  }
  return structType(s.fields.map(fromArrowField));
}

// ---------------------------------------------------------------------------------------
// Vectors -> Arrow Data (zero-copy)

type MakeData = (props: Record<string, unknown>) => arrow.Data;
const makeData = arrow.makeData as unknown as MakeData;

/** Wraps a vector's buffers in an Arrow Data, sharing the typed arrays. */
export function toArrowData(v: ColumnVector): arrow.Data {
  const type = toArrowType(v.type);
  const common: Record<string, unknown> = {
    type,
    length: v.length,
    nullCount: v.nullCount,
  };
  if (v.validity !== null && v.nullCount > 0) common.nullBitmap = v.validity;
  switch (v.layout) {
    case "null":
      return makeData({ type, length: v.length });
    case "bool":
    case "i8":
    case "i16":
    case "i32":
    case "i64":
    case "f32":
    case "f64":
      return makeData({ ...common, data: v.values });
    case "d128": {
      const words = new Uint32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
      return makeData({ ...common, data: words });
    }
    case "bytes": {
      const c = compactOffsets(v);
      return makeData({ ...common, valueOffsets: c.offsets, data: c.data });
    }
    case "list": {
      const c = compactOffsets(v);
      return makeData({ ...common, valueOffsets: c.offsets, child: toArrowData(c.child) });
    }
    case "map": {
      const c = compactOffsets(v);
      return makeData({ ...common, valueOffsets: c.offsets, child: toArrowData(c.entries) });
    }
    case "struct":
      return makeData({ ...common, children: v.children.map(toArrowData) });
    default:
      return assertNever(v, "vector");
  }
}

export function toArrowRecordBatch(batch: ColumnarBatch): arrow.RecordBatch {
  const schema = toArrowSchema(batch.schema);
  const data = makeData({
    type: new arrow.Struct(schema.fields),
    length: batch.numRows,
    nullCount: 0,
    children: distinctBuffers(batch.columns).map(toArrowData),
  });
  return new arrow.RecordBatch(schema, data as arrow.Data<arrow.Struct>);
}

/**
 * Arrow JS's IPC writer corrupts a batch in which two buffers start at the same byte of
 * the same memory (the same column projected twice, a shared validity bitmap): the later
 * of such columns is copied.
 */
function distinctBuffers(columns: readonly ColumnVector[]): readonly ColumnVector[] {
  const seen = new Map<ArrayBufferLike, Set<number>>();
  const arrays = (v: ColumnVector): ArrayBufferView[] => {
    const out: ArrayBufferView[] = [];
    if (v.validity !== null) out.push(v.validity);
    if ("values" in v) out.push(v.values);
    if ("offsets" in v) out.push(v.offsets);
    return out;
  };
  const taken = (a: ArrayBufferView): boolean =>
    a.byteLength > 0 && seen.get(a.buffer)?.has(a.byteOffset) === true;
  const claim = (a: ArrayBufferView): void => {
    let offsets = seen.get(a.buffer);
    if (offsets === undefined) {
      offsets = new Set();
      seen.set(a.buffer, offsets);
    }
    offsets.add(a.byteOffset);
  };
  let copied: ColumnVector[] | null = null;
  columns.forEach((v, i) => {
    let c = v;
    if (arrays(v).some(taken)) {
      c = take(
        v,
        Int32Array.from({ length: v.length }, (_, r) => r),
      );
      copied ??= [...columns];
      copied[i] = c;
    }
    for (const a of arrays(c)) claim(a);
  });
  return copied ?? columns;
}

// ---------------------------------------------------------------------------------------
// Arrow Data -> vectors (zero-copy where the layout matches)

function validityOf(d: arrow.Data): [Uint8Array | null, number] {
  const bits = d.nullBitmap as Uint8Array | undefined;
  if (bits === undefined || bits.length === 0 || d.nullCount === 0) return [null, 0];
  if (d.offset === 0) return [bits, countNulls(bits, d.length)];
  const out = new Uint8Array((d.length + 7) >> 3);
  copyBits(bits, d.offset, out, 0, d.length);
  return [out, countNulls(out, d.length)];
}

function offsetsOf(d: arrow.Data): Int32Array {
  const o = d.valueOffsets as Int32Array | BigInt64Array;
  // Arrow JS slices offsets on Data.slice, so they start at the logical row 0
  if (o instanceof Int32Array) return o.subarray(0, d.length + 1);
  const out = new Int32Array(d.length + 1);
  for (let i = 0; i <= d.length; i++) out[i] = Number(o[i]!);
  return out;
}

function as64(u: ArrayBufferView, words: number): BigInt64Array {
  if (u.byteOffset % 8 === 0) return new BigInt64Array(u.buffer, u.byteOffset, words);
  const copy = new Uint8Array(words * 8);
  copy.set(new Uint8Array(u.buffer, u.byteOffset, words * 8));
  return new BigInt64Array(copy.buffer);
}

const UNIT_TO_MICROS: readonly bigint[] = [1_000_000n, 1_000n, 1n, 0n];

/** A vector of Spark type `type` over the buffers of an Arrow Data. */
export function fromArrowData(d: arrow.Data, type: DataType): ColumnVector {
  const n = d.length;
  if (type.kind === "null") return nullVector(type, n);
  // Arrow JS writes a childless empty batch for streams with no batches
  if (n === 0) return createBuilder(type, 0).finish();
  const [validity, nullCount] = validityOf(d);
  const base = { type, length: n, validity, nullCount };
  const at = d.type;
  switch (type.kind) {
    case "boolean": {
      const vals = d.values as Uint8Array;
      let values = vals;
      if (d.offset !== 0) {
        values = new Uint8Array((n + 7) >> 3);
        copyBits(vals, d.offset, values, 0, n);
      }
      return { ...base, layout: "bool", values };
    }
    case "byte":
      return { ...base, layout: "i8", values: toInt8(d) };
    case "short":
      return { ...base, layout: "i16", values: widen(d, Int16Array) };
    case "integer":
    case "yearmonth_interval":
      return { ...base, layout: "i32", values: widen(d, Int32Array) };
    case "date": {
      if (arrow.DataType.isDate(at) && (at as arrow.Date_).unit === arrow.DateUnit.MILLISECOND) {
        const src = d.values as unknown as BigInt64Array | Int32Array;
        const out = new Int32Array(n);
        if (src instanceof BigInt64Array) {
          for (let i = 0; i < n; i++) out[i] = Math.floor(Number(src[i]!) / 86_400_000);
        } else {
          for (let i = 0; i < n; i++) {
            const ms = src[2 * i]! >>> 0;
            out[i] = Math.floor((src[2 * i + 1]! * 4294967296 + ms) / 86_400_000);
          }
        }
        return { ...base, layout: "i32", values: out };
      }
      return { ...base, layout: "i32", values: widen(d, Int32Array) };
    }
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval": {
      let values: BigInt64Array;
      if (arrow.DataType.isInt(at) && (at as arrow.Int).bitWidth < 64) {
        values = new BigInt64Array(n);
        const src = d.values as Uint8Array | Uint16Array | Uint32Array;
        for (let i = 0; i < n; i++) values[i] = BigInt(src[i]!);
      } else {
        values = as64(d.values as BigInt64Array, n);
      }
      const unit = (at as { unit?: number }).unit;
      const isTime = arrow.DataType.isTimestamp(at) || arrow.DataType.isDuration(at);
      if (isTime && unit !== undefined && unit !== arrow.TimeUnit.MICROSECOND) {
        const scaled = new BigInt64Array(n);
        if (unit === arrow.TimeUnit.NANOSECOND) {
          for (let i = 0; i < n; i++) scaled[i] = values[i]! / 1000n;
        } else {
          const m = UNIT_TO_MICROS[unit] ?? 1n;
          for (let i = 0; i < n; i++) scaled[i] = values[i]! * m;
        }
        values = scaled;
      }
      return { ...base, layout: "i64", values };
    }
    case "float":
      return { ...base, layout: "f32", values: (d.values as Float32Array).subarray(0, n) };
    case "double":
      return { ...base, layout: "f64", values: (d.values as Float64Array).subarray(0, n) };
    case "decimal": {
      if (arrow.DataType.isInt(at)) {
        // uint64 -> decimal(20, 0): the same 64 bits as the low word, high word 0
        const src = as64(d.values as BigUint64Array, n);
        const values = new BigInt64Array(2 * n);
        for (let i = 0; i < n; i++) values[2 * i] = src[i]!;
        return { ...base, type, layout: "d128", values };
      }
      return { ...base, type, layout: "d128", values: as64(d.values as Uint32Array, 2 * n) };
    }
    case "string":
    case "binary":
      return { ...base, layout: "bytes", offsets: offsetsOf(d), data: d.values as Uint8Array };
    case "array": {
      const child = d.children[0];
      if (child === undefined) throw new Error("Arrow list without child");
      return {
        ...base,
        type,
        layout: "list",
        offsets: offsetsOf(d),
        child: fromArrowData(child, type.elementType),
      };
    }
    case "map": {
      const child = d.children[0];
      if (child === undefined) throw new Error("Arrow map without entries");
      const entriesType = mapEntriesType(type);
      const [kd, vd] = child.children as [arrow.Data, arrow.Data];
      const keys = fromArrowData(kd, type.keyType);
      const values = fromArrowData(vd, type.valueType);
      const entries = structVector(entriesType, child.length, [keys, values], null, 0);
      return { ...base, type, layout: "map", offsets: offsetsOf(d), entries };
    }
    case "struct": {
      const children = type.fields.map((f, i) => {
        const cd = d.children[i];
        if (cd === undefined) throw new Error(`Arrow struct without child ${f.name}`);
        // Arrow JS slices struct children together with the struct
        return fromArrowData(cd, f.dataType);
      });
      return structVector(type, n, children, validity, nullCount);
    }
    default:
      return assertNever(type, "data type");
  }
}

function toInt8(d: arrow.Data): Int8Array {
  const v = d.values as Int8Array | Uint8Array;
  if (v instanceof Int8Array) return v.subarray(0, d.length);
  return new Int8Array(v.buffer, v.byteOffset, d.length);
}

function widen<A extends Int16Array | Int32Array>(d: arrow.Data, ctor: new (n: number) => A): A {
  const v = d.values as ArrayLike<number> & { subarray(a: number, b: number): unknown };
  if (v instanceof ctor) return v.subarray(0, d.length) as A;
  const out = new ctor(d.length);
  for (let i = 0; i < d.length; i++) out[i] = v[i]!;
  return out;
}

export function fromArrowRecordBatch(rb: arrow.RecordBatch, schema?: StructType): ColumnarBatch {
  const s = schema ?? fromArrowSchema(rb.schema);
  const columns = s.fields.map((f, i) => {
    const d = rb.data.children[i];
    if (d === undefined) throw new Error(`Arrow batch lacks column ${f.name}`);
    return fromArrowData(d, f.dataType);
  });
  return columnarBatch(s, rb.numRows, columns);
}

// ---------------------------------------------------------------------------------------
// IPC stream bytes

/** Arrow IPC stream bytes (schema message, then one record batch message per batch). */
export function encodeIpcStream(schema: StructType, batches: readonly ColumnarBatch[]): Uint8Array {
  const writer = new arrow.RecordBatchStreamWriter();
  writer.reset(undefined, toArrowSchema(schema));
  for (const b of batches) writer.write(toArrowRecordBatch(b));
  writer.finish();
  return writer.toUint8Array(true);
}

/** One batch as Arrow IPC stream bytes. */
export function encodeIpc(batch: ColumnarBatch): Uint8Array {
  return encodeIpcStream(batch.schema, [batch]);
}

export interface DecodedIpc {
  readonly schema: StructType;
  readonly batches: readonly ColumnarBatch[];
}

/** Decodes Arrow IPC stream (or file) bytes; vectors are views over `bytes`' buffers. */
export function decodeIpcStream(bytes: Uint8Array): DecodedIpc {
  const reader = arrow.RecordBatchReader.from(bytes);
  reader.open();
  const schema = fromArrowSchema(reader.schema);
  const batches: ColumnarBatch[] = [];
  for (const rb of reader) batches.push(fromArrowRecordBatch(rb, schema));
  return { schema, batches };
}

/** Decodes IPC bytes holding one batch (an empty batch when the stream has none). */
export function decodeIpc(bytes: Uint8Array): ColumnarBatch {
  const { schema, batches } = decodeIpcStream(bytes);
  if (batches.length === 1) return batches[0]!;
  if (batches.length === 0) return emptyBatch(schema);
  throw new Error(`expected one Arrow record batch, found ${batches.length}`);
}
