/**
 * Spark SQL's data types as an immutable tagged union.
 *
 * Internal value representation (what expressions evaluate to and what Row holds before
 * conversion): boolean -> boolean; byte/short/int/date/year-month interval -> number;
 * long/timestamp/timestamp_ntz/day-time interval -> bigint (timestamps in microseconds);
 * float/double -> number; decimal -> bigint unscaled value (scale from the type);
 * string -> string; binary -> Uint8Array; array -> readonly unknown[]; map -> MapValue;
 * struct -> readonly unknown[] (positional); null -> null.
 */

export type DataType =
  | NullType
  | BooleanType
  | ByteType
  | ShortType
  | IntegerType
  | LongType
  | FloatType
  | DoubleType
  | DecimalType
  | StringType
  | BinaryType
  | DateType
  | TimestampType
  | TimestampNTZType
  | DayTimeIntervalType
  | YearMonthIntervalType
  | ArrayType
  | MapType
  | StructType;

export type DataTypeKind = DataType["kind"];

export interface NullType {
  readonly kind: "null";
}
export interface BooleanType {
  readonly kind: "boolean";
}
export interface ByteType {
  readonly kind: "byte";
}
export interface ShortType {
  readonly kind: "short";
}
export interface IntegerType {
  readonly kind: "integer";
}
export interface LongType {
  readonly kind: "long";
}
export interface FloatType {
  readonly kind: "float";
}
export interface DoubleType {
  readonly kind: "double";
}
export interface DecimalType {
  readonly kind: "decimal";
  readonly precision: number;
  readonly scale: number;
}
export interface StringType {
  readonly kind: "string";
}
export interface BinaryType {
  readonly kind: "binary";
}
export interface DateType {
  readonly kind: "date";
}
export interface TimestampType {
  readonly kind: "timestamp";
}
export interface TimestampNTZType {
  readonly kind: "timestamp_ntz";
}
/** Fields: 0 = DAY, 1 = HOUR, 2 = MINUTE, 3 = SECOND. */
export interface DayTimeIntervalType {
  readonly kind: "daytime_interval";
  readonly startField: number;
  readonly endField: number;
}
/** Fields: 0 = YEAR, 1 = MONTH. */
export interface YearMonthIntervalType {
  readonly kind: "yearmonth_interval";
  readonly startField: number;
  readonly endField: number;
}
export interface ArrayType {
  readonly kind: "array";
  readonly elementType: DataType;
  readonly containsNull: boolean;
}
export interface MapType {
  readonly kind: "map";
  readonly keyType: DataType;
  readonly valueType: DataType;
  readonly valueContainsNull: boolean;
}
export interface StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}
export interface StructType {
  readonly kind: "struct";
  readonly fields: readonly StructField[];
}

/** A map value: parallel key and value arrays, in insertion order (as Spark's MapData). */
export interface MapValue {
  readonly keys: readonly unknown[];
  readonly values: readonly unknown[];
}

export const NullT: NullType = Object.freeze({ kind: "null" });
export const BooleanT: BooleanType = Object.freeze({ kind: "boolean" });
export const ByteT: ByteType = Object.freeze({ kind: "byte" });
export const ShortT: ShortType = Object.freeze({ kind: "short" });
export const IntegerT: IntegerType = Object.freeze({ kind: "integer" });
export const LongT: LongType = Object.freeze({ kind: "long" });
export const FloatT: FloatType = Object.freeze({ kind: "float" });
export const DoubleT: DoubleType = Object.freeze({ kind: "double" });
export const StringT: StringType = Object.freeze({ kind: "string" });
export const BinaryT: BinaryType = Object.freeze({ kind: "binary" });
export const DateT: DateType = Object.freeze({ kind: "date" });
export const TimestampT: TimestampType = Object.freeze({ kind: "timestamp" });
export const TimestampNTZT: TimestampNTZType = Object.freeze({ kind: "timestamp_ntz" });

export const MAX_DECIMAL_PRECISION = 38;
export const SYSTEM_DEFAULT_DECIMAL: DecimalType = decimalType(38, 18);
export const USER_DEFAULT_DECIMAL: DecimalType = decimalType(10, 0);

export function decimalType(precision = 10, scale = 0): DecimalType {
  return Object.freeze({ kind: "decimal", precision, scale });
}

export function dayTimeIntervalType(startField = 0, endField = 3): DayTimeIntervalType {
  return Object.freeze({ kind: "daytime_interval", startField, endField });
}

