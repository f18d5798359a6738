/** CSV read options (Spark's CSVOptions), from lower-cased option keys. */
import { FlintError } from "../../../errors/index.ts";
import { lowerKeys, optionBool, optionString, type SourceOptions } from "../options.ts";

export type ParseMode = "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";

export interface CsvReadOptions {
  readonly sep: string;
  /** The quote character, or "" when quoting is off. */
  readonly quote: string;
  readonly escape: string;
  readonly comment: string;
  readonly header: boolean;
  readonly inferSchema: boolean;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  readonly nullValue: string;
  readonly emptyValue: string;
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  readonly mode: ParseMode;
  readonly corruptColumn: string;
  readonly multiLine: boolean;
  readonly encoding: string;
  readonly lineSep: string | undefined;
  readonly enforceSchema: boolean;
  readonly preferDate: boolean;
}

/** Spark's ParseMode.fromString: unknown names fall back to PERMISSIVE. */
export function parseMode(v: string | undefined): ParseMode {
  const m = (v ?? "PERMISSIVE").toUpperCase();
  return m === "DROPMALFORMED" || m === "FAILFAST" ? m : "PERMISSIVE";
}

function oneChar(o: SourceOptions, key: string, fallback: string): string {
  const v = o[key];
  if (v === undefined) return fallback;
  if (v === "") return "";
  if (v.length === 1) return v;
  if (v === "\\t") return "\t";
  if (v === "\\u0000") return "";
  throw new FlintError("INVALID_OPTION_VALUE", {
    option: key,
    value: v,
    expected: "single character",
  });
}

export function csvReadOptions(
  options: SourceOptions,
  corruptColumnDefault = "_corrupt_record",
): CsvReadOptions {
  const o = lowerKeys(options);
  let sep = o.sep ?? o.delimiter ?? ",";
  if (sep === "\\t") sep = "\t";
  if (sep === "")
    throw new FlintError("INVALID_OPTION_VALUE", {
      option: "sep",
      value: "",
      expected: "non-empty",
    });
  return {
    sep,
    quote: oneChar(o, "quote", '"'),
    escape: oneChar(o, "escape", "\\"),
    comment: oneChar(o, "comment", ""),
    header: optionBool(o, "header", false),
    inferSchema: optionBool(o, "inferschema", false),
    ignoreLeadingWhiteSpace: optionBool(o, "ignoreleadingwhitespace", false),
    ignoreTrailingWhiteSpace: optionBool(o, "ignoretrailingwhitespace", false),
    nullValue: optionString(o, "nullvalue", ""),
    emptyValue: optionString(o, "emptyvalue", ""),
    nanValue: optionString(o, "nanvalue", "NaN"),
    positiveInf: optionString(o, "positiveinf", "Inf"),
    negativeInf: optionString(o, "negativeinf", "-Inf"),
    dateFormat: o.dateformat,
    timestampFormat: o.timestampformat,
    timestampNTZFormat: o.timestampntzformat,
    mode: parseMode(o.mode),
    corruptColumn: optionString(o, "columnnameofcorruptrecord", corruptColumnDefault),
    multiLine: optionBool(o, "multiline", false),
    encoding: optionString(o, "encoding", optionString(o, "charset", "UTF-8")),
    lineSep: o.linesep,
    enforceSchema: optionBool(o, "enforceschema", true),
    preferDate: optionBool(o, "preferdate", true),
  };
}
