/**
 * Aggregate function definitions: argument checks, implicit casts and Spark's result
 * types. Their semantics (buffers, update, merge, evaluate) are in `aggregate-impl.ts`.
 */

import { FlintError } from "../../errors/index.ts";
import { type AbstractType, boundedDecimal } from "../../types/coercion.ts";
import {
  arrayType,
  BinaryT,
  BooleanT,
  type DataType,
  DoubleT,
  isIntegral,
  isOrderable,
  LongT,
} from "../../types/data-types.ts";
import { prettySql, toSqlExpr } from "../analysis/pretty-sql.ts";
import type {
  AggregateFunctionDef,
  BindContext,
  FunctionInfo,
  TypeCheckFailure,
} from "../catalog/function-registry.ts";
import { evaluate } from "../expressions/eval/evaluate.ts";
import type { AggregateFunction, Expression } from "../expressions/expression.ts";
import { dataTypeOf, isFoldable } from "../expressions/typing.ts";
import { formatDouble } from "../expressions/values/numbers.ts";
import { coerceArgs, failure, info, type Options, ordinalWord, quotedType } from "./helpers.ts";
import { hllPrecision } from "./hyperloglog.ts";

const G = "agg_funcs";

function aggFn(
  name: string,
  args: readonly Expression[],
  dataType: DataType,
  nullable: boolean,
  options: Options = {},
): AggregateFunction {
  return Object.freeze({
    kind: "AggregateFunction",
    name,
    args: Object.freeze([...args]),
    dataType,
    nullable,
    options: Object.freeze({ ...options }),
  });
}

/** sum's result type (Spark's Sum.resultType). */
export function sumResultType(t: DataType): DataType {
  if (t.kind === "decimal") return boundedDecimal(t.precision + 10, t.scale);
  if (isIntegral(t)) return LongT;
  if (t.kind === "daytime_interval" || t.kind === "yearmonth_interval") return t;
  return DoubleT;
}

/** avg's result type (Spark's Average.resultType). */
export function avgResultType(t: DataType): DataType {
  if (t.kind === "decimal") return boundedDecimal(t.precision + 4, t.scale + 4);
  if (t.kind === "daytime_interval" || t.kind === "yearmonth_interval") return t;
  return DoubleT;
}

/**
 * The type avg sums in: as sum does (integral -> bigint with overflow checks, decimals
 * widened, intervals kept, floating point -> double). Spark 4 raises ARITHMETIC_OVERFLOW
 * for avg over longs whose sum overflows.
 */
export function avgSumType(t: DataType): DataType {
  return sumResultType(t);
}

interface AggSpec {
  readonly name: string;
  readonly info: FunctionInfo;
  readonly minArgs?: number;
  readonly maxArgs?: number;
  readonly args?: readonly AbstractType[];
  /** The result type from the aggregated arguments' types (and all arguments). */
  readonly result: (types: readonly DataType[], args: readonly Expression[]) => DataType;
  readonly nullable?: boolean;
  readonly check?: (args: readonly Expression[]) => TypeCheckFailure | undefined;
  readonly options?: (ctx: BindContext, args: readonly Expression[]) => Options;
  readonly buffer: (fn: AggregateFunction) => readonly DataType[];
  /** How many leading arguments are aggregated (the rest are constant parameters). */
  readonly keepArgs?: number;
  /**
   * The constant parameters as Spark prints them in the column name, defaults included
   * (`percentile_approx(x, 0.5, 10000)`); without it the name shows the kept arguments.
   */
  readonly sqlParams?: (args: readonly Expression[]) => readonly string[];
}

