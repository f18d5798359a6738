/** Math functions: abs, round, ceil/floor, sqrt, exp/log, trigonometry, rand, try_* ... */
import { FlintError } from "../../errors/index.ts";
import { type AbstractType, findTightestCommonType } from "../../types/coercion.ts";
import {
  type DataType,
  DoubleT,
  decimalForIntegral,
  decimalType,
  IntegerT,
  isIntegral,
  isNumeric,
  LongT,
  MAX_DECIMAL_PRECISION,
  StringT,
} from "../../types/data-types.ts";
import { prettySql, toSqlExpr } from "../analysis/pretty-sql.ts";
import type { BindContext, ScalarFunctionDef } from "../catalog/function-registry.ts";
import { evalArithmetic, evalNegate } from "../expressions/eval/arithmetic.ts";
import { arithmeticOverflow } from "../expressions/eval/errors.ts";
import { evaluate, typeOf } from "../expressions/eval/evaluate.ts";
import type { ArithmeticOp, Expression, ScalarFunction } from "../expressions/expression.ts";
import { arithmetic, literal } from "../expressions/factories.ts";
import { arithmeticResultType, dataTypeOf, isFoldable, nullableOf } from "../expressions/typing.ts";
import {
  divHalfEven,
  divHalfUp,
  doubleToDecimalExact,
  pow10,
} from "../expressions/values/numbers.ts";
import {
  call,
  castTo,
  coerceArgs,
  failure,
  info,
  quotedType,
  scalar,
  unexpectedInputType,
} from "./helpers.ts";
import { taskRandomness, XORShiftRandom } from "./random.ts";

const G = "math_funcs";
const NUM: AbstractType = "numeric";
const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

const LOWER_CASE_MATH = new Set(["ln", "rint", "sign"]);

function unaryDouble(
  name: string,
  f: (x: number) => number | null,
  usage: string,
  example: string,
  since = "1.4.0",
): ScalarFunctionDef {
  // Logarithms return null for arguments out of their domain: always nullable.
  const mayBeNull = name.startsWith("log") || name === "ln";
  return scalar({
    name,
    // Spark's unary math expressions print their name upper-case (SQRT(x)); ln, rint do not
    prettyName: LOWER_CASE_MATH.has(name) ? name : name.toUpperCase(),
    info: info(G, usage, example, since),
    args: [DoubleT],
    result: DoubleT,
    ...(mayBeNull ? { nullable: true } : {}),
    eval: ([v]) => f(v as number),
  });
}

const LONG_MIN = -9223372036854775808n;
const INT_MIN = -2147483648;

const abs: ScalarFunctionDef = {
  kind: "scalar",
  name: "abs",
  info: info(
    G,
    "abs(expr) - Returns the absolute value of the numeric or interval value.",
    "\n    > SELECT abs(-1);\n     1\n  ",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args, ctx) => {
    const a = args[0] as Expression;
    const t = dataTypeOf(a);
    if (t.kind === "daytime_interval" || t.kind === "yearmonth_interval") {
      return call("abs", args, t, nullableOf(a), true, { ansi: ctx.ansi });
    }
    const c = coerceArgs(args, [NUM], ctx);
    if (!Array.isArray(c)) return c;
    return call("abs", c, dataTypeOf(c[0] as Expression), nullableOf(c[0] as Expression), true, {
      ansi: ctx.ansi,
    });
  },
  eval: ([v], c) => {
    const t = c.dataType;
    if (typeof v === "bigint") {
      if (v >= 0n) return v;
      if (v === LONG_MIN && t.kind !== "decimal") {
        if (c.options.ansi) throw arithmeticOverflow("overflow", null);
        return v;
      }
      return -v;
    }
    const x = v as number;
    if (x >= 0) return x === 0 ? 0 : x;
    const min =
      t.kind === "byte"
        ? -128
        : t.kind === "short"
          ? -32768
          : t.kind === "integer"
            ? INT_MIN
            : null;
    if (min !== null && x === min) {
      if (c.options.ansi) throw arithmeticOverflow("overflow", null);
      return x;
    }
    return -x;
  },
};

