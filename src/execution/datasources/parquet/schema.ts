/**
 * Parquet schema -> Spark types, following Spark's ParquetToSparkSchemaConverter: the
 * physical type plus logical (or legacy converted) annotation picks the Spark type; LIST
 * and MAP groups (with the format's backward-compatibility rules) become arrays and maps.
 * Each field becomes a `PNode` that carries the definition/repetition levels assembly
 * needs.
 */

import { FlintError } from "../../../errors/index.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  ByteT,
  type DataType,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  mapType,
  ShortT,
  StringT,
  type StructField,
  type StructType,
  sameTypeIgnoringNullability,
  structField,
  structType,
  TimestampNTZT,
  TimestampT,
} from "../../../types/data-types.ts";
import { CT, PT, REP, type SchemaElement } from "./metadata.ts";

/** How a leaf's physical values convert to its Spark type. */
export type LeafConversion =
  | "none"
  | "int8"
  | "int16"
  | "uint32"
  | "uint64"
  | "millis"
  | "int96"
  | "decimal";

export interface LeafNode {
  /** Whether the Spark field is nullable. */
  readonly nullable: boolean;
  readonly kind: "leaf";
  readonly name: string;
  readonly type: DataType;
  /** Index of the leaf column in the file (column chunk order). */
  readonly column: number;
  readonly path: readonly string[];
  readonly element: SchemaElement;
  readonly physical: number;
  readonly typeLength: number;
  readonly conversion: LeafConversion;
  /** Definition level at which the value is present (= the column's max definition level). */
  readonly defLevel: number;
  readonly maxRep: number;
}

export interface StructNode {
  /** Whether the Spark field is nullable. */
  readonly nullable: boolean;
  readonly kind: "struct";
  readonly name: string;
  readonly type: StructType;
  readonly fields: readonly PNode[];
  readonly defLevel: number;
}

export interface ListNode {
  /** Whether the Spark field is nullable. */
  readonly nullable: boolean;
  readonly kind: "list";
  readonly name: string;
  readonly type: DataType;
  readonly element: PNode;
  /** Definition level at which the list is non-null. */
  readonly defLevel: number;
  /** Definition level at which the list has at least one element. */
  readonly elemDef: number;
  /** Repetition level of the repeated field. */
  readonly repLevel: number;
}

export interface MapNode {
  /** Whether the Spark field is nullable. */
  readonly nullable: boolean;
  readonly kind: "map";
  readonly name: string;
  readonly type: DataType;
  readonly key: PNode;
  readonly value: PNode;
  readonly defLevel: number;
  readonly elemDef: number;
  readonly repLevel: number;
}

export type PNode = LeafNode | StructNode | ListNode | MapNode;

export interface ParquetSchema {
  readonly sparkSchema: StructType;
  readonly fields: readonly PNode[];
  readonly leaves: readonly LeafNode[];
}

interface Cursor {
  i: number;
  column: number;
}

export function convertSchema(elements: readonly SchemaElement[]): ParquetSchema {
  const root = elements[0];
  if (root === undefined)
    throw new FlintError("PARQUET_TYPE_ILLEGAL", { parquetType: "empty schema" });
  const cur: Cursor = { i: 1, column: 0 };
  const fields: PNode[] = [];
  const leaves: LeafNode[] = [];
  for (let k = 0; k < (root.numChildren ?? 0); k++) {
    fields.push(convertField(elements, cur, 0, 0, [], leaves));
  }
  return {
    sparkSchema: structType(fields.map((f) => toField(f))),
    fields,
    leaves,
  };
}

function toField(n: PNode): StructField {
  return structField(n.name, n.type, n.nullable);
}

function take(elements: readonly SchemaElement[], cur: Cursor): SchemaElement {
  const e = elements[cur.i++];
  if (e === undefined)
    throw new FlintError("PARQUET_TYPE_ILLEGAL", { parquetType: "truncated schema" });
  return e;
}

/** Converts the field at the cursor (and its subtree). */
function convertField(
  elements: readonly SchemaElement[],
  cur: Cursor,
  def: number,
  rep: number,
  path: readonly string[],
  leaves: LeafNode[],
): PNode {
  const e = take(elements, cur);
  if (e.repetition === REP.REPEATED) {
    // a repeated field outside a LIST/MAP group: a required list of required elements
    const element = convertBody(
      elements,
      cur,
      e,
      def + 1,
      rep + 1,
      [...path, e.name],
      leaves,
      false,
    );
    return listNode(e.name, element, def, def + 1, rep + 1, false, false);
  }
  const optional = e.repetition === REP.OPTIONAL;
  return convertBody(
    elements,
    cur,
    e,
    optional ? def + 1 : def,
    rep,
    [...path, e.name],
    leaves,
    optional,
  );
}

function listNode(
  name: string,
  element: PNode,
  defLevel: number,
  elemDef: number,
  repLevel: number,
  containsNull: boolean,
  nullable: boolean,
): ListNode {
  return {
    nullable,
    kind: "list",
    name,
    type: arrayType(element.type, containsNull),
    element,
    defLevel,
    elemDef,
    repLevel,
  };
}

