import assert from "node:assert/strict";
import { test } from "node:test";
import { isFlintError } from "../../../errors/index.ts";
import {
  BinaryT,
  BooleanT,
  ByteT,
  type DataType,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  ShortT,
  StringT,
  TimestampNTZT,
  TimestampT,
} from "../../../types/data-types.ts";
import type { ArithmeticOp, EvalMode, Expression } from "../expression.ts";
import {
  and as andE,
  arithmetic,
  boundReference,
  caseWhen,
  cast,
  coalesce,
  comparison,
  inList,
  inSet,
  like,
  literal,
  not,
  or as orE,
  rlike,
  unaryMinus,
} from "../factories.ts";
import { toHiveString } from "../format.ts";
import { dataTypeOf } from "../typing.ts";
import { evaluate } from "./evaluate.ts";

// Expected values come from Spark 4 (test/sql/results/expressions/*.out, pyspark 4).

const I = (v: number): Expression => literal(v, IntegerT);
const L = (v: bigint): Expression => literal(v, LongT);
const D = (v: number): Expression => literal(v, DoubleT);
const S = (v: string): Expression => literal(v, StringT);
const DEC = (text: string, p: number, s: number): Expression => {
  const [i, f = ""] = text.replace("-", "").split(".");
  const u = BigInt(`${i}${f.padEnd(s, "0")}`);
  return literal(text.startsWith("-") ? -u : u, decimalType(p, s));
};
const NULL_INT = literal(null, IntegerT);

function show(e: Expression): string {
  return toHiveString(evaluate(e, []), dataTypeOf(e));
}

function errorOf(e: Expression): { cls: string; params: Record<string, string> } {
  try {
    evaluate(e, []);
  } catch (err) {
    if (isFlintError(err)) return { cls: err.errorClass, params: { ...err.messageParameters } };
    throw err;
  }
  throw new Error("expected an error");
}

const ar = (op: ArithmeticOp, l: Expression, r: Expression, m: EvalMode = "ANSI"): Expression =>
  arithmetic(op, l, r, m);

test("integral arithmetic", () => {
  assert.equal(show(ar("+", I(1), I(2))), "3");
  assert.equal(show(ar("/", I(7), I(2))), "3.5");
  assert.equal(show(ar("/", I(1), I(3))), "0.3333333333333333");
  assert.equal(show(ar("div", I(-7), I(2))), "-3");
  assert.equal(show(ar("%", I(-7), I(3))), "-1");
  assert.equal(show(ar("%", I(7), I(-3))), "1");
  assert.equal(show(ar("pmod", I(-7), I(3))), "2");
  assert.equal(show(ar("pmod", I(7), I(-3))), "1");
  assert.equal(show(ar("*", L(123456789n), L(1000000n))), "123456789000000");
  assert.equal(show(ar("div", I(-2147483648), I(-1))), "2147483648");
  assert.equal(show(ar("+", NULL_INT, I(1))), "NULL");
  const overflow = errorOf(ar("+", I(2147483647), I(1)));
  assert.equal(overflow.cls, "ARITHMETIC_OVERFLOW");
  assert.equal(overflow.params.message, "overflow");
  assert.equal(
    overflow.params.alternative,
    " Use 'try_add' to tolerate overflow and return NULL instead.",
  );
  assert.equal(errorOf(ar("*", L(9223372036854775807n), L(2n))).cls, "ARITHMETIC_OVERFLOW");
  const div = errorOf(ar("div", L(-9223372036854775808n), L(-1n)));
  assert.equal(div.params.message, "Overflow in integral divide");
  const tiny = errorOf(ar("+", literal(127, ByteT), literal(1, ByteT)));
  assert.deepEqual(tiny, {
    cls: "BINARY_ARITHMETIC_OVERFLOW",
    params: { value1: "127S", symbol: "+", value2: "1S", functionName: "`try_add`" },
  });
  assert.equal(
    errorOf(ar("*", literal(100, ShortT), literal(400, ShortT))).cls,
    "BINARY_ARITHMETIC_OVERFLOW",
  );
  assert.equal(errorOf(ar("/", I(1), I(0))).cls, "DIVIDE_BY_ZERO");
  assert.equal(errorOf(ar("div", I(1), I(0))).cls, "DIVIDE_BY_ZERO");
  assert.equal(errorOf(ar("%", I(1), I(0))).cls, "REMAINDER_BY_ZERO");
  assert.equal(errorOf(ar("pmod", I(1), I(0))).cls, "REMAINDER_BY_ZERO");
  assert.equal(errorOf(ar("/", D(0), D(0))).cls, "DIVIDE_BY_ZERO");
  // TRY and LEGACY
  assert.equal(show(ar("+", I(2147483647), I(1), "TRY")), "NULL");
  assert.equal(show(ar("+", I(2147483647), I(1), "LEGACY")), "-2147483648");
  assert.equal(show(ar("*", I(2147483647), I(2), "LEGACY")), "-2");
  assert.equal(show(ar("+", L(9223372036854775807n), L(1n), "LEGACY")), "-9223372036854775808");
  assert.equal(show(ar("/", I(1), I(0), "LEGACY")), "NULL");
  assert.equal(show(ar("%", I(5), I(0), "TRY")), "NULL");
  assert.equal(show(ar("+", literal(127, ByteT), literal(1, ByteT), "LEGACY")), "-128");
});

