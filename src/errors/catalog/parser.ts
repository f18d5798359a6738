import type { ErrorCatalog } from "./index.ts";

/** Errors raised while parsing SQL text and type strings. */
export const PARSER_ERRORS: ErrorCatalog = {
  PARSE_SYNTAX_ERROR: {
    sqlState: "42601",
    message: "Syntax error at or near <error><hint>.",
  },
};
