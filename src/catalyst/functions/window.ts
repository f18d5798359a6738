/** Ranking and offset window functions: result types and argument checks. */
import { type DataType, DoubleT, IntegerT, isIntegral } from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import type { BindContext, WindowFunctionDef } from "../catalog/function-registry.ts";
import type { Expression, WindowFunction } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { castTo, failure, info, ordinalWord, quotedType } from "./helpers.ts";

const G = "window_funcs";

function windowFn(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable: boolean,
): WindowFunction {
  return Object.freeze({
    kind: "WindowFunction",
    name,
    args: Object.freeze([...args]),
    dataType,
    nullable,
    ignoreNulls: false,
  });
}

function ranking(
  name: string,
  dataType: DataType,
  usage: string,
  example: string,
): WindowFunctionDef {
  return {
    kind: "window",
    name,
    info: info(G, usage, example, "2.0.0"),
    // Spark accepts and ignores arguments (`rank(b) OVER (...)`): the window's ORDER BY ranks.
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    bind: () => windowFn(name, [], dataType, false),
  };
}

function constantInt(
  e: Expression | undefined,
  i: number,
  name: string,
): number | ReturnType<typeof failure> {
  if (e === undefined) return 1;
  const t = dataTypeOf(e);
  if (e.kind !== "Literal" || !isIntegral(t) || e.value === null) {
    return failure("UNEXPECTED_INPUT_TYPE", {
      paramIndex: ordinalWord(i),
      requiredType: '"INT"',
      inputSql: toSqlExpr(e),
      inputType: quotedType(t),
    });
  }
  void name;
  return Number(e.value);
}

function offsetFn(name: "lag" | "lead"): WindowFunctionDef {
  return {
    kind: "window",
    name,
    info: info(
      G,
      `${name}(input[, offset[, default]]) - Returns the value of \`input\` at the \`offset\`th row ${name === "lag" ? "before" : "after"} the current row in the window. The default value of \`offset\` is 1 and the default value of \`default\` is null.`,
      `\n    > SELECT a, b, ${name}(b) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  `,
      "2.0.0",
    ),
    minArgs: 1,
    maxArgs: 3,
    bind: (args, ctx: BindContext) => {
      const input = args[0] as Expression;
      const off = constantInt(args[1], 1, name);
      if (typeof off !== "number") return off;
      const t = dataTypeOf(input);
      const def = args[2] ? castTo(args[2], t, ctx) : literal(null, t);
      return windowFn(name, [input, literal(off, IntegerT), def], t, true);
    },
  };
}

const ntile: WindowFunctionDef = {
  kind: "window",
  name: "ntile",
  info: info(
    G,
    "ntile(n) - Divides the rows for each window partition into `n` buckets ranging from 1 to at most `n`.",
    "\n    > SELECT a, b, ntile(2) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
    "2.0.0",
  ),
  minArgs: 0,
  maxArgs: 1,
  bind: (args) => {
    const n = constantInt(args[0], 0, "ntile");
    if (typeof n !== "number") return n;
    if (n <= 0) {
      return failure("VALUE_OUT_OF_RANGE", {
        exprName: "`buckets`",
        valueRange: "(0, 2147483647]",
        currentValue: String(n),
      });
    }
    return windowFn("ntile", [literal(n, IntegerT)], IntegerT, false);
  },
};

const nthValue: WindowFunctionDef = {
  kind: "window",
  name: "nth_value",
  info: info(
    G,
    "nth_value(input[, offset]) - Returns the value of `input` at the row that is the `offset`th row from beginning of the window frame. Offset starts at 1.",
    "\n    > SELECT a, b, nth_value(b, 2) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
    "3.1.0",
  ),
  minArgs: 2,
  maxArgs: 3,
  bind: (args) => {
    const input = args[0] as Expression;
    const n = constantInt(args[1], 1, "nth_value");
    if (typeof n !== "number") return n;
    const ignore = args[2]?.kind === "Literal" && args[2].value === true;
    const w = windowFn("nth_value", [input, literal(n, IntegerT)], dataTypeOf(input), true);
    return ignore ? Object.freeze({ ...w, ignoreNulls: true }) : w;
  },
};

function valueFn(name: "first_value" | "last_value"): WindowFunctionDef {
  return {
    kind: "window",
    name,
    info: info(
      G,
      `${name}(expr[, isIgnoreNull]) - Returns the ${name === "first_value" ? "first" : "last"} value of \`expr\` in the window frame.`,
      "",
      "2.0.0",
    ),
    minArgs: 1,
    maxArgs: 2,
    bind: (args) => {
      const input = args[0] as Expression;
      const ignore = args[1]?.kind === "Literal" && args[1].value === true;
      const w = windowFn(name, [input], dataTypeOf(input), nullableOf(input));
      return ignore ? Object.freeze({ ...w, ignoreNulls: true }) : w;
    },
  };
}

export const WINDOW_FUNCTIONS: readonly WindowFunctionDef[] = [
  ranking(
    "row_number",
    IntegerT,
    "row_number() - Assigns a unique, sequential number to each row, starting with one, according to the ordering of rows within the window partition.",
    "\n    > SELECT a, b, row_number() OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
  ),
  ranking(
    "rank",
    IntegerT,
    "rank() - Computes the rank of a value in a group of values. The result is one plus the number of rows preceding or equal to the current row in the ordering of the partition. The values will produce gaps in the sequence.",
    "\n    > SELECT a, b, rank(b) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
  ),
  ranking(
    "dense_rank",
    IntegerT,
    "dense_rank() - Computes the rank of a value in a group of values. The result is one plus the previously assigned rank value. Unlike the function rank, dense_rank will not produce gaps in the ranking sequence.",
    "\n    > SELECT a, b, dense_rank(b) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
  ),
  ranking(
    "percent_rank",
    DoubleT,
    "percent_rank() - Computes the percentage ranking of a value in a group of values.",
    "\n    > SELECT a, b, percent_rank(b) OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
  ),
  ranking(
    "cume_dist",
    DoubleT,
    "cume_dist() - Computes the position of a value relative to all values in the partition.",
    "\n    > SELECT a, b, cume_dist() OVER (PARTITION BY a ORDER BY b) FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b);\n  ",
  ),
  ntile,
  offsetFn("lag"),
  offsetFn("lead"),
  nthValue,
];

/** Window-only versions of first_value/last_value, for when an OVER clause applies them. */
export const WINDOW_VALUE_FUNCTIONS: readonly WindowFunctionDef[] = [
  valueFn("first_value"),
  valueFn("last_value"),
];
