/**
 * Spark schema -> Parquet schema for the writer, as Spark's non-legacy format: 3-level
 * LIST, MAP with key_value, INT32/INT64/FIXED_LEN_BYTE_ARRAY decimals by precision,
 * TIMESTAMP(MICROS) with isAdjustedToUTC for timestamp (true) and timestamp_ntz (false).
 * Writes the flattened SchemaElements and returns the node tree the shredder walks.
 */

import { FlintError } from "../../../errors/index.ts";
import { type DataType, quoteIdentifier, typeSql } from "../../../types/data-types.ts";
import { CT, PT, REP } from "./metadata.ts";
import type { ThriftWriter } from "./thrift.ts";

export type WNode =
  | {
      readonly kind: "leaf";
      readonly name: string;
      readonly type: DataType;
      readonly optional: boolean;
      readonly leaf: number;
    }
  | {
      readonly kind: "struct";
      readonly name: string;
      readonly optional: boolean;
      readonly fields: readonly WNode[];
    }
  | {
      readonly kind: "list";
      readonly name: string;
      readonly optional: boolean;
      readonly element: WNode;
      readonly repLevel: number;
    }
  | {
      readonly kind: "map";
      readonly name: string;
      readonly optional: boolean;
      readonly key: WNode;
      readonly value: WNode;
      readonly repLevel: number;
    };

export interface WLeaf {
  readonly type: DataType;
  readonly path: readonly string[];
  readonly maxDef: number;
  readonly maxRep: number;
  readonly physical: number;
  readonly typeLength: number;
  /** Timestamps stored other than as INT64 micros (`spark.sql.parquet.outputTimestampType`). */
  readonly timestampUnit?: "int96" | "millis";
}

/** Spark's `spark.sql.parquet.outputTimestampType` values. */
export type OutputTimestampType = "INT96" | "TIMESTAMP_MICROS" | "TIMESTAMP_MILLIS";

function unsupported(t: DataType, name: string): FlintError {
  return new FlintError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", {
    format: "Parquet",
    columnName: quoteIdentifier(name),
    columnType: `"${typeSql(t)}"`,
  });
}

/** The physical type; ANSI intervals are plain INT32/INT64, as Spark writes them. */
function physicalOf(t: DataType, name: string): { physical: number; typeLength: number } {
  switch (t.kind) {
    case "boolean":
    case "null": // void: all nulls, as Spark 4 writes it (BOOLEAN with the UNKNOWN annotation)
      return { physical: PT.BOOLEAN, typeLength: 0 };
    case "byte":
    case "short":
    case "integer":
    case "date":
    case "yearmonth_interval":
      return { physical: PT.INT32, typeLength: 0 };
    case "long":
    case "timestamp":
    case "timestamp_ntz":
    case "daytime_interval":
      return { physical: PT.INT64, typeLength: 0 };
    case "float":
      return { physical: PT.FLOAT, typeLength: 0 };
    case "double":
      return { physical: PT.DOUBLE, typeLength: 0 };
    case "string":
    case "binary":
      return { physical: PT.BYTE_ARRAY, typeLength: 0 };
    case "decimal":
      if (t.precision <= 9) return { physical: PT.INT32, typeLength: 0 };
      if (t.precision <= 18) return { physical: PT.INT64, typeLength: 0 };
      return { physical: PT.FIXED_LEN_BYTE_ARRAY, typeLength: decimalBytes(t.precision) };
    default:
      throw unsupported(t, name);
  }
}

/** Bytes of the shortest two's complement holding every unscaled value of `precision` digits. */
function decimalBytes(precision: number): number {
  let n = 1;
  while (2n ** BigInt(8 * n - 1) <= 10n ** BigInt(precision)) n++;
  return n;
}

export interface SchemaBuild {
  readonly leaves: WLeaf[];
  readonly tw: ThriftWriter;
  count: number;
  /** How `timestamp` columns are stored (default TIMESTAMP_MICROS). */
  readonly timestampType?: OutputTimestampType;
}

