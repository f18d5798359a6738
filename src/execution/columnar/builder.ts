/**
 * Vector builders: append values, then `finish()` once to get an immutable vector. Typed
 * arrays grow geometrically; no per-row objects. Each builder has typed fast methods
 * (`appendInt`, `appendString`, ...) and a generic `append(value)` taking the internal
 * representation of `src/types/data-types.ts` (null appends a null).
 */

import type {
  ArrayType,
  DataType,
  DecimalType,
  MapType,
  MapValue,
  StructType,
} from "../../types/data-types.ts";
import { assertNever, structField, structType } from "../../types/data-types.ts";
import type {
  BooleanVector,
  BytesVector,
  ColumnVector,
  DecimalVector,
  Float32Vector,
  Float64Vector,
  Int8Vector,
  Int16Vector,
  Int32Vector,
  Int64Vector,
  ListVector,
  MapVector,
  NullVector,
  StructVector,
} from "./vector.ts";
import { countNulls } from "./vector.ts";

const INITIAL_CAPACITY = 16;

type NumberArray = Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
type AnyTypedArray = NumberArray | Uint8Array | BigInt64Array;
type TypedCtor<T> = new (length: number) => T;

/** A copy of `a` with capacity at least `need` (doubling). */
export function grow<T extends AnyTypedArray>(a: T, need: number): T {
  let cap = a.length === 0 ? INITIAL_CAPACITY : a.length;
  while (cap < need) cap *= 2;
  const ctor = a.constructor as TypedCtor<T>;
  const b = new ctor(cap);
  (b as Uint8Array).set(a as Uint8Array);
  return b;
}

export interface VectorBuilder {
  readonly type: DataType;
  readonly length: number;
  appendNull(): void;
  /** Appends a value in the internal representation; null or undefined appends a null. */
  append(value: unknown): void;
  finish(): ColumnVector;
}

/** Validity bookkeeping shared by every builder: the bitmap exists only once a null came. */
abstract class BaseBuilder {
  length = 0;
  nullCount = 0;
  protected bits: Uint8Array | null = null;

  /** Records row `length` as valid or null and advances `length`. */
  protected advance(valid: boolean): void {
    const i = this.length;
    if (valid) {
      if (this.bits !== null) {
        if (i >> 3 >= this.bits.length) this.bits = grow(this.bits, (i >> 3) + 1);
        this.bits[i >> 3]! |= 1 << (i & 7);
      }
    } else {
      if (this.bits === null) {
        this.bits = new Uint8Array(Math.max(INITIAL_CAPACITY, (i >> 3) + 1));
        // all earlier rows were valid
        this.bits.fill(0xff, 0, i >> 3);
        for (let k = (i >> 3) << 3; k < i; k++) this.bits[k >> 3]! |= 1 << (k & 7);
      } else if (i >> 3 >= this.bits.length) {
        this.bits = grow(this.bits, (i >> 3) + 1);
      }
      this.nullCount++;
    }
    this.length = i + 1;
  }

  protected finishValidity(): Uint8Array | null {
    if (this.bits === null || this.nullCount === 0) return null;
    const n = (this.length + 7) >> 3;
    const out = this.bits.slice(0, n);
    // clear bits past the end so bitmaps compare and popcount cleanly
    if ((this.length & 7) !== 0) out[n - 1]! &= (1 << (this.length & 7)) - 1;
    return out;
  }
}

export class NullBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: DataType;
  constructor(type: DataType) {
    super();
    this.type = type;
  }
  appendNull(): void {
    this.length++;
    this.nullCount++;
  }
  append(_value: unknown): void {
    this.appendNull();
  }
  finish(): NullVector {
    return nullVector(this.type, this.length);
  }
}

export function nullVector(type: DataType, length: number): NullVector {
  return {
    layout: "null",
    type,
    length,
    validity: new Uint8Array((length + 7) >> 3),
    nullCount: length,
  };
}

export class BooleanBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: DataType;
  private values = new Uint8Array(INITIAL_CAPACITY);
  constructor(type: DataType) {
    super();
    this.type = type;
  }
  appendBoolean(b: boolean): void {
    const i = this.length;
    if (i >> 3 >= this.values.length) this.values = grow(this.values, (i >> 3) + 1);
    if (b) this.values[i >> 3]! |= 1 << (i & 7);
    this.advance(true);
  }
  appendNull(): void {
    const i = this.length;
    if (i >> 3 >= this.values.length) this.values = grow(this.values, (i >> 3) + 1);
    this.advance(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendBoolean(value as boolean);
  }
  finish(): BooleanVector {
    const n = (this.length + 7) >> 3;
    return {
      layout: "bool",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      values: this.values.slice(0, n),
    };
  }
}

