/**
 * Spark 4's ANSI type coercion as pure functions over data types (Spark's
 * `AnsiTypeCoercion`, `TypeCoercionHelper`, `DecimalPrecision`, `Cast.canAnsiCast`,
 * `Cast.canUpCast`, `Cast.canANSIStoreAssign`). The analyzer uses them as follows:
 *
 * - binary comparisons, IN, CASE/IF/COALESCE, GREATEST/LEAST, UNION columns, array()
 *   elements: `findWiderCommonType(types)` (or `findWiderTypeForTwo`) picks the type every
 *   side is cast to; `undefined` means the types do not combine (DATA_DIFF_TYPES /
 *   INCOMPATIBLE_COLUMN_TYPE / BINARY_OP_DIFF_TYPES).
 * - arithmetic: `findTightestCommonType` for non-decimal operands; decimal operands keep
 *   their own precision (result types in `catalyst/expressions/typing.ts`).
 * - function arguments: `implicitCast(from, expected)` with the function's expected
 *   `AbstractType` returns the type to cast to (`from` itself when no cast is needed),
 *   or `undefined` (UNEXPECTED_INPUT_TYPE).
 * - CAST checks: `canCast(from, to, ansi)`; `castFailureSubClass` names Spark's
 *   DATATYPE_MISMATCH sub-class for an illegal cast.
 */
import {
  arrayType,
  type DataType,
  DateT,
  type DecimalType,
  DoubleT,
  dayTimeIntervalType,
  decimalForIntegral,
  decimalType,
  FloatT,
  IntegerT,
  isDatetime,
  isFractional,
  isIntegral,
  isNumeric,
  LongT,
  MAX_DECIMAL_PRECISION,
  mapType,
  StringT,
  SYSTEM_DEFAULT_DECIMAL,
  sameType,
  structField,
  structType,
  TimestampT,
  yearMonthIntervalType,
} from "./data-types.ts";

// ---------------------------------------------------------------------------------------
// Abstract types: what a function argument accepts

/**
 * A concrete type, or a family of types (Spark's AbstractDataType):
 * - `"any"` accepts every type;
 * - `"numeric"`, `"integral"`, `"fractional"`, `"decimal"` (any precision), `"string"`,
 *   `"datetime"` (date/timestamp/timestamp_ntz), `"anyTimestamp"` (timestamp,
 *   timestamp_ntz), `"daytimeInterval"`, `"yearmonthInterval"`, `"array"`, `"map"`,
 *   `"struct"` (any element types), `"atomic"` (not array/map/struct);
 * - `{ oneOf }` accepts any listed type (Spark's TypeCollection), tried in order;
 * - `{ arrayOf }` an array whose elements accept the given type.
 */
export type AbstractType =
  | DataType
  | AbstractFamily
  | { readonly oneOf: readonly AbstractType[] }
  | { readonly arrayOf: AbstractType };

export type AbstractFamily =
  | "any"
  | "numeric"
  | "integral"
  | "fractional"
  | "decimal"
  | "string"
  | "datetime"
  | "anyTimestamp"
  | "daytimeInterval"
  | "yearmonthInterval"
  | "array"
  | "map"
  | "struct"
  | "atomic";

function isConcrete(t: AbstractType): t is DataType {
  return typeof t === "object" && "kind" in t;
}

/** Whether a value of type `t` is accepted as is (Spark's AbstractDataType.acceptsType). */
export function acceptsType(expected: AbstractType, t: DataType): boolean {
  if (typeof expected === "string") {
    switch (expected) {
      case "any":
        return true;
      case "numeric":
        return isNumeric(t);
      case "integral":
        return isIntegral(t);
      case "fractional":
        return isFractional(t);
      case "decimal":
        return t.kind === "decimal";
      case "string":
        return t.kind === "string";
      case "datetime":
        return isDatetime(t);
      case "anyTimestamp":
        return t.kind === "timestamp" || t.kind === "timestamp_ntz";
      case "daytimeInterval":
        return t.kind === "daytime_interval";
      case "yearmonthInterval":
        return t.kind === "yearmonth_interval";
      case "array":
      case "map":
      case "struct":
        return t.kind === expected;
      case "atomic":
        return t.kind !== "array" && t.kind !== "map" && t.kind !== "struct";
      default:
        return false;
    }
  }
  if (isConcrete(expected)) {
    // A decimal type accepts decimals of any precision only through the family.
    return sameTypeIgnoringNullFlags(expected, t);
  }
  if ("oneOf" in expected) return expected.oneOf.some((x) => acceptsType(x, t));
  return t.kind === "array" && acceptsType(expected.arrayOf, t.elementType);
}

