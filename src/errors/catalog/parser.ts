import type { ErrorCatalog } from "./index.ts";

/** Errors raised while parsing SQL text and type strings. */
export const PARSER_ERRORS: ErrorCatalog = {
  TRAILING_COMMA_IN_SELECT: {
    sqlState: "42601",
    message: "The SELECT list ends with a comma before its FROM clause; remove the comma.",
  },
  PARSE_SYNTAX_ERROR: {
    sqlState: "42601",
    message: "Syntax error at or near <error><hint>.",
  },
  PARSE_EMPTY_STATEMENT: {
    sqlState: "42617",
    message: "Syntax error: the statement is empty.",
  },
  UNCLOSED_BRACKETED_COMMENT: {
    sqlState: "42601",
    message: "A bracketed comment is not closed; add `*/` at its end.",
  },
  INVALID_IDENTIFIER: {
    sqlState: "42602",
    message: "The unquoted identifier <ident> is not valid; wrap it in back-quotes as `<ident>`.",
  },
  INVALID_TYPED_LITERAL: {
    sqlState: "42604",
    message: "The typed literal <valueType> has an invalid value: <value>.",
  },
  INVALID_NUMERIC_LITERAL_RANGE: {
    sqlState: "22003",
    message:
      "The numeric literal <rawStrippedQualifier> lies outside the range of <typeName> (<minValue> to <maxValue>).",
  },
  DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION: {
    sqlState: "22003",
    message: "The decimal precision <precision> is above the maximum of <maxPrecision>.",
  },
  UNSUPPORTED_DATATYPE: {
    sqlState: "0A000",
    message: "The data type <typeName> is not supported.",
  },
  INVALID_INTERVAL_FORMAT: {
    sqlState: "22006",
    message: "The interval literal <input> could not be read.",
  },
  "INVALID_INTERVAL_FORMAT.INVALID_UNIT": {
    sqlState: "22006",
    message: "The interval literal <input> names an unknown unit <unit>.",
  },
  "INVALID_INTERVAL_FORMAT.INVALID_VALUE": {
    sqlState: "22006",
    message: "The interval literal <input> has an invalid value <value>.",
  },
  "INVALID_PARAMETER_VALUE.DATETIME_UNIT": {
    sqlState: "22023",
    message:
      "The unit <invalidValue> of <functionName> must be a unit keyword such as YEAR or HOUR, not a string (parameter <parameter>).",
  },
  DUPLICATED_CTE_NAMES: {
    sqlState: "42602",
    message: "The WITH clause defines <duplicateNames> more than once.",
  },
  INVALID_INLINE_TABLE: {
    sqlState: "42000",
    message: "The inline table is not valid.",
  },
  "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH": {
    sqlState: "42000",
    message:
      "Row <rowIndex> of the inline table has <actualNumCols> columns where <expectedNumCols> are expected.",
  },
  INVALID_TABLESAMPLE_FRACTION: {
    sqlState: "22023",
    message: "The sampling fraction <fraction> is outside [0, 1] (0 to 100 PERCENT).",
  },
  INVALID_SQL_SYNTAX: {
    sqlState: "42000",
    message: "The SQL statement is not valid: <inputString>",
  },
  "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION": {
    sqlState: "42000",
    message: "The window <windowName> is defined more than once.",
  },
  MISSING_WINDOW_SPECIFICATION: {
    sqlState: "42P20",
    message:
      "The window <windowName> is not defined in a WINDOW clause (see <docroot>/sql-ref-syntax-qry-select-window.html).",
  },
  "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC": {
    sqlState: "42000",
    message: "LATERAL must be followed by a subquery or a table-valued function.",
  },
  "INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED": {
    sqlState: "42000",
    message: "A variable declaration needs a data type, a DEFAULT value, or both.",
  },
  "INVALID_SQL_SYNTAX.MULTI_PART_NAME": {
    sqlState: "42000",
    message: "<statement> takes a single-part name, not <name>.",
  },
  "UNSUPPORTED_FEATURE.PIVOT_TYPE": {
    sqlState: "0A000",
    message: "Pivoting on <type> is not supported.",
  },
  INVALID_EXTRACT_FIELD: {
    sqlState: "42601",
    message: "<field> cannot be extracted from <expr>.",
  },
  INVALID_QUERY_MIXED_QUERY_PARAMETERS: {
    sqlState: "42613",
    message: "A query may use positional or named parameters, not both.",
  },
};
