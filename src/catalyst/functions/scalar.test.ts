import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BooleanT,
  ByteT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  ShortT,
  StringT,
} from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import type { Expression } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import { bindCall, run, typeOfCall } from "./testing.ts";

// Expected values: Spark 4 (test/sql/results/expressions/*.out and pyspark 4 runs).

const S = (v: string | null): Expression => literal(v, StringT);
const I = (v: number | null): Expression => literal(v, IntegerT);
const L = (v: bigint): Expression => literal(v, LongT);
const D = (v: number): Expression => literal(v, DoubleT);
const N = literal(null, NullT);
const DEC = (u: bigint, p: number, s: number): Expression => literal(u, decimalType(p, s));

test("string functions", () => {
  assert.equal(run("concat", S("a"), S("b"), S("c")), "abc");
  assert.equal(run("concat", S("a"), N, S("c")), "NULL");
  assert.equal(run("concat"), "");
  assert.equal(run("concat", I(1), I(2)), "12");
  assert.equal(run("concat", S("x"), D(1.5)), "x1.5");
  assert.equal(run("concat_ws", S(","), S("a"), N, S("c")), "a,c");
  assert.equal(run("concat_ws", N, S("a")), "NULL");
  assert.equal(run("concat_ws", S("-")), "");
  assert.equal(run("length", S("héllo")), "5");
  assert.equal(run("length", S("😀")), "1");
  assert.equal(run("length", I(123)), "3");
  assert.equal(run("octet_length", S("héllo")), "6");
  assert.equal(run("bit_length", S("a")), "8");
  assert.equal(run("upper", S("straße")), "STRASSE");
  assert.equal(run("lower", S("ÀÉÎ")), "àéî");
  assert.equal(run("initcap", S("hello   wORLD x")), "Hello   World X");
  assert.equal(run("substring", S("hello"), I(2)), "ello");
  assert.equal(run("substring", S("hello"), I(0), I(2)), "he");
  assert.equal(run("substring", S("hello"), I(-3), I(2)), "ll");
  assert.equal(run("substring", S("hello"), I(-10), I(3)), "");
  assert.equal(run("substring", S("hello"), I(-10), I(8)), "hel");
  assert.equal(run("substring", S("hello"), I(2), I(-1)), "");
  assert.equal(run("substr", I(12345), I(2), I(3)), "234");
  assert.equal(run("substring", S("héllo"), I(2), I(2)), "él");
  assert.equal(run("left", S("hello"), I(2)), "he");
  assert.equal(run("right", S("hello"), I(2)), "lo");
  assert.equal(run("left", S("hello"), I(-1)), "");
  assert.equal(run("trim", S("  a b  ")), "a b");
  assert.equal(run("trim", S("\t a \t")), "\t a \t");
  assert.equal(run("trim", S("xy"), S("xyaxyyx")), "a");
  assert.equal(run("trim", S("xyx"), S("x")), "");
  assert.equal(run("btrim", S("xyx"), S("x")), "y");
  assert.equal(run("ltrim", S("x"), S("xxaxx")), "axx");
  assert.equal(run("lpad", S("hi"), I(5), S("ab")), "abahi");
  assert.equal(run("lpad", S("hello"), I(3), S("x")), "hel");
  assert.equal(run("lpad", S("hi"), I(5)), "   hi");
  assert.equal(run("lpad", S("hi"), I(-1), S("x")), "");
  assert.equal(run("lpad", S("hi"), I(5), S("")), "hi");
  assert.equal(run("rpad", S("hi"), I(5), S("ab")), "hiaba");
  assert.equal(run("rpad", S("hello"), I(2)), "he");
  assert.equal(run("replace", S("aaa"), S("aa"), S("b")), "ba");
  assert.equal(run("replace", S("abc"), S("b")), "ac");
  assert.equal(run("replace", S("abc"), S(""), S("x")), "abc");
  assert.equal(run("translate", S("abcba"), S("ab"), S("x")), "xcx");
  assert.equal(run("instr", S("hello"), S("l")), "3");
  assert.equal(run("instr", S("hello"), S("")), "1");
  assert.equal(run("locate", S("l"), S("hello"), I(4)), "4");
  assert.equal(run("locate", S("l"), S("hello"), I(0)), "0");
  assert.equal(run("locate", S(""), S("hello")), "1");
  assert.equal(run("position", S("l"), S("hello"), I(5)), "0");
  assert.equal(run("reverse", S("héllo")), "olléh");
  assert.equal(run("repeat", S("ab"), I(3)), "ababab");
  assert.equal(run("repeat", S("ab"), I(-1)), "");
  assert.equal(run("split", S("oneAtwoBthreeC"), S("[ABC]")), '["one","two","three",""]');
  assert.equal(run("split", S("a,b,,"), S(",")), '["a","b","",""]');
  assert.equal(run("split", S(""), S(",")), '[""]');
  assert.equal(run("split", S("abc"), S("")), '["a","b","c"]');
  assert.equal(run("split", S("oneAtwoBthreeC"), S("[ABC]"), I(2)), '["one","twoBthreeC"]');
  assert.equal(run("ascii", S("A")), "65");
  assert.equal(run("ascii", S("")), "0");
  assert.equal(run("chr", I(65)), "A");
  assert.equal(run("chr", I(256 + 65)), "A");
  assert.equal(run("substring_index", S("www.apache.org"), S("."), I(2)), "www.apache");
  assert.equal(run("substring_index", S("www.apache.org"), S("."), I(-2)), "apache.org");
  assert.equal(run("regexp_replace", S("100-200"), S("(\\d+)"), S("<$1>")), "<100>-<200>");
  assert.equal(run("regexp_extract", S("100-200"), S("(\\d+)-(\\d+)"), I(2)), "200");
  assert.equal(run("hex", L(-1n)), "FFFFFFFFFFFFFFFF");
  assert.equal(
    run("format_string", S("%5d|%-3s|%.2f|%05d"), I(42), S("a"), D(3.14159), I(-42)),
    "   42|a  |3.14|-0042",
  );
  assert.equal(run("format_string", S("%d-%s"), I(1), S("a")), "1-a");
  assert.equal(typeOfCall("length", S("x")), "int");
  // substring(hello, 2) is bound with the default length, as Spark names the column
  const bound = bindCall("substring", [S("hello"), I(2)]);
  assert.ok(
    !isTypeCheckFailure(bound) && bound.kind === "ScalarFunction" && bound.args.length === 3,
  );
});

