/**
 * JSON schema inference as Spark's JsonInferSchema: objects become structs with fields
 * sorted by name, integers are longs (decimals beyond a long), fractions doubles (decimals
 * with prefersDecimal), strings strings (everything with primitivesAsString); types of the
 * same field merge (long with double is double, structs merge field by field, arrays by
 * element) and anything else conflicting is a string. Finally null types become strings
 * and empty structs are dropped.
 */
import { digitCount, parseDecimalText } from "../../../catalyst/expressions/values/numbers.ts";
import {
  arrayType,
  BooleanT,
  type DataType,
  DoubleT,
  decimalType,
  LongT,
  NullT,
  StringT,
  type StructField,
  type StructType,
  structField,
  structType,
} from "../../../types/data-types.ts";
import { JsonArray, JsonNum, JsonObject, JsonSpecial, type JsonValue } from "./parse.ts";

export interface JsonInferOptions {
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
}

function decimalOf(text: string): DataType {
  const d = parseDecimalText(text);
  if (d === null) return DoubleT;
  const m = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  // Java BigDecimal: scale = fraction digits - exponent; precision = unscaled digits.
  const frac = m?.[2]?.length ?? 0;
  const exp = Number(m?.[3] ?? 0);
  const scale = frac - exp;
  const unscaled = BigInt(`${(m?.[1] ?? "") || "0"}${m?.[2] ?? ""}`);
  const precision = digitCount(unscaled < 0n ? -unscaled : unscaled);
  if (scale < 0) return DoubleT;
  const p = Math.max(precision, scale);
  return p <= 38 ? decimalType(p, scale) : DoubleT;
}

export function inferJsonType(v: JsonValue, o: JsonInferOptions): DataType {
  if (v === null) return NullT;
  if (typeof v === "boolean") return o.primitivesAsString ? StringT : BooleanT;
  if (typeof v === "string") return StringT;
  if (v instanceof JsonSpecial) return o.primitivesAsString ? StringT : DoubleT;
  if (v instanceof JsonNum) {
    if (o.primitivesAsString) return StringT;
    if (v.isIntegral) {
      const n = BigInt(v.text);
      if (n >= -9223372036854775808n && n <= 9223372036854775807n) return LongT;
      return decimalOf(v.text);
    }
    return o.prefersDecimal ? decimalOf(v.text) : DoubleT;
  }
  if (v instanceof JsonArray) {
    let t: DataType = NullT;
    for (const x of v.items) t = compatibleJsonType(t, inferJsonType(x, o));
    return arrayType(t, true);
  }
  if (v instanceof JsonObject) {
    const fields: StructField[] = [];
    for (const [k, x] of v.fields) fields.push(structField(k, inferJsonType(x, o), true));
    fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return structType(fields);
  }
  return StringT;
}

function widerDecimal(a: DataType, b: DataType): DataType {
  const da = a.kind === "decimal" ? a : decimalType(20, 0);
  const db = b.kind === "decimal" ? b : decimalType(20, 0);
  if (da.kind !== "decimal" || db.kind !== "decimal") return StringT;
  const scale = Math.max(da.scale, db.scale);
  const range = Math.max(da.precision - da.scale, db.precision - db.scale);
  return range + scale > 38 ? DoubleT : decimalType(range + scale, scale);
}

/** Spark's JsonInferSchema.compatibleType. */
export function compatibleJsonType(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === "struct" && b.kind === "struct") return mergeStructs(a, b);
  if (a.kind === "array" && b.kind === "array") {
    return arrayType(compatibleJsonType(a.elementType, b.elementType), true);
  }
  if (a.kind === b.kind && a.kind !== "decimal") return a;
  const numeric = (t: DataType): boolean =>
    t.kind === "long" || t.kind === "double" || t.kind === "decimal";
  if (numeric(a) && numeric(b)) {
    if (a.kind === "double" || b.kind === "double") return DoubleT;
    return widerDecimal(a, b);
  }
  return StringT;
}

function mergeStructs(a: StructType, b: StructType): StructType {
  const byName = new Map<string, StructField>();
  for (const f of a.fields) byName.set(f.name, f);
  for (const f of b.fields) {
    const g = byName.get(f.name);
    byName.set(
      f.name,
      g === undefined ? f : structField(f.name, compatibleJsonType(g.dataType, f.dataType), true),
    );
  }
  const fields = [...byName.values()];
  fields.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return structType(fields);
}

/** Null types to strings, empty structs dropped (undefined = drop). */
export function canonicalizeJsonType(t: DataType): DataType | undefined {
  switch (t.kind) {
    case "null":
      return StringT;
    case "array": {
      const e = canonicalizeJsonType(t.elementType);
      return e === undefined ? undefined : arrayType(e, true);
    }
    case "struct": {
      const fields: StructField[] = [];
      for (const f of t.fields) {
        if (f.name === "") continue;
        const c = canonicalizeJsonType(f.dataType);
        if (c !== undefined) fields.push(structField(f.name, c, true));
      }
      return fields.length === 0 ? undefined : structType(fields);
    }
    default:
      return t;
  }
}

const FIELD_INDEX = new WeakMap<StructType, Map<string, number>>();

function fieldIndex(t: StructType): Map<string, number> {
  let m = FIELD_INDEX.get(t);
  if (m === undefined) {
    m = new Map(t.fields.map((f, i) => [f.name, i]));
    FIELD_INDEX.set(t, m);
  }
  return m;
}

/**
 * `compatibleJsonType(t, inferJsonType(v))` without building the value's type when it
 * adds nothing: returns `t` itself when the value fits it (the common case of a file of
 * records of one shape), so inference does not allocate per record.
 */
export function mergeJsonValue(t: DataType, v: JsonValue, o: JsonInferOptions): DataType {
  if (v === null) return t;
  if (t.kind === "struct" && v instanceof JsonObject) {
    const index = fieldIndex(t);
    let fields: StructField[] | undefined;
    for (const [k, x] of v.fields) {
      const i = index.get(k);
      if (i === undefined) {
        fields ??= [...t.fields];
        fields.push(structField(k, inferJsonType(x, o), true));
        continue;
      }
      const f = (fields ?? t.fields)[i] as StructField;
      const merged = mergeJsonValue(f.dataType, x, o);
      if (merged !== f.dataType) {
        fields ??= [...t.fields];
        fields[i] = structField(k, merged, true);
      }
    }
    if (fields === undefined) return t;
    fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return structType(fields);
  }
  if (t.kind === "array" && v instanceof JsonArray) {
    let e = t.elementType;
    for (const x of v.items) e = mergeJsonValue(e, x, o);
    return e === t.elementType ? t : arrayType(e, true);
  }
  if (!o.primitivesAsString) {
    if (t.kind === "string" && typeof v === "string") return t;
    if (t.kind === "boolean" && typeof v === "boolean") return t;
    if (t.kind === "double" && (v instanceof JsonNum || v instanceof JsonSpecial)) {
      if (v instanceof JsonSpecial || !o.prefersDecimal || v.isIntegral) return t;
    }
    if (t.kind === "long" && v instanceof JsonNum && v.isIntegral && v.text.length <= 15) return t;
  } else if (t.kind === "string" && !(v instanceof JsonObject) && !(v instanceof JsonArray)) {
    return t;
  }
  const merged = compatibleJsonType(t, inferJsonType(v, o));
  return sameShape(merged, t) ? t : merged;
}

function sameShape(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === "decimal" && b.kind === "decimal")
    return a.precision === b.precision && a.scale === b.scale;
  return a.kind !== "struct" && a.kind !== "array" && a.kind !== "map";
}
