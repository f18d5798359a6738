import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  BinaryT,
  BooleanT,
  DateT,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  NullT,
  StringT,
  structField,
  structType,
  TimestampT,
} from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import type { Expression } from "../expressions/expression.ts";
import {
  arithmetic,
  cast,
  comparison,
  lambdaFunction,
  literal,
  namedLambdaVariable,
} from "../expressions/factories.ts";
import { bindCall, run, typeOfCall } from "./testing.ts";

// Expected values: pyspark 4 (see the report for the queries).
const I = (v: number | null): Expression => literal(v, IntegerT);
const S = (v: string | null): Expression => literal(v, StringT);
const D = (v: number): Expression => literal(v, DoubleT);
const arr = (...xs: Expression[]): Expression => {
  const e = run("array", ...xs);
  void e;
  return literal(
    xs.map((x) => (x.kind === "Literal" ? x.value : null)),
    arrayType(xs[0]?.kind === "Literal" ? xs[0].dataType : NullT),
  );
};

test("constructors", () => {
  assert.equal(run("array", I(1), D(2.5)), "[1.0,2.5]");
  assert.equal(typeOfCall("array", I(1), D(2.5)), "array<double>");
  assert.equal(run("map", S("a"), I(1), S("b"), I(2)), '{"a":1,"b":2}');
  assert.equal(run("named_struct", S("x"), I(1), S("y"), S("z")), '{"x":1,"y":"z"}');
  assert.equal(typeOfCall("struct", I(1), S("a")), "struct<col1:int,col2:string>");
  assert.throws(() => run("map", I(1), S("a"), I(1), S("b")), /DUPLICATED_MAP_KEY/);
  assert.throws(() => run("map", literal(null, IntegerT), S("a")), /NULL_MAP_KEY/);
});

test("accessors and array functions", () => {
  assert.equal(run("size", arr(I(1), I(2))), "2");
  assert.equal(run("size", literal(null, arrayType(IntegerT))), "NULL");
  assert.equal(run("array_contains", arr(I(1), I(null)), I(2)), "NULL");
  assert.equal(run("array_contains", arr(I(1), I(2)), I(2)), "true");
  assert.equal(run("element_at", arr(I(1), I(2), I(3)), I(-1)), "3");
  assert.throws(
    () => run("element_at", arr(I(1), I(2), I(3)), I(5)),
    /INVALID_ARRAY_INDEX_IN_ELEMENT_AT/,
  );
  assert.throws(() => run("element_at", arr(I(1)), I(0)), /INVALID_INDEX_OF_ZERO/);
  assert.equal(run("try_element_at", arr(I(1), I(2), I(3)), I(5)), "NULL");
  assert.equal(run("element_at", run2map(), S("b")), "NULL");
  assert.equal(run("sort_array", arr(I(3), I(null), I(1)), literal(false, BooleanT)), "[3,1,null]");
  assert.equal(run("sort_array", arr(I(3), I(null), I(1))), "[null,1,3]");
  assert.equal(run("array_sort", arr(I(3), I(null), I(1))), "[1,3,null]");
  assert.equal(run("array_distinct", arr(I(1), I(2), I(2), I(null), I(null))), "[1,2,null]");
  assert.equal(run("array_join", arr(S("a"), S(null), S("b")), S(","), S("N")), "a,N,b");
  assert.equal(run("array_join", arr(S("a"), S(null), S("b")), S(",")), "a,b");
  assert.equal(run("array_position", arr(I(3), I(4)), I(4)), "2");
  assert.equal(run("slice", arr(I(1), I(2), I(3), I(4)), I(-2), I(5)), "[3,4]");
  assert.equal(run("sequence", I(5), I(1)), "[5,4,3,2,1]");
  assert.equal(run("sequence", I(1), I(10), I(3)), "[1,4,7,10]");
  assert.equal(run("arrays_overlap", arr(I(1), I(null)), arr(I(2))), "NULL");
  assert.equal(run("array_union", arr(I(1), I(2), I(3)), arr(I(1), I(3), I(5))), "[1,2,3,5]");
  assert.equal(run("array_except", arr(I(1), I(2), I(3)), arr(I(1), I(3), I(5))), "[2]");
  assert.equal(run("array_max", arr(I(1), I(20), I(null), I(3))), "20");
});

function run2map(): Expression {
  return literal(
    { keys: ["a"], values: [1] },
    { kind: "map", keyType: StringT, valueType: IntegerT, valueContainsNull: true },
  );
}

test("higher-order functions", () => {
  const x = namedLambdaVariable("x", IntegerT);
  const i = namedLambdaVariable("i", IntegerT);
  const plus = lambdaFunction(arithmetic("+", x, i), [x, i]);
  assert.equal(run("transform", arr(I(1), I(2)), plus), "[1,3]");
  const gt1 = lambdaFunction(comparison(">", x, I(1)), [x]);
  assert.equal(run("filter", arr(I(1), I(2), I(3)), gt1), "[2,3]");
  assert.equal(run("exists", arr(I(1), I(null)), gt1), "NULL");
  assert.equal(run("forall", arr(I(2), I(3)), gt1), "true");
  const acc = namedLambdaVariable("acc", IntegerT);
  const merge = lambdaFunction(arithmetic("+", acc, x), [acc, x]);
  const finish = lambdaFunction(arithmetic("*", acc, I(10)), [acc]);
  assert.equal(run("aggregate", arr(I(1), I(2), I(3)), I(0), merge, finish), "60");
  const y = namedLambdaVariable("y", IntegerT);
  const add = lambdaFunction(arithmetic("+", x, y), [x, y]);
  assert.equal(
    run("zip_with", arr(I(1), I(2)), arr(I(3)), add),
    "[4,NULL]".replace("NULL", "null"),
  );
});

