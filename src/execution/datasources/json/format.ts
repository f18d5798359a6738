/**
 * JSON lines (one record per line; a line holding an array gives one row per element) and
 * multiLine files (the whole file is one document: an object or an array of objects).
 * Records that do not parse, or whose values do not fit the schema, follow the parse mode
 * (`_corrupt_record` under PERMISSIVE; inference adds that column when it met one).
 */
import { parseDouble } from "../../../catalyst/expressions/eval/cast.ts";
import { FlintError } from "../../../errors/index.ts";
import type { DataType, MapValue } from "../../../types/data-types.ts";
import { StringT, structField, structType, typeSql } from "../../../types/data-types.ts";
import { BadValue, decimalFromText, textConverter } from "../csv/convert.ts";
import { type ParseMode, parseMode } from "../csv/options.ts";
import { isCompressed, readSplitText, readWholeText } from "../files/lines.ts";
import type { FileFormat, FileSplit, ReadRequest } from "../formats.ts";
import { optionBool, optionString, type SourceOptions } from "../options.ts";
import { RowAssembler } from "../rows.ts";
import { canonicalizeJsonType, mergeJsonValue } from "./infer.ts";
import {
  JsonArray,
  JsonNum,
  JsonObject,
  type JsonParseOptions,
  JsonParser,
  JsonSpecial,
  type JsonValue,
} from "./parse.ts";

interface JsonReadOptions extends JsonParseOptions {
  readonly multiLine: boolean;
  readonly mode: ParseMode;
  readonly corruptColumn: string;
  readonly encoding: string;
  readonly lineSep: string | undefined;
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
}

function jsonOptions(o: SourceOptions): JsonReadOptions {
  return {
    allowComments: optionBool(o, "allowcomments", false),
    allowSingleQuotes: optionBool(o, "allowsinglequotes", true),
    allowUnquotedFieldNames: optionBool(o, "allowunquotedfieldnames", false),
    allowNumericLeadingZeros: optionBool(o, "allownumericleadingzeros", false),
    allowNonNumericNumbers: optionBool(o, "allownonnumericnumbers", true),
    allowBackslashEscapingAnyCharacter: optionBool(o, "allowbackslashescapinganycharacter", false),
    multiLine: optionBool(o, "multiline", false),
    mode: parseMode(o.mode),
    corruptColumn: optionString(o, "columnnameofcorruptrecord", "_corrupt_record"),
    encoding: optionString(o, "encoding", optionString(o, "charset", "UTF-8")),
    lineSep: o.linesep,
    primitivesAsString: optionBool(o, "primitivesasstring", false),
    prefersDecimal: optionBool(o, "prefersdecimal", false),
    dateFormat: o.dateformat,
    timestampFormat: o.timestampformat,
    timestampNTZFormat: o.timestampntzformat,
  };
}

/** Each record's text: the lines (non-blank) or, with multiLine, the whole file. */
function forEachRecord(text: string, o: JsonReadOptions, f: (record: string) => void): void {
  if (o.multiLine) {
    if (text.trim() !== "") f(text);
    return;
  }
  if (o.lineSep !== undefined) {
    for (const line of text.split(o.lineSep)) if (line.trim() !== "") f(line);
    return;
  }
  const n = text.length;
  let start = 0;
  let cr = text.indexOf("\r");
  while (start < n) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = n;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (cr >= 0 && cr < start) cr = text.indexOf("\r", start);
    if (cr >= 0 && cr < stop) stop = end = cr; // a lone \r also ends a line
    if (stop > start) {
      const line = text.slice(start, stop);
      if (line.trim() !== "") f(line);
    }
    start = end + 1;
  }
}

/** The rows of a parsed record: an object, or the objects of a top-level array. */
function rowsOf(v: JsonValue): JsonObject[] | undefined {
  if (v instanceof JsonObject) return [v];
  if (v instanceof JsonArray) {
    const out: JsonObject[] = [];
    for (const x of v.items) {
      if (!(x instanceof JsonObject)) return undefined;
      out.push(x);
    }
    return out;
  }
  return undefined;
}

