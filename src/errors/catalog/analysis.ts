import type { ErrorCatalog } from "./index.ts";

/** Errors raised while resolving and checking a plan. */
export const ANALYSIS_ERRORS: ErrorCatalog = {
  UNRESOLVED_COLUMN: {
    sqlState: "42703",
    message: "A column, variable, or function parameter with name <objectName> cannot be resolved.",
  },
  "UNRESOLVED_COLUMN.WITH_SUGGESTION": {
    sqlState: "42703",
    message:
      "A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].",
  },
  "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION": {
    sqlState: "42703",
    message: "A column, variable, or function parameter with name <objectName> cannot be resolved.",
  },
  AMBIGUOUS_REFERENCE: {
    sqlState: "42704",
    message: "Reference <name> is ambiguous, could be: [<referenceNames>].",
  },
  DATATYPE_MISMATCH: {
    sqlState: "42K09",
    message: "Cannot resolve <sqlExpr> due to data type mismatch: <message>",
  },
  MISSING_AGGREGATION: {
    sqlState: "42803",
    message:
      "The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.",
  },
  MISSING_GROUP_BY: {
    sqlState: "42803",
    message:
      "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.",
  },
  TABLE_OR_VIEW_NOT_FOUND: {
    sqlState: "42P01",
    message:
      "The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.",
  },
  UNRESOLVED_ROUTINE: {
    sqlState: "42883",
    message: "Cannot resolve routine <routineName> on search path <searchPath>.",
  },
  WRONG_NUM_ARGS: {
    sqlState: "42605",
    message:
      "The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>.",
  },
};
