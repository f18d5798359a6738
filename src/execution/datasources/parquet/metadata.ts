/**
 * Parquet's footer (`FileMetaData`) and page headers, decoded from Thrift's compact protocol
 * into plain readonly records. Field ids and enum values follow the Apache Parquet format
 * specification (parquet.thrift).
 */

import {
  fBin,
  fBool,
  fInt,
  fList,
  fStr,
  fStruct,
  ThriftReader,
  type ThriftStruct,
  type ThriftValue,
} from "./thrift.ts";

/** Physical types. */
export const PT = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  INT96: 3,
  FLOAT: 4,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  FIXED_LEN_BYTE_ARRAY: 7,
} as const;

/** Converted (legacy logical) types. */
export const CT = {
  UTF8: 0,
  MAP: 1,
  MAP_KEY_VALUE: 2,
  LIST: 3,
  ENUM: 4,
  DECIMAL: 5,
  DATE: 6,
  TIME_MILLIS: 7,
  TIME_MICROS: 8,
  TIMESTAMP_MILLIS: 9,
  TIMESTAMP_MICROS: 10,
  UINT_8: 11,
  UINT_16: 12,
  UINT_32: 13,
  UINT_64: 14,
  INT_8: 15,
  INT_16: 16,
  INT_32: 17,
  INT_64: 18,
  JSON: 19,
  BSON: 20,
  INTERVAL: 21,
} as const;

export const REP = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;

export const ENC = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  DELTA_LENGTH_BYTE_ARRAY: 6,
  DELTA_BYTE_ARRAY: 7,
  RLE_DICTIONARY: 8,
  BYTE_STREAM_SPLIT: 9,
} as const;

export const CODEC = {
  UNCOMPRESSED: 0,
  SNAPPY: 1,
  GZIP: 2,
  LZO: 3,
  BROTLI: 4,
  LZ4: 5,
  ZSTD: 6,
  LZ4_RAW: 7,
} as const;

export const PAGE = { DATA_PAGE: 0, INDEX_PAGE: 1, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 } as const;

/** The new-style logical type annotation (a Thrift union). */
export type LogicalType =
  | { readonly kind: "STRING" | "MAP" | "LIST" | "ENUM" | "DATE" | "JSON" | "BSON" | "UUID" }
  | { readonly kind: "UNKNOWN" | "FLOAT16" | "VARIANT" | "OTHER" }
  | { readonly kind: "DECIMAL"; readonly scale: number; readonly precision: number }
  | { readonly kind: "TIME"; readonly isAdjustedToUTC: boolean; readonly unit: TimeUnit }
  | { readonly kind: "TIMESTAMP"; readonly isAdjustedToUTC: boolean; readonly unit: TimeUnit }
  | { readonly kind: "INTEGER"; readonly bitWidth: number; readonly isSigned: boolean };

export type TimeUnit = "MILLIS" | "MICROS" | "NANOS";

export interface SchemaElement {
  readonly type: number | undefined;
  readonly typeLength: number | undefined;
  readonly repetition: number | undefined;
  readonly name: string;
  readonly numChildren: number | undefined;
  readonly convertedType: number | undefined;
  readonly scale: number | undefined;
  readonly precision: number | undefined;
  readonly fieldId: number | undefined;
  readonly logicalType: LogicalType | undefined;
}

export interface Statistics {
  readonly max: Uint8Array | undefined;
  readonly min: Uint8Array | undefined;
  readonly nullCount: number | undefined;
  readonly distinctCount: number | undefined;
  /** `max_value`/`min_value`: the spec's sort-order-correct statistics. */
  readonly maxValue: Uint8Array | undefined;
  readonly minValue: Uint8Array | undefined;
}

export interface ColumnMetaData {
  readonly type: number;
  readonly encodings: readonly number[];
  readonly pathInSchema: readonly string[];
  readonly codec: number;
  readonly numValues: number;
  readonly totalUncompressedSize: number;
  readonly totalCompressedSize: number;
  readonly dataPageOffset: number;
  readonly indexPageOffset: number | undefined;
  readonly dictionaryPageOffset: number | undefined;
  readonly statistics: Statistics | undefined;
}

export interface ColumnChunk {
  readonly filePath: string | undefined;
  readonly fileOffset: number;
  readonly metaData: ColumnMetaData;
}