export const jsonFormat: FileFormat = {
  name: "json",
  async inferSchema(files, options) {
    if (files.length === 0) return undefined;
    const o = jsonOptions(options);
    let t: DataType = structType([]);
    let corrupt = false;
    for (const file of files) {
      const text = await readWholeText(file.path, o.encoding);
      forEachRecord(text, o, (record) => {
        let rows: JsonObject[] | undefined;
        try {
          rows = rowsOf(JsonParser.parseFirst(record, o));
        } catch {
          rows = undefined;
        }
        if (rows === undefined) {
          if (o.mode === "FAILFAST") {
            throw new FlintError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", {
              badRecord: o.corruptColumn,
              failFastMode: "FAILFAST",
            });
          }
          if (o.mode === "PERMISSIVE") corrupt = true;
          return;
        }
        for (const r of rows) t = mergeJsonValue(t, r, o);
      });
    }
    const canon = canonicalizeJsonType(t);
    let fields = canon !== undefined && canon.kind === "struct" ? [...canon.fields] : [];
    if (corrupt && !fields.some((f) => f.name === o.corruptColumn)) {
      fields.push(structField(o.corruptColumn, StringT, true));
      fields = fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return structType(fields);
  },
  isSplittable: (options, path) => !jsonOptions(options).multiLine && !isCompressed(path),
  async read(split, request) {
    return readJsonSplit(split, request);
  },
};

async function readJsonSplit(split: FileSplit, request: ReadRequest) {
  const o = jsonOptions(request.options);
  const text = o.multiLine
    ? await readWholeText(split.path, o.encoding)
    : await readSplitText(
        split,
        o.encoding,
        o.lineSep === undefined ? undefined : new Uint8Array(Buffer.from(o.lineSep, "utf8")),
      );
  const required = request.requiredSchema;
  const out = new RowAssembler(required, o.corruptColumn, o.mode, split.path);
  const row = out.row;
  const converters = required.fields.map((f) =>
    f.name === o.corruptColumn ? null : jsonConverter(f.dataType, o, request.timeZone, f.name),
  );
  forEachRecord(text, o, (record) => {
    let rows: JsonObject[] | undefined;
    try {
      rows = rowsOf(JsonParser.parseFirst(record, o));
    } catch {
      rows = undefined;
    }
    if (rows === undefined) {
      out.commit(true, record);
      return;
    }
    for (const obj of rows) {
      let malformed = false;
      for (let c = 0; c < required.fields.length; c++) {
        const conv = converters[c];
        if (conv === null || conv === undefined) continue;
        const v = obj.fields.get((required.fields[c] as { name: string }).name);
        if (v === undefined || v === null) continue;
        try {
          row[c] = conv(v, record);
        } catch (e) {
          if (!(e instanceof BadValue)) throw e;
          malformed = true;
        }
      }
      out.commit(malformed, record);
    }
  });
  return out.finish();
}

type JsonConverter = (v: JsonValue, record: string) => unknown;

const BAD = new BadValue("bad JSON value");

function integral(v: JsonValue, min: bigint, max: bigint): bigint {
  if (!(v instanceof JsonNum) || !v.isIntegral) throw BAD;
  const n = BigInt(v.text);
  if (n < min || n > max) throw BAD;
  return n;
}

/** An integral JSON number that fits [min, max] (both within 2^53) as a number. */
function smallIntegral(v: JsonValue, min: number, max: number): number {
  if (!(v instanceof JsonNum) || !v.isIntegral) throw BAD;
  const t = v.text;
  if (t.length <= 15) {
    const n = Number(t);
    if (n < min || n > max) throw BAD;
    return n;
  }
  return Number(integral(v, BigInt(min), BigInt(max)));
}