function sameTypeIgnoringNullFlags(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "array" && b.kind === "array") {
    return sameTypeIgnoringNullFlags(a.elementType, b.elementType);
  }
  if (a.kind === "map" && b.kind === "map") {
    return (
      sameTypeIgnoringNullFlags(a.keyType, b.keyType) &&
      sameTypeIgnoringNullFlags(a.valueType, b.valueType)
    );
  }
  if (a.kind === "struct" && b.kind === "struct") {
    return (
      a.fields.length === b.fields.length &&
      a.fields.every((f, i) => {
        const g = b.fields[i];
        return (
          g !== undefined && f.name === g.name && sameTypeIgnoringNullFlags(f.dataType, g.dataType)
        );
      })
    );
  }
  return sameType(a, b);
}

/** The concrete type a family stands for when something must be cast to it. */
export function defaultConcreteType(t: AbstractType): DataType | undefined {
  if (isConcrete(t)) return t;
  if (typeof t === "string") {
    switch (t) {
      case "numeric":
      case "fractional":
        return DoubleT;
      case "integral":
        return IntegerT;
      case "decimal":
        return SYSTEM_DEFAULT_DECIMAL;
      case "string":
        return StringT;
      case "datetime":
        return TimestampT;
      case "anyTimestamp":
        return TimestampT;
      case "daytimeInterval":
        return dayTimeIntervalType(0, 3);
      case "yearmonthInterval":
        return yearMonthIntervalType(0, 1);
      default:
        return undefined;
    }
  }
  if ("oneOf" in t) {
    const first = t.oneOf[0];
    return first === undefined ? undefined : defaultConcreteType(first);
  }
  const e = defaultConcreteType(t.arrayOf);
  return e ? arrayType(e, true) : undefined;
}

/** Spark's `simpleString` of an abstract type, as error messages print it. */
export function abstractTypeSql(t: AbstractType): string {
  if (isConcrete(t))
    return t.kind === "decimal" ? `"DECIMAL(${t.precision},${t.scale})"` : `"${sqlName(t)}"`;
  if (typeof t === "string") {
    const names: Record<AbstractFamily, string> = {
      any: '"ANY"',
      numeric: '"NUMERIC"',
      integral: '"INTEGRAL"',
      fractional: '"FRACTIONAL"',
      decimal: '"DECIMAL"',
      string: '"STRING"',
      datetime: '"DATETIME"',
      anyTimestamp: '"TIMESTAMP"',
      daytimeInterval: '"INTERVAL DAY TO SECOND"',
      yearmonthInterval: '"INTERVAL YEAR TO MONTH"',
      array: '"ARRAY"',
      map: '"MAP"',
      struct: '"STRUCT"',
      atomic: '"ATOMIC"',
    };
    return names[t];
  }
  if ("oneOf" in t) return `(${t.oneOf.map(abstractTypeSql).join(" or ")})`;
  return `"ARRAY<${abstractTypeSql(t.arrayOf).replaceAll('"', "")}>"`;
}

function sqlName(t: DataType): string {
  switch (t.kind) {
    case "byte":
      return "TINYINT";
    case "short":
      return "SMALLINT";
    case "integer":
      return "INT";
    case "long":
      return "BIGINT";
    case "null":
      return "VOID";
    default:
      return t.kind.toUpperCase();
  }
}