test("hash functions match Spark", () => {
  assert.equal(run("hash", S("Spark"), arr(I(123)), I(2)), "-1321691492");
  assert.equal(run("hash", I(1)), "-559580957");
  assert.equal(run("hash", literal(1n, LongT)), "-1712319331");
  assert.equal(run("hash", S("abc")), "1322437556");
  assert.equal(run("hash", D(1.5)), "1290763749");
  assert.equal(run("hash", D(-0)), "-1670924195");
  assert.equal(run("hash", literal(null, NullT)), "42");
  assert.equal(run("hash", literal(150n, decimalType(30, 2))), "-339019914");
  assert.equal(run("hash", literal(-150n, decimalType(30, 2))), "-690534446");
  assert.equal(run("hash", literal(true, BooleanT)), "-559580957");
  assert.equal(run("hash", cast(S("2020-01-01"), DateT)), "-725858435");
  assert.equal(run("hash", literal(new Uint8Array([1, 2, 3, 4, 0xff]), BinaryT)), "303003815");
  assert.equal(run("hash", literal(1.5, FloatT)), "-221251528");
  assert.equal(run("hash", literal(15n, decimalType(2, 1))), "-18083236");
  assert.equal(run("crc32", S("Spark")), "1557323817");
  assert.equal(run("md5", S("Spark")), "8cde774d6f7333752ed72cacddb05126");
  assert.equal(
    run("sha2", S("Spark"), I(0)),
    "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b",
  );
});

test("JSON functions", () => {
  const doc = '{"a":{"b":[1,{"c":"x"}]},"d":"s","e":1.50,"f":null,"g":true}';
  assert.equal(run("get_json_object", S(doc), S("$.a.b[1].c")), "x");
  assert.equal(run("get_json_object", S('{"a":{"b":[1,2]}}'), S("$.a")), '{"b":[1,2]}');
  assert.equal(run("get_json_object", S('{"e":1.50}'), S("$.e")), "1.5");
  assert.equal(run("get_json_object", S('{"f":null}'), S("$.f")), "NULL");
  assert.equal(run("get_json_object", S("bad"), S("$.a")), "NULL");
  assert.equal(run("get_json_object", S('{"a":[{"b":1},{"b":2}]}'), S("$.a[*].b")), "[1,2]");
  assert.equal(run("get_json_object", S('{"a b":1}'), S("$['a b']")), "1");
  assert.equal(run("get_json_object", S('{"a": 1.0e3}'), S("$.a")), "1000.0");
  assert.equal(run("json_array_length", S("[1,2,[3]]")), "3");
  assert.equal(run("json_object_keys", S('{"a":1,"b":2}')), '["a","b"]');
  const st = run("to_json", run2struct());
  assert.equal(
    st,
    '{"a":1,"c":"x\\"y","d":1.5,"e":1.0E10,"f":[1,2],"h":"2020-01-02","i":"2020-01-02T03:04:05.500Z","j":1.10}',
  );
});

function run2struct(): Expression {
  const t = structType([
    structField("a", IntegerT),
    structField("b", IntegerT),
    structField("c", StringT),
    structField("d", DoubleT),
    structField("e", DoubleT),
    structField("f", arrayType(IntegerT)),
    structField("h", DateT),
    structField("i", TimestampT),
    structField("j", decimalType(5, 2)),
  ]);
  return literal([1, null, 'x"y', 1.5, 1e10, [1, 2], 18263, 1577934245500000n, 110n], t);
}

test("xxhash64 matches Spark", () => {
  assert.equal(run("xxhash64", S("Spark"), arr(I(123)), I(2)), "5602566077635097486");
  assert.equal(run("xxhash64", I(1)), "-6698625589789238999");
  assert.equal(run("xxhash64", literal(1n, LongT)), "-7001672635703045582");
  assert.equal(run("xxhash64", S("abc")), "1423657621850124518");
  assert.equal(run("xxhash64", D(1.5)), "7738255526519901366");
  assert.equal(run("xxhash64", literal(null, NullT)), "42");
  assert.equal(
    run("xxhash64", S("abcdefghijklmnopqrstuvwxyz0123456789abcdef")),
    "-7881181702302108412",
  );
  assert.equal(run("xxhash64", literal(150n, decimalType(30, 2))), "-194698251525976593");
});

test("bind failures use Spark's DATATYPE_MISMATCH sub-classes (pyspark 4)", () => {
  const fails = (name: string, ...args: Expression[]): string => {
    const r = bindCall(name, args);
    return isTypeCheckFailure(r) ? r.errorClass : "bound";
  };
  assert.equal(fails("concat", arr(I(1)), S("a")), "DATA_DIFF_TYPES");
  assert.equal(fails("size", I(1)), "UNEXPECTED_INPUT_TYPE");
  assert.equal(fails("array_contains", I(1), I(1)), "UNEXPECTED_INPUT_TYPE");
  assert.equal(fails("sort_array", I(1)), "UNEXPECTED_INPUT_TYPE");
  assert.equal(fails("map_keys", I(1)), "UNEXPECTED_INPUT_TYPE");
  assert.equal(fails("coalesce", I(1), arr(I(1))), "DATA_DIFF_TYPES");
  assert.equal(fails("upper", arr(I(1))), "UNEXPECTED_INPUT_TYPE");
  assert.equal(fails("md5", I(1)), "UNEXPECTED_INPUT_TYPE");
  const x = namedLambdaVariable("x", IntegerT);
  assert.equal(fails("transform", I(1), lambdaFunction(x, [x])), "UNEXPECTED_INPUT_TYPE");
  assert.equal(
    run("round", literal(15n, decimalType(2, 1)), literal(15n, decimalType(2, 1))),
    "1.5",
  );
});