/** A converter from a JSON value to the internal value of `t`. */
function jsonConverter(
  t: DataType,
  o: JsonReadOptions,
  zone: string,
  column: string,
): JsonConverter {
  switch (t.kind) {
    case "boolean":
      return (v) => {
        if (typeof v !== "boolean") throw BAD;
        return v;
      };
    case "byte":
      return (v) => smallIntegral(v, -128, 127);
    case "short":
      return (v) => smallIntegral(v, -32768, 32767);
    case "integer":
      return (v) => smallIntegral(v, -2147483648, 2147483647);
    case "long":
      return (v) => {
        if (v instanceof JsonNum && v.isIntegral && v.text.length <= 15)
          return BigInt(Number(v.text));
        return integral(v, -9223372036854775808n, 9223372036854775807n);
      };
    case "float":
    case "double": {
      const round = t.kind === "float" ? Math.fround : (x: number) => x;
      return (v) => {
        if (v instanceof JsonNum) return round(Number(v.text));
        if (v instanceof JsonSpecial) return v.value;
        if (typeof v === "string") {
          const d = parseDouble(v);
          if (d !== null && !Number.isFinite(d)) return d;
        }
        throw BAD;
      };
    }
    case "decimal":
      return (v) => {
        if (!(v instanceof JsonNum)) throw BAD;
        const u = decimalFromText(v.text, t);
        if (u === null) throw BAD;
        return u;
      };
    case "string":
      return (v, record) => {
        if (typeof v === "string") return v;
        if (typeof v === "boolean") return v ? "true" : "false";
        if (v instanceof JsonNum || v instanceof JsonSpecial) return v.text;
        if (v instanceof JsonObject || v instanceof JsonArray) return record.slice(v.start, v.end);
        throw BAD;
      };
    case "binary":
      return (v) => {
        if (typeof v !== "string") throw BAD;
        return new Uint8Array(Buffer.from(v, "base64"));
      };
    case "date":
    case "timestamp":
    case "timestamp_ntz": {
      const text = textConverter(
        t,
        {
          nanValue: "NaN",
          positiveInf: "Infinity",
          negativeInf: "-Infinity",
          dateFormat: o.dateFormat,
          timestampFormat: o.timestampFormat,
          timestampNTZFormat: o.timestampNTZFormat,
          timeZone: zone,
        },
        "JSON",
        column,
      );
      return (v) => {
        if (typeof v === "string") return text(v);
        if (t.kind === "timestamp" && v instanceof JsonNum && v.isIntegral) {
          return BigInt(v.text) * 1_000_000n;
        }
        throw BAD;
      };
    }
    case "array": {
      const elem = jsonConverter(t.elementType, o, zone, column);
      return (v, record) => {
        if (!(v instanceof JsonArray)) throw BAD;
        return v.items.map((x) => (x === null ? null : elem(x, record)));
      };
    }
    case "map": {
      if (t.keyType.kind !== "string") break;
      const val = jsonConverter(t.valueType, o, zone, column);
      return (v, record): MapValue => {
        if (!(v instanceof JsonObject)) throw BAD;
        const keys: unknown[] = [];
        const values: unknown[] = [];
        for (const [k, x] of v.fields) {
          keys.push(k);
          values.push(x === null ? null : val(x, record));
        }
        return { keys, values };
      };
    }
    case "struct": {
      const fields = t.fields.map((f) => ({
        name: f.name,
        conv: jsonConverter(f.dataType, o, zone, column),
      }));
      return (v, record) => {
        if (!(v instanceof JsonObject)) throw BAD;
        return fields.map((f) => {
          const x = v.fields.get(f.name);
          return x === undefined || x === null ? null : f.conv(x, record);
        });
      };
    }
    default:
      break;
  }
  throw new FlintError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", {
    columnName: `\`${column}\``,
    columnType: `"${typeSql(t)}"`,
    format: "JSON",
  });
}
