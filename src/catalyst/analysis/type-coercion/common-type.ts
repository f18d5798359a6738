/**
 * Spark 4's ANSI type coercion lattice (AnsiTypeCoercion): the tightest common type of
 * two types, the wider type allowing decimals and string promotion, and the implicit
 * cast of one expression to a type. Pure functions over data types.
 *
 * If `src/types/coercion.ts` lands with the same functions, these should delegate to it.
 */
import {
  arrayType,
  type DataType,
  type DecimalType,
  DoubleT,
  decimalForIntegral,
  decimalType,
  isDatetime,
  isFractional,
  isIntegral,
  isNumeric,
  LongT,
  MAX_DECIMAL_PRECISION,
  mapType,
  sameTypeIgnoringNullability,
  structType,
  TimestampT,
} from "../../../types/data-types.ts";
import type { Cast, Expression } from "../../expressions/expression.ts";
import { dataTypeOf } from "../../expressions/typing.ts";

const NUMERIC_PRECEDENCE = ["byte", "short", "integer", "long", "float", "double"] as const;

function precedence(t: DataType): number {
  return NUMERIC_PRECEDENCE.indexOf(t.kind as (typeof NUMERIC_PRECEDENCE)[number]);
}

function isWiderThan(d: DecimalType, t: DataType): boolean {
  const other = decimalForIntegral(t);
  if (!other || !isIntegral(t)) return false;
  return d.precision - d.scale >= other.precision - other.scale && d.scale >= other.scale;
}

function complex(
  a: DataType,
  b: DataType,
  f: (x: DataType, y: DataType) => DataType | undefined,
): DataType | undefined {
  if (a.kind === "array" && b.kind === "array") {
    const e = f(a.elementType, b.elementType);
    return e ? arrayType(e, a.containsNull || b.containsNull) : undefined;
  }
  if (a.kind === "map" && b.kind === "map") {
    const k = f(a.keyType, b.keyType);
    const v = f(a.valueType, b.valueType);
    return k && v ? mapType(k, v, a.valueContainsNull || b.valueContainsNull) : undefined;
  }
  if (a.kind === "struct" && b.kind === "struct" && a.fields.length === b.fields.length) {
    const fields = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i];
      const fb = b.fields[i];
      if (!fa || !fb || fa.name.toLowerCase() !== fb.name.toLowerCase()) return undefined;
      const t = f(fa.dataType, fb.dataType);
      if (!t) return undefined;
      fields.push({ ...fa, dataType: t, nullable: fa.nullable || fb.nullable });
    }
    return structType(fields);
  }
  return undefined;
}

export function findTightestCommonType(a: DataType, b: DataType): DataType | undefined {
  if (sameTypeIgnoringNullability(a, b)) return a;
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (isIntegral(a) && b.kind === "decimal" && isWiderThan(b, a)) return b;
  if (a.kind === "decimal" && isIntegral(b) && isWiderThan(a, b)) return a;
  if (isNumeric(a) && isNumeric(b) && a.kind !== "decimal" && b.kind !== "decimal") {
    const wider = precedence(a) >= precedence(b) ? a : b;
    return wider.kind === "float" && (a.kind !== "float" || b.kind !== "float") ? DoubleT : wider;
  }
  if (isDatetime(a) && isDatetime(b)) {
    if (a.kind === "timestamp" || b.kind === "timestamp") return TimestampT;
    return a.kind === "date" ? b : a;
  }
  if (a.kind === "daytime_interval" && b.kind === "daytime_interval") {
    return {
      kind: "daytime_interval",
      startField: Math.min(a.startField, b.startField),
      endField: Math.max(a.endField, b.endField),
    };
  }
  if (a.kind === "yearmonth_interval" && b.kind === "yearmonth_interval") {
    return {
      kind: "yearmonth_interval",
      startField: Math.min(a.startField, b.startField),
      endField: Math.max(a.endField, b.endField),
    };
  }
  return complex(a, b, findTightestCommonType);
}

/** Spark's DecimalPrecision.widerDecimalType. */
export function widerDecimalType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

function boundedDecimal(precision: number, scale: number): DecimalType {
  return decimalType(
    Math.min(precision, MAX_DECIMAL_PRECISION),
    Math.min(scale, MAX_DECIMAL_PRECISION),
  );
}

function findWiderTypeForDecimal(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === "decimal" && b.kind === "decimal") return widerDecimalType(a, b);
  if (a.kind === "decimal" && isIntegral(b))
    return widerDecimalType(a, decimalForIntegral(b) as DecimalType);
  if (b.kind === "decimal" && isIntegral(a))
    return widerDecimalType(decimalForIntegral(a) as DecimalType, b);
  if ((a.kind === "decimal" && isFractional(b)) || (b.kind === "decimal" && isFractional(a))) {
    return DoubleT;
  }
  return undefined;
}

function findWiderTypeForString(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === "string") {
    if (isIntegral(b)) return LongT;
    if (b.kind === "float" || b.kind === "double" || b.kind === "decimal") return DoubleT;
    if (b.kind === "null") return a;
    if (b.kind === "daytime_interval" || b.kind === "yearmonth_interval") return undefined;
    if (b.kind === "string") return undefined;
    if (b.kind === "array" || b.kind === "map" || b.kind === "struct" || b.kind === "binary") {
      return b.kind === "binary" ? b : undefined;
    }
    return b;
  }
  if (b.kind === "string") return findWiderTypeForString(b, a);
  return undefined;
}

export function findWiderTypeForTwo(a: DataType, b: DataType): DataType | undefined {
  return (
    findTightestCommonType(a, b) ??
    findWiderTypeForDecimal(a, b) ??
    findWiderTypeForString(a, b) ??
    complex(a, b, findWiderTypeForTwo)
  );
}

export function findWiderCommonType(types: readonly DataType[]): DataType | undefined {
  let acc: DataType | undefined = { kind: "null" };
  for (const t of types) {
    if (!acc) return undefined;
    acc = findWiderTypeForTwo(acc, t);
  }
  return acc;
}

/** An implicit (analyzer-inserted) cast, invisible in generated names. */
export function implicitCast(
  e: Expression,
  to: DataType,
  timeZoneId: string | null = null,
): Expression {
  if (sameTypeIgnoringNullability(dataTypeOf(e), to)) return e;
  const c: Cast = Object.freeze({
    kind: "Cast",
    child: e,
    dataType: to,
    evalMode: "ANSI",
    timeZoneId,
    implicit: true,
  });
  return c;
}

/** The decimal type of an integral literal (Spark's DecimalType.fromLiteral). */
export function decimalForLiteral(e: Expression): DecimalType | undefined {
  if (e.kind !== "Literal" || !isIntegral(e.dataType) || e.value === null) return undefined;
  const v = typeof e.value === "bigint" ? e.value : BigInt(e.value as number);
  const digits = (v < 0n ? -v : v).toString().length;
  return decimalType(Math.max(digits, 1), 0);
}