function agg(spec: AggSpec): AggregateFunctionDef {
  return {
    kind: "aggregate",
    name: spec.name,
    info: spec.info,
    minArgs: spec.minArgs ?? 1,
    maxArgs: spec.maxArgs ?? 1,
    bind: (args, ctx) => {
      let c: Expression[] = [...args];
      if (spec.args) {
        const r = coerceArgs(args, spec.args, ctx);
        if (!Array.isArray(r)) return r;
        c = r;
      }
      const bad = spec.check?.(c);
      if (bad) return bad;
      const options = spec.options?.(ctx, c) ?? {};
      const kept = spec.keepArgs === undefined ? c : c.slice(0, spec.keepArgs);
      const params = spec.sqlParams?.(c);
      return aggFn(spec.name, kept, spec.result(kept.map(dataTypeOf), c), spec.nullable ?? true, {
        ansi: ctx.ansi,
        ...options,
        ...(params === undefined ? {} : { sqlParams: params.join(", ") }),
      });
    },
    bufferTypes: spec.buffer,
  };
}

const first = (ts: readonly DataType[]): DataType => ts[0] ?? DoubleT;

/** A percentage argument: a constant (or constant array) between 0 and 1, as Spark checks. */
function percentageCheck(args: readonly Expression[]): TypeCheckFailure | undefined {
  const p = args[1];
  if (p === undefined) return undefined;
  if (!isFoldable(p)) {
    return failure("NON_FOLDABLE_INPUT", {
      inputName: "`percentage`",
      inputType: '"DOUBLE"',
      inputExpr: toSqlExpr(p),
    });
  }
  const bad = constantPercentages(p).values.find((x) => !(x >= 0 && x <= 1));
  if (bad === undefined) return undefined;
  return failure("VALUE_OUT_OF_RANGE", {
    exprName: "percentage",
    valueRange: "[0.0, 1.0]",
    currentValue: Number.isNaN(bad) ? "NULL" : `${formatDouble(bad)}D`,
  });
}

/** The value(s) of a constant percentage argument as doubles (NULL as NaN). */
function constantPercentages(p: Expression): { values: number[]; isArray: boolean } {
  const t = dataTypeOf(p);
  const elem = t.kind === "array" ? t.elementType : t;
  const scale = elem.kind === "decimal" ? elem.scale : 0;
  const v = evaluate(p, []);
  const list = Array.isArray(v) ? v : [v];
  return {
    values: list.map((x) => (x === null || x === undefined ? Number.NaN : Number(x) / 10 ** scale)),
    isArray: Array.isArray(v),
  };
}

const NUMERIC_OR_INTERVAL: AbstractType = {
  oneOf: ["numeric", "daytimeInterval", "yearmonthInterval"],
};

function orderable(name: string) {
  return (args: readonly Expression[]): TypeCheckFailure | undefined => {
    const a = args[0] as Expression;
    const t = dataTypeOf(a);
    if (isOrderable(t)) return undefined;
    return failure("INVALID_ORDERING_TYPE", {
      functionName: `\`${name}\``,
      dataType: quotedType(t),
    });
  };
}

/** `first(x, true)`: the second argument must be a boolean literal. */
function ignoreNullsOption(args: readonly Expression[]): Options {
  const b = args[1];
  return { ignoreNulls: b?.kind === "Literal" && b.value === true };
}

function ignoreNullsCheck(args: readonly Expression[]): TypeCheckFailure | undefined {
  const b = args[1];
  if (b === undefined) return undefined;
  if (b.kind === "Literal" && dataTypeOf(b).kind === "boolean") return undefined;
  return failure("UNEXPECTED_INPUT_TYPE", {
    paramIndex: ordinalWord(1),
    requiredType: '"BOOLEAN"',
    inputSql: toSqlExpr(b),
    inputType: quotedType(dataTypeOf(b)),
  });
}

function firstLast(name: string, usage: string, example: string): AggregateFunctionDef {
  return agg({
    name,
    info: info(G, usage, example, "2.0.0"),
    minArgs: 1,
    maxArgs: 2,
    result: first,
    check: ignoreNullsCheck,
    options: (_ctx, args) => ignoreNullsOption(args),
    keepArgs: 1,
    buffer: (fn) => [fn.dataType, BooleanT],
  });
}

function centralMoment(name: string, usage: string, example: string): AggregateFunctionDef {
  return agg({
    name,
    info: info(G, usage, example, "1.6.0"),
    args: [DoubleT],
    result: () => DoubleT,
    buffer: () => [DoubleT, DoubleT, DoubleT],
  });
}