/** Converts element `e` (already taken) present at definition level `d`. */
function convertBody(
  elements: readonly SchemaElement[],
  cur: Cursor,
  e: SchemaElement,
  d: number,
  rep: number,
  path: readonly string[],
  leaves: LeafNode[],
  nullable: boolean,
): PNode {
  if (e.numChildren === undefined || (e.type !== undefined && e.numChildren === 0)) {
    const leaf = convertLeaf(e, cur.column++, path, d, rep, nullable);
    leaves.push(leaf);
    return leaf;
  }
  const lt = e.logicalType?.kind;
  const isList = lt === "LIST" || e.convertedType === CT.LIST;
  const isMap = lt === "MAP" || e.convertedType === CT.MAP || e.convertedType === CT.MAP_KEY_VALUE;
  if (isList && e.numChildren === 1) {
    const repeated = take(elements, cur);
    if (repeated.repetition !== REP.REPEATED) {
      throw new FlintError("PARQUET_TYPE_ILLEGAL", {
        parquetType: `LIST ${e.name} without repeated field`,
      });
    }
    const rpath = [...path, repeated.name];
    const legacyElement =
      repeated.numChildren === undefined ||
      repeated.numChildren !== 1 ||
      repeated.name === "array" ||
      repeated.name === `${e.name}_tuple`;
    if (legacyElement) {
      const element = convertBody(elements, cur, repeated, d + 1, rep + 1, rpath, leaves, false);
      return listNode(e.name, element, d, d + 1, rep + 1, false, nullable);
    }
    const element = convertField(elements, cur, d + 1, rep + 1, rpath, leaves);
    return listNode(e.name, element, d, d + 1, rep + 1, element.nullable, nullable);
  }
  if (isMap && e.numChildren === 1) {
    const kv = take(elements, cur);
    if (kv.repetition !== REP.REPEATED || kv.numChildren !== 2) {
      throw new FlintError("PARQUET_TYPE_ILLEGAL", {
        parquetType: `MAP ${e.name} without key_value group`,
      });
    }
    const kvPath = [...path, kv.name];
    const key = convertField(elements, cur, d + 1, rep + 1, kvPath, leaves);
    const value = convertField(elements, cur, d + 1, rep + 1, kvPath, leaves);
    return {
      nullable,
      kind: "map",
      name: e.name,
      type: mapType(key.type, value.type, value.nullable),
      key,
      value,
      defLevel: d,
      elemDef: d + 1,
      repLevel: rep + 1,
    };
  }
  const fields: PNode[] = [];
  for (let k = 0; k < e.numChildren; k++)
    fields.push(convertField(elements, cur, d, rep, path, leaves));
  return {
    nullable,
    kind: "struct",
    name: e.name,
    type: structType(fields.map((f) => toField(f))),
    fields,
    defLevel: d,
  };
}

function illegal(e: SchemaElement, what: string): FlintError {
  return new FlintError("PARQUET_TYPE_ILLEGAL", { parquetType: `${what} (${e.name})` });
}

