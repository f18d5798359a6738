import type { ErrorCatalog } from "./index.ts";

export const GENERAL_ERRORS: ErrorCatalog = {
  INTERNAL_ERROR: { sqlState: "XX000", message: "An internal error occurred: <message>" },
  UNSUPPORTED_FEATURE: { sqlState: "0A000", message: "The feature is not supported: <feature>" },
  INVALID_CONF_VALUE: {
    sqlState: "22022",
    message: "The value '<confValue>' in the config \"<confName>\" is invalid. <reason>",
  },
  CANNOT_DETERMINE_TYPE: {
    sqlState: "42804",
    message: "Some of the types cannot be determined after inferring; give a schema.",
  },
  CANNOT_MERGE_TYPE: {
    sqlState: "42804",
    message: "Cannot merge type <dataTypeA> and <dataTypeB> in field <fieldName>.",
  },
  COLUMN_ALREADY_EXISTS: {
    sqlState: "42711",
    message:
      "The column <columnName> already exists. Choose another name or rename the existing column.",
  },
  TEMP_TABLE_OR_VIEW_ALREADY_EXISTS: {
    sqlState: "42P07",
    message: "Cannot create the temporary view <relationName> because it already exists.",
  },
  VIEW_NOT_FOUND: {
    sqlState: "42P01",
    message:
      "The view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.",
  },
  CREATE_VIEW_COLUMN_ARITY_MISMATCH: {
    sqlState: "21S01",
    message:
      "Cannot create view <viewName>: the view has columns <viewColumns> but the query has <dataColumns>.",
  },
  SESSION_STOPPED: {
    sqlState: "08003",
    message: "The session has been stopped; create a new one with SparkSession.builder().",
  },
};