test("fractional arithmetic", () => {
  assert.equal(show(ar("+", D(0.1), D(0.2))), "0.30000000000000004");
  assert.equal(show(ar("*", D(1e308), D(10))), "Infinity");
  assert.equal(show(ar("%", D(-7.5), D(2))), "-1.5");
  assert.equal(show(ar("pmod", D(-7.5), D(2))), "0.5");
  assert.equal(show(ar("*", D(1e-5), D(1e-5))), "1.0000000000000002E-10");
  assert.equal(
    show(ar("+", literal(Math.fround(1.5), FloatT), literal(Math.fround(1), FloatT))),
    "2.5",
  );
  assert.equal(show(unaryMinus(D(1.5))), "-1.5");
  assert.equal(errorOf(unaryMinus(I(-2147483648))).params.alternative, "");
  assert.equal(errorOf(unaryMinus(literal(-128, ByteT))).cls, "ARITHMETIC_OVERFLOW");
});

test("decimal arithmetic", () => {
  assert.equal(show(ar("+", DEC("1.5", 2, 1), DEC("2.25", 3, 2))), "3.75");
  assert.equal(show(ar("*", DEC("1.5", 2, 1), DEC("2.25", 3, 2))), "3.375");
  assert.equal(show(ar("/", DEC("1.5", 2, 1), DEC("2.25", 3, 2))), "0.666667");
  assert.equal(show(ar("%", DEC("7.5", 2, 1), DEC("0.4", 1, 1))), "0.3");
  assert.equal(show(ar("/", DEC("10.0", 3, 1), DEC("3", 1, 0))), "3.333333");
  assert.equal(show(ar("/", DEC("1", 1, 0), DEC("3.0", 2, 1))), "0.333333");
  assert.equal(show(ar("*", DEC("1.000", 4, 3), DEC("1.000", 4, 3))), "1.000000");
  assert.equal(show(ar("%", DEC("5", 1, 0), DEC("2.5", 2, 1))), "0.0");
  assert.equal(show(ar("pmod", DEC("-7.5", 2, 1), I(2))), "0.5");
  assert.equal(show(ar("div", DEC("7.5", 2, 1), I(2))), "3");
  assert.equal(show(ar("/", DEC("1", 10, 2), DEC("3", 10, 3))), "0.3333333333333");
  assert.equal(show(ar("*", DEC("1", 38, 10), DEC("3", 38, 10))), "3.000000");
  assert.equal(show(ar("/", DEC("1", 38, 0), DEC("3", 38, 0))), "0.333333");
  assert.equal(show(ar("+", DEC("1", 38, 18), DEC("1", 38, 18))), "2.00000000000000000");
  assert.equal(
    show(ar("/", DEC("2", 38, 37), DEC("3", 1, 0))),
    "0.6666666666666666666666666666666666667",
  );
  assert.equal(show(ar("*", DEC("9999.99", 6, 2), DEC("9999.99", 6, 2))), "99999800.0001");
  const nines = DEC("99999999999999999999999999999999999999", 38, 0);
  assert.deepEqual(errorOf(ar("+", nines, I(1))), {
    cls: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
    params: {
      value: "100000000000000000000000000000000000000",
      precision: "38",
      scale: "0",
      config: '"spark.sql.ansi.enabled"',
    },
  });
  assert.equal(show(ar("+", nines, I(1), "TRY")), "NULL");
  assert.equal(errorOf(ar("/", DEC("100.0", 4, 1), DEC("0.0", 1, 1))).cls, "DIVIDE_BY_ZERO");
  assert.equal(errorOf(ar("%", DEC("1.5", 2, 1), I(0))).cls, "REMAINDER_BY_ZERO");
});