// ---------------------------------------------------------------------------------------
// Decimal helpers (Spark's DecimalType / DecimalPrecision)

/** `DecimalType.bounded`: caps precision and scale at 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  return decimalType(
    Math.min(precision, MAX_DECIMAL_PRECISION),
    Math.min(scale, MAX_DECIMAL_PRECISION),
  );
}

/** The decimal a numeric type converts to exactly (`DecimalType.forType`). */
export function decimalForType(t: DataType): DecimalType | undefined {
  return t.kind === "decimal" ? t : decimalForIntegral(t);
}

/** Whether decimal `d` holds every value of `t` (integral or decimal) without loss. */
export function isWiderThan(d: DecimalType, t: DataType): boolean {
  if (t.kind !== "decimal" && !isIntegral(t)) return false;
  const o = decimalForType(t);
  if (!o) return false;
  return d.precision - d.scale >= o.precision - o.scale && d.scale >= o.scale;
}

/** Whether every value of decimal `d` fits `t` (integral or decimal) without loss. */
export function isTighterThan(d: DecimalType, t: DataType): boolean {
  if (t.kind !== "decimal" && !isIntegral(t)) return false;
  const o = decimalForType(t);
  if (!o) return false;
  return d.precision - d.scale <= o.precision - o.scale && d.scale <= o.scale;
}

/** The smallest decimal that holds both (DecimalPrecision.widerDecimalType). */
export function widerDecimalType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return boundedDecimal(range + scale, scale);
}

// ---------------------------------------------------------------------------------------
// Common types

const NUMERIC_PRECEDENCE = ["byte", "short", "integer", "long", "float", "double"] as const;

function numericRank(t: DataType): number {
  return (NUMERIC_PRECEDENCE as readonly string[]).indexOf(t.kind);
}

const NUMERIC_BY_RANK: readonly DataType[] = [
  { kind: "byte" },
  { kind: "short" },
  IntegerT,
  LongT,
  FloatT,
  DoubleT,
];

function widerDatetime(a: DataType, b: DataType): DataType {
  if (a.kind === b.kind) return a;
  if (a.kind === "timestamp" || b.kind === "timestamp") return TimestampT;
  if (a.kind === "timestamp_ntz" || b.kind === "timestamp_ntz") return { kind: "timestamp_ntz" };
  return DateT;
}

type Finder = (a: DataType, b: DataType) => DataType | undefined;

function sameNameCaseInsensitive(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Combines arrays, maps and structs element-wise with `finder` (findTypeForComplex). */
function findTypeForComplex(a: DataType, b: DataType, finder: Finder): DataType | undefined {
  if (a.kind === "array" && b.kind === "array") {
    const e = finder(a.elementType, b.elementType);
    return e ? arrayType(e, a.containsNull || b.containsNull) : undefined;
  }
  if (a.kind === "map" && b.kind === "map") {
    const k = finder(a.keyType, b.keyType);
    const v = finder(a.valueType, b.valueType);
    return k && v ? mapType(k, v, a.valueContainsNull || b.valueContainsNull) : undefined;
  }
  if (a.kind === "struct" && b.kind === "struct") {
    if (a.fields.length !== b.fields.length) return undefined;
    const fields = [];
    for (let i = 0; i < a.fields.length; i++) {
      const fa = a.fields[i];
      const fb = b.fields[i];
      if (!fa || !fb || !sameNameCaseInsensitive(fa.name, fb.name)) return undefined;
      const t = finder(fa.dataType, fb.dataType);
      if (!t) return undefined;
      fields.push(structField(fa.name, t, fa.nullable || fb.nullable, fa.metadata));
    }
    return structType(fields);
  }
  return undefined;
}

/**
 * The narrowest type both convert to without loss and without string promotion or
 * decimal widening (AnsiTypeCoercion.findTightestCommonType): int+bigint -> bigint,
 * int+float -> double, int+decimal(12,2) -> decimal(12,2), date+timestamp -> timestamp.
 */
export function findTightestCommonType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b)) return a;
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (isIntegral(a) && b.kind === "decimal" && isWiderThan(b, a)) return b;
  if (a.kind === "decimal" && isIntegral(b) && isWiderThan(a, b)) return a;
  const ra = numericRank(a);
  const rb = numericRank(b);
  if (ra >= 0 && rb >= 0) {
    const wider = NUMERIC_BY_RANK[Math.max(ra, rb)] ?? DoubleT;
    return wider.kind === "float" && ra !== rb ? DoubleT : wider;
  }
  if (isDatetime(a) && isDatetime(b)) return widerDatetime(a, b);
  if (a.kind === "daytime_interval" && b.kind === "daytime_interval") {
    return dayTimeIntervalType(
      Math.min(a.startField, b.startField),
      Math.max(a.endField, b.endField),
    );
  }
  if (a.kind === "yearmonth_interval" && b.kind === "yearmonth_interval") {
    return yearMonthIntervalType(
      Math.min(a.startField, b.startField),
      Math.max(a.endField, b.endField),
    );
  }
  return findTypeForComplex(a, b, findTightestCommonType);
}

