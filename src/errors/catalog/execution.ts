import type { ErrorCatalog } from "./index.ts";

/** Errors raised while evaluating expressions (arithmetic, casts, ...). */
export const EXECUTION_ERRORS: ErrorCatalog = {
  ARITHMETIC_OVERFLOW: {
    sqlState: "22003",
    message: '<message>.<alternative> If necessary set <config> to "false" to bypass this error.',
  },
  DIVIDE_BY_ZERO: {
    sqlState: "22012",
    message:
      'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to "false" to bypass this error.',
  },
};