test("conditional functions and their types", () => {
  assert.equal(typeOfCall("coalesce", I(1), S("2")), "bigint");
  assert.equal(typeOfCall("coalesce", DEC(15n, 2, 1), L(2n)), "decimal(21,1)");
  assert.equal(run("coalesce", N, I(1), I(2)), "1");
  assert.equal(run("coalesce", N, N), "NULL");
  assert.equal(run("nvl", N, I(5)), "5");
  assert.equal(run("ifnull", S("y"), S("x")), "y");
  assert.equal(run("nvl2", N, S("a"), S("b")), "b");
  assert.equal(run("nvl2", I(1), I(1), D(2.5)), "1.0");
  assert.equal(run("nullif", I(1), L(1n)), "NULL");
  assert.equal(run("nullif", I(1), D(1)), "NULL");
  assert.equal(run("nullif", I(1), I(2)), "1");
  assert.equal(run("nullif", I(1), N), "1");
  assert.equal(typeOfCall("nullif", I(1), L(1n)), "int");
  assert.equal(run("if", literal(null, BooleanT), S("a"), S("b")), "b");
  assert.equal(run("if", literal(true, BooleanT), I(1), D(2.5)), "1.0");
  const bad = bindCall("if", [I(1), S("a"), S("b")]);
  assert.ok(isTypeCheckFailure(bad) && bad.errorClass === "UNEXPECTED_INPUT_TYPE");
  assert.equal(run("greatest", I(1), N, I(3)), "3");
  assert.equal(run("least", I(1), N, I(3)), "1");
  assert.equal(run("greatest", D(Number.NaN), D(1)), "NaN");
  assert.equal(run("least", D(Number.NaN), D(1)), "1.0");
  const diff = bindCall("greatest", [I(1), S("2")]);
  assert.ok(isTypeCheckFailure(diff));
  assert.deepEqual(diff.messageParameters, {
    functionName: "`greatest`",
    dataType: '["INT", "STRING"]',
  });
  assert.equal(run("zeroifnull", N), "0");
  assert.equal(run("nullifzero", I(0)), "NULL");
  assert.equal(run("decode", I(2), I(1), S("one"), I(2), S("two"), S("other")), "two");
  assert.equal(run("decode", I(3), I(1), S("one"), I(2), S("two")), "NULL");
  assert.equal(run("decode", N, N, S("null"), S("other")), "null");
  assert.equal(run("isnan", D(Number.NaN)), "true");
  assert.equal(run("typeof", N), "void");
});