/** Decimal widening: decimal+decimal, integral+decimal, float/double+decimal -> double. */
function findWiderTypeForDecimal(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === "decimal" && b.kind === "decimal") return widerDecimalType(a, b);
  if (a.kind === "decimal" && isIntegral(b)) {
    const d = decimalForIntegral(b);
    return d ? widerDecimalType(a, d) : undefined;
  }
  if (isIntegral(a) && b.kind === "decimal") {
    const d = decimalForIntegral(a);
    return d ? widerDecimalType(d, b) : undefined;
  }
  if (a.kind === "decimal" && (b.kind === "float" || b.kind === "double")) return DoubleT;
  if ((a.kind === "float" || a.kind === "double") && b.kind === "decimal") return DoubleT;
  return undefined;
}

function isAtomicType(t: DataType): boolean {
  return t.kind !== "array" && t.kind !== "map" && t.kind !== "struct" && t.kind !== "null";
}

/** ANSI string promotion: string+integral -> bigint, string+fractional -> double, ... */
function findWiderTypeForString(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === "string") {
    if (isIntegral(b)) return LongT;
    if (isFractional(b)) return DoubleT;
    if (b.kind === "null") return a;
    if (b.kind === "daytime_interval" || b.kind === "yearmonth_interval") return undefined;
    if (isAtomicType(b)) return b;
    return undefined;
  }
  if (b.kind === "string") return findWiderTypeForString(b, a);
  return undefined;
}

/**
 * The type two values are both cast to for comparisons, IN, CASE/IF/COALESCE and set
 * operations (AnsiTypeCoercion.findWiderTypeForTwo): the tightest common type, else
 * decimal widening, else string promotion, else element-wise for complex types.
 */
export function findWiderTypeForTwo(a: DataType, b: DataType): DataType | undefined {
  return (
    findTightestCommonType(a, b) ??
    findWiderTypeForDecimal(a, b) ??
    findWiderTypeForString(a, b) ??
    findTypeForComplex(a, b, findWiderTypeForTwo)
  );
}

/** `findWiderTypeForTwo` folded over a list, from the null type; `undefined` if none. */
export function findWiderCommonType(types: readonly DataType[]): DataType | undefined {
  let acc: DataType | undefined = { kind: "null" };
  for (const t of types) {
    if (acc === undefined) return undefined;
    acc = findWiderTypeForTwo(acc, t);
  }
  return acc;
}

/** Like `findWiderTypeForTwo` without string promotion (used for array/map functions). */
export function findWiderTypeWithoutStringPromotion(
  a: DataType,
  b: DataType,
): DataType | undefined {
  return (
    findTightestCommonType(a, b) ??
    findWiderTypeForDecimal(a, b) ??
    findTypeForComplex(a, b, findWiderTypeWithoutStringPromotion)
  );
}