export function yearMonthIntervalType(startField = 0, endField = 1): YearMonthIntervalType {
  return Object.freeze({ kind: "yearmonth_interval", startField, endField });
}

export function arrayType(elementType: DataType, containsNull = true): ArrayType {
  return Object.freeze({ kind: "array", elementType, containsNull });
}

export function mapType(keyType: DataType, valueType: DataType, valueContainsNull = true): MapType {
  return Object.freeze({ kind: "map", keyType, valueType, valueContainsNull });
}

export function structField(
  name: string,
  dataType: DataType,
  nullable = true,
  metadata: Readonly<Record<string, unknown>> = {},
): StructField {
  return Object.freeze({ name, dataType, nullable, metadata });
}

export function structType(fields: readonly StructField[]): StructType {
  return Object.freeze({ kind: "struct", fields: Object.freeze([...fields]) });
}

export function assertNever(x: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

// ---------------------------------------------------------------------------------------
// Classification

export function isIntegral(t: DataType): boolean {
  return t.kind === "byte" || t.kind === "short" || t.kind === "integer" || t.kind === "long";
}

export function isFractional(t: DataType): boolean {
  return t.kind === "float" || t.kind === "double" || t.kind === "decimal";
}

export function isNumeric(t: DataType): boolean {
  return isIntegral(t) || isFractional(t);
}

export function isDatetime(t: DataType): boolean {
  return t.kind === "date" || t.kind === "timestamp" || t.kind === "timestamp_ntz";
}

export function isInterval(t: DataType): boolean {
  return t.kind === "daytime_interval" || t.kind === "yearmonth_interval";
}

export function isAtomic(t: DataType): boolean {
  return t.kind !== "array" && t.kind !== "map" && t.kind !== "struct";
}

/** Types whose internal value is a bigint. */
export function isBigIntBacked(t: DataType): boolean {
  return (
    t.kind === "long" ||
    t.kind === "timestamp" ||
    t.kind === "timestamp_ntz" ||
    t.kind === "daytime_interval" ||
    t.kind === "decimal"
  );
}

/** Whether values of this type can be ordered (Spark's RowOrdering.isOrderable). */
export function isOrderable(t: DataType): boolean {
  switch (t.kind) {
    case "map":
      return false;
    case "array":
      return isOrderable(t.elementType);
    case "struct":
      return t.fields.every((f) => isOrderable(f.dataType));
    default:
      return true;
  }
}

/** Number of decimal digits needed for each integral type (Spark's DecimalType.forType). */
export function decimalForIntegral(t: DataType): DecimalType | undefined {
  switch (t.kind) {
    case "byte":
      return decimalType(3, 0);
    case "short":
      return decimalType(5, 0);
    case "integer":
      return decimalType(10, 0);
    case "long":
      return decimalType(20, 0);
    case "float":
      return decimalType(14, 7);
    case "double":
      return decimalType(30, 15);
    default:
      return undefined;
  }
}

/** Default size in bytes used for statistics, as Spark's DataType.defaultSize. */
export function defaultSize(t: DataType): number {
  switch (t.kind) {
    case "null":
    case "boolean":
    case "byte":
      return 1;
    case "short":
      return 2;
    case "integer":
    case "float":
    case "date":
    case "yearmonth_interval":
      return 4;
    case "long":
    case "double":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return 8;
    case "decimal":
      return t.precision <= 18 ? 8 : 16;
    case "string":
    case "binary":
      return 20;
    case "array":
      return defaultSize(t.elementType);
    case "map":
      return defaultSize(t.keyType) + defaultSize(t.valueType);
    case "struct":
      return t.fields.reduce((s, f) => s + defaultSize(f.dataType), 0);
    default:
      return assertNever(t, "data type");
  }
}

// ---------------------------------------------------------------------------------------
// Equality

export function sameType(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "decimal": {
      const o = b as DecimalType;
      return a.precision === o.precision && a.scale === o.scale;
    }
    case "daytime_interval":
    case "yearmonth_interval": {
      const o = b as DayTimeIntervalType | YearMonthIntervalType;
      return a.startField === o.startField && a.endField === o.endField;
    }
    case "array": {
      const o = b as ArrayType;
      return a.containsNull === o.containsNull && sameType(a.elementType, o.elementType);
    }
    case "map": {
      const o = b as MapType;
      return (
        a.valueContainsNull === o.valueContainsNull &&
        sameType(a.keyType, o.keyType) &&
        sameType(a.valueType, o.valueType)
      );
    }
    case "struct": {
      const o = b as StructType;
      return (
        a.fields.length === o.fields.length &&
        a.fields.every((f, i) => {
          const g = o.fields[i];
          return (
            g !== undefined &&
            f.name === g.name &&
            f.nullable === g.nullable &&
            sameType(f.dataType, g.dataType)
          );
        })
      );
    }
    default:
      return true;
  }
}

