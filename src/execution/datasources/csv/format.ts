/** CSV behind the format registry: inference over all files, reads split by lines. */
import { FlintError } from "../../../errors/index.ts";
import type { DataType, StructType } from "../../../types/data-types.ts";
import { StringT, structField, structType } from "../../../types/data-types.ts";
import { isCompressed, readSplitText, readWholeText } from "../files/lines.ts";
import type { FileFormat, FileSplit, ReadRequest } from "../formats.ts";
import { RowAssembler } from "../rows.ts";
import { BadValue, textConverter } from "./convert.ts";
import { CsvTypeInference, headerNames, schemaFromTypes } from "./infer.ts";
import { type CsvReadOptions, csvReadOptions } from "./options.ts";
import { tokenizeCsv } from "./tokenize.ts";

function lineSepBytes(o: CsvReadOptions): Uint8Array | undefined {
  return o.lineSep === undefined ? undefined : new Uint8Array(Buffer.from(o.lineSep, "utf8"));
}

async function splitText(split: FileSplit, o: CsvReadOptions): Promise<string> {
  if (o.multiLine) return readWholeText(split.path, o.encoding);
  return readSplitText(split, o.encoding, lineSepBytes(o));
}

export const csvFormat: FileFormat = {
  name: "csv",
  async inferSchema(files, options) {
    if (files.length === 0) return undefined;
    const o = csvReadOptions(options);
    const inference = new CsvTypeInference(o);
    let names: string[] | undefined;
    let types: DataType[] = [];
    for (const f of files) {
      const text = await readWholeText(f.path, o.encoding);
      let first = true;
      tokenizeCsv(text, o, (fields) => {
        const isHeader = first && o.header;
        if (names === undefined) {
          names = o.header ? headerNames(fields, o.nullValue) : fields.map((_, i) => `_c${i}`);
          types = names.map(() => ({ kind: "null" }) as DataType);
        }
        first = false;
        if (isHeader || !o.inferSchema) return;
        const n = Math.min(types.length, fields.length);
        for (let i = 0; i < n; i++)
          types[i] = inference.inferField(types[i] as DataType, fields[i] as string);
      });
    }
    if (names === undefined) return structType([]);
    if (!o.inferSchema) return structType(names.map((n) => structField(n, StringT, true)));
    return schemaFromTypes(names, types);
  },
  isSplittable: (options, path) => !csvReadOptions(options).multiLine && !isCompressed(path),
  async read(split, request) {
    return readCsvSplit(split, request);
  },
};

/** The rows of one CSV split under the request's schemas and parse mode. */
export async function readCsvSplit(split: FileSplit, request: ReadRequest) {
  const o = csvReadOptions(request.options);
  const text = await splitText(split, o);
  return parseCsvText(text, split.start === 0, split.path, request, o);
}

export function parseCsvText(
  text: string,
  atFileStart: boolean,
  path: string,
  request: ReadRequest,
  o: CsvReadOptions = csvReadOptions(request.options),
) {
  const tokenFields = request.dataSchema.fields.filter((f) => f.name !== o.corruptColumn);
  const required: StructType = request.requiredSchema;
  const out = new RowAssembler(required, o.corruptColumn, o.mode, path);
  const row = out.row;
  const nReq = required.fields.length;
  const tokenIndex = new Int32Array(nReq);
  const valueOpts = { ...o, timeZone: request.timeZone };
  const converters = required.fields.map((f, c) => {
    const j = tokenFields.findIndex((t) => t.name === f.name);
    tokenIndex[c] = j;
    return j < 0 ? null : textConverter(f.dataType, valueOpts, "CSV", f.name);
  });
  let skipHeader = o.header && atFileStart;
  const nullValue = o.nullValue;
  // Column pruning as Spark's: only the required fields are parsed, so a record with too
  // few or too many fields is malformed only when every column is read.
  const parsed = converters.filter((c) => c !== null).length;
  const pruned = parsed < tokenFields.length;
  tokenizeCsv(text, o, (fields, raw) => {
    if (skipHeader) {
      skipHeader = false;
      if (!o.enforceSchema) checkHeader(fields, tokenFields, path);
      return;
    }
    let malformed = !pruned && fields.length !== tokenFields.length;
    for (let c = 0; c < nReq; c++) {
      const j = tokenIndex[c] as number;
      const conv = converters[c];
      if (j < 0 || conv === null || conv === undefined || j >= fields.length) continue;
      const datum = fields[j] as string;
      if (datum === nullValue) continue;
      try {
        row[c] = conv(datum);
      } catch (e) {
        if (!(e instanceof BadValue)) throw e;
        malformed = true;
      }
    }
    out.commit(malformed, raw);
  });
  return out.finish();
}

/**
 * With `enforceSchema` false the header must name the schema's columns in order (Spark's
 * CSVHeaderChecker; names compared case-insensitively): the task fails otherwise.
 */
function checkHeader(
  header: readonly string[],
  fields: readonly { readonly name: string }[],
  path: string,
): void {
  let problem: string | undefined;
  if (header.length !== fields.length) {
    problem = `Number of column in CSV header is not equal to number of fields in the schema: Header length: ${header.length}, schema size: ${fields.length}`;
  } else {
    for (let i = 0; i < header.length; i++) {
      const want = (fields[i] as { name: string }).name;
      if ((header[i] as string).toLowerCase() !== want.toLowerCase()) {
        problem = `CSV header does not conform to the schema. Header: ${header.join(", ")} Schema: ${fields.map((f) => f.name).join(", ")} Expected: ${want} but found: ${header[i]}`;
        break;
      }
    }
  }
  if (problem !== undefined) {
    throw new FlintError("FAILED_READ_FILE.NO_HINT", {
      path: `file:${path}`,
      detail: `${problem} CSV file: file:${path}`,
    });
  }
}
