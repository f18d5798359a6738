import type { ErrorCatalog } from "./index.ts";

export const GENERAL_ERRORS: ErrorCatalog = {
  INTERNAL_ERROR: { sqlState: "XX000", message: "An internal error occurred: <message>" },
  UNSUPPORTED_FEATURE: { sqlState: "0A000", message: "The feature is not supported: <feature>" },
  INVALID_CONF_VALUE: {
    sqlState: "22022",
    message: "The value '<confValue>' in the config \"<confName>\" is invalid. <reason>",
  },
};