const negative: ScalarFunctionDef = {
  kind: "scalar",
  name: "negative",
  info: info(
    G,
    "negative(expr) - Returns the negated value of `expr`.",
    "\n    > SELECT negative(1);\n     -1\n  ",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args, ctx) => {
    const c = coerceArgs(args, [{ oneOf: [NUM, "daytimeInterval", "yearmonthInterval"] }], ctx);
    if (!Array.isArray(c)) return c;
    return call(
      "negative",
      c,
      dataTypeOf(c[0] as Expression),
      nullableOf(c[0] as Expression),
      true,
      {
        ansi: ctx.ansi,
      },
    );
  },
  eval: ([v], c) => evalNegate(v, c.dataType, c.options.ansi ? "ANSI" : "LEGACY"),
};

const positive: ScalarFunctionDef = {
  kind: "scalar",
  name: "positive",
  info: info(
    G,
    "positive(expr) - Returns the value of `expr`.",
    "\n    > SELECT positive(1);\n     1\n  ",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args, ctx) => {
    const c = coerceArgs(args, [{ oneOf: [NUM, "daytimeInterval", "yearmonthInterval"] }], ctx);
    if (!Array.isArray(c)) return c;
    return call("positive", c, dataTypeOf(c[0] as Expression), nullableOf(c[0] as Expression));
  },
  eval: ([v]) => v,
};

/** Rounds unscaled/10^scale to `d` decimal places (negative: tens, hundreds...). */
function roundDecimal(unscaled: bigint, scale: number, d: number, even: boolean): bigint {
  const div = even ? divHalfEven : divHalfUp;
  if (d >= scale) return unscaled * pow10(d - scale);
  const q = div(unscaled, pow10(scale - d));
  return d >= 0 ? q : q * pow10(-d);
}

function roundResultType(t: DataType, d: number): DataType {
  if (t.kind !== "decimal") return t;
  const intDigits = t.precision - t.scale + 1;
  if (d < 0) return decimalType(Math.min(Math.max(intDigits, -d + 1), MAX_DECIMAL_PRECISION), 0);
  const s = Math.min(t.scale, d);
  return decimalType(Math.min(intDigits + s, MAX_DECIMAL_PRECISION), s);
}

function roundDef(name: "round" | "bround"): ScalarFunctionDef {
  const even = name === "bround";
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}(expr, d) - Returns \`expr\` rounded to \`d\` decimal places using HALF_${even ? "EVEN" : "UP"} rounding mode.`,
      `\n    > SELECT ${name}(2.5, 0);\n     ${even ? 2 : 3}\n  `,
      even ? "2.0.0" : "1.5.0",
    ),
    minArgs: 1,
    maxArgs: 2,
    bind: (args0, ctx) => {
      const args = args0.length === 1 ? [args0[0] as Expression, literal(0, IntegerT)] : args0;
      const c = coerceArgs(args, [NUM, IntegerT], ctx);
      if (!Array.isArray(c)) return c;
      const scaleArg = c[1] as Expression;
      if (!isFoldable(scaleArg)) {
        return failure("NON_FOLDABLE_INPUT", {
          inputName: "`scale`",
          inputType: quotedType(IntegerT),
          inputExpr: "scale",
        });
      }
      const d = num(evaluate(scaleArg, []) ?? 0);
      const t = dataTypeOf(c[0] as Expression);
      return call(name, c, roundResultType(t, d), nullableOf(c[0] as Expression), true, {
        ansi: ctx.ansi,
      });
    },
    eval: ([v, dv], c) => {
      const d = num(dv);
      const from = typeOf(c.args[0] as Expression);
      const t = c.dataType;
      switch (from.kind) {
        case "decimal": {
          const r = roundDecimal(v as bigint, from.scale, d, even);
          const ts = t.kind === "decimal" ? t.scale : 0;
          return d >= 0 ? r * pow10(ts - Math.min(d, from.scale)) : r;
        }
        case "float":
        case "double": {
          const x = v as number;
          if (!Number.isFinite(x)) return x;
          const e = doubleToDecimalExact(x);
          const r = roundDecimal(e.unscaled, e.scale, d, even);
          const out = Number(d >= 0 ? `${r}e${-d}` : `${r}`);
          return from.kind === "float" ? Math.fround(out) : out;
        }
        default: {
          if (d >= 0) return v;
          const r = roundDecimal(typeof v === "bigint" ? v : BigInt(v as number), 0, d, even);
          return from.kind === "long" ? BigInt.asIntN(64, r) : Number(BigInt.asIntN(32, r));
        }
      }
    },
  };
}

