import type { ErrorCatalog } from "./index.ts";

/** Errors raised while evaluating expressions (arithmetic, casts, functions, ...). */
export const EXECUTION_ERRORS: ErrorCatalog = {
  ARITHMETIC_OVERFLOW: {
    sqlState: "22003",
    message: '<message>.<alternative> If necessary set <config> to "false" to bypass this error.',
  },
  BINARY_ARITHMETIC_OVERFLOW: {
    sqlState: "22003",
    message:
      "<value1> <symbol> <value2> overflows its type. Use <functionName> to get NULL on overflow instead.",
  },
  DIVIDE_BY_ZERO: {
    sqlState: "22012",
    message:
      'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to "false" to bypass this error.',
  },
  REMAINDER_BY_ZERO: {
    sqlState: "22012",
    message:
      'Remainder by zero. Use `try_mod` to get NULL for a zero divisor instead. If necessary set <config> to "false" to bypass this error.',
  },
  NUMERIC_VALUE_OUT_OF_RANGE: {
    sqlState: "22003",
    message: "The value <value> does not fit in DECIMAL(<precision>, <scale>).",
  },
  "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION": {
    sqlState: "22003",
    message:
      'The value <value> does not fit in DECIMAL(<precision>, <scale>). If necessary set <config> to "false" to bypass this error and return NULL instead.',
  },
  "NUMERIC_VALUE_OUT_OF_RANGE.WITHOUT_SUGGESTION": {
    sqlState: "22003",
    message: "The value <value> does not fit in DECIMAL(<precision>, <scale>).",
  },
  INVALID_ARRAY_INDEX: {
    sqlState: "22003",
    message:
      'The index <indexValue> is outside the array of <arraySize> elements. Use `try_element_at` or the SQL function `get()` to get NULL for such an index instead. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
  INVALID_ARRAY_INDEX_IN_ELEMENT_AT: {
    sqlState: "22003",
    message:
      'The index <indexValue> is outside the array of <arraySize> elements. Use `try_element_at` to get NULL for such an index instead. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
  INVALID_INDEX_OF_ZERO: {
    sqlState: "22003",
    message:
      "Array indexes in element_at start at 1 (or count from the end with -1); 0 is not a valid index.",
  },
  INVALID_FORMAT: { sqlState: "42601", message: "The format is invalid: <format>." },
  "INVALID_FORMAT.ESC_IN_THE_MIDDLE": {
    sqlState: "42601",
    message:
      "The format <format> has an escape character followed by <char>, which cannot be escaped.",
  },
  "INVALID_FORMAT.ESC_AT_THE_END": {
    sqlState: "42601",
    message: "The format <format> ends with an escape character.",
  },
  INVALID_PARAMETER_VALUE: {
    sqlState: "22023",
    message: "The value of parameter(s) <parameter> in <functionName> is invalid.",
  },
  "INVALID_PARAMETER_VALUE.PATTERN": {
    sqlState: "22023",
    message:
      "The value of parameter(s) <parameter> in <functionName> is invalid: <value> is not a valid regular expression.",
  },
  "INVALID_PARAMETER_VALUE.CHARSET": {
    sqlState: "22023",
    message:
      "The value of parameter(s) <parameter> in <functionName> is invalid: <charset> is not one of the supported charsets <charsets>.",
  },
  MALFORMED_CHARACTER_CODING: {
    sqlState: "22000",
    message: "<function> met a value that is not valid in the charset <charset>.",
  },
  NULL_MAP_KEY: { sqlState: "2200E", message: "A map key cannot be null." },
  DUPLICATED_MAP_KEY: {
    sqlState: "23505",
    message:
      'The map key <key> appears more than once. Set <mapKeyDedupPolicy> to "LAST_WIN" to keep the last value for each key.',
  },
  CANNOT_PARSE_TIMESTAMP: {
    sqlState: "22007",
    message: "<message>. Use <func> to get NULL for text that does not parse instead.",
  },
  "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION": {
    sqlState: "22023",
    message: "<rangeMessage>.",
  },
  DATETIME_FIELD_OUT_OF_BOUNDS: { sqlState: "22023", message: "<rangeMessage>." },

  DATETIME_OVERFLOW: { sqlState: "22008", message: "A datetime operation overflows: <operation>." },
  COLLECTION_SIZE_LIMIT_EXCEEDED: {
    sqlState: "54000",
    message:
      "A collection of <numberOfElements> elements exceeds the limit of <maxRoundedArrayLength> elements.",
  },
  INVALID_DATETIME_PATTERN: {
    sqlState: "22007",
    message: "The datetime pattern <pattern> is not recognised.",
  },
  "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER": {
    sqlState: "22007",
    message: "The datetime pattern <pattern> contains the illegal character <c>.",
  },
  USER_RAISED_EXCEPTION: { sqlState: "P0001", message: "<errorMessage>" },
};
