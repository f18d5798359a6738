import type { ErrorCatalog } from "./index.ts";

/** Errors raised by physical operators and generated code while a query runs. */
export const RUNTIME_ERRORS: ErrorCatalog = {
  CAST_INVALID_INPUT: {
    sqlState: "22018",
    message:
      'The value <expression> of type <sourceType> is malformed and cannot be cast to <targetType>. Fix the value or the target type, or use `try_cast` to get NULL for malformed input. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
  SCALAR_SUBQUERY_TOO_MANY_ROWS: {
    sqlState: "21000",
    message: "A subquery used as an expression returned more than one row.",
  },
  CAST_OVERFLOW: {
    sqlState: "22003",
    message:
      'The value <value> of type <sourceType> does not fit in <targetType>. Use `try_cast` to get NULL on overflow instead. If necessary set <ansiConfig> to "false" to bypass this error.',
  },
};
