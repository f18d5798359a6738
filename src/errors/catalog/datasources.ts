import type { ErrorCatalog } from "./index.ts";

/** Errors of reading files through the data source framework (CSV, JSON, text, listing). */
export const DATASOURCE_ERRORS: ErrorCatalog = {
  MALFORMED_RECORD_IN_PARSING: {
    sqlState: "22023",
    message:
      "Malformed records were found while parsing: <badRecord>. Parse mode: <failFastMode>. To read malformed records as null, set the option 'mode' to 'PERMISSIVE'.",
  },
  "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION": {
    sqlState: "22023",
    message:
      "Malformed records were found while parsing: <badRecord>. Parse mode: <failFastMode>. To read malformed records as null, set the option 'mode' to 'PERMISSIVE'.",
  },
  "MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_JSON_ARRAYS_AS_STRUCTS": {
    sqlState: "22023",
    message: "A JSON array cannot be read as a struct.",
  },
  INVALID_OPTION_VALUE: {
    sqlState: "22023",
    message: "The option <option> must be a <expected> value, not '<value>'.",
  },
};