// ---------------------------------------------------------------------------------------
// Implicit casts of function arguments

/**
 * The type to cast an argument of type `from` to so that `expected` accepts it
 * (AnsiTypeCoercion.implicitCast): `from` itself when accepted, `undefined` when no
 * implicit cast exists. Strings convert to atomic, numeric and timestamp targets;
 * fractional values never convert to integral; numbers convert to `"decimal"` exactly.
 */
export function implicitCast(from: DataType, expected: AbstractType): DataType | undefined {
  if (acceptsType(expected, from)) return from;
  if (from.kind === "null") {
    const d = defaultConcreteType(expected);
    return d;
  }
  if (expected === "decimal" && isNumeric(from)) return decimalForIntegral(from);
  if (
    from.kind === "string" &&
    (expected === "string" || (isConcrete(expected) && expected.kind === "string"))
  ) {
    return undefined;
  }
  if (isFractional(from) && expected === "integral") return undefined;
  if (
    from.kind === "string" &&
    ((isConcrete(expected) && isAtomicType(expected)) ||
      expected === "numeric" ||
      expected === "decimal" ||
      expected === "anyTimestamp")
  ) {
    return defaultConcreteType(expected);
  }
  if (typeof expected === "object" && "arrayOf" in expected) {
    if (from.kind !== "array") return undefined;
    const e = implicitCast(from.elementType, expected.arrayOf);
    return e ? arrayType(e, true) : undefined;
  }
  if (typeof expected === "object" && "oneOf" in expected) {
    for (const t of expected.oneOf) {
      // Inside a collection, fractional values do not convert to integral members (Spark 4:
      // date_add('2020-01-01', 1.5) fails, while repeat('a', 1.5) casts 1.5 to INT).
      if (isFractional(from) && isConcrete(t) && isIntegral(t)) continue;
      const r = implicitCast(from, t);
      if (r) return r;
    }
    return undefined;
  }
  const concrete = defaultConcreteType(expected);
  if (concrete && canAnsiStoreAssign(from, concrete)) return concrete;
  return undefined;
}

/** Whether a store assignment (INSERT) may convert `from` to `to` under ANSI. */
export function canAnsiStoreAssign(from: DataType, to: DataType): boolean {
  if (sameType(from, to)) return true;
  if (from.kind === "null") return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (isAtomicType(from) && to.kind === "string") return true;
  if (isDatetime(from) && isDatetime(to)) return true;
  if (from.kind === "array" && to.kind === "array") {
    return (
      (!from.containsNull || to.containsNull) &&
      canAnsiStoreAssign(from.elementType, to.elementType)
    );
  }
  if (from.kind === "map" && to.kind === "map") {
    return (
      (!from.valueContainsNull || to.valueContainsNull) &&
      canAnsiStoreAssign(from.keyType, to.keyType) &&
      canAnsiStoreAssign(from.valueType, to.valueType)
    );
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => {
        const g = to.fields[i];
        return (
          g !== undefined &&
          (!f.nullable || g.nullable) &&
          canAnsiStoreAssign(f.dataType, g.dataType)
        );
      })
    );
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Cast-ability

/** Whether a cast from -> to can make a null out of a non-null value outside ANSI. */
function forceNullable(from: DataType, to: DataType): boolean {
  // a void element or key only occurs in an empty array or map: nothing to turn null
  if (from.kind === "null") return false;
  if (from.kind === to.kind && from.kind !== "decimal") return false;
  if (to.kind === "string" || to.kind === "binary") return false;
  if (from.kind === "string") return true;
  if (to.kind === "decimal") return true;
  if (isFractional(from) && (isIntegral(to) || isDatetime(to))) return true;
  if (from.kind === "timestamp" && to.kind === "date") return false;
  return false;
}

/**
 * Element-wise castability of arrays, maps and structs. `nulls` says whether an element cast
 * can turn a value into null: outside ANSI mode it can (a bad string becomes null), so a
 * non-nullable target (a map key) rules such casts out; under ANSI it fails instead.
 */