test("comparisons, NaN ordering, null-safe equality", () => {
  const nan = D(Number.NaN);
  assert.equal(show(comparison("=", nan, nan)), "true");
  assert.equal(show(comparison(">", nan, D(1e308))), "true");
  assert.equal(show(comparison(">", nan, D(Number.POSITIVE_INFINITY))), "true");
  assert.equal(show(comparison("=", D(0), D(-0))), "true");
  assert.equal(show(comparison("<=>", nan, nan)), "true");
  assert.equal(show(comparison("=", NULL_INT, I(1))), "NULL");
  assert.equal(show(comparison("<=>", NULL_INT, NULL_INT)), "true");
  assert.equal(show(comparison("<=>", I(1), NULL_INT)), "false");
  assert.equal(show(comparison(">", literal(true, BooleanT), literal(false, BooleanT))), "true");
  assert.equal(
    show(
      comparison(
        ">",
        literal(new Uint8Array([1, 2]), BinaryT),
        literal(new Uint8Array([1]), BinaryT),
      ),
    ),
    "true",
  );
  assert.equal(show(comparison("<", S("a"), S("b"))), "true");
  // code point order: U+FFFD < U+1F600 even though UTF-16 says otherwise
  assert.equal(show(comparison("<", S("\uFFFD"), S("😀"))), "true");
});

test("three-valued logic, IN and InSet", () => {
  const T = literal(true, BooleanT);
  const F = literal(false, BooleanT);
  const N = literal(null, BooleanT);
  assert.equal(show(andE(T, N)), "NULL");
  assert.equal(show(andE(N, F)), "false");
  assert.equal(show(orE(F, N)), "NULL");
  assert.equal(show(orE(N, T)), "true");
  assert.equal(show(not(N)), "NULL");
  // FALSE AND 1/0 > 0 short-circuits
  assert.equal(show(andE(F, comparison(">", ar("/", I(1), I(0)), D(0)))), "false");
  assert.equal(show(inList(I(1), [I(1), NULL_INT])), "true");
  assert.equal(show(inList(I(2), [I(1), NULL_INT])), "NULL");
  assert.equal(show(inList(NULL_INT, [I(1)])), "NULL");
  assert.equal(show(not(inList(I(4), [I(1), I(2)]))), "true");
  assert.equal(show(inSet(I(2), [1, 2])), "true");
  assert.equal(show(inSet(I(3), [1, null])), "NULL");
  assert.equal(show(inSet(D(Number.NaN), [Number.NaN])), "true");
});

test("LIKE and RLIKE", () => {
  const lk = (s: string, p: string, esc = "\\"): string => show(like(S(s), S(p), esc));
  assert.equal(lk("abc", "a%"), "true");
  assert.equal(lk("abc", "a_"), "false");
  assert.equal(lk("", "%"), "true");
  assert.equal(lk("a%c", "a\\%c"), "true");
  assert.equal(lk("abc", "a\\%c"), "false");
  assert.equal(lk("a\\b", "a\\\\b"), "true");
  assert.equal(lk("a_c", "a!_c", "!"), "true");
  assert.equal(lk("line1\nline2", "line1%"), "true");
  assert.equal(lk("abc", "a.c"), "false");
  assert.equal(show(like(S("ABC"), S("abc"), "\\", true)), "true");
  assert.deepEqual(errorOf(like(S("abc"), S("a\\bc"))), {
    cls: "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
    params: { format: "'a\\\\bc'", char: "'b'" },
  });
  assert.equal(errorOf(like(S("abc"), S("abc\\"))).cls, "INVALID_FORMAT.ESC_AT_THE_END");
  assert.equal(show(rlike(S("abc"), S("^a.c$"))), "true");
  assert.equal(show(rlike(S("abc"), S("B"))), "false");
  assert.equal(show(rlike(S("abc"), S("(?i)B"))), "true");
  assert.equal(show(rlike(S("a1b2"), S("\\p{Digit}+"))), "true");
  assert.equal(show(rlike(S("a.b"), S("\\Q.\\E"))), "true");
  assert.deepEqual(errorOf(rlike(S("abc"), S("["))), {
    cls: "INVALID_PARAMETER_VALUE.PATTERN",
    params: { parameter: "`regexp`", functionName: "`rlike`", value: "'['" },
  });
});