function ceilFloor(name: "ceil" | "floor" | "ceiling", pretty: string): ScalarFunctionDef {
  const up = name !== "floor";
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}(expr) - Returns the ${up ? "smallest integer not smaller" : "largest integer not greater"} than \`expr\`.`,
      `\n    > SELECT ${name}(-0.1);\n     ${up ? 0 : -1}\n  `,
    ),
    minArgs: 1,
    maxArgs: 1,
    bind: (args, ctx) => {
      const c = coerceArgs(args, [NUM], ctx);
      if (!Array.isArray(c)) return c;
      const t = dataTypeOf(c[0] as Expression);
      const rt =
        t.kind === "decimal"
          ? decimalType(Math.min(t.precision - t.scale + 1, MAX_DECIMAL_PRECISION), 0)
          : LongT;
      return call(pretty, c, rt, nullableOf(c[0] as Expression));
    },
    eval: ([v], c) => {
      const from = typeOf(c.args[0] as Expression);
      if (from.kind === "decimal") {
        const p = pow10(from.scale);
        const x = v as bigint;
        let q = x / p;
        const r = x % p;
        if (r !== 0n && up && x > 0n) q += 1n;
        if (r !== 0n && !up && x < 0n) q -= 1n;
        return q;
      }
      if (typeof v === "bigint") return v;
      if (isIntegral(from)) return BigInt(v as number);
      const x = up ? Math.ceil(v as number) : Math.floor(v as number);
      if (Number.isNaN(x)) return 0n;
      if (x >= 2 ** 63) return 9223372036854775807n;
      if (x <= -(2 ** 63)) return LONG_MIN;
      return BigInt(x);
    },
  };
}

const signum = unaryDouble(
  "signum",
  (x) => Math.sign(x),
  "signum(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.",
  "\n    > SELECT signum(40);\n     1.0\n  ",
);

const logOrNull =
  (f: (x: number) => number, min = 0) =>
  (x: number): number | null =>
    x <= min ? null : f(x);

const log: ScalarFunctionDef = {
  kind: "scalar",
  name: "log",
  info: info(
    G,
    "log(base, expr) - Returns the logarithm of `expr` with `base`.",
    "\n    > SELECT log(10, 100);\n     2.0\n  ",
  ),
  minArgs: 1,
  maxArgs: 2,
  bind: (args, ctx) => {
    const c = coerceArgs(args, [DoubleT, DoubleT], ctx);
    if (!Array.isArray(c)) return c;
    return call("log", c.length === 1 ? c : c, DoubleT, true);
  },
  eval: (args) => {
    if (args.length === 1) {
      const x = args[0] as number;
      return x <= 0 ? null : Math.log(x);
    }
    const b = args[0] as number;
    const x = args[1] as number;
    if (b <= 0 || x <= 0) return null;
    return Math.log(x) / Math.log(b);
  },
};

const pow = scalar({
  name: "pow",
  info: info(
    G,
    "pow(expr1, expr2) - Raises `expr1` to the power of `expr2`.",
    "\n    > SELECT pow(2, 3);\n     8.0\n  ",
  ),
  args: [DoubleT, DoubleT],
  result: DoubleT,
  eval: ([a, b]) => (a as number) ** (b as number),
});

const atan2 = scalar({
  name: "atan2",
  info: info(
    G,
    "atan2(exprY, exprX) - Returns the angle in radians between the positive x-axis of a plane and the point given by the coordinates (`exprX`, `exprY`).",
    "\n    > SELECT atan2(0, 0);\n     0.0\n  ",
  ),
  args: [DoubleT, DoubleT],
  result: DoubleT,
  eval: ([y, x]) => Math.atan2(y as number, x as number),
});

const hypot = scalar({
  name: "hypot",
  info: info(
    G,
    "hypot(expr1, expr2) - Returns sqrt(`expr1`**2 + `expr2`**2).",
    "\n    > SELECT hypot(3, 4);\n     5.0\n  ",
  ),
  args: [DoubleT, DoubleT],
  result: DoubleT,
  eval: ([a, b]) => Math.hypot(a as number, b as number),
});

function constant(name: string, value: number, usage: string, example: string): ScalarFunctionDef {
  return scalar({
    name,
    info: info(G, usage, example),
    args: [],
    result: DoubleT,
    nullable: false,
    eval: () => value,
  });
}

/**
 * The decimal an integral operand becomes next to a decimal: a literal takes just its
 * digits (Spark's DecimalType.fromLiteral: 2 -> DECIMAL(1,0)), a column its type's range.
 */