function complexCastable(
  from: DataType,
  to: DataType,
  rec: (a: DataType, b: DataType) => boolean,
  nulls: (a: DataType, b: DataType) => boolean,
): boolean {
  if (from.kind === "array" && to.kind === "array") {
    return (
      rec(from.elementType, to.elementType) &&
      (to.containsNull || !(from.containsNull || nulls(from.elementType, to.elementType)))
    );
  }
  if (from.kind === "map" && to.kind === "map") {
    return (
      rec(from.keyType, to.keyType) &&
      !nulls(from.keyType, to.keyType) &&
      rec(from.valueType, to.valueType) &&
      (to.valueContainsNull || !(from.valueContainsNull || nulls(from.valueType, to.valueType)))
    );
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => {
        const g = to.fields[i];
        return (
          g !== undefined &&
          rec(f.dataType, g.dataType) &&
          (g.nullable || !(f.nullable || nulls(f.dataType, g.dataType)))
        );
      })
    );
  }
  return false;
}

function isAnsiInterval(t: DataType): boolean {
  return t.kind === "daytime_interval" || t.kind === "yearmonth_interval";
}

/** Spark's `Cast.canAnsiCast`: the casts allowed when `spark.sql.ansi.enabled` is true. */
export function canAnsiCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from.kind === "null") return true;
  const f = from.kind;
  switch (to.kind) {
    case "string":
      return true;
    case "binary":
      return f === "string";
    case "boolean":
      return f === "string" || isNumeric(from);
    case "timestamp":
      return f === "string" || f === "date" || f === "timestamp_ntz" || isNumeric(from);
    case "timestamp_ntz":
      return f === "string" || f === "date" || f === "timestamp";
    case "date":
      return f === "string" || f === "timestamp" || f === "timestamp_ntz";
    case "byte":
    case "short":
    case "integer":
    case "long":
      return (
        isNumeric(from) ||
        f === "string" ||
        f === "boolean" ||
        f === "timestamp" ||
        isAnsiInterval(from)
      );
    case "decimal":
      return (
        isNumeric(from) ||
        f === "string" ||
        f === "boolean" ||
        f === "timestamp" ||
        isAnsiInterval(from)
      );
    case "float":
    case "double":
      return isNumeric(from) || f === "string" || f === "boolean" || f === "timestamp";
    case "daytime_interval":
      return f === "string" || f === "daytime_interval" || isIntegral(from) || f === "decimal";
    case "yearmonth_interval":
      return f === "string" || f === "yearmonth_interval" || isIntegral(from) || f === "decimal";
    case "array":
    case "map":
    case "struct":
      return complexCastable(from, to, canAnsiCast, () => false);
    case "null":
      return false;
    default:
      return false;
  }
}

/** Spark's `Cast.canCast`: the casts allowed outside ANSI mode (LEGACY / try_cast rules). */
export function canLegacyCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from.kind === "null") return true;
  const f = from.kind;
  switch (to.kind) {
    case "string":
      return true;
    case "binary":
      return f === "string" || isIntegral(from);
    case "boolean":
      return f === "string" || f === "date" || f === "timestamp" || isNumeric(from);
    case "timestamp":
      return (
        f === "string" ||
        f === "boolean" ||
        f === "date" ||
        f === "timestamp_ntz" ||
        isNumeric(from)
      );
    case "timestamp_ntz":
      return f === "string" || f === "date" || f === "timestamp";
    case "date":
      return f === "string" || f === "timestamp" || f === "timestamp_ntz";
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "decimal":
      return (
        isNumeric(from) ||
        f === "string" ||
        f === "boolean" ||
        f === "date" ||
        f === "timestamp" ||
        isAnsiInterval(from)
      );
    case "float":
    case "double":
      return (
        isNumeric(from) || f === "string" || f === "boolean" || f === "date" || f === "timestamp"
      );
    case "daytime_interval":
      return f === "string" || f === "daytime_interval" || isIntegral(from) || f === "decimal";
    case "yearmonth_interval":
      return f === "string" || f === "yearmonth_interval" || isIntegral(from) || f === "decimal";
    case "array":
    case "map":
    case "struct":
      return complexCastable(from, to, canLegacyCast, forceNullable);
    case "null":
      return false;
    default:
      return false;
  }
}