/** Builds the node tree and writes the flattened SchemaElement list. */
export function buildNode(
  name: string,
  type: DataType,
  optional: boolean,
  def: number,
  rep: number,
  path: readonly string[],
  b: SchemaBuild,
  repetition: number = optional ? REP.OPTIONAL : REP.REQUIRED,
): WNode {
  const d = optional ? def + 1 : def;
  const p = [...path, name];
  const tw = b.tw;
  b.count++;
  tw.beginElement();
  switch (type.kind) {
    case "struct": {
      tw.i32(3, repetition);
      tw.string(4, name);
      tw.i32(5, type.fields.length);
      tw.endStruct();
      const fields = type.fields.map((f) =>
        buildNode(f.name, f.dataType, f.nullable, d, rep, p, b),
      );
      return { kind: "struct", name, optional, fields };
    }
    case "array": {
      tw.i32(3, repetition);
      tw.string(4, name);
      tw.i32(5, 1);
      tw.i32(6, CT.LIST);
      logical(tw, 3);
      tw.endStruct();
      b.count++;
      tw.beginElement();
      tw.i32(3, REP.REPEATED);
      tw.string(4, "list");
      tw.i32(5, 1);
      tw.endStruct();
      const element = buildNode(
        "element",
        type.elementType,
        type.containsNull,
        d + 1,
        rep + 1,
        [...p, "list"],
        b,
      );
      return { kind: "list", name, optional, element, repLevel: rep + 1 };
    }
    case "map": {
      tw.i32(3, repetition);
      tw.string(4, name);
      tw.i32(5, 1);
      tw.i32(6, CT.MAP);
      logical(tw, 2);
      tw.endStruct();
      b.count++;
      tw.beginElement();
      tw.i32(3, REP.REPEATED);
      tw.string(4, "key_value");
      tw.i32(5, 2);
      tw.endStruct();
      const kvPath = [...p, "key_value"];
      const key = buildNode("key", type.keyType, false, d + 1, rep + 1, kvPath, b);
      const value = buildNode(
        "value",
        type.valueType,
        type.valueContainsNull,
        d + 1,
        rep + 1,
        kvPath,
        b,
      );
      return { kind: "map", name, optional, key, value, repLevel: rep + 1 };
    }
    default: {
      const unit =
        type.kind !== "timestamp" || b.timestampType === undefined
          ? undefined
          : b.timestampType === "INT96"
            ? "int96"
            : b.timestampType === "TIMESTAMP_MILLIS"
              ? "millis"
              : undefined;
      const { physical, typeLength } =
        unit === "int96" ? { physical: PT.INT96, typeLength: 0 } : physicalOf(type, name);
      tw.i32(1, physical);
      if (physical === PT.FIXED_LEN_BYTE_ARRAY) tw.i32(2, typeLength);
      tw.i32(3, repetition);
      tw.string(4, name);
      if (unit === "millis") timestampAnnotation(tw, true, "millis");
      else if (unit === undefined) leafAnnotation(tw, type);
      tw.endStruct();
      const leaf = b.leaves.length;
      b.leaves.push({
        type,
        path: p,
        maxDef: d,
        maxRep: rep,
        physical,
        typeLength,
        ...(unit === undefined ? {} : { timestampUnit: unit }),
      });
      return { kind: "leaf", name, type, optional, leaf };
    }
  }
}

/** TIMESTAMP(isAdjustedToUTC, unit), with the legacy converted type when adjusted to UTC. */
function timestampAnnotation(tw: ThriftWriter, utc: boolean, unit: "millis" | "micros"): void {
  if (utc) tw.i32(6, unit === "millis" ? CT.TIMESTAMP_MILLIS : CT.TIMESTAMP_MICROS);
  tw.beginStruct(10);
  tw.beginStruct(8);
  tw.bool(1, utc);
  tw.beginStruct(2);
  tw.beginStruct(unit === "millis" ? 1 : 2); // TimeUnit: MILLIS = 1, MICROS = 2
  tw.endStruct();
  tw.endStruct();
  tw.endStruct();
  tw.endStruct();
}

/** A LogicalType union with one empty-struct member `id` as field 10. */
function logical(tw: ThriftWriter, id: number): void {
  tw.beginStruct(10);
  tw.beginStruct(id);
  tw.endStruct();
  tw.endStruct();
}

function leafAnnotation(tw: ThriftWriter, t: DataType): void {
  switch (t.kind) {
    case "null":
      logical(tw, 11); // UNKNOWN: always null
      return;
    case "string":
      tw.i32(6, CT.UTF8);
      logical(tw, 1);
      return;
    case "date":
      tw.i32(6, CT.DATE);
      logical(tw, 6);
      return;
    case "byte":
    case "short":
      tw.i32(6, t.kind === "byte" ? CT.INT_8 : CT.INT_16);
      tw.beginStruct(10);
      tw.beginStruct(10);
      tw.i8(1, t.kind === "byte" ? 8 : 16);
      tw.bool(2, true);
      tw.endStruct();
      tw.endStruct();
      return;
    case "decimal":
      tw.i32(6, CT.DECIMAL);
      tw.i32(7, t.scale);
      tw.i32(8, t.precision);
      tw.beginStruct(10);
      tw.beginStruct(5);
      tw.i32(1, t.scale);
      tw.i32(2, t.precision);
      tw.endStruct();
      tw.endStruct();
      return;
    case "timestamp":
    case "timestamp_ntz":
      timestampAnnotation(tw, t.kind === "timestamp", "micros");
      return;
    default:
      return;
  }
}