test("CASE, IF, COALESCE evaluate lazily", () => {
  const boom = ar("/", I(1), I(0));
  assert.equal(show(caseWhen([[literal(true, BooleanT), I(1)]], boom)), "1");
  assert.equal(show(caseWhen([[literal(null, BooleanT), I(1)]], I(2))), "2");
  assert.equal(show(caseWhen([[literal(false, BooleanT), I(1)]])), "NULL");
  assert.equal(show(coalesce([NULL_INT, I(2), boom])), "2");
  assert.equal(show(coalesce([literal(null, NullT), literal(null, NullT)])), "NULL");
});

test("bound references read the row", () => {
  const e = arithmetic("+", boundReference(0, IntegerT), boundReference(1, IntegerT));
  assert.equal(evaluate(e, [1, 2]), 3);
  assert.equal(evaluate(e, [1, null]), null);
});

function castShow(v: Expression, to: DataType, mode: EvalMode = "ANSI"): string {
  return show(cast(v, to, mode));
}

test("CAST: numbers", () => {
  assert.equal(castShow(literal(true, BooleanT), decimalType(5, 2)), "1.00");
  assert.equal(castShow(I(-5), BooleanT), "true");
  assert.deepEqual(errorOf(cast(I(200), ByteT)), {
    cls: "CAST_OVERFLOW",
    params: {
      value: "200",
      sourceType: '"INT"',
      targetType: '"TINYINT"',
      ansiConfig: '"spark.sql.ansi.enabled"',
    },
  });
  assert.equal(errorOf(cast(L(2147483648n), IntegerT)).params.value, "2147483648L");
  assert.equal(castShow(L(-2147483648n), IntegerT), "-2147483648");
  assert.equal(castShow(I(16777217), FloatT), "1.6777216E7");
  assert.equal(castShow(L(9007199254740993n), DoubleT), "9.007199254740992E15");
  assert.equal(castShow(I(123), decimalType(5, 2)), "123.00");
  assert.deepEqual(errorOf(cast(I(123), decimalType(4, 2))).params, {
    value: "123",
    precision: "4",
    scale: "2",
    config: '"spark.sql.ansi.enabled"',
  });
  assert.equal(castShow(D(1.9), IntegerT), "1");
  assert.equal(castShow(D(-1.9), IntegerT), "-1");
  assert.equal(errorOf(cast(D(1e10), IntegerT)).params.value, "1.0E10D");
  assert.equal(castShow(D(1e10), LongT), "10000000000");
  assert.equal(errorOf(cast(D(Number.NaN), IntegerT)).params.value, "NaN");
  assert.equal(castShow(literal(Math.fround(0.1), FloatT), DoubleT), "0.10000000149011612");
  assert.equal(castShow(D(0.1), FloatT), "0.1");
  assert.equal(castShow(D(1e40), FloatT), "Infinity");
  assert.equal(castShow(D(3.14159), decimalType(4, 2)), "3.14");
  assert.equal(castShow(D(2.5), decimalType(1, 0)), "3");
  assert.equal(
    errorOf(cast(D(1e30), decimalType(10, 2))).params.value,
    "1000000000000000000000000000000",
  );
  assert.equal(castShow(D(Number.NaN), decimalType(10, 2)), "NULL");
  assert.equal(castShow(D(1.5), TimestampT), "1970-01-01 00:00:01.5");
  assert.equal(castShow(DEC("-1.5", 2, 1), IntegerT), "-1");
  assert.equal(castShow(DEC("123.455", 6, 3), decimalType(5, 2)), "123.46");
  assert.equal(castShow(DEC("-123.455", 6, 3), decimalType(5, 2)), "-123.46");
  assert.equal(castShow(DEC("1.10", 3, 2), DoubleT), "1.1");
  assert.equal(errorOf(cast(DEC("300.5", 4, 1), ByteT)).params.value, "300.5BD");
  assert.equal(castShow(I(1), TimestampT), "1970-01-01 00:00:01");
  // LEGACY narrowing and TRY
  assert.equal(castShow(I(200), ByteT, "LEGACY"), "-56");
  assert.equal(castShow(D(1e10), IntegerT, "LEGACY"), "2147483647");
  assert.equal(castShow(D(1e10), IntegerT, "TRY"), "NULL");
  assert.equal(castShow(DEC("12345.6", 6, 1), decimalType(4, 1), "TRY"), "NULL");
});