/** byte, short, int/date/year-month interval, float, double. */
export class NumberBuilder<A extends NumberArray> extends BaseBuilder implements VectorBuilder {
  readonly type: DataType;
  private values: A;
  constructor(type: DataType, ctor: TypedCtor<A>, capacity = INITIAL_CAPACITY) {
    super();
    this.type = type;
    this.values = new ctor(Math.max(1, capacity));
  }
  appendNumber(v: number): void {
    const i = this.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    this.values[i] = v;
    this.advance(true);
  }
  appendNull(): void {
    const i = this.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    this.values[i] = 0;
    this.advance(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendNumber(value as number);
  }
  finish(): Int8Vector | Int16Vector | Int32Vector | Float32Vector | Float64Vector {
    const values = this.values.subarray(0, this.length);
    const base = {
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
    };
    if (values instanceof Int8Array) return { layout: "i8", ...base, values };
    if (values instanceof Int16Array) return { layout: "i16", ...base, values };
    if (values instanceof Int32Array) return { layout: "i32", ...base, values };
    if (values instanceof Float32Array) return { layout: "f32", ...base, values };
    return { layout: "f64", ...base, values: values as Float64Array };
  }
}

/** long, timestamp, timestamp_ntz, day-time interval (bigint values). */
export class Int64Builder extends BaseBuilder implements VectorBuilder {
  readonly type: DataType;
  private values: BigInt64Array;
  constructor(type: DataType, capacity = INITIAL_CAPACITY) {
    super();
    this.type = type;
    this.values = new BigInt64Array(Math.max(1, capacity));
  }
  appendLong(v: bigint): void {
    const i = this.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    this.values[i] = v;
    this.advance(true);
  }
  appendNull(): void {
    const i = this.length;
    if (i >= this.values.length) this.values = grow(this.values, i + 1);
    this.values[i] = 0n;
    this.advance(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendLong(value as bigint);
  }
  finish(): Int64Vector {
    return {
      layout: "i64",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      values: this.values.subarray(0, this.length),
    };
  }
}

/** decimal: unscaled bigint values stored as Decimal128 (low word, high word). */
export class DecimalBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: DecimalType;
  private values: BigInt64Array;
  constructor(type: DecimalType, capacity = INITIAL_CAPACITY) {
    super();
    this.type = type;
    this.values = new BigInt64Array(2 * Math.max(1, capacity));
  }
  appendUnscaled(v: bigint): void {
    const i = this.length;
    if (2 * i + 1 >= this.values.length) this.values = grow(this.values, 2 * i + 2);
    this.values[2 * i] = BigInt.asIntN(64, v);
    this.values[2 * i + 1] = BigInt.asIntN(64, v >> 64n);
    this.advance(true);
  }
  appendNull(): void {
    const i = this.length;
    if (2 * i + 1 >= this.values.length) this.values = grow(this.values, 2 * i + 2);
    this.values[2 * i] = 0n;
    this.values[2 * i + 1] = 0n;
    this.advance(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else this.appendUnscaled(value as bigint);
  }
  finish(): DecimalVector {
    return {
      layout: "d128",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      values: this.values.subarray(0, 2 * this.length),
    };
  }
}

const ENCODER = new TextEncoder();

/** string (UTF-8) and binary. */
export class BytesBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: DataType;
  private offsets: Int32Array;
  private data: Uint8Array;
  private pos = 0;
  constructor(type: DataType, capacity = INITIAL_CAPACITY, byteCapacity = 8 * INITIAL_CAPACITY) {
    super();
    this.type = type;
    this.offsets = new Int32Array(Math.max(2, capacity + 1));
    this.data = new Uint8Array(Math.max(1, byteCapacity));
  }
  private endRow(valid: boolean): void {
    const i = this.length;
    if (i + 1 >= this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.pos;
    this.advance(valid);
  }
  /** Appends a JS string as UTF-8 (ASCII written directly, the rest via encodeInto). */
  appendString(s: string): void {
    const n = s.length;
    if (this.pos + 3 * n > this.data.length) this.data = grow(this.data, this.pos + 3 * n);
    const d = this.data;
    let p = this.pos;
    let k = 0;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c >= 0x80) break;
      d[p++] = c;
    }
    if (k < n) p += ENCODER.encodeInto(s.slice(k), d.subarray(p)).written;
    this.pos = p;
    this.endRow(true);
  }
  /** Appends `src[start, end)` as one value. */
  appendBytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    if (this.pos + n > this.data.length) this.data = grow(this.data, this.pos + n);
    this.data.set(src.subarray(start, end), this.pos);
    this.pos += n;
    this.endRow(true);
  }
  appendNull(): void {
    this.endRow(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) this.appendNull();
    else if (typeof value === "string") this.appendString(value);
    else this.appendBytes(value as Uint8Array);
  }
  finish(): BytesVector {
    return {
      layout: "bytes",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      offsets: this.offsets.subarray(0, this.length + 1),
      data: this.data.subarray(0, this.pos),
    };
  }
}

