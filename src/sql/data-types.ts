/**
 * Data type syntax (Spark's `dataType` and `colTypeList` rules): primitive names and
 * their aliases, `decimal(p, s)`, `char(n)`/`varchar(n)` (read as string, as Spark does
 * outside of table schemas), `array<t>`, `map<k, v>`, `struct<name: t, ...>`, intervals.
 */
import { FlintError } from "../errors/index.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  ByteT,
  type DataType,
  DateT,
  DoubleT,
  dayTimeIntervalType,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  MAX_DECIMAL_PRECISION,
  mapType,
  NullT,
  ShortT,
  StringT,
  type StructField,
  structField,
  structType,
  TimestampNTZT,
  TimestampT,
  yearMonthIntervalType,
} from "../types/data-types.ts";
import { syntaxContext } from "./lexer.ts";
import type { TokenStream } from "./token-stream.ts";

const SIMPLE: Readonly<Record<string, DataType>> = {
  BOOLEAN: BooleanT,
  TINYINT: ByteT,
  BYTE: ByteT,
  SMALLINT: ShortT,
  SHORT: ShortT,
  INT: IntegerT,
  INTEGER: IntegerT,
  BIGINT: LongT,
  LONG: LongT,
  FLOAT: FloatT,
  REAL: FloatT,
  DOUBLE: DoubleT,
  DATE: DateT,
  TIMESTAMP: TimestampT,
  TIMESTAMP_LTZ: TimestampT,
  TIMESTAMP_NTZ: TimestampNTZT,
  STRING: StringT,
  BINARY: BinaryT,
  VOID: NullT,
};

const YEAR_MONTH = ["YEAR", "MONTH"];
const DAY_TIME = ["DAY", "HOUR", "MINUTE", "SECOND"];

/** Whether the current token can start a data type. */
export function startsDataType(ts: TokenStream): boolean {
  const t = ts.peek();
  if (t.type !== "ident") return false;
  return (
    t.value in SIMPLE ||
    [
      "DECIMAL",
      "DEC",
      "NUMERIC",
      "CHAR",
      "CHARACTER",
      "VARCHAR",
      "ARRAY",
      "MAP",
      "STRUCT",
      "INTERVAL",
      "DOUBLE",
    ].includes(t.value)
  );
}

function unsupported(ts: TokenStream, start: number, name: string): FlintError {
  const stop = ts.peek(-1).stop;
  return new FlintError(
    "UNSUPPORTED_DATATYPE",
    { typeName: `"${name}"` },
    { context: syntaxContext(ts.sql, start, stop) },
  );
}

function intArg(ts: TokenStream): number {
  const t = ts.peek();
  if (t.type !== "integer") throw ts.error();
  ts.next();
  return Number.parseInt(t.text, 10);
}