test("CAST: strings", () => {
  assert.equal(castShow(S(" 123 "), IntegerT), "123");
  assert.equal(castShow(S("+5"), IntegerT), "5");
  assert.equal(castShow(S("-0"), IntegerT), "0");
  for (const bad of ["12.5", "1e3", "", "abc", "2147483648"]) {
    assert.deepEqual(errorOf(cast(S(bad), IntegerT)), {
      cls: "CAST_INVALID_INPUT",
      params: {
        expression: `'${bad}'`,
        sourceType: '"STRING"',
        targetType: '"INT"',
        ansiConfig: '"spark.sql.ansi.enabled"',
      },
    });
  }
  assert.equal(errorOf(cast(S("200"), ByteT)).cls, "CAST_INVALID_INPUT");
  assert.equal(castShow(S("12.5"), IntegerT, "LEGACY"), "12");
  assert.equal(castShow(S("abc"), IntegerT, "TRY"), "NULL");
  assert.equal(castShow(S("9223372036854775807"), LongT), "9223372036854775807");
  assert.equal(castShow(S(" 2.5 "), DoubleT), "2.5");
  assert.equal(castShow(S("1e3"), DoubleT), "1000.0");
  assert.equal(castShow(S("NaN"), DoubleT), "NaN");
  assert.equal(castShow(S("-infinity"), DoubleT), "-Infinity");
  assert.equal(castShow(S("inf"), DoubleT), "Infinity");
  assert.equal(castShow(S("1.5d"), DoubleT), "1.5");
  assert.equal(errorOf(cast(S("abc"), DoubleT)).cls, "CAST_INVALID_INPUT");
  assert.equal(castShow(S("1.23456"), decimalType(5, 2)), "1.23");
  assert.equal(castShow(S("1e2"), decimalType(5, 2)), "100.00");
  assert.equal(errorOf(cast(S("123456"), decimalType(5, 2))).params.value, "123456");
  assert.equal(errorOf(cast(S("abc"), decimalType(5, 2))).params.targetType, '"DECIMAL(5,2)"');
  for (const t of ["true", "TRUE", "t", "yes", "y", "1"])
    assert.equal(castShow(S(t), BooleanT), "true");
  for (const f of ["no", "0", " false "]) assert.equal(castShow(S(f), BooleanT), "false");
  assert.equal(errorOf(cast(S("maybe"), BooleanT)).cls, "CAST_INVALID_INPUT");
  assert.equal(castShow(S("2020-1-5"), DateT), "2020-01-05");
  assert.equal(castShow(S("2020-01-15 10:20:30"), DateT), "2020-01-15");
  assert.equal(castShow(S("2020"), DateT), "2020-01-01");
  assert.equal(castShow(S("2020-02"), DateT), "2020-02-01");
  assert.equal(errorOf(cast(S("2020-02-30"), DateT)).cls, "CAST_INVALID_INPUT");
  assert.equal(errorOf(cast(S("2020-13-01"), DateT)).cls, "CAST_INVALID_INPUT");
  assert.equal(castShow(S("2020-01-15T10:20:30Z"), TimestampT), "2020-01-15 10:20:30");
  assert.equal(castShow(S("2020-01-15 10:20:30.123456"), TimestampT), "2020-01-15 10:20:30.123456");
  assert.equal(castShow(S("2020-01-15 10:20:30+02:00"), TimestampT), "2020-01-15 08:20:30");
  assert.equal(castShow(S("2020-01-15"), TimestampT), "2020-01-15 00:00:00");
  assert.equal(errorOf(cast(S("2020-01-15 25:00:00"), TimestampT)).cls, "CAST_INVALID_INPUT");
  assert.equal(castShow(S("2020-01-15 10:20:30+02:00"), TimestampNTZT), "2020-01-15 10:20:30");
  assert.equal(castShow(S("abc"), BinaryT), "abc");
  assert.equal(castShow(literal(new Uint8Array([0x41, 0x42, 0x43]), BinaryT), StringT), "ABC");
});

