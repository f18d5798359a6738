import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  BooleanT,
  DateT,
  DoubleT,
  IntegerT,
  LongT,
  mapType,
  NullT,
  StringT,
  TimestampT,
} from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import type { Expression, Generator } from "../expressions/expression.ts";
import { cast, literal } from "../expressions/factories.ts";
import { generateRows } from "./generator.ts";
import { builtinRegistry } from "./index.ts";
import { BIND_CTX, bindCall, run, typeOfCall } from "./testing.ts";

// Expected values: test/sql/results/expressions/{predicates,cast}.sql.out (Spark 4).
const I = (v: number | null): Expression => literal(v, IntegerT);
const S = (v: string | null): Expression => literal(v, StringT);

test("between with three-valued logic", () => {
  assert.equal(run("between", I(5), I(1), I(10)), "true");
  assert.equal(run("between", I(5), I(10), I(1)), "false");
  assert.equal(run("between", literal(null, NullT), I(1), I(2)), "NULL");
  assert.equal(run("between", I(5), literal(null, NullT), I(10)), "NULL");
  assert.equal(run("between", I(5), I(6), literal(null, NullT)), "false");
  assert.equal(run("between", literal(2.5, DoubleT), I(2), I(3)), "true");
});

test("like any / all", () => {
  assert.equal(run("likeany", S("abc"), S("x%"), S("%c")), "true");
  assert.equal(run("likeall", S("abc"), S("a%"), S("%c")), "true");
  assert.equal(run("notlikeall", S("abc"), S("x%"), S("y%")), "true");
});

test("type-named casts", () => {
  assert.equal(run("int", S("7")), "7");
  assert.equal(run("double", S("7")), "7.0");
  assert.equal(run("string", I(7)), "7");
  const bad = bindCall("date", [literal(true, BooleanT)]);
  assert.ok(isTypeCheckFailure(bad) && bad.errorClass === "CAST_WITHOUT_SUGGESTION");
});

function gen(name: string, arg: Expression): Generator {
  const def = builtinRegistry().lookup(name);
  if (def?.kind !== "generator") throw new Error(name);
  const g = def.bind([arg], BIND_CTX);
  if (isTypeCheckFailure(g) || g.kind !== "Generator") throw new Error("bind");
  return g;
}

test("generators", () => {
  const arr = literal([10, 20], arrayType(IntegerT));
  assert.deepEqual(generateRows(gen("explode", arr), [[10, 20]]), [[10], [20]]);
  assert.deepEqual(generateRows(gen("posexplode", arr), [[10, 20]]), [
    [0, 10],
    [1, 20],
  ]);
  assert.deepEqual(generateRows(gen("explode", arr), [[]]), []);
  assert.deepEqual(generateRows(gen("explode_outer", arr), [null]), [[null]]);
  const m = literal({ keys: ["a"], values: [1] }, mapType(StringT, IntegerT));
  const g = gen("explode", m);
  assert.deepEqual(
    g.elementSchema.map((c) => c.name),
    ["key", "value"],
  );
  assert.deepEqual(generateRows(g, [{ keys: ["a"], values: [1] }]), [["a", 1]]);
});

test("bitwise operators and extract", () => {
  assert.equal(run("&", I(3), I(5)), "1");
  assert.equal(run("|", I(3), I(5)), "7");
  assert.equal(run("^", I(3), I(5)), "6");
  assert.equal(run("~", I(0)), "-1");
  assert.equal(run("<<", I(2), I(1)), "4");
  assert.equal(run(">>", I(-8), I(1)), "-4");
  assert.equal(run(">>>", I(-8), I(1)), "2147483644");
  assert.equal(run("shiftrightunsigned", literal(-8n, LongT), I(1)), "9223372036854775804");
  assert.equal(run("bit_count", I(-1)), "64");
  assert.equal(typeOfCall("&", I(3), literal(5n, LongT)), "bigint");
  const ts = cast(S("2019-08-12 01:02:03.123456"), TimestampT);
  assert.equal(run("extract", S("YEAR"), ts), "2019");
  assert.equal(run("extract", S("SECOND"), ts), "3.123456");
  assert.equal(typeOfCall("extract", S("SECOND"), ts), "decimal(8,6)");
  assert.equal(run("date_part", S("dow"), cast(S("2019-08-12"), DateT)), "2");
  assert.equal(run("extract", S("week"), cast(S("2019-12-30"), DateT)), "1");
});
