/** The runtime errors expressions raise, with Spark's message parameters. */
import { FlintError } from "../../../errors/index.ts";
import type { DataType } from "../../../types/data-types.ts";
import { typeSql } from "../../../types/data-types.ts";
import { formatDate, formatLocalMicros, formatTimestamp } from "../values/datetime.ts";
import { formatDecimal, formatDouble, formatFloat } from "../values/numbers.ts";

export const ANSI_CONFIG = '"spark.sql.ansi.enabled"';

/** `"INT"`, `"DECIMAL(5,2)"`: a type as error messages quote it (Spark's toSQLType). */
export function toSqlType(t: DataType): string {
  return `"${typeSql(t)}"`;
}

/** A value as a SQL literal in error messages (Spark's toSQLValue). */
export function toSqlValue(v: unknown, t: DataType, zone = "UTC"): string {
  if (v === null || v === undefined) return "NULL";
  switch (t.kind) {
    case "string":
      return `'${(v as string).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    case "byte":
      return `${v as number}Y`;
    case "short":
      return `${v as number}S`;
    case "long":
      return `${v as bigint}L`;
    case "float": {
      const x = v as number;
      return Number.isFinite(x) ? formatFloat(x) : formatDouble(x);
    }
    case "double": {
      const x = v as number;
      return Number.isFinite(x) ? `${formatDouble(x)}D` : formatDouble(x);
    }
    case "decimal":
      return `${formatDecimal(v as bigint, t.scale)}BD`;
    case "date":
      return `DATE '${formatDate(v as number)}'`;
    case "timestamp":
      return `TIMESTAMP '${formatTimestamp(v as bigint, zone)}'`;
    case "timestamp_ntz":
      return `TIMESTAMP_NTZ '${formatLocalMicros(v as bigint)}'`;
    default:
      return String(v);
  }
}

export function arithmeticOverflow(message: string, tryFunction: string | null): FlintError {
  return new FlintError("ARITHMETIC_OVERFLOW", {
    message,
    alternative: tryFunction
      ? ` Use '${tryFunction}' to tolerate overflow and return NULL instead.`
      : "",
    config: ANSI_CONFIG,
  });
}

export function binaryArithmeticOverflow(
  v1: string,
  symbol: string,
  v2: string,
  tryFunction: string,
): FlintError {
  return new FlintError("BINARY_ARITHMETIC_OVERFLOW", {
    value1: v1,
    symbol,
    value2: v2,
    functionName: `\`${tryFunction}\``,
  });
}

export function divideByZero(): FlintError {
  return new FlintError("DIVIDE_BY_ZERO", { config: ANSI_CONFIG });
}

export function remainderByZero(): FlintError {
  return new FlintError("REMAINDER_BY_ZERO", { config: ANSI_CONFIG });
}

export function decimalOutOfRange(
  unscaled: bigint,
  scale: number,
  precision: number,
  targetScale: number,
): FlintError {
  return new FlintError("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", {
    value: formatDecimal(unscaled, scale),
    precision: String(precision),
    scale: String(targetScale),
    config: ANSI_CONFIG,
  });
}

export function castInvalidInput(v: unknown, from: DataType, to: DataType): FlintError {
  return new FlintError("CAST_INVALID_INPUT", {
    expression: toSqlValue(v, from),
    sourceType: toSqlType(from),
    targetType: toSqlType(to),
    ansiConfig: ANSI_CONFIG,
  });
}

export function castOverflow(v: unknown, from: DataType, to: DataType): FlintError {
  return new FlintError("CAST_OVERFLOW", {
    value: toSqlValue(v, from),
    sourceType: toSqlType(from),
    targetType: toSqlType(to),
    ansiConfig: ANSI_CONFIG,
  });
}

export function invalidArrayIndex(index: number, size: number, inElementAt = false): FlintError {
  return new FlintError(inElementAt ? "INVALID_ARRAY_INDEX_IN_ELEMENT_AT" : "INVALID_ARRAY_INDEX", {
    indexValue: String(index),
    arraySize: String(size),
    ansiConfig: ANSI_CONFIG,
  });
}