test("CAST: dates and timestamps", () => {
  const d = cast(S("2020-01-15"), DateT);
  assert.equal(castShow(d, TimestampT), "2020-01-15 00:00:00");
  assert.equal(castShow(d, TimestampNTZT), "2020-01-15 00:00:00");
  const ts = cast(S("2020-01-15 10:20:30.5"), TimestampT);
  assert.equal(castShow(ts, StringT), "2020-01-15 10:20:30.5");
  assert.equal(castShow(ts, DateT), "2020-01-15");
  assert.equal(castShow(ts, LongT), "1579083630");
  assert.equal(castShow(ts, DoubleT), "1.5790836305E9");
  assert.equal(castShow(cast(S("1969-12-31 23:59:59.9"), TimestampT), LongT), "-1");
  const ntz = cast(S("2020-01-15 10:20:30.000001"), TimestampNTZT);
  assert.equal(castShow(ntz, StringT), "2020-01-15 10:20:30.000001");
  assert.equal(castShow(ntz, TimestampT), "2020-01-15 10:20:30.000001");
  // A session time zone moves the instant.
  const la = cast(S("2020-07-01 00:00:00"), TimestampT, "ANSI", "America/Los_Angeles");
  assert.equal(castShow(la, StringT), "2020-07-01 07:00:00");
});

test("CAST: intervals (pyspark 4)", () => {
  const ym = { kind: "yearmonth_interval", startField: 0, endField: 1 } as const;
  const y = { kind: "yearmonth_interval", startField: 0, endField: 0 } as const;
  const dts = { kind: "daytime_interval", startField: 0, endField: 3 } as const;
  const hm = { kind: "daytime_interval", startField: 1, endField: 2 } as const;
  const mi = { kind: "daytime_interval", startField: 2, endField: 2 } as const;
  const h = { kind: "daytime_interval", startField: 1, endField: 1 } as const;
  const str = (e: Expression): string => castShow(e, StringT);
  assert.equal(str(cast(S("1-2"), ym)), "INTERVAL '1-2' YEAR TO MONTH");
  assert.equal(str(cast(S("-1-2"), ym)), "INTERVAL '-1-2' YEAR TO MONTH");
  assert.equal(str(cast(S("INTERVAL '1-2' YEAR TO MONTH"), ym)), "INTERVAL '1-2' YEAR TO MONTH");
  assert.equal(str(cast(S("3"), y)), "INTERVAL '3' YEAR");
  assert.equal(str(cast(S("1 02:03:04.5"), dts)), "INTERVAL '1 02:03:04.5' DAY TO SECOND");
  assert.equal(str(cast(S("02:03"), hm)), "INTERVAL '02:03' HOUR TO MINUTE");
  assert.equal(str(cast(S("100"), mi)), "INTERVAL '100' MINUTE");
  assert.equal(str(cast(cast(S("1 02:03:04.5"), dts), h)), "INTERVAL '26' HOUR");
  assert.equal(str(cast(I(3), h)), "INTERVAL '03' HOUR");
  assert.equal(castShow(cast(S("3"), h), LongT), "3");
  assert.equal(castShow(cast(S("90"), mi), IntegerT), "90");
  assert.equal(castShow(cast(S("1-6"), ym), IntegerT), "18");
  assert.equal(errorOf(cast(S("1 02"), dts)).cls, "CAST_INVALID_INPUT");
});