test("math functions", () => {
  assert.equal(run("abs", DEC(-150n, 3, 2)), "1.50");
  assert.equal(run("abs", S("-1")), "1.0");
  assert.throws(() => run("abs", I(-2147483648)), /ARITHMETIC_OVERFLOW/);
  assert.equal(run("round", DEC(25n, 2, 1)), "3");
  assert.equal(run("round", DEC(-25n, 2, 1)), "-3");
  assert.equal(run("round", DEC(2345n, 4, 3), I(2)), "2.35");
  assert.equal(typeOfCall("round", DEC(2345n, 4, 3), I(2)), "decimal(4,2)");
  assert.equal(run("round", DEC(123456n, 6, 3), I(-1)), "120");
  assert.equal(typeOfCall("round", DEC(12345678n, 8, 4), I(-2)), "decimal(5,0)");
  assert.equal(run("round", D(2.5)), "3.0");
  assert.equal(run("round", D(0.125), I(2)), "0.13");
  assert.equal(run("round", D(2.675), I(2)), "2.68");
  assert.equal(run("round", D(-2.5)), "-3.0");
  assert.equal(run("round", I(15), I(-1)), "20");
  assert.equal(run("round", literal(Math.fround(1.5), FloatT)), "2.0");
  assert.equal(run("bround", DEC(25n, 2, 1)), "2");
  assert.equal(run("bround", DEC(35n, 2, 1)), "4");
  assert.equal(run("bround", DEC(125n, 3, 3), I(2)), "0.12");
  assert.equal(run("bround", D(2.5)), "2.0");
  assert.equal(run("ceil", DEC(12n, 2, 1)), "2");
  assert.equal(typeOfCall("ceil", DEC(12n, 2, 1)), "decimal(2,0)");
  assert.equal(run("floor", DEC(-12n, 2, 1)), "-2");
  assert.equal(run("ceil", D(1.2)), "2");
  assert.equal(run("ceil", D(-0.5)), "0");
  assert.equal(run("floor", D(-1.5)), "-2");
  assert.equal(typeOfCall("floor", I(1)), "bigint");
  assert.equal(run("signum", D(-0)), "-0.0");
  assert.equal(run("sqrt", S("4")), "2.0");
  assert.equal(run("sqrt", D(-1)), "NaN");
  assert.equal(run("log", D(2), D(8)), "3.0");
  assert.equal(run("ln", D(0)), "NULL");
  assert.equal(run("log10", D(-1)), "NULL");
  assert.equal(run("pmod", I(-7), I(3)), "2");
  assert.equal(run("mod", I(-7), I(3)), "-1");
  assert.equal(typeOfCall("mod", I(7), DEC(25n, 2, 1)), "decimal(2,1)");
  assert.equal(run("try_add", I(2147483647), I(1)), "NULL");
  assert.equal(run("try_add", I(1), I(2)), "3");
  assert.equal(typeOfCall("try_multiply", L(3n), I(4)), "bigint");
  assert.equal(run("try_divide", I(1), I(0)), "NULL");
  assert.equal(run("try_divide", I(7), I(2)), "3.5");
  assert.equal(typeOfCall("try_divide", I(7), I(2)), "double");
  assert.equal(run("try_mod", I(5), I(0)), "NULL");
  assert.equal(run("try_subtract", literal(-128, ByteT), literal(1, ByteT)), "NULL");
  assert.equal(typeOfCall("try_add", literal(1, ShortT), literal(1, ByteT)), "smallint");
  // rand/randn with a seed give Spark's sequence (partition 0)
  assert.equal(run("rand", I(42)), "0.619189370225301");
  assert.equal(run("rand", I(0)), "0.7604953758285915");
  assert.equal(run("randn", I(42)), "2.384479054241165");
  assert.equal(run("randn", I(0)), "1.6034991609278433");
});

test("more string, map and array functions (pyspark 4)", () => {
  assert.equal(run("split_part", S("a,b,c"), S(","), I(2)), "b");
  assert.equal(run("split_part", S("a,b,c"), S(","), I(-1)), "c");
  assert.equal(run("split_part", S("a,b,c"), S(","), I(5)), "");
  assert.equal(run("format_number", DEC(12332123456n, 11, 6), I(4)), "12,332.1235");
  assert.equal(run("format_number", DEC(1234567891n, 10, 3), I(0)), "1,234,568");
  assert.equal(run("format_number", DEC(-5n, 1, 1), I(2)), "-0.50");
  assert.equal(run("format_number", D(1234.5), S("#,###.#")), "1,234.5");
  assert.equal(run("overlay", S("Spark SQL"), S("_"), I(6)), "Spark_SQL");
  assert.equal(run("overlay", S("Spark SQL"), S("CORE"), I(7), I(0)), "Spark CORESQL");
  assert.equal(run("soundex", S("Miller")), "M460");
  assert.equal(run("str_to_map", S("a:1,b:2")), '{"a":"1","b":"2"}');
});

test("conv between bases", () => {
  assert.equal(run("conv", S("ff"), I(16), I(10)), "255");
  assert.equal(run("conv", S("100"), I(2), I(10)), "4");
  assert.equal(run("conv", S("-10"), I(16), I(-10)), "-16");
  assert.equal(run("conv", S("-1"), I(10), I(16)), "FFFFFFFFFFFFFFFF");
});

test("result types of mixed-type calls (pyspark 4 typeof)", () => {
  assert.equal(typeOfCall("try_divide", DEC(15n, 2, 1), I(2)), "decimal(7,6)");
  assert.equal(typeOfCall("try_multiply", DEC(25n, 2, 1), I(3)), "decimal(4,1)");
  assert.equal(typeOfCall("greatest", I(1), DEC(25n, 2, 1)), "decimal(11,1)");
  assert.equal(typeOfCall("nvl", I(1), S("2")), "bigint");
  assert.equal(typeOfCall("least", literal(1, ByteT), literal(2, ShortT)), "smallint");
  assert.equal(typeOfCall("round", literal(Math.fround(1.5), FloatT)), "float");
  assert.equal(typeOfCall("bround", DEC(12345n, 5, 3), I(1)), "decimal(4,1)");
  assert.equal(typeOfCall("sqrt", literal(1, ByteT)), "double");
  assert.equal(typeOfCall("pmod", literal(1, ByteT), I(2)), "int");
  assert.equal(typeOfCall("abs", literal(1, ByteT)), "tinyint");
});