function decimalForOperand(e: Expression, t: DataType): DataType | undefined {
  if (e.kind === "Literal" && e.value !== null && isIntegral(t)) {
    const v = typeof e.value === "bigint" ? e.value : BigInt(e.value as number);
    const digits = (v < 0n ? -v : v).toString().length;
    return decimalType(Math.max(digits, 1), 0);
  }
  return decimalForIntegral(t);
}

/** Coerces two numeric operands for binary arithmetic (decimals keep their precision). */
function arithmeticOperands(
  name: string,
  args: readonly Expression[],
  ctx: BindContext,
  toDouble: boolean,
): Expression[] | ReturnType<typeof failure> {
  const c = coerceArgs(args, [NUM, NUM], ctx);
  if (!Array.isArray(c)) return c;
  const [a, b] = c as [Expression, Expression];
  const ta = dataTypeOf(a);
  const tb = dataTypeOf(b);
  if (ta.kind === "decimal" || tb.kind === "decimal") {
    if (
      ta.kind === "float" ||
      ta.kind === "double" ||
      tb.kind === "float" ||
      tb.kind === "double"
    ) {
      return [castTo(a, DoubleT, ctx), castTo(b, DoubleT, ctx)];
    }
    const da = ta.kind === "decimal" ? ta : decimalForOperand(a, ta);
    const db = tb.kind === "decimal" ? tb : decimalForOperand(b, tb);
    if (!da || !db)
      return failure("BINARY_OP_DIFF_TYPES", { left: quotedType(ta), right: quotedType(tb) });
    return [castTo(a, da, ctx), castTo(b, db, ctx)];
  }
  if (toDouble) return [castTo(a, DoubleT, ctx), castTo(b, DoubleT, ctx)];
  const t = findTightestCommonType(ta, tb);
  if (!t || !isNumeric(t)) {
    return failure("BINARY_OP_DIFF_TYPES", { left: quotedType(ta), right: quotedType(tb) });
  }
  void name;
  return [castTo(a, t, ctx), castTo(b, t, ctx)];
}

function binaryOpDef(
  name: string,
  op: ArithmeticOp,
  usage: string,
  example: string,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(G, usage, example),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const c = arithmeticOperands(name, args, ctx, false);
      if (!Array.isArray(c)) return c;
      return arithmetic(op, c[0] as Expression, c[1] as Expression, ctx.ansi ? "ANSI" : "LEGACY");
    },
    eval: () => null,
  };
}

function tryArith(
  name: string,
  op: ArithmeticOp,
  usage: string,
  example: string,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(G, usage, example, "3.2.0"),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const c = arithmeticOperands(name, args, ctx, op === "/");
      if (!Array.isArray(c)) return c;
      const node = arithmetic(op, c[0] as Expression, c[1] as Expression, "TRY");
      return call(name, c, arithmeticResultType(node), true);
    },
    eval: ([a, b], c) => {
      const lt = typeOf(c.args[0] as Expression);
      const rt = typeOf(c.args[1] as Expression);
      return evalArithmetic(op, a, lt, b, rt, c.dataType, "TRY");
    },
  };
}

/** The stream of each rand/randn call in the running task (a new task starts a new one). */
const randomStates = new WeakMap<ScalarFunction, { epoch: number; rng: XORShiftRandom }>();

