/**
 * The error catalog: every error class Flint raises, with its SQLSTATE and a message
 * template whose `<name>` placeholders are filled from the message parameters. Class
 * names and SQLSTATEs are Spark's; the wording is ours. Each area keeps its own file.
 */
import { ANALYSIS_ERRORS } from "./analysis.ts";
import { CATALOG_ERRORS } from "./catalog.ts";
import { DATASOURCE_ERRORS } from "./datasources.ts";
import { EXECUTION_ERRORS } from "./execution.ts";
import { GENERAL_ERRORS } from "./general.ts";
import { PARSER_ERRORS } from "./parser.ts";
import { RUNTIME_ERRORS } from "./runtime.ts";
import { SOURCE_ERRORS } from "./sources.ts";

export interface ErrorClassDef {
  readonly sqlState: string;
  readonly message: string;
}

export type ErrorCatalog = Readonly<Record<string, ErrorClassDef>>;

export const ERROR_CLASSES: ErrorCatalog = {
  ...GENERAL_ERRORS,
  ...ANALYSIS_ERRORS,
  ...PARSER_ERRORS,
  ...EXECUTION_ERRORS,
  ...RUNTIME_ERRORS,
  ...SOURCE_ERRORS,
  ...CATALOG_ERRORS,
  ...DATASOURCE_ERRORS,
};
