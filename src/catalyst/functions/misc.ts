/**
 * Bitwise operators (the parser's `&`, `|`, `^`, `~`, `<<`, `>>`, `>>>`), extract /
 * date_part, and miscellaneous functions (spark_partition_id,
 * monotonically_increasing_id, uuid, current_timezone, equal_null, assert_true,
 * raise_error, version).
 */
import { randomUUID } from "node:crypto";
import { FlintError } from "../../errors/index.ts";
import { findTightestCommonType, findWiderTypeForTwo } from "../../types/coercion.ts";
import {
  BooleanT,
  type DataType,
  DateT,
  decimalType,
  IntegerT,
  isIntegral,
  LongT,
  NullT,
  StringT,
  TimestampT,
} from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import type { Expression, ScalarFunction } from "../expressions/expression.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { valuesEqual } from "../expressions/values/compare.ts";
import {
  civilFromDays,
  daysFromCivil,
  floorDivBig,
  isoDayOfWeek,
  MICROS_PER_DAY,
  utcToLocal,
} from "../expressions/values/datetime.ts";
import {
  call,
  castTo,
  coerceArgs,
  failure,
  info,
  ordinalWord,
  quotedType,
  scalar,
} from "./helpers.ts";

const G = "bitwise_funcs";

function integralOperands(name: string, args: readonly Expression[]) {
  for (let i = 0; i < args.length; i++) {
    const t = dataTypeOf(args[i] as Expression);
    if (!isIntegral(t) && t.kind !== "null") {
      return failure("UNEXPECTED_INPUT_TYPE", {
        paramIndex: ordinalWord(i),
        requiredType: '"INTEGRAL"',
        inputSql: toSqlExpr(args[i] as Expression),
        inputType: quotedType(t),
      });
    }
  }
  void name;
  return undefined;
}

function bitwiseBinary(
  name: string,
  f: (a: bigint, b: bigint) => bigint,
  usage: string,
  example: string,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(G, usage, example, "1.4.0"),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const bad = integralOperands(name, args);
      if (bad) return bad;
      const t =
        findTightestCommonType(
          dataTypeOf(args[0] as Expression),
          dataTypeOf(args[1] as Expression),
        ) ?? IntegerT;
      const rt = t.kind === "null" ? IntegerT : t;
      return call(
        name,
        args.map((a) => castTo(a, rt, ctx)),
        rt,
        args.some(nullableOf),
      );
    },
    eval: ([a, b], c) => narrow(f(big(a), big(b)), c.dataType),
  };
}

const big = (v: unknown): bigint => (typeof v === "bigint" ? v : BigInt(v as number));

function narrow(x: bigint, t: DataType): number | bigint {
  switch (t.kind) {
    case "long":
      return BigInt.asIntN(64, x);
    case "short":
      return Number(BigInt.asIntN(16, x));
    case "byte":
      return Number(BigInt.asIntN(8, x));
    default:
      return Number(BigInt.asIntN(32, x));
  }
}

function bits(t: DataType): bigint {
  return t.kind === "long" ? 64n : 32n;
}

function shift(
  name: string,
  kind: "left" | "right" | "unsigned",
  usage: string,
  example: string,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(G, usage, example, "1.5.0"),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const t = dataTypeOf(args[0] as Expression);
      const base: DataType = t.kind === "long" ? LongT : IntegerT;
      const c = coerceArgs(args, [base, IntegerT], ctx);
      if (!Array.isArray(c)) return c;
      return call(name, c, base, c.some(nullableOf));
    },
    eval: ([a, n], c) => {
      const w = bits(c.dataType);
      const s = BigInt((n as number) & (w === 64n ? 63 : 31));
      const x = big(a);
      let r: bigint;
      if (kind === "left") r = x << s;
      else if (kind === "right") r = x >> s;
      else r = BigInt.asUintN(Number(w), x) >> s;
      return w === 64n ? BigInt.asIntN(64, r) : Number(BigInt.asIntN(32, r));
    },
  };
}