function randomDef(name: string, gaussian: boolean): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}([seed]) - Returns a random value with independent and identically distributed (i.i.d.) ${gaussian ? "values drawn from the standard normal distribution" : "uniformly distributed values in [0, 1)"}.`,
      `\n    > SELECT ${name}(0);\n     ${gaussian ? "1.6034991609278433" : "0.7604953758285915"}\n  `,
    ),
    minArgs: 0,
    maxArgs: 1,
    bind: (args, ctx) => {
      const a = args[0];
      // `random` is Spark's alias of rand and prints as rand
      const shown = name === "random" ? "rand" : name;
      if (a === undefined) {
        const seed = String(BigInt(Math.floor(Math.random() * 2 ** 53)) - 2n ** 52n);
        return call(shown, [literal(BigInt(seed), LongT)], DoubleT, false, false, { seed });
      }
      const t = dataTypeOf(a);
      if (!(isIntegral(t) || t.kind === "null")) {
        return unexpectedInputType(0, { oneOf: [IntegerT, LongT] }, a);
      }
      if (!isFoldable(a)) {
        throw new FlintError("SEED_EXPRESSION_IS_UNFOLDABLE", {
          seedExpr: toSqlExpr(a),
          exprWithSeed: `"${shown}(${prettySql(a)})"`,
        });
      }
      // a constant seed, evaluated once; the call keeps the argument as written for its name
      const v = evaluate(a, [], { sessionTimeZone: ctx.sessionTimeZone });
      const seed = v === null || v === undefined ? "0" : String(v);
      return call(shown, [a], DoubleT, false, false, { seed });
    },
    nullSafe: true,
    eval: (_args, c) => {
      const task = taskRandomness();
      let state = randomStates.get(c);
      if (state === undefined || state.epoch !== task.epoch) {
        state = {
          epoch: task.epoch,
          rng: new XORShiftRandom(BigInt(String(c.options.seed)) + BigInt(task.partition)),
        };
        randomStates.set(c, state);
      }
      return gaussian ? state.rng.nextGaussian() : state.rng.nextDouble();
    },
  };
}

const factorial = scalar({
  name: "factorial",
  info: info(
    G,
    "factorial(expr) - Returns the factorial of `expr`. `expr` is [0..20]. Otherwise, null.",
    "\n    > SELECT factorial(5);\n     120\n  ",
    "1.5.0",
  ),
  args: [IntegerT],
  result: LongT,
  nullable: true,
  eval: ([v]) => {
    const n = v as number;
    if (n < 0 || n > 20) return null;
    let r = 1n;
    for (let i = 2n; i <= BigInt(n); i++) r *= i;
    return r;
  },
});

const bin = scalar({
  name: "bin",
  info: info(
    G,
    "bin(expr) - Returns the string representation of the long value `expr` represented in binary.",
    "\n    > SELECT bin(13);\n     1101\n  ",
    "1.5.0",
  ),
  args: [LongT],
  result: StringT,
  eval: ([v]) => BigInt.asUintN(64, v as bigint).toString(2),
});

const widthBucket = scalar({
  name: "width_bucket",
  info: info(
    G,
    "width_bucket(value, min_value, max_value, num_bucket) - Returns the bucket number to which `value` would be assigned in an equiwidth histogram with `num_bucket` buckets, in the range `min_value` to `max_value`.",
    "\n    > SELECT width_bucket(5.3, 0.2, 10.6, 5);\n     3\n  ",
    "3.1.0",
  ),
  args: [DoubleT, DoubleT, DoubleT, LongT],
  result: LongT,
  nullable: true,
  eval: ([v0, lo0, hi0, n0]) => {
    const v = v0 as number;
    const lo = lo0 as number;
    const hi = hi0 as number;
    const n = n0 as bigint;
    if (n <= 0n || lo === hi || !Number.isFinite(v) || !Number.isFinite(lo) || !Number.isFinite(hi))
      return null;
    const nb = Number(n);
    if (lo < hi) {
      if (v < lo) return 0n;
      if (v >= hi) return n + 1n;
      return BigInt(Math.floor((nb * (v - lo)) / (hi - lo)) + 1);
    }
    if (v > lo) return 0n;
    if (v <= hi) return n + 1n;
    return BigInt(Math.floor((nb * (lo - v)) / (lo - hi)) + 1);
  },
});

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Spark's NumberConverter.convert: 64-bit unsigned arithmetic, negative bases signed. */
function convBase(text: string, from: number, to: number): string | null {
  const fb = Math.abs(from);
  const tb = Math.abs(to);
  if (fb < 2 || fb > 36 || tb < 2 || tb > 36) return null;
  let s = text.trim();
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  let v = 0n;
  let any = false;
  for (const ch of s.toUpperCase()) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= fb) break;
    v = BigInt.asUintN(64, v * BigInt(fb) + BigInt(d));
    any = true;
  }
  if (!any) return "0";
  if (neg) v = BigInt.asUintN(64, -v);
  let out: string;
  if (to < 0 && BigInt.asIntN(64, v) < 0n) {
    out = `-${(-BigInt.asIntN(64, v)).toString(tb)}`;
  } else out = v.toString(tb);
  return out.toUpperCase();
}

const conv = scalar({
  name: "conv",
  info: info(
    G,
    "conv(num, from_base, to_base) - Convert `num` from `from_base` to `to_base`.",
    "\n    > SELECT conv('100', 2, 10);\n     4\n    > SELECT conv(-10, 16, -10);\n     -16\n  ",
    "1.5.0",
  ),
  args: [StringT, IntegerT, IntegerT],
  result: StringT,
  nullable: true,
  eval: ([s, f, t]) => convBase(s as string, f as number, t as number),
});

export const MATH_FUNCTIONS: readonly ScalarFunctionDef[] = [
  conv,
  abs,
  negative,
  positive,
  roundDef("round"),
  roundDef("bround"),
  ceilFloor("ceil", "CEIL"),
  ceilFloor("ceiling", "ceiling"),
  ceilFloor("floor", "FLOOR"),
  signum,
  unaryDouble(
    "rint",
    (x) => (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)),
    "rint(expr) - Returns the double value that is closest in value to the argument and is equal to a mathematical integer.",
    "\n    > SELECT rint(12.3456);\n     12.0\n  ",
  ),
  unaryDouble(
    "cot",
    (x) => 1 / Math.tan(x),
    "cot(expr) - Returns the cotangent of `expr`, as if computed by `1/java.lang.Math.tan`.",
    "\n    > SELECT cot(1);\n     0.6420926159343306\n  ",
    "2.3.0",
  ),
  unaryDouble(
    "sec",
    (x) => 1 / Math.cos(x),
    "sec(expr) - Returns the secant of `expr`, as if computed by `1/java.lang.Math.cos`.",
    "\n    > SELECT sec(0);\n     1.0\n  ",
    "3.3.0",
  ),
  unaryDouble(
    "csc",
    (x) => 1 / Math.sin(x),
    "csc(expr) - Returns the cosecant of `expr`, as if computed by `1/java.lang.Math.sin`.",
    "\n    > SELECT csc(1);\n     1.1883951057781212\n  ",
    "3.3.0",
  ),
  unaryDouble(
    "asinh",
    Math.asinh,
    "asinh(expr) - Returns inverse hyperbolic sine of `expr`.",
    "\n    > SELECT asinh(0);\n     0.0\n  ",
    "3.0.0",
  ),
  unaryDouble(
    "acosh",
    Math.acosh,
    "acosh(expr) - Returns inverse hyperbolic cosine of `expr`.",
    "\n    > SELECT acosh(1);\n     0.0\n    > SELECT acosh(0);\n     NaN\n  ",
    "3.0.0",
  ),
  unaryDouble(
    "atanh",
    Math.atanh,
    "atanh(expr) - Returns inverse hyperbolic tangent of `expr`.",
    "\n    > SELECT atanh(0);\n     0.0\n    > SELECT atanh(2);\n     NaN\n  ",
    "3.0.0",
  ),
  unaryDouble(
    "sign",
    (x) => Math.sign(x),
    "sign(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.",
    "\n    > SELECT sign(40);\n     1.0\n  ",
  ),
  unaryDouble(
    "sqrt",
    Math.sqrt,
    "sqrt(expr) - Returns the square root of `expr`.",
    "\n    > SELECT sqrt(4);\n     2.0\n  ",
  ),
  unaryDouble(
    "cbrt",
    Math.cbrt,
    "cbrt(expr) - Returns the cube root of `expr`.",
    "\n    > SELECT cbrt(27.0);\n     3.0\n  ",
  ),
  unaryDouble(
    "exp",
    Math.exp,
    "exp(expr) - Returns e to the power of `expr`.",
    "\n    > SELECT exp(0);\n     1.0\n  ",
  ),
  unaryDouble(
    "expm1",
    Math.expm1,
    "expm1(expr) - Returns exp(`expr`) - 1.",
    "\n    > SELECT expm1(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "ln",
    logOrNull(Math.log),
    "ln(expr) - Returns the natural logarithm (base e) of `expr`.",
    "\n    > SELECT ln(1);\n     0.0\n  ",
  ),
  unaryDouble(
    "log10",
    logOrNull(Math.log10),
    "log10(expr) - Returns the logarithm of `expr` with base 10.",
    "\n    > SELECT log10(10);\n     1.0\n  ",
  ),
  unaryDouble(
    "log2",
    logOrNull(Math.log2),
    "log2(expr) - Returns the logarithm of `expr` with base 2.",
    "\n    > SELECT log2(2);\n     1.0\n  ",
  ),
  unaryDouble(
    "log1p",
    logOrNull(Math.log1p, -1),
    "log1p(expr) - Returns log(1 + `expr`).",
    "\n    > SELECT log1p(0);\n     0.0\n  ",
  ),
  log,
  pow,
  { ...pow, name: "power" },
  unaryDouble(
    "sin",
    Math.sin,
    "sin(expr) - Returns the sine of `expr`.",
    "\n    > SELECT sin(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "cos",
    Math.cos,
    "cos(expr) - Returns the cosine of `expr`.",
    "\n    > SELECT cos(0);\n     1.0\n  ",
  ),
  unaryDouble(
    "tan",
    Math.tan,
    "tan(expr) - Returns the tangent of `expr`.",
    "\n    > SELECT tan(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "asin",
    Math.asin,
    "asin(expr) - Returns the inverse sine (a.k.a. arc sine) of `expr`.",
    "\n    > SELECT asin(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "acos",
    Math.acos,
    "acos(expr) - Returns the inverse cosine (a.k.a. arc cosine) of `expr`.",
    "\n    > SELECT acos(1);\n     0.0\n  ",
  ),
  unaryDouble(
    "atan",
    Math.atan,
    "atan(expr) - Returns the inverse tangent (a.k.a. arc tangent) of `expr`.",
    "\n    > SELECT atan(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "sinh",
    Math.sinh,
    "sinh(expr) - Returns hyperbolic sine of `expr`.",
    "\n    > SELECT sinh(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "cosh",
    Math.cosh,
    "cosh(expr) - Returns the hyperbolic cosine of `expr`.",
    "\n    > SELECT cosh(0);\n     1.0\n  ",
  ),
  unaryDouble(
    "tanh",
    Math.tanh,
    "tanh(expr) - Returns the hyperbolic tangent of `expr`.",
    "\n    > SELECT tanh(0);\n     0.0\n  ",
  ),
  unaryDouble(
    "degrees",
    (x) => (x * 180) / Math.PI,
    "degrees(expr) - Converts radians to degrees.",
    "\n    > SELECT degrees(3.141592653589793);\n     180.0\n  ",
  ),
  unaryDouble(
    "radians",
    (x) => (x / 180) * Math.PI,
    "radians(expr) - Converts degrees to radians.",
    "\n    > SELECT radians(180);\n     3.141592653589793\n  ",
  ),
  atan2,
  hypot,
  constant("pi", Math.PI, "pi() - Returns pi.", "\n    > SELECT pi();\n     3.141592653589793\n  "),
  constant(
    "e",
    Math.E,
    "e() - Returns Euler's number, e.",
    "\n    > SELECT e();\n     2.718281828459045\n  ",
  ),
  binaryOpDef(
    "mod",
    "%",
    "mod(expr1, expr2) - Returns the remainder after `expr1`/`expr2`.",
    "\n    > SELECT mod(2, 1.8);\n     0.2\n  ",
  ),
  binaryOpDef(
    "pmod",
    "pmod",
    "pmod(expr1, expr2) - Returns the positive value of `expr1` mod `expr2`.",
    "\n    > SELECT pmod(10, 3);\n     1\n  ",
  ),
  tryArith(
    "try_add",
    "+",
    "try_add(expr1, expr2) - Returns the sum of `expr1`and `expr2` and the result is null on overflow.",
    "\n    > SELECT try_add(1, 2);\n     3\n  ",
  ),
  tryArith(
    "try_subtract",
    "-",
    "try_subtract(expr1, expr2) - Returns `expr1`-`expr2` and the result is null on overflow.",
    "\n    > SELECT try_subtract(2, 1);\n     1\n  ",
  ),
  tryArith(
    "try_multiply",
    "*",
    "try_multiply(expr1, expr2) - Returns `expr1`*`expr2` and the result is null on overflow.",
    "\n    > SELECT try_multiply(2, 3);\n     6\n  ",
  ),
  tryArith(
    "try_divide",
    "/",
    "try_divide(dividend, divisor) - Returns `dividend`/`divisor`. It always performs floating point division. Its result is always null if `expr2` is 0.",
    "\n    > SELECT try_divide(3, 2);\n     1.5\n  ",
  ),
  tryArith(
    "try_mod",
    "%",
    "try_mod(dividend, divisor) - Returns the remainder after `expr1`/`expr2`. `dividend` must be a numeric. `divisor` must be a numeric.",
    "\n    > SELECT try_mod(3, 2);\n     1\n  ",
  ),
  randomDef("rand", false),
  randomDef("random", false),
  randomDef("randn", true),
  factorial,
  bin,
  widthBucket,
];