export interface RowGroup {
  readonly columns: readonly ColumnChunk[];
  readonly totalByteSize: number;
  readonly numRows: number;
  readonly fileOffset: number | undefined;
  readonly totalCompressedSize: number | undefined;
}

export interface KeyValue {
  readonly key: string;
  readonly value: string | undefined;
}

export interface FileMetaData {
  readonly version: number;
  readonly schema: readonly SchemaElement[];
  readonly numRows: number;
  readonly rowGroups: readonly RowGroup[];
  readonly keyValueMetadata: readonly KeyValue[];
  readonly createdBy: string | undefined;
}

export interface PageHeader {
  readonly type: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly dataPage: DataPageHeader | undefined;
  readonly dictionaryPage: DictionaryPageHeader | undefined;
  readonly dataPageV2: DataPageHeaderV2 | undefined;
}

export interface DataPageHeader {
  readonly numValues: number;
  readonly encoding: number;
  readonly definitionLevelEncoding: number;
  readonly repetitionLevelEncoding: number;
}

export interface DictionaryPageHeader {
  readonly numValues: number;
  readonly encoding: number;
}

export interface DataPageHeaderV2 {
  readonly numValues: number;
  readonly numNulls: number;
  readonly numRows: number;
  readonly encoding: number;
  readonly definitionLevelsByteLength: number;
  readonly repetitionLevelsByteLength: number;
  readonly isCompressed: boolean;
}

function req(v: number | undefined, what: string): number {
  if (v === undefined) throw new Error(`missing required field ${what}`);
  return v;
}

function structs(list: ThriftValue[]): ThriftStruct[] {
  return list.filter((v): v is ThriftStruct => Array.isArray(v));
}

const TIME_UNITS: Record<number, TimeUnit> = { 1: "MILLIS", 2: "MICROS", 3: "NANOS" };

function timeUnit(s: ThriftStruct | undefined): TimeUnit {
  if (s === undefined) return "MICROS";
  for (const id of [1, 2, 3]) if (s[id] !== undefined) return TIME_UNITS[id]!;
  return "MICROS";
}

const SIMPLE_LOGICAL: Record<number, LogicalType["kind"]> = {
  1: "STRING",
  2: "MAP",
  3: "LIST",
  4: "ENUM",
  6: "DATE",
  11: "UNKNOWN",
  12: "JSON",
  13: "BSON",
  14: "UUID",
  15: "FLOAT16",
  16: "VARIANT",
};

function logicalType(s: ThriftStruct | undefined): LogicalType | undefined {
  if (s === undefined) return undefined;
  const dec = fStruct(s, 5);
  if (dec) return { kind: "DECIMAL", scale: fInt(dec, 1) ?? 0, precision: fInt(dec, 2) ?? 0 };
  const time = fStruct(s, 7);
  if (time)
    return {
      kind: "TIME",
      isAdjustedToUTC: fBool(time, 1) ?? true,
      unit: timeUnit(fStruct(time, 2)),
    };
  const ts = fStruct(s, 8);
  if (ts)
    return {
      kind: "TIMESTAMP",
      isAdjustedToUTC: fBool(ts, 1) ?? true,
      unit: timeUnit(fStruct(ts, 2)),
    };
  const int = fStruct(s, 10);
  if (int)
    return { kind: "INTEGER", bitWidth: fInt(int, 1) ?? 32, isSigned: fBool(int, 2) ?? true };
  for (const [id, kind] of Object.entries(SIMPLE_LOGICAL)) {
    if (s[Number(id)] !== undefined) {
      if (kind === "UNKNOWN" || kind === "FLOAT16" || kind === "VARIANT") return { kind };
      return { kind: kind as "STRING" };
    }
  }
  return { kind: "OTHER" };
}

function statistics(s: ThriftStruct | undefined): Statistics | undefined {
  if (s === undefined) return undefined;
  return {
    max: fBin(s, 1),
    min: fBin(s, 2),
    nullCount: fInt(s, 3),
    distinctCount: fInt(s, 4),
    maxValue: fBin(s, 5),
    minValue: fBin(s, 6),
  };
}

function schemaElement(s: ThriftStruct): SchemaElement {
  return {
    type: fInt(s, 1),
    typeLength: fInt(s, 2),
    repetition: fInt(s, 3),
    name: fStr(s, 4) ?? "",
    numChildren: fInt(s, 5),
    convertedType: fInt(s, 6),
    scale: fInt(s, 7),
    precision: fInt(s, 8),
    fieldId: fInt(s, 9),
    logicalType: logicalType(fStruct(s, 10)),
  };
}

