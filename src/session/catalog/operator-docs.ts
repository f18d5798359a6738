/**
 * Spark's operators as DESCRIBE FUNCTION and SHOW FUNCTIONS know them: the expression
 * class (none for those Spark builds from other expressions) and the usage line.
 */
const EXPRESSIONS = "org.apache.spark.sql.catalyst.expressions";

const OPERATORS: readonly (readonly [string, string | null, string])[] = [
  ["!", "Not", "! expr - Logical not."],
  ["!=", null, "expr1 != expr2 - Returns true if `expr1` is not equal to `expr2`."],
  [
    "%",
    "Remainder",
    "expr1 % expr2, or mod(expr1, expr2) - Returns the remainder after `expr1`/`expr2`.",
  ],
  ["&", "BitwiseAnd", "expr1 & expr2 - Returns the result of bitwise AND of `expr1` and `expr2`."],
  ["*", "Multiply", "expr1 * expr2 - Returns `expr1`*`expr2`."],
  ["+", "Add", "expr1 + expr2 - Returns `expr1`+`expr2`."],
  ["-", "Subtract", "expr1 - expr2 - Returns `expr1`-`expr2`."],
  [
    "/",
    "Divide",
    "expr1 / expr2 - Returns `expr1`/`expr2`. It always performs floating point division.",
  ],
  ["<", "LessThan", "expr1 < expr2 - Returns true if `expr1` is less than `expr2`."],
  [
    "<=",
    "LessThanOrEqual",
    "expr1 <= expr2 - Returns true if `expr1` is less than or equal to `expr2`.",
  ],
  [
    "<=>",
    "EqualNullSafe",
    "\n    expr1 <=> expr2 - Returns same result as the EQUAL(=) operator for non-null operands,\n      but returns true if both are null, false if one of the them is null.\n  ",
  ],
  ["<>", null, "expr1 <> expr2 - Returns true if `expr1` is not equal to `expr2`."],
  ["=", "EqualTo", "expr1 = expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."],
  ["==", "EqualTo", "expr1 == expr2 - Returns true if `expr1` equals `expr2`, or false otherwise."],
  [">", "GreaterThan", "expr1 > expr2 - Returns true if `expr1` is greater than `expr2`."],
  [
    ">=",
    "GreaterThanOrEqual",
    "expr1 >= expr2 - Returns true if `expr1` is greater than or equal to `expr2`.",
  ],
  [
    "^",
    "BitwiseXor",
    "expr1 ^ expr2 - Returns the result of bitwise exclusive OR of `expr1` and `expr2`.",
  ],
  ["|", "BitwiseOr", "expr1 | expr2 - Returns the result of bitwise OR of `expr1` and `expr2`."],
  ["||", null, "expr1 || expr2 - Returns the concatenation of `expr1` and `expr2`."],
  ["~", "BitwiseNot", "~ expr - Returns the result of bitwise NOT of `expr`."],
];

export interface OperatorDoc {
  readonly name: string;
  readonly className: string | null;
  readonly usage: string;
}

const BY_NAME: ReadonlyMap<string, OperatorDoc> = new Map(
  OPERATORS.map(([name, cls, usage]) => [
    name,
    { name, className: cls === null ? null : `${EXPRESSIONS}.${cls}`, usage },
  ]),
);

export const OPERATOR_NAMES: readonly string[] = OPERATORS.map(([n]) => n);

export function operatorDoc(name: string): OperatorDoc | undefined {
  return BY_NAME.get(name);
}