const count: AggregateFunctionDef = {
  kind: "aggregate",
  name: "count",
  info: info(
    G,
    "count(*) - Returns the total number of retrieved rows, including rows containing null.\n\n    count(expr[, expr...]) - Returns the number of rows for which the supplied expression(s) are all non-null.",
    "\n    > SELECT count(*) FROM VALUES (NULL), (5), (5), (20) AS tab(col);\n     4\n    > SELECT count(col) FROM VALUES (NULL), (5), (5), (20) AS tab(col);\n     3\n  ",
  ),
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args, ctx) => aggFn("count", args, LongT, false, { ansi: ctx.ansi }),
  bufferTypes: () => [LongT],
};

export const AGGREGATE_FUNCTIONS: readonly AggregateFunctionDef[] = [
  count,
  agg({
    name: "count_if",
    info: info(
      G,
      "count_if(expr) - Returns the number of `TRUE` values for the expression.",
      "\n    > SELECT count_if(col % 2 = 0) FROM VALUES (NULL), (0), (1), (2), (3) AS tab(col);\n     2\n  ",
      "3.0.0",
    ),
    args: [BooleanT],
    result: () => LongT,
    nullable: false,
    buffer: () => [LongT],
  }),
  agg({
    name: "sum",
    info: info(
      G,
      "sum(expr) - Returns the sum calculated from values of a group.",
      "\n    > SELECT sum(col) FROM VALUES (5), (10), (15) AS tab(col);\n     30\n  ",
    ),
    args: [NUMERIC_OR_INTERVAL],
    result: (ts) => sumResultType(first(ts)),
    buffer: (fn) => [fn.dataType, BooleanT],
  }),
  agg({
    name: "try_sum",
    info: info(
      G,
      "try_sum(expr) - Returns the sum calculated from values of a group and the result is null on overflow.",
      "\n    > SELECT try_sum(col) FROM VALUES (5), (10), (15) AS tab(col);\n     30\n  ",
      "3.3.0",
    ),
    args: [NUMERIC_OR_INTERVAL],
    result: (ts) => sumResultType(first(ts)),
    options: () => ({ try: true }),
    buffer: (fn) => [fn.dataType, BooleanT],
  }),
  ...["avg", "mean"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(expr) - Returns the mean calculated from values of a group.`,
        `\n    > SELECT ${name}(col) FROM VALUES (1), (2), (3) AS tab(col);\n     2.0\n  `,
      ),
      args: [NUMERIC_OR_INTERVAL],
      result: (ts) => avgResultType(first(ts)),
      buffer: (fn) => [avgSumType(dataTypeOf(fn.args[0] as Expression)), LongT],
    }),
  ),
  agg({
    name: "try_avg",
    info: info(
      G,
      "try_avg(expr) - Returns the mean calculated from values of a group and the result is null on overflow.",
      "\n    > SELECT try_avg(col) FROM VALUES (1), (2), (3) AS tab(col);\n     2.0\n  ",
      "3.3.0",
    ),
    args: [NUMERIC_OR_INTERVAL],
    result: (ts) => avgResultType(first(ts)),
    options: () => ({ try: true }),
    buffer: (fn) => [avgSumType(dataTypeOf(fn.args[0] as Expression)), LongT],
  }),
  agg({
    name: "min",
    info: info(
      G,
      "min(expr) - Returns the minimum value of `expr`.",
      "\n    > SELECT min(col) FROM VALUES (10), (-1), (20) AS tab(col);\n     -1\n  ",
    ),
    result: first,
    check: orderable("min"),
    buffer: (fn) => [fn.dataType],
  }),
  agg({
    name: "max",
    info: info(
      G,
      "max(expr) - Returns the maximum value of `expr`.",
      "\n    > SELECT max(col) FROM VALUES (10), (50), (20) AS tab(col);\n     50\n  ",
    ),
    result: first,
    check: orderable("max"),
    buffer: (fn) => [fn.dataType],
  }),
  ...["max_by", "min_by"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(x, y) - Returns the value of \`x\` associated with the ${name === "max_by" ? "maximum" : "minimum"} value of \`y\`.`,
        `\n    > SELECT ${name}(x, y) FROM VALUES ('a', 10), ('b', 50), ('c', 20) AS tab(x, y);\n     ${name === "max_by" ? "b" : "a"}\n  `,
        "3.0.0",
      ),
      minArgs: 2,
      maxArgs: 2,
      result: first,
      buffer: (fn) => [fn.dataType, dataTypeOf(fn.args[1] as Expression)],
    }),
  ),
  firstLast(
    "first",
    "first(expr[, isIgnoreNull]) - Returns the first value of `expr` for a group of rows. If `isIgnoreNull` is true, returns only non-null values.",
    "\n    > SELECT first(col) FROM VALUES (10), (5), (20) AS tab(col);\n     10\n  ",
  ),
  firstLast(
    "first_value",
    "first_value(expr[, isIgnoreNull]) - Returns the first value of `expr` for a group of rows. If `isIgnoreNull` is true, returns only non-null values.",
    "\n    > SELECT first_value(col) FROM VALUES (10), (5), (20) AS tab(col);\n     10\n  ",
  ),
  firstLast(
    "any_value",
    "any_value(expr[, isIgnoreNull]) - Returns some value of `expr` for a group of rows. If `isIgnoreNull` is true, returns only non-null values.",
    "\n    > SELECT any_value(col) FROM VALUES (10), (5), (20) AS tab(col);\n     10\n  ",
  ),
  firstLast(
    "last",
    "last(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group of rows. If `isIgnoreNull` is true, returns only non-null values",
    "\n    > SELECT last(col) FROM VALUES (10), (5), (20) AS tab(col);\n     20\n  ",
  ),
  firstLast(
    "last_value",
    "last_value(expr[, isIgnoreNull]) - Returns the last value of `expr` for a group of rows. If `isIgnoreNull` is true, returns only non-null values",
    "\n    > SELECT last_value(col) FROM VALUES (10), (5), (20) AS tab(col);\n     20\n  ",
  ),
  agg({
    name: "collect_list",
    info: info(
      G,
      "collect_list(expr) - Collects and returns a list of non-unique elements.",
      "\n    > SELECT collect_list(col) FROM VALUES (1), (2), (1) AS tab(col);\n     [1,2,1]\n  ",
    ),
    result: (ts) => arrayType(first(ts), false),
    nullable: false,
    buffer: (fn) => [fn.dataType],
  }),
  agg({
    name: "array_agg",
    info: info(
      G,
      "array_agg(expr) - Collects and returns a list of non-unique elements.",
      "\n    > SELECT array_agg(col) FROM VALUES (1), (2), (1) AS tab(col);\n     [1,2,1]\n  ",
      "3.3.0",
    ),
    result: (ts) => arrayType(first(ts), false),
    nullable: false,
    buffer: (fn) => [fn.dataType],
  }),
  agg({
    name: "collect_set",
    info: info(
      G,
      "collect_set(expr) - Collects and returns a set of unique elements.",
      "\n    > SELECT collect_set(col) FROM VALUES (1), (2), (1) AS tab(col);\n     [1,2]\n  ",
    ),
    result: (ts) => arrayType(first(ts), false),
    nullable: false,
    buffer: (fn) => [fn.dataType],
  }),
  ...["bool_and", "every"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(expr) - Returns true if all values of \`expr\` are true.`,
        `\n    > SELECT ${name}(col) FROM VALUES (true), (true), (true) AS tab(col);\n     true\n  `,
        "3.0.0",
      ),
      args: [BooleanT],
      result: () => BooleanT,
      buffer: () => [BooleanT],
    }),
  ),
  ...["bool_or", "some", "any"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(expr) - Returns true if at least one value of \`expr\` is true.`,
        `\n    > SELECT ${name}(col) FROM VALUES (true), (false), (false) AS tab(col);\n     true\n  `,
        "3.0.0",
      ),
      args: [BooleanT],
      result: () => BooleanT,
      buffer: () => [BooleanT],
    }),
  ),
  agg({
    name: "approx_count_distinct",
    info: info(
      G,
      "approx_count_distinct(expr[, relativeSD]) - Returns the estimated cardinality by HyperLogLog++. `relativeSD` defines the maximum relative standard deviation allowed.",
      "\n    > SELECT approx_count_distinct(col1) FROM VALUES (1), (1), (2), (2), (3) tab(col1);\n     3\n  ",
    ),
    minArgs: 1,
    maxArgs: 2,
    keepArgs: 1,
    options: (_ctx, args) => {
      const rsd = args[1];
      if (rsd === undefined) return { relativeSD: 0.05 };
      if (!isFoldable(rsd)) {
        // Spark raises _LEGACY_ERROR_TEMP_1104, a class without an SQLSTATE
        throw new FlintError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", {
          sqlExpr: `"approx_count_distinct(${prettySql(args[0] as Expression)})"`,
          inputName: "`relativeSD`",
          inputType: '"DOUBLE"',
          inputExpr: toSqlExpr(rsd),
        });
      }
      const t = dataTypeOf(rsd);
      const v = evaluate(rsd, []);
      const x = t.kind === "decimal" ? Number(v) / 10 ** t.scale : Number(v);
      // HLL++ needs at least 16 registers (a deviation of at most 0.39)
      if (!(hllPrecision(x) >= 4)) {
        throw new FlintError("FAILED_FUNCTION_CALL", { funcName: "`approx_count_distinct`" });
      }
      return { relativeSD: x };
    },
    result: () => LongT,
    nullable: false,
    // the HyperLogLog++ registers, one byte each
    buffer: () => [BinaryT],
  }),
  ...["bit_and", "bit_or", "bit_xor"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(expr) - Returns the bitwise ${name.slice(4).toUpperCase()} of all non-null input values, or null if none.`,
        `\n    > SELECT ${name}(col) FROM VALUES (3), (5) AS tab(col);\n     ${name === "bit_and" ? 1 : name === "bit_or" ? 7 : 6}\n  `,
        "3.0.0",
      ),
      args: ["integral"],
      result: first,
      buffer: (fn) => [fn.dataType],
    }),
  ),
  ...["covar_pop", "covar_samp", "corr"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(expr1, expr2) - Returns the ${name === "corr" ? "Pearson coefficient of correlation" : `${name === "covar_pop" ? "population" : "sample"} covariance`} between a set of number pairs.`,
        `\n    > SELECT ${name}(c1, c2) FROM VALUES (1,1), (2,2), (3,3) AS tab(c1, c2);\n     ${name === "covar_pop" ? "0.6666666666666666" : "1.0"}\n  `,
        "2.0.0",
      ),
      minArgs: 2,
      maxArgs: 2,
      args: [DoubleT, DoubleT],
      result: () => DoubleT,
      buffer: () => [DoubleT, DoubleT, DoubleT, DoubleT, DoubleT, DoubleT],
    }),
  ),
  ...["median", "percentile"].map((name) =>
    agg({
      name,
      info: info(
        G,
        name === "median"
          ? "median(col) - Returns the median of numeric or ANSI interval column `col`."
          : "percentile(col, percentage) - Returns the exact percentile value of numeric column `col` at the given percentage. The value of percentage must be between 0.0 and 1.0.",
        `\n    > SELECT ${name}(col${name === "percentile" ? ", 0.5" : ""}) FROM VALUES (0), (10) AS tab(col);\n     5.0\n  `,
        name === "median" ? "3.4.0" : "2.1.0",
      ),
      minArgs: name === "median" ? 1 : 2,
      maxArgs: name === "median" ? 1 : 2,
      args: [DoubleT, { oneOf: [DoubleT, { arrayOf: DoubleT }] }],
      keepArgs: 1,
      check: percentageCheck,
      options: (_ctx, args) => {
        // a constant percentage or array of them, evaluated once here
        const p = args[1];
        if (p === undefined) return { percentages: "0.5", isArray: false };
        const { values, isArray } = constantPercentages(p);
        return { percentages: values.join(","), isArray };
      },
      result: (_ts, args) => {
        const p = args[1];
        return p && dataTypeOf(p).kind === "array" ? arrayType(DoubleT, false) : DoubleT;
      },
      buffer: () => [arrayType(DoubleT, false)],
      ...(name === "median"
        ? {}
        : { sqlParams: (args) => [args[1] ? prettySql(args[1]) : "0.5", "1"] }),
    }),
  ),
  ...["approx_percentile", "percentile_approx"].map((name) =>
    agg({
      name,
      info: info(
        G,
        `${name}(col, percentage [, accuracy]) - Returns the approximate \`percentile\` of the numeric or ANSI interval column \`col\` which is the smallest value in the ordered \`col\` values (sorted from least to greatest) such that no more than \`percentage\` of \`col\` values is less than the value or equal to that value.`,
        `\n    > SELECT ${name}(col, array(0.5, 0.4, 0.1), 100) FROM VALUES (0), (1), (2), (10) AS tab(col);\n     [1,1,0]\n  `,
        "2.1.0",
      ),
      minArgs: 2,
      maxArgs: 3,
      keepArgs: 1,
      check: percentageCheck,
      options: (_ctx, args) => {
        const p = args[1];
        if (p === undefined) return { percentages: "0.5", isArray: false };
        const { values, isArray } = constantPercentages(p);
        return { percentages: values.join(","), isArray };
      },
      result: (ts, args) => {
        const t = first(ts);
        const p = args[1];
        return p && dataTypeOf(p).kind === "array" ? arrayType(t, false) : t;
      },
      buffer: (fn) => [arrayType(dataTypeOf(fn.args[0] as Expression), false)],
      sqlParams: (args) => [
        args[1] ? prettySql(args[1]) : "0.5",
        args[2] ? prettySql(args[2]) : "10000",
      ],
    }),
  ),
  agg({
    name: "mode",
    info: info(
      G,
      "mode(col) - Returns the most frequent value for the values within `col`. NULL values are ignored. If all the values are NULL, or there are 0 rows, returns NULL.",
      "\n    > SELECT mode(col) FROM VALUES (0), (10), (10) AS tab(col);\n     10\n  ",
      "3.4.0",
    ),
    result: first,
    buffer: (fn) => [arrayType(fn.dataType, false)],
  }),
  centralMoment(
    "stddev",
    "stddev(expr) - Returns the sample standard deviation calculated from values of a group.",
    "\n    > SELECT stddev(col) FROM VALUES (1), (2), (3) AS tab(col);\n     1.0\n  ",
  ),
  centralMoment(
    "std",
    "std(expr) - Returns the sample standard deviation calculated from values of a group.",
    "\n    > SELECT std(col) FROM VALUES (1), (2), (3) AS tab(col);\n     1.0\n  ",
  ),
  centralMoment(
    "stddev_samp",
    "stddev_samp(expr) - Returns the sample standard deviation calculated from values of a group.",
    "\n    > SELECT stddev_samp(col) FROM VALUES (1), (2), (3) AS tab(col);\n     1.0\n  ",
  ),
  centralMoment(
    "stddev_pop",
    "stddev_pop(expr) - Returns the population standard deviation calculated from values of a group.",
    "\n    > SELECT stddev_pop(col) FROM VALUES (1), (2), (3) AS tab(col);\n     0.816496580927726\n  ",
  ),
  centralMoment(
    "variance",
    "variance(expr) - Returns the sample variance calculated from values of a group.",
    "\n    > SELECT variance(col) FROM VALUES (1), (2), (3) AS tab(col);\n     1.0\n  ",
  ),
  centralMoment(
    "var_samp",
    "var_samp(expr) - Returns the sample variance calculated from values of a group.",
    "\n    > SELECT var_samp(col) FROM VALUES (1), (2), (3) AS tab(col);\n     1.0\n  ",
  ),
  centralMoment(
    "var_pop",
    "var_pop(expr) - Returns the population variance calculated from values of a group.",
    "\n    > SELECT var_pop(col) FROM VALUES (1), (2), (3) AS tab(col);\n     0.6666666666666666\n  ",
  ),
];