/** Whether CAST(from AS to) type-checks; `ansi` selects the ANSI matrix. */
export function canCast(from: DataType, to: DataType, ansi: boolean): boolean {
  return ansi ? canAnsiCast(from, to) : canLegacyCast(from, to);
}

/**
 * Spark's DATATYPE_MISMATCH sub-class for an illegal cast, with its extra parameters.
 * Under ANSI: CAST_WITH_FUNC_SUGGESTION (numeric <-> date: DATE_FROM_UNIX_DATE /
 * UNIX_DATE), CAST_WITH_CONF_SUGGESTION (legal outside ANSI), else
 * CAST_WITHOUT_SUGGESTION; outside ANSI always CAST_WITHOUT_SUGGESTION.
 */
export function castFailure(
  from: DataType,
  to: DataType,
  ansi: boolean,
): { readonly subClass: string; readonly params: Readonly<Record<string, string>> } {
  if (!ansi) return { subClass: "CAST_WITHOUT_SUGGESTION", params: {} };
  if (to.kind === "date" && isNumeric(from)) {
    return {
      subClass: "CAST_WITH_FUNC_SUGGESTION",
      params: { functionNames: "`DATE_FROM_UNIX_DATE`" },
    };
  }
  if (from.kind === "date" && isNumeric(to)) {
    return { subClass: "CAST_WITH_FUNC_SUGGESTION", params: { functionNames: "`UNIX_DATE`" } };
  }
  if (ansi && canLegacyCast(from, to)) {
    return {
      subClass: "CAST_WITH_CONF_SUGGESTION",
      params: { config: '"spark.sql.ansi.enabled"', configVal: "'false'" },
    };
  }
  return { subClass: "CAST_WITHOUT_SUGGESTION", params: {} };
}

function legalNumericPrecedence(from: DataType, to: DataType): boolean {
  const a = numericRank(from);
  const b = numericRank(to);
  return a >= 0 && b >= 0 && a <= b;
}

/** Spark's `Cast.canUpCast`: casts that never lose information (used by Dataset `as`). */
export function canUpCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from.kind === "null") return true;
  if (to.kind === "decimal" && isNumeric(from) && isWiderThan(to, from)) return true;
  if (from.kind === "decimal" && isNumeric(to) && isTighterThan(from, to)) return true;
  if (legalNumericPrecedence(from, to)) return true;
  const f = from.kind;
  const t = to.kind;
  if (f === "date" && (t === "timestamp" || t === "timestamp_ntz")) return true;
  if (
    (f === "timestamp_ntz" && t === "timestamp") ||
    (f === "timestamp" && t === "timestamp_ntz")
  ) {
    return true;
  }
  if (isAtomicType(from) && t === "string") return true;
  if ((f === "long" && t === "timestamp") || (f === "timestamp" && t === "long")) return true;
  if (f === "daytime_interval" && t === "daytime_interval") return true;
  if (f === "yearmonth_interval" && t === "yearmonth_interval") return true;
  if (from.kind === "array" && to.kind === "array") {
    return (!from.containsNull || to.containsNull) && canUpCast(from.elementType, to.elementType);
  }
  if (from.kind === "map" && to.kind === "map") {
    return (
      (!from.valueContainsNull || to.valueContainsNull) &&
      canUpCast(from.keyType, to.keyType) &&
      canUpCast(from.valueType, to.valueType)
    );
  }
  if (from.kind === "struct" && to.kind === "struct") {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((fa, i) => {
        const g = to.fields[i];
        return (
          g !== undefined && (!fa.nullable || g.nullable) && canUpCast(fa.dataType, g.dataType)
        );
      })
    );
  }
  return false;
}