const bitNot: ScalarFunctionDef = {
  kind: "scalar",
  name: "~",
  info: info(
    G,
    "~ expr - Returns the result of bitwise NOT of `expr`.",
    "\n    > SELECT ~ 0;\n     -1\n  ",
    "1.4.0",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => {
    const bad = integralOperands("~", args);
    if (bad) return bad;
    const t = dataTypeOf(args[0] as Expression);
    return call("~", args, t.kind === "null" ? IntegerT : t, nullableOf(args[0] as Expression));
  },
  eval: ([a], c) => narrow(~big(a), c.dataType),
};

const bitCount = scalar({
  name: "bit_count",
  info: info(
    G,
    "bit_count(expr) - Returns the number of bits that are set in the argument expr as an unsigned 64-bit integer, or NULL if the argument is NULL.",
    "\n    > SELECT bit_count(0);\n     0\n  ",
    "3.0.0",
  ),
  args: [{ oneOf: ["integral", BooleanT] }],
  result: IntegerT,
  eval: ([v]) => {
    if (typeof v === "boolean") return v ? 1 : 0;
    let x = BigInt.asUintN(64, big(v));
    let n = 0;
    while (x > 0n) {
      n += Number(x & 1n);
      x >>= 1n;
    }
    return n;
  },
});

// ---------------------------------------------------------------------------------------
// extract / date_part

const FIELD_ALIASES: Readonly<Record<string, string>> = {
  YEAR: "YEAR",
  Y: "YEAR",
  YEARS: "YEAR",
  YR: "YEAR",
  YRS: "YEAR",
  QUARTER: "QUARTER",
  QTR: "QUARTER",
  MONTH: "MONTH",
  MON: "MONTH",
  MONS: "MONTH",
  MONTHS: "MONTH",
  WEEK: "WEEK",
  W: "WEEK",
  WEEKS: "WEEK",
  DAY: "DAY",
  D: "DAY",
  DAYS: "DAY",
  DAYOFWEEK: "DAYOFWEEK",
  DOW: "DAYOFWEEK",
  DAYOFWEEK_ISO: "DAYOFWEEK_ISO",
  DOW_ISO: "DAYOFWEEK_ISO",
  DOY: "DOY",
  HOUR: "HOUR",
  H: "HOUR",
  HOURS: "HOUR",
  HR: "HOUR",
  HRS: "HOUR",
  MINUTE: "MINUTE",
  M: "MINUTE",
  MIN: "MINUTE",
  MINS: "MINUTE",
  MINUTES: "MINUTE",
  SECOND: "SECOND",
  S: "SECOND",
  SEC: "SECOND",
  SECONDS: "SECOND",
  SECS: "SECOND",
};

function extractDef(name: string): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      "datetime_funcs",
      `${name}(field, source) - Extracts a part of the date/timestamp or interval source.`,
      `\n    > SELECT ${name}('YEAR', TIMESTAMP '2019-08-12 01:00:00.123456');\n     2019\n  `,
      "3.0.0",
    ),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const [f, src] = args as [Expression, Expression];
      const fieldName =
        f.kind === "Literal" && typeof f.value === "string" ? f.value.toUpperCase() : "";
      const field = FIELD_ALIASES[fieldName];
      const st = dataTypeOf(src);
      if (!field) {
        return failure("INVALID_EXTRACT_FIELD", { field: toSqlExpr(f), expr: toSqlExpr(src) });
      }
      const timeField = field === "HOUR" || field === "MINUTE" || field === "SECOND";
      const target: DataType =
        timeField || st.kind === "timestamp"
          ? st.kind === "timestamp_ntz"
            ? st
            : TimestampT
          : DateT;
      const c = coerceArgs([src], [target], ctx);
      if (!Array.isArray(c)) return c;
      const rt = field === "SECOND" ? decimalType(8, 6) : IntegerT;
      return call(name, [f, c[0] as Expression], rt, nullableOf(src), true, {
        field,
        timeZone: ctx.sessionTimeZone,
      });
    },
    eval: ([, v], c) => {
      const field = String(c.options.field);
      const t = typeOf(c.args[1] as Expression);
      let days: number;
      let inDay = 0n;
      if (t.kind === "date") days = v as number;
      else {
        const local =
          t.kind === "timestamp"
            ? utcToLocal(v as bigint, String(c.options.timeZone))
            : (v as bigint);
        const d = floorDivBig(local, MICROS_PER_DAY);
        days = Number(d);
        inDay = local - d * MICROS_PER_DAY;
      }
      const [y, m, d] = civilFromDays(days);
      switch (field) {
        case "YEAR":
          return y;
        case "QUARTER":
          return Math.floor((m - 1) / 3) + 1;
        case "MONTH":
          return m;
        case "WEEK": {
          const dow = isoDayOfWeek(days);
          const thursday = days - dow + 4;
          return Math.floor((thursday - daysFromCivil(civilFromDays(thursday)[0], 1, 1)) / 7) + 1;
        }
        case "DAY":
          return d;
        case "DAYOFWEEK":
          return (isoDayOfWeek(days) % 7) + 1;
        case "DAYOFWEEK_ISO":
          return isoDayOfWeek(days);
        case "DOY":
          return days - daysFromCivil(y, 1, 1) + 1;
        case "HOUR":
          return Number(inDay / 3_600_000_000n);
        case "MINUTE":
          return Number((inDay / 60_000_000n) % 60n);
        case "SECOND":
          return inDay % 60_000_000n;
        default:
          return null;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// Miscellaneous

const rowCounters = new WeakMap<ScalarFunction, { n: bigint }>();

const monotonicallyIncreasingId = scalar({
  name: "monotonically_increasing_id",
  info: info(
    "misc_funcs",
    "monotonically_increasing_id() - Returns monotonically increasing 64-bit integers. The generated ID is guaranteed to be monotonically increasing and unique, but not consecutive. The current implementation puts the partition ID in the upper 31 bits, and the lower 33 bits represent the record number within each partition.",
    "\n    > SELECT monotonically_increasing_id();\n     0\n  ",
    "1.4.0",
  ),
  args: [],
  result: LongT,
  nullable: false,
  deterministic: false,
  options: () => ({ partitionIndex: 0 }),
  eval: (_a, c) => {
    let s = rowCounters.get(c);
    if (!s) {
      s = { n: 0n };
      rowCounters.set(c, s);
    }
    const id = (BigInt(Number(c.options.partitionIndex ?? 0)) << 33n) + s.n;
    s.n += 1n;
    return id;
  },
});

const sparkPartitionId = scalar({
  name: "spark_partition_id",
  info: info(
    "misc_funcs",
    "spark_partition_id() - Returns the current partition id.",
    "\n    > SELECT spark_partition_id();\n     0\n  ",
    "1.4.0",
  ),
  args: [],
  result: IntegerT,
  nullable: false,
  deterministic: false,
  options: () => ({ partitionIndex: 0 }),
  eval: (_a, c) => Number(c.options.partitionIndex ?? 0),
});

const uuid = scalar({
  name: "uuid",
  info: info(
    "misc_funcs",
    "uuid() - Returns an universally unique identifier (UUID) string.",
    "\n    > SELECT uuid();\n     46707d92-02f4-4817-8116-a4c3b23e6266\n  ",
    "2.3.0",
  ),
  args: [],
  result: StringT,
  nullable: false,
  deterministic: false,
  eval: () => randomUUID(),
});

const currentTimezone = scalar({
  name: "current_timezone",
  info: info(
    "datetime_funcs",
    "current_timezone() - Returns the current session local timezone.",
    "\n    > SELECT current_timezone();\n     Asia/Shanghai\n  ",
    "3.1.0",
  ),
  args: [],
  result: StringT,
  nullable: false,
  options: (ctx) => ({ timeZone: ctx.sessionTimeZone }),
  eval: (_a, c) => String(c.options.timeZone),
});

const equalNull: ScalarFunctionDef = {
  kind: "scalar",
  name: "equal_null",
  info: info(
    "predicate_funcs",
    "equal_null(expr1, expr2) - Returns same result as the EQUAL(=) operator for non-null operands, but returns true if both are null, false if one of the them is null.",
    "\n    > SELECT equal_null(3, 3);\n     true\n  ",
    "3.4.0",
  ),
  minArgs: 2,
  maxArgs: 2,
  nullSafe: true,
  bind: (args, ctx) => {
    const [a, b] = args as [Expression, Expression];
    const t = findWiderTypeForTwo(dataTypeOf(a), dataTypeOf(b));
    if (!t) {
      return failure("BINARY_OP_DIFF_TYPES", {
        left: quotedType(dataTypeOf(a)),
        right: quotedType(dataTypeOf(b)),
      });
    }
    return call("equal_null", [castTo(a, t, ctx), castTo(b, t, ctx)], BooleanT, false);
  },
  eval: ([a, b], c) => {
    if (a === null || b === null) return a === null && b === null;
    return valuesEqual(a, b, typeOf(c.args[0] as Expression));
  },
};

const raiseError = scalar({
  name: "raise_error",
  info: info(
    "misc_funcs",
    "raise_error( expr ) - Throws a USER_RAISED_EXCEPTION with `expr` as message.",
    "\n    > SELECT raise_error('custom error message');\n     [USER_RAISED_EXCEPTION] custom error message\n  ",
    "3.1.0",
  ),
  args: [StringT],
  result: NullT,
  nullable: true,
  nullSafe: true,
  deterministic: false,
  eval: ([m]) => {
    throw new FlintError("USER_RAISED_EXCEPTION", {
      errorMessage: m === null ? "null" : String(m),
    });
  },
});

const assertTrue = scalar({
  name: "assert_true",
  info: info(
    "misc_funcs",
    "assert_true(expr [, message]) - Throws an exception if `expr` is not true.",
    "\n    > SELECT assert_true(0 < 1);\n     NULL\n  ",
    "2.0.0",
  ),
  args: [BooleanT, StringT],
  minArgs: 1,
  maxArgs: 2,
  result: NullT,
  nullable: true,
  nullSafe: true,
  deterministic: false,
  eval: (args, c) => {
    if (args[0] === true) return null;
    const msg =
      args.length > 1
        ? args[1]
        : `'${toSqlExpr(c.args[0] as Expression).slice(1, -1)}' is not true!`;
    throw new FlintError("USER_RAISED_EXCEPTION", { errorMessage: String(msg) });
  },
});

const version = scalar({
  name: "version",
  info: info(
    "misc_funcs",
    "version() - Returns the Spark version. The string contains 2 fields, the first being a release version and the second being a git revision.",
    "\n    > SELECT version();\n     4.0.0 flint\n  ",
    "3.0.0",
  ),
  args: [],
  result: StringT,
  nullable: false,
  eval: () => "4.0.0 flint",
});

function constantString(
  name: string,
  value: () => string,
  usage: string,
  since: string,
): ScalarFunctionDef {
  return scalar({
    name,
    info: info("misc_funcs", usage, `\n    > SELECT ${name}();\n     ${value()}\n  `, since),
    args: [],
    result: StringT,
    nullable: false,
    eval: value,
  });
}

const userName = (): string => process.env.USER ?? process.env.USERNAME ?? "flint";

/** current_database()/current_schema(): the session's current database when analyzed. */
function currentDatabase(name: string, since: string): ScalarFunctionDef {
  return {
    ...constantString(name, () => "default", `${name}() - Returns the current database.`, since),
    // Spark 4 prints both as current_schema()
    bind: (_args, ctx) =>
      call("current_schema", [], StringT, false, true, {
        database: ctx.currentDatabase ?? "default",
      }),
    eval: (_args, c) => String(c.options.database ?? "default"),
  };
}

export const MISC_FUNCTIONS: readonly ScalarFunctionDef[] = [
  currentDatabase("current_database", "1.6.0"),
  currentDatabase("current_schema", "3.4.0"),
  constantString(
    "current_catalog",
    () => "spark_catalog",
    "current_catalog() - Returns the current catalog.",
    "3.1.0",
  ),
  constantString(
    "current_user",
    userName,
    "current_user() - user name of current execution context.",
    "3.2.0",
  ),
  constantString("user", userName, "user() - user name of current execution context.", "3.4.0"),
  constantString(
    "session_user",
    userName,
    "session_user() - user name of current execution context.",
    "4.0.0",
  ),
  bitwiseBinary(
    "&",
    (a, b) => a & b,
    "expr1 & expr2 - Returns the result of bitwise AND of `expr1` and `expr2`.",
    "\n    > SELECT 3 & 5;\n     1\n  ",
  ),
  bitwiseBinary(
    "|",
    (a, b) => a | b,
    "expr1 | expr2 - Returns the result of bitwise OR of `expr1` and `expr2`.",
    "\n    > SELECT 3 | 5;\n     7\n  ",
  ),
  bitwiseBinary(
    "^",
    (a, b) => a ^ b,
    "expr1 ^ expr2 - Returns the result of bitwise exclusive OR of `expr1` and `expr2`.",
    "\n    > SELECT 3 ^ 5;\n     6\n  ",
  ),
  bitNot,
  bitCount,
  shift(
    "shiftleft",
    "left",
    "shiftleft(base, expr) - Bitwise left shift.",
    "\n    > SELECT shiftleft(2, 1);\n     4\n  ",
  ),
  shift("<<", "left", "base << exp - Bitwise left shift.", "\n    > SELECT 2 << 1;\n     4\n  "),
  shift(
    "shiftright",
    "right",
    "shiftright(base, expr) - Bitwise (signed) right shift.",
    "\n    > SELECT shiftright(4, 1);\n     2\n  ",
  ),
  shift(
    ">>",
    "right",
    "base >> expr - Bitwise (signed) right shift.",
    "\n    > SELECT 4 >> 1;\n     2\n  ",
  ),
  shift(
    "shiftrightunsigned",
    "unsigned",
    "shiftrightunsigned(base, expr) - Bitwise unsigned right shift.",
    "\n    > SELECT shiftrightunsigned(4, 1);\n     2\n  ",
  ),
  shift(
    ">>>",
    "unsigned",
    "base >>> expr - Bitwise unsigned right shift.",
    "\n    > SELECT 4 >>> 1;\n     2\n  ",
  ),
  extractDef("extract"),
  extractDef("date_part"),
  extractDef("datepart"),
  monotonicallyIncreasingId,
  sparkPartitionId,
  uuid,
  currentTimezone,
  equalNull,
  raiseError,
  assertTrue,
  version,
];
