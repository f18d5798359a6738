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
    message: "Reference <name> is ambiguous, could be: <referenceNames>.",
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
      "The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nSearch path: <searchPath>.",
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
  "WRONG_NUM_ARGS.WITHOUT_SUGGESTION": {
    sqlState: "42605",
    message:
      "The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. See '<docroot>/sql-ref-functions.html' for the function's signature.",
  },
  "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the operands of the binary operator have types that do not match (<left> and <right>).",
  },
  "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the binary operator needs input of type <inputType>, but got <actualDataType>.",
  },
  "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the <paramIndex> parameter needs type <requiredType>, but <inputSql> has type <inputType>.",
  },
  "DATATYPE_MISMATCH.DATA_DIFF_TYPES": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the inputs of <functionName> must all have the same type, but got <dataType>.",
  },
  "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <srcType> cannot be cast to <targetType>.",
  },
  "DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <srcType> cannot be cast to <targetType> with ANSI on; setting <config> to <configVal> allows it.",
  },
  "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <srcType> cannot be cast to <targetType>; use <functionNames> instead.",
  },
  FAILED_FUNCTION_CALL: {
    sqlState: "38000",
    message: "The call of <funcName> could not be prepared; check its arguments.",
  },
  NON_LITERAL_PIVOT_VALUES: {
    sqlState: "42K08",
    message: "Pivot values must be literals; <expression> is not.",
  },
  UNPIVOT_VALUE_DATA_TYPE_MISMATCH: {
    sqlState: "42K09",
    message: "The unpivoted columns have no common type: [<types>].",
  },
  UNPIVOT_VALUE_SIZE_MISMATCH: {
    sqlState: "428C4",
    message:
      "Every set of unpivoted columns must name as many columns as there are value columns (<names>).",
  },
  SEED_EXPRESSION_IS_UNFOLDABLE: {
    sqlState: "42K08",
    message: "The seed <seedExpr> of <exprWithSeed> must be a constant expression.",
  },
  "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: column <columnIndex> mixes types: <leftType> (argument <leftParamIndex>) and <rightType> (argument <rightParamIndex>).",
  },
  "DATATYPE_MISMATCH.NON_STRING_TYPE": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: every argument of <funcName> must be a string.",
  },
  "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <inputName> must be a constant <inputType> expression, but it is <inputExpr>.",
  },
  "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <exprName> must lie in <valueRange> (it is <currentValue>).",
  },
  "DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <functionName> takes <dataType> and a value of its element type, but got [<leftType>, <rightType>].",
  },
  "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: field names (the odd-position arguments) must be constant STRING expressions, but they are <inputExprs>.",
  },
  "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the schema <schema> is not a struct, an array, a map or a variant.",
  },
  "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the filter expression <filter> has type <type>, not BOOLEAN.",
  },
  "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the IN subquery compares <leftLength> column(s) [<leftColumns>] with <rightLength> column(s) [<rightColumns>].",
  },
  "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: <functionName> cannot order values of type <dataType>.",
  },
  INVALID_WHERE_CONDITION: {
    sqlState: "42903",
    message:
      "The WHERE condition <condition> contains expressions that are not allowed there: <expressionList>. Window, aggregate and generator functions cannot appear in WHERE.",
  },
  NESTED_AGGREGATE_FUNCTION: {
    sqlState: "42607",
    message:
      "An aggregate function cannot take another aggregate function as its argument; compute the inner aggregate in a subquery.",
  },
  NUM_COLUMNS_MISMATCH: {
    sqlState: "42826",
    message:
      "<operator> needs inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.",
  },
  INCOMPATIBLE_COLUMN_TYPE: {
    sqlState: "42825",
    message:
      "<operator> needs compatible column types: column <columnOrdinalNumber> of table <tableOrdinalNumber> has type <dataType2>, which does not combine with <dataType1> in the same column of the first table.<hint>",
  },
  GROUP_BY_POS_OUT_OF_RANGE: {
    sqlState: "42805",
    message:
      "GROUP BY position <index> does not name a select-list item (valid positions are 1 to <size>).",
  },
  ORDER_BY_POS_OUT_OF_RANGE: {
    sqlState: "42805",
    message:
      "ORDER BY position <index> does not name a select-list item (valid positions are 1 to <size>).",
  },
  GROUP_BY_AGGREGATE: {
    sqlState: "42903",
    message: "Aggregate functions cannot be used in GROUP BY, but found <sqlExpr>.",
  },
  GROUP_BY_POS_AGGREGATE: {
    sqlState: "42903",
    message:
      "GROUP BY <index> points at the select-list expression <aggExpr>, which contains an aggregate function; aggregates cannot be grouped by.",
  },
  INVALID_NON_DETERMINISTIC_EXPRESSIONS: {
    sqlState: "42K0E",
    message: "The operator can only take deterministic expressions, but found <sqlExprs>.",
  },
  WINDOW_FUNCTION_FRAME_NOT_ORDERED: {
    sqlState: "42601",
    message:
      "The window function <wf_name> needs an ordered window (ORDER BY in its OVER clause): <wf_expr>.",
  },
  "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: a RANGE frame with offsets needs exactly one ORDER BY expression, but has <orderSpec>.",
  },
  "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON": {
    sqlState: "42K09",
    message:
      "Cannot resolve <sqlExpr> due to data type mismatch: the lower bound of the frame must be <comparison> the upper bound.",
  },
  WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE: {
    sqlState: "42601",
    message: "Window functions are not allowed in the <clauseName> clause.",
  },
  WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE: {
    sqlState: "42601",
    message: "The window function <funcName> needs an OVER clause.",
  },
  UNSUPPORTED_GENERATOR: {
    sqlState: "42K0E",
    message: "The generator is not supported here.",
  },
  "UNSUPPORTED_GENERATOR.MULTI_GENERATOR": {
    sqlState: "42K0E",
    message: "Only one generator is allowed per SELECT clause, but found <num>: <generators>.",
  },
  "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS": {
    sqlState: "42K0E",
    message: "Generators cannot be nested inside other expressions, as in <expression>.",
  },
  "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT": {
    sqlState: "42K0E",
    message: "Generators are only allowed in the SELECT list, but found in the plan node: <plan>.",
  },
  INVALID_SUBQUERY_EXPRESSION: {
    sqlState: "42823",
    message: "Invalid subquery.",
  },
  "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN": {
    sqlState: "42823",
    message:
      "Invalid subquery: a scalar subquery must return exactly one column, but this one returns <number>.",
  },
  UNRESOLVED_USING_COLUMN_FOR_JOIN: {
    sqlState: "42703",
    message:
      "The USING column <colName> cannot be resolved on the <side> side of the join. The <side>-side columns are: [<suggestion>].",
  },
  JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE: {
    sqlState: "42K0E",
    message: "The join condition <joinCondition> has type <conditionType>, not BOOLEAN.",
  },
  UNRESOLVED_FIELD: {
    sqlState: "42703",
    message: "The field <fieldName> of the column <columnPath> cannot be resolved.",
  },
  INVALID_LIMIT_LIKE_EXPRESSION: {
    sqlState: "42K0E",
    message: "The <name> expression <expr> is invalid.",
  },
  "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE": {
    sqlState: "42K0E",
    message: "The <name> expression <expr> must be a constant.",
  },
  "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE": {
    sqlState: "42K0E",
    message: "The <name> expression <expr> must be an integer, but has type <dataType>.",
  },
  "INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL": {
    sqlState: "42K0E",
    message: "The <name> expression <expr> must not be NULL.",
  },
  "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE": {
    sqlState: "42K0E",
    message: "The <name> expression <expr> must not be negative, but is <v>.",
  },
  MISSING_ATTRIBUTES: {
    sqlState: "XX000",
    message:
      "Resolved attribute(s) <missingAttributes> are not in the input <input> of operator <operator>.",
  },
  "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_APPEAR_IN_OPERATION": {
    sqlState: "XX000",
    message:
      "Resolved attribute(s) <missingAttributes> are not in the input <input> of operator <operator>. Attributes of the same name appear in the operation (<operation>): check that the intended DataFrame's columns are used.",
  },
  "MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT": {
    sqlState: "XX000",
    message:
      "Resolved attribute(s) <missingAttributes> are not in the input <input> of operator <operator>; check that the intended DataFrame's columns are used.",
  },
  UDTF_ALIAS_NUMBER_MISMATCH: {
    sqlState: "42802",
    message:
      "The table function returns <aliasesSize> columns, but the AS clause names a different number: <aliasesNames>.",
  },
  GROUPING_COLUMN_MISMATCH: {
    sqlState: "42803",
    message:
      "The column of grouping (<grouping>) is not one of the grouping columns <groupingColumns>.",
  },
  GROUPING_SIZE_LIMIT_EXCEEDED: {
    sqlState: "54000",
    message: "Grouping sets can have at most <maxSize> columns.",
  },
  FIELD_NOT_FOUND: {
    sqlState: "42704",
    message: "The struct has no field <fieldName>; its fields are <fields>.",
  },
  INVALID_EXTRACT_BASE_FIELD_TYPE: {
    sqlState: "42000",
    message:
      "A value can only be extracted from a STRUCT, ARRAY or MAP, but <base> has type <other>.",
  },
  CANNOT_RESOLVE_STAR_EXPAND: {
    sqlState: "42704",
    message:
      "<targetString>.* matches no table or struct column among the input columns <columns>.",
  },
  INVALID_USAGE_OF_STAR_OR_REGEX: {
    sqlState: "42000",
    message: "<elem> cannot be used in <prettyName>.",
  },
  UNBOUND_SQL_PARAMETER: {
    sqlState: "42P02",
    message: "The parameter <name> has no value bound to it.",
  },
};