export function parseDataTypeAt(ts: TokenStream): DataType {
  const t = ts.peek();
  if (t.type !== "ident") throw ts.error();
  const word = t.value;
  ts.next();
  const simple = SIMPLE[word];
  if (simple) {
    if (word === "DOUBLE") ts.acceptKw("PRECISION");
    if (word === "STRING" && ts.acceptKw("COLLATE")) ts.multipartIdentifier();
    if (ts.isOp("(") && word !== "STRING") {
      ts.next();
      while (!ts.isOp(")") && !ts.atEnd()) ts.next();
      ts.expectOp(")");
      throw unsupported(ts, t.start, `${word}(...)`);
    }
    return simple;
  }
  switch (word) {
    case "DECIMAL":
    case "DEC":
    case "NUMERIC": {
      if (!ts.acceptOp("(")) return decimalType(10, 0);
      const precision = intArg(ts);
      const scale = ts.acceptOp(",") ? intArg(ts) : 0;
      ts.expectOp(")");
      if (precision > MAX_DECIMAL_PRECISION || scale > precision || precision < 1) {
        throw new FlintError(
          "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
          { precision: String(precision), maxPrecision: String(MAX_DECIMAL_PRECISION) },
          { context: syntaxContext(ts.sql, t.start, ts.peek(-1).stop) },
        );
      }
      return decimalType(precision, scale);
    }
    case "CHAR":
    case "CHARACTER":
    case "VARCHAR": {
      if (word === "CHARACTER") ts.acceptKw("VARYING");
      ts.expectOp("(");
      intArg(ts);
      ts.expectOp(")");
      return StringT;
    }
    case "ARRAY": {
      ts.expectOp("<");
      const element = parseDataTypeAt(ts);
      closeAngle(ts);
      return arrayType(element, true);
    }
    case "MAP": {
      ts.expectOp("<");
      const key = parseDataTypeAt(ts);
      ts.expectOp(",");
      const value = parseDataTypeAt(ts);
      closeAngle(ts);
      return mapType(key, value, true);
    }
    case "STRUCT": {
      if (ts.isOp("<>")) {
        ts.next();
        return structType([]);
      }
      ts.expectOp("<");
      const fields: StructField[] = [];
      if (!ts.isOp(">")) {
        do {
          fields.push(structFieldAt(ts, true));
        } while (ts.acceptOp(","));
      }
      closeAngle(ts);
      return structType(fields);
    }
    case "INTERVAL": {
      const from = intervalUnit(ts);
      if (from === undefined) throw ts.error();
      let to = from;
      if (ts.acceptKw("TO")) {
        const u = intervalUnit(ts);
        if (u === undefined) throw ts.error();
        to = u;
      }
      const ym = [YEAR_MONTH.indexOf(from), YEAR_MONTH.indexOf(to)] as const;
      if (ym[0] >= 0 && ym[1] >= ym[0]) return yearMonthIntervalType(ym[0], ym[1]);
      const dt = [DAY_TIME.indexOf(from), DAY_TIME.indexOf(to)] as const;
      if (dt[0] >= 0 && dt[1] >= dt[0]) return dayTimeIntervalType(dt[0], dt[1]);
      throw ts.errorAt(t);
    }
    default:
      throw unsupported(ts, t.start, t.text.toUpperCase());
  }
}

function intervalUnit(ts: TokenStream): string | undefined {
  const t = ts.peek();
  if (t.type !== "ident") return undefined;
  const u = t.value.endsWith("S") ? t.value.slice(0, -1) : t.value;
  if (!YEAR_MONTH.includes(u) && !DAY_TIME.includes(u)) return undefined;
  ts.next();
  return u;
}

function closeAngle(ts: TokenStream): void {
  if (!ts.acceptCloseAngle()) throw ts.error();
}

/** `name [:] type [NOT NULL] [COMMENT 'text']`. */
function structFieldAt(ts: TokenStream, colonAllowed: boolean): StructField {
  const name = ts.identifier();
  if (colonAllowed) ts.acceptOp(":");
  const dataType = parseDataTypeAt(ts);
  let nullable = true;
  let metadata: Record<string, unknown> = {};
  for (;;) {
    if (ts.acceptKw("NOT", "NULL")) nullable = false;
    else if (ts.acceptKw("COMMENT")) {
      const c = ts.next();
      if (c.type !== "string") throw ts.errorAt(c);
      metadata = { ...metadata, comment: c.value };
    } else if (ts.acceptKw("COLLATE")) ts.multipartIdentifier();
    else break;
  }
  return structField(name, dataType, nullable, metadata);
}

/** One column of a table schema: `name type [NOT NULL] [COMMENT ..] [DEFAULT ..]`. */
export function columnDefinitionAt(ts: TokenStream): StructField {
  return structFieldAt(ts, false);
}

/** `a int, b string` (a table schema). */
export function columnListAt(ts: TokenStream): StructField[] {
  const fields: StructField[] = [];
  do {
    fields.push(structFieldAt(ts, true));
  } while (ts.acceptOp(","));
  return fields;
}