/** array: `append(readonly unknown[])`, or append elements to `child` then `endList()`. */
export class ListBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: ArrayType;
  readonly child: VectorBuilder;
  private offsets = new Int32Array(INITIAL_CAPACITY + 1);
  constructor(type: ArrayType) {
    super();
    this.type = type;
    this.child = createBuilder(type.elementType);
  }
  endList(valid = true): void {
    const i = this.length;
    if (i + 1 >= this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.child.length;
    this.advance(valid);
  }
  appendNull(): void {
    this.endList(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    const arr = value as readonly unknown[];
    for (let k = 0; k < arr.length; k++) this.child.append(arr[k]);
    this.endList(true);
  }
  finish(): ListVector {
    return {
      layout: "list",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      offsets: this.offsets.subarray(0, this.length + 1),
      child: this.child.finish(),
    };
  }
}

/** The struct<key, value> type of a map's entries child (Arrow's Map layout). */
export function mapEntriesType(type: MapType): StructType {
  return structType([
    structField("key", type.keyType, false),
    structField("value", type.valueType, type.valueContainsNull),
  ]);
}

/** map: `append(MapValue)`, or append to `keys`/`values` then `endMap()`. */
export class MapBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: MapType;
  readonly keys: VectorBuilder;
  readonly values: VectorBuilder;
  private offsets = new Int32Array(INITIAL_CAPACITY + 1);
  constructor(type: MapType) {
    super();
    this.type = type;
    this.keys = createBuilder(type.keyType);
    this.values = createBuilder(type.valueType);
  }
  endMap(valid = true): void {
    const i = this.length;
    if (i + 1 >= this.offsets.length) this.offsets = grow(this.offsets, i + 2);
    this.offsets[i + 1] = this.keys.length;
    this.advance(valid);
  }
  appendNull(): void {
    this.endMap(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    const m = value as MapValue;
    for (let k = 0; k < m.keys.length; k++) {
      this.keys.append(m.keys[k]);
      this.values.append(m.values[k]);
    }
    this.endMap(true);
  }
  finish(): MapVector {
    const keys = this.keys.finish();
    const values = this.values.finish();
    return {
      layout: "map",
      type: this.type,
      length: this.length,
      validity: this.finishValidity(),
      nullCount: this.nullCount,
      offsets: this.offsets.subarray(0, this.length + 1),
      entries: structVector(mapEntriesType(this.type), keys.length, [keys, values], null),
    };
  }
}

/** struct: `append(readonly unknown[])` (positional), or append to each child then `endStruct()`. */
export class StructBuilder extends BaseBuilder implements VectorBuilder {
  readonly type: StructType;
  readonly children: readonly VectorBuilder[];
  constructor(type: StructType) {
    super();
    this.type = type;
    this.children = type.fields.map((f) => createBuilder(f.dataType));
  }
  endStruct(valid = true): void {
    this.advance(valid);
  }
  appendNull(): void {
    for (const c of this.children) c.appendNull();
    this.advance(false);
  }
  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    const row = value as readonly unknown[];
    for (let f = 0; f < this.children.length; f++) this.children[f]!.append(row[f]);
    this.advance(true);
  }
  finish(): StructVector {
    return structVector(
      this.type,
      this.length,
      this.children.map((c) => c.finish()),
      this.finishValidity(),
    );
  }
}

export function structVector(
  type: StructType,
  length: number,
  children: readonly ColumnVector[],
  validity: Uint8Array | null,
  nullCount = countNulls(validity, length),
): StructVector {
  return { layout: "struct", type, length, validity, nullCount, children };
}

/** A builder for any Spark type. */
export function createBuilder(type: DataType, capacity = INITIAL_CAPACITY): VectorBuilder {
  switch (type.kind) {
    case "null":
      return new NullBuilder(type);
    case "boolean":
      return new BooleanBuilder(type);
    case "byte":
      return new NumberBuilder(type, Int8Array, capacity);
    case "short":
      return new NumberBuilder(type, Int16Array, capacity);
    case "integer":
    case "date":
    case "yearmonth_interval":
      return new NumberBuilder(type, Int32Array, capacity);
    case "float":
      return new NumberBuilder(type, Float32Array, capacity);
    case "double":
      return new NumberBuilder(type, Float64Array, capacity);
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return new Int64Builder(type, capacity);
    case "decimal":
      return new DecimalBuilder(type, capacity);
    case "string":
    case "binary":
      return new BytesBuilder(type, capacity);
    case "array":
      return new ListBuilder(type);
    case "map":
      return new MapBuilder(type);
    case "struct":
      return new StructBuilder(type);
    default:
      return assertNever(type, "data type");
  }
}

/** A vector of `type` holding `values` (internal representation; null = null). */
export function fromValues(type: DataType, values: readonly unknown[]): ColumnVector {
  const b = createBuilder(type, values.length);
  for (let i = 0; i < values.length; i++) b.append(values[i]);
  return b.finish();
}