function columnMetaData(s: ThriftStruct): ColumnMetaData {
  return {
    type: req(fInt(s, 1), "ColumnMetaData.type"),
    encodings: fList(s, 2).filter((v): v is number => typeof v === "number"),
    pathInSchema: fList(s, 3).map((v) =>
      v instanceof Uint8Array ? new TextDecoder().decode(v) : "",
    ),
    codec: req(fInt(s, 4), "ColumnMetaData.codec"),
    numValues: req(fInt(s, 5), "ColumnMetaData.num_values"),
    totalUncompressedSize: fInt(s, 6) ?? 0,
    totalCompressedSize: req(fInt(s, 7), "ColumnMetaData.total_compressed_size"),
    dataPageOffset: req(fInt(s, 9), "ColumnMetaData.data_page_offset"),
    indexPageOffset: fInt(s, 10),
    dictionaryPageOffset: fInt(s, 11),
    statistics: statistics(fStruct(s, 12)),
  };
}

function columnChunk(s: ThriftStruct): ColumnChunk {
  const md = fStruct(s, 3);
  if (md === undefined) throw new Error("column chunk without metadata");
  return { filePath: fStr(s, 1), fileOffset: fInt(s, 2) ?? 0, metaData: columnMetaData(md) };
}

function rowGroup(s: ThriftStruct): RowGroup {
  return {
    columns: structs(fList(s, 1)).map(columnChunk),
    totalByteSize: fInt(s, 2) ?? 0,
    numRows: req(fInt(s, 3), "RowGroup.num_rows"),
    fileOffset: fInt(s, 5),
    totalCompressedSize: fInt(s, 6),
  };
}

/** Decodes a serialized `FileMetaData`. Throws on malformed input. */
export function parseFileMetaData(bytes: Uint8Array): FileMetaData {
  const s = new ThriftReader(bytes).struct();
  return {
    version: fInt(s, 1) ?? 1,
    schema: structs(fList(s, 2)).map(schemaElement),
    numRows: req(fInt(s, 3), "FileMetaData.num_rows"),
    rowGroups: structs(fList(s, 4)).map(rowGroup),
    keyValueMetadata: structs(fList(s, 5)).map((kv) => ({
      key: fStr(kv, 1) ?? "",
      value: fStr(kv, 2),
    })),
    createdBy: fStr(s, 6),
  };
}

/** Decodes one page header at `pos`; returns it and the position after it. */
export function parsePageHeader(
  bytes: Uint8Array,
  pos: number,
): { header: PageHeader; end: number } {
  const r = new ThriftReader(bytes, pos);
  const s = r.struct();
  const dp = fStruct(s, 5);
  const dict = fStruct(s, 7);
  const v2 = fStruct(s, 8);
  const header: PageHeader = {
    type: req(fInt(s, 1), "PageHeader.type"),
    uncompressedSize: req(fInt(s, 2), "PageHeader.uncompressed_page_size"),
    compressedSize: req(fInt(s, 3), "PageHeader.compressed_page_size"),
    dataPage: dp && {
      numValues: req(fInt(dp, 1), "DataPageHeader.num_values"),
      encoding: req(fInt(dp, 2), "DataPageHeader.encoding"),
      definitionLevelEncoding: fInt(dp, 3) ?? ENC.RLE,
      repetitionLevelEncoding: fInt(dp, 4) ?? ENC.RLE,
    },
    dictionaryPage: dict && {
      numValues: req(fInt(dict, 1), "DictionaryPageHeader.num_values"),
      encoding: fInt(dict, 2) ?? ENC.PLAIN,
    },
    dataPageV2: v2 && {
      numValues: req(fInt(v2, 1), "DataPageHeaderV2.num_values"),
      numNulls: fInt(v2, 2) ?? 0,
      numRows: req(fInt(v2, 3), "DataPageHeaderV2.num_rows"),
      encoding: req(fInt(v2, 4), "DataPageHeaderV2.encoding"),
      definitionLevelsByteLength: fInt(v2, 5) ?? 0,
      repetitionLevelsByteLength: fInt(v2, 6) ?? 0,
      isCompressed: fBool(v2, 7) ?? true,
    },
  };
  return { header, end: r.pos };
}