/** Equality ignoring nullability flags (Spark's DataType.equalsIgnoreNullability). */
export function sameTypeIgnoringNullability(a: DataType, b: DataType): boolean {
  return sameType(asNullable(a), asNullable(b));
}

/** The same type with every nested nullability flag set (Spark's asNullable). */
export function asNullable(t: DataType): DataType {
  switch (t.kind) {
    case "array":
      return arrayType(asNullable(t.elementType), true);
    case "map":
      return mapType(asNullable(t.keyType), asNullable(t.valueType), true);
    case "struct":
      return structType(
        t.fields.map((f) => structField(f.name, asNullable(f.dataType), true, f.metadata)),
      );
    default:
      return t;
  }
}

// ---------------------------------------------------------------------------------------
// Names: simpleString, catalogString, typeName, sql

const INTERVAL_DT_FIELDS = ["day", "hour", "minute", "second"] as const;
const INTERVAL_YM_FIELDS = ["year", "month"] as const;

function intervalSuffix(fields: readonly string[], start: number, end: number): string {
  const s = fields[start] ?? "?";
  const e = fields[end] ?? "?";
  return start === end ? s : `${s} to ${e}`;
}

/** Spark's `typeName` (used in JSON schemas). */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case "null":
      return "void";
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "string":
    case "binary":
    case "date":
    case "timestamp":
    case "timestamp_ntz":
    case "array":
    case "map":
    case "struct":
      return t.kind;
    case "decimal":
      return `decimal(${t.precision},${t.scale})`;
    case "daytime_interval":
      return `interval ${intervalSuffix(INTERVAL_DT_FIELDS, t.startField, t.endField)}`;
    case "yearmonth_interval":
      return `interval ${intervalSuffix(INTERVAL_YM_FIELDS, t.startField, t.endField)}`;
    default:
      return assertNever(t, "data type");
  }
}

/** Spark's `simpleString`, e.g. `int`, `bigint`, `array<string>`, `struct<a:int>`. */
export function simpleString(t: DataType): string {
  switch (t.kind) {
    case "byte":
      return "tinyint";
    case "short":
      return "smallint";
    case "integer":
      return "int";
    case "long":
      return "bigint";
    case "array":
      return `array<${simpleString(t.elementType)}>`;
    case "map":
      return `map<${simpleString(t.keyType)},${simpleString(t.valueType)}>`;
    case "struct":
      return `struct<${t.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(",")}>`;
    default:
      return typeName(t);
  }
}

/** Spark's `catalogString`: like simpleString but never truncated; names are not quoted. */
export function catalogString(t: DataType): string {
  switch (t.kind) {
    case "array":
      return `array<${catalogString(t.elementType)}>`;
    case "map":
      return `map<${catalogString(t.keyType)},${catalogString(t.valueType)}>`;
    case "struct":
      return `struct<${t.fields.map((f) => `${f.name}:${catalogString(f.dataType)}`).join(",")}>`;
    default:
      return simpleString(t);
  }
}

/** Spark's `sql` form of a type, e.g. `INT`, `ARRAY<STRING>`, `STRUCT<a: INT>`. */
export function typeSql(t: DataType): string {
  switch (t.kind) {
    case "array":
      return `ARRAY<${typeSql(t.elementType)}>`;
    case "map":
      return `MAP<${typeSql(t.keyType)}, ${typeSql(t.valueType)}>`;
    case "struct":
      return `STRUCT<${t.fields
        .map(
          (f) => `${quoteIfNeeded(f.name)}: ${typeSql(f.dataType)}${f.nullable ? "" : " NOT NULL"}`,
        )
        .join(", ")}>`;
    default:
      return simpleString(t).toUpperCase();
  }
}

export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}

export function quoteIfNeeded(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : quoteIdentifier(name);
}

// ---------------------------------------------------------------------------------------
// Spark's JSON schema format

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