function convertLeaf(
  e: SchemaElement,
  column: number,
  path: readonly string[],
  d: number,
  rep: number,
  nullable: boolean,
): LeafNode {
  const physical = e.type;
  if (physical === undefined) throw illegal(e, "leaf without a physical type");
  const lt = e.logicalType;
  const ct = e.convertedType;
  let type: DataType;
  let conversion: LeafConversion = "none";
  const decimal = (): DataType => {
    const precision = lt?.kind === "DECIMAL" ? lt.precision : (e.precision ?? 0);
    const scale = lt?.kind === "DECIMAL" ? lt.scale : (e.scale ?? 0);
    if (precision < 1 || precision > 38) throw illegal(e, `DECIMAL(${precision}, ${scale})`);
    conversion = "decimal";
    return decimalType(precision, scale);
  };
  const isDecimal = lt?.kind === "DECIMAL" || ct === CT.DECIMAL;
  switch (physical) {
    case PT.BOOLEAN:
      type = BooleanT;
      break;
    case PT.INT32:
      if (isDecimal) type = decimal();
      else if (lt?.kind === "DATE" || ct === CT.DATE) type = DateT;
      else if (lt?.kind === "INTEGER") {
        if (lt.bitWidth === 8) {
          type = lt.isSigned ? ByteT : ShortT;
          conversion = lt.isSigned ? "int8" : "none";
        } else if (lt.bitWidth === 16) {
          type = lt.isSigned ? ShortT : IntegerT;
          conversion = lt.isSigned ? "int16" : "none";
        } else if (lt.isSigned) type = IntegerT;
        else {
          type = LongT;
          conversion = "uint32";
        }
      } else if (ct === CT.INT_8) {
        type = ByteT;
        conversion = "int8";
      } else if (ct === CT.INT_16) {
        type = ShortT;
        conversion = "int16";
      } else if (ct === CT.UINT_8) type = ShortT;
      else if (ct === CT.UINT_16) type = IntegerT;
      else if (ct === CT.UINT_32) {
        type = LongT;
        conversion = "uint32";
      } else if (lt?.kind === "TIME" || ct === CT.TIME_MILLIS) {
        throw new FlintError("UNSUPPORTED_TIME_TYPE");
      } else type = IntegerT;
      if (type === ShortT && conversion === "none") conversion = "int16";
      break;
    case PT.INT64:
      if (isDecimal) type = decimal();
      else if (lt?.kind === "TIMESTAMP") {
        type = lt.isAdjustedToUTC ? TimestampT : TimestampNTZT;
        if (lt.unit === "MILLIS") conversion = "millis";
        else if (lt.unit === "NANOS") {
          // as Spark 4 (without spark.sql.legacy.parquet.nanosAsLong)
          throw new FlintError("PARQUET_TYPE_ILLEGAL", {
            parquetType: `INT64 (TIMESTAMP(NANOS,${lt.isAdjustedToUTC}))`,
          });
        }
      } else if (ct === CT.TIMESTAMP_MICROS) type = TimestampT;
      else if (ct === CT.TIMESTAMP_MILLIS) {
        type = TimestampT;
        conversion = "millis";
      } else if ((lt?.kind === "INTEGER" && !lt.isSigned) || ct === CT.UINT_64) {
        type = decimalType(20, 0);
        conversion = "uint64";
      } else if (lt?.kind === "TIME" || ct === CT.TIME_MICROS) {
        throw new FlintError("UNSUPPORTED_TIME_TYPE");
      } else type = LongT;
      break;
    case PT.INT96:
      type = TimestampT;
      conversion = "int96";
      break;
    case PT.FLOAT:
      type = FloatT;
      break;
    case PT.DOUBLE:
      type = DoubleT;
      break;
    case PT.BYTE_ARRAY:
      if (isDecimal) type = decimal();
      else if (
        lt?.kind === "STRING" ||
        lt?.kind === "ENUM" ||
        lt?.kind === "JSON" ||
        ct === CT.UTF8 ||
        ct === CT.ENUM ||
        ct === CT.JSON
      ) {
        type = StringT;
      } else type = BinaryT;
      break;
    case PT.FIXED_LEN_BYTE_ARRAY:
      if (isDecimal) type = decimal();
      else if (lt?.kind === "FLOAT16") {
        throw new FlintError("PARQUET_TYPE_ILLEGAL", {
          parquetType: "FIXED_LEN_BYTE_ARRAY (FLOAT16)",
        });
      } else type = BinaryT;
      if (e.typeLength === undefined || e.typeLength < 0)
        throw illegal(e, "FIXED_LEN_BYTE_ARRAY without length");
      break;
    default:
      throw new FlintError("PARQUET_TYPE_NOT_RECOGNIZED", { field: e.name });
  }
  return {
    nullable,
    kind: "leaf",
    name: e.name,
    type,
    column,
    path,
    element: e,
    physical,
    typeLength: e.typeLength ?? 0,
    conversion,
    defLevel: d,
    maxRep: rep,
  };
}

function childNamed(fields: readonly PNode[], name: string): PNode | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name === name) ?? fields.find((f) => f.name.toLowerCase() === lower);
}

/**
 * `node` narrowed to the `wanted` type: nested schema pruning (a struct read as a subset of
 * its fields, also inside arrays and map values, so that only those leaves are decoded).
 * Null when the file's type cannot be read as `wanted`.
 */
export function pruneTo(node: PNode, wanted: DataType): PNode | null {
  if (sameTypeIgnoringNullability(node.type, wanted)) return node;
  if (node.kind === "struct" && wanted.kind === "struct") {
    if (wanted.fields.length === 0) return null;
    const fields: PNode[] = [];
    for (const wf of wanted.fields) {
      const child = childNamed(node.fields, wf.name);
      const pruned = child === undefined ? null : pruneTo(child, wf.dataType);
      if (pruned === null) return null;
      fields.push(pruned);
    }
    return { ...node, fields, type: wanted };
  }
  if (node.kind === "list" && wanted.kind === "array") {
    const element = pruneTo(node.element, wanted.elementType);
    return element === null ? null : { ...node, element, type: wanted };
  }
  if (node.kind === "map" && wanted.kind === "map") {
    if (!sameTypeIgnoringNullability(node.key.type, wanted.keyType)) return null;
    const value = pruneTo(node.value, wanted.valueType);
    return value === null ? null : { ...node, value, type: wanted };
  }
  return null;
}

/** All leaves under a node, in column order. */
export function leavesOf(n: PNode, out: LeafNode[] = []): LeafNode[] {
  switch (n.kind) {
    case "leaf":
      out.push(n);
      break;
    case "struct":
      for (const f of n.fields) leavesOf(f, out);
      break;
    case "list":
      leavesOf(n.element, out);
      break;
    case "map":
      leavesOf(n.key, out);
      leavesOf(n.value, out);
      break;
    default: {
      const never: never = n;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
  return out;
}