export function toJsonValue(t: DataType): JsonValue {
  switch (t.kind) {
    case "array":
      return {
        type: "array",
        elementType: toJsonValue(t.elementType),
        containsNull: t.containsNull,
      };
    case "map":
      return {
        type: "map",
        keyType: toJsonValue(t.keyType),
        valueType: toJsonValue(t.valueType),
        valueContainsNull: t.valueContainsNull,
      };
    case "struct":
      return {
        type: "struct",
        fields: t.fields.map((f) => ({
          name: f.name,
          type: toJsonValue(f.dataType),
          nullable: f.nullable,
          metadata: f.metadata as { readonly [k: string]: JsonValue },
        })),
      };
    default:
      return typeName(t);
  }
}

/** Spark's `DataType.json`: compact JSON of the type. */
export function toJson(t: DataType): string {
  return JSON.stringify(toJsonValue(t));
}

const ATOMIC_BY_NAME: Readonly<Record<string, DataType>> = {
  void: NullT,
  null: NullT,
  boolean: BooleanT,
  byte: ByteT,
  short: ShortT,
  integer: IntegerT,
  long: LongT,
  float: FloatT,
  double: DoubleT,
  string: StringT,
  binary: BinaryT,
  date: DateT,
  timestamp: TimestampT,
  timestamp_ntz: TimestampNTZT,
  decimal: USER_DEFAULT_DECIMAL,
};

function intervalFromName(name: string): DataType | undefined {
  const m = /^interval (\w+)(?: to (\w+))?$/.exec(name);
  if (!m) return undefined;
  const start = m[1] ?? "";
  const end = m[2] ?? start;
  const dt = INTERVAL_DT_FIELDS as readonly string[];
  const ym = INTERVAL_YM_FIELDS as readonly string[];
  if (dt.includes(start) && dt.includes(end)) {
    return dayTimeIntervalType(dt.indexOf(start), dt.indexOf(end));
  }
  if (ym.includes(start) && ym.includes(end)) {
    return yearMonthIntervalType(ym.indexOf(start), ym.indexOf(end));
  }
  return undefined;
}

export function fromJsonValue(v: unknown): DataType {
  if (typeof v === "string") {
    const atomic = ATOMIC_BY_NAME[v];
    if (atomic) return atomic;
    const dec = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(v);
    if (dec) return decimalType(Number(dec[1]), Number(dec[2]));
    const interval = intervalFromName(v);
    if (interval) return interval;
    throw new Error(`Unsupported data type in JSON schema: ${v}`);
  }
  if (v !== null && typeof v === "object" && "type" in v) {
    const o = v as Record<string, unknown>;
    switch (o.type) {
      case "array":
        return arrayType(fromJsonValue(o.elementType), o.containsNull !== false);
      case "map":
        return mapType(
          fromJsonValue(o.keyType),
          fromJsonValue(o.valueType),
          o.valueContainsNull !== false,
        );
      case "struct": {
        const fields = Array.isArray(o.fields) ? o.fields : [];
        return structType(
          fields.map((f: Record<string, unknown>) =>
            structField(
              String(f.name),
              fromJsonValue(f.type),
              f.nullable !== false,
              (f.metadata ?? {}) as Record<string, unknown>,
            ),
          ),
        );
      }
      default:
        break;
    }
  }
  throw new Error(`Unsupported data type in JSON schema: ${JSON.stringify(v)}`);
}

export function fromJson(json: string): DataType {
  return fromJsonValue(JSON.parse(json));
}

// ---------------------------------------------------------------------------------------
// printSchema

/** Spark's `StructType.treeString`, as printed by `printSchema()`. */
export function treeString(schema: StructType): string {
  const lines = ["root"];
  const walk = (t: DataType, prefix: string): void => {
    switch (t.kind) {
      case "struct":
        for (const f of t.fields) {
          lines.push(`${prefix}-- ${f.name}: ${typeName(f.dataType)} (nullable = ${f.nullable})`);
          walk(f.dataType, `${prefix}    |`);
        }
        return;
      case "array":
        lines.push(
          `${prefix}-- element: ${typeName(t.elementType)} (containsNull = ${t.containsNull})`,
        );
        walk(t.elementType, `${prefix}    |`);
        return;
      case "map":
        lines.push(`${prefix}-- key: ${typeName(t.keyType)}`);
        walk(t.keyType, `${prefix}    |`);
        lines.push(
          `${prefix}-- value: ${typeName(t.valueType)} (valueContainsNull = ${t.valueContainsNull})`,
        );
        walk(t.valueType, `${prefix}    |`);
        return;
      default:
        return;
    }
  };
  walk(schema, " |");
  return `${lines.join("\n")}\n`;
}
