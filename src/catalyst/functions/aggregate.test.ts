import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrayType,
  BooleanT,
  type DataType,
  DoubleT,
  decimalType,
  FloatT,
  IntegerT,
  LongT,
  StringT,
  simpleString,
} from "../../types/data-types.ts";
import { isTypeCheckFailure } from "../catalog/function-registry.ts";
import type { AggregateFunction } from "../expressions/expression.ts";
import { boundReference, literal } from "../expressions/factories.ts";
import { toHiveString } from "../expressions/format.ts";
import { aggregateImpl, aggregateRows } from "./aggregate-impl.ts";
import { builtinRegistry } from "./index.ts";

// The `agg` view of test/sql/inputs/expressions/aggregates.sql; expected values are
// Spark 4's (test/sql/results/expressions/aggregates.sql.out).
const DEC52 = decimalType(5, 2);
const K = ["a", "a", "a", "b", "b", "c"];
const I = [1, 2, null, 3, 3, null];
const D = [1.5, null, 2.5, 3.0, null, null];
const M = [110n, 220n, null, 330n, 1n, null];
const S = ["x", "y", "x", null, "z", null];

function bind(name: string, t: DataType, extra: unknown[] = []): AggregateFunction {
  const def = builtinRegistry().lookup(name);
  if (def?.kind !== "aggregate") throw new Error(name);
  const args = [boundReference(0, t), ...extra.map((v) => literal(v, BooleanT))];
  const fn = def.bind(args, { ansi: true, sessionTimeZone: "UTC" });
  if (isTypeCheckFailure(fn)) throw new Error(fn.errorClass);
  return fn;
}

function agg(name: string, t: DataType, col: readonly unknown[], extra: unknown[] = []): string {
  const fn = bind(name, t, extra);
  return `${toHiveString(
    aggregateRows(
      fn,
      col.map((v) => [v]),
    ),
    fn.dataType,
  )}:${simpleString(fn.dataType)}`;
}

test("counts, sums and averages", () => {
  assert.equal(agg("count", IntegerT, I), "4:bigint");
  assert.equal(agg("count", IntegerT, []), "0:bigint");
  assert.equal(agg("sum", IntegerT, I), "9:bigint");
  assert.equal(agg("sum", DoubleT, D), "7.0:double");
  assert.equal(agg("sum", DEC52, M), "6.61:decimal(15,2)");
  assert.equal(agg("sum", IntegerT, []), "NULL:bigint");
  assert.equal(agg("avg", IntegerT, I), "2.25:double");
  assert.equal(agg("avg", DoubleT, D), "2.3333333333333335:double");
  assert.equal(agg("avg", DEC52, M), "1.652500:decimal(9,6)");
  assert.equal(agg("avg", DEC52, [330n, 1n]), "1.655000:decimal(9,6)");
  assert.equal(agg("avg", decimalType(10, 0), [1n, 2n]), "1.5000:decimal(14,4)");
  assert.equal(agg("avg", decimalType(38, 0), [1n, 2n]), "1.5000:decimal(38,4)");
  assert.equal(agg("avg", decimalType(3, 2), [150n, 225n]), "1.875000:decimal(7,6)");
  assert.equal(agg("avg", LongT, [1n, 2n, 2n]), "1.6666666666666667:double");
  assert.equal(agg("sum", IntegerT, [2147483647, 1]), "2147483648:bigint");
  assert.equal(agg("sum", FloatT, [1.5, 2.5]), "4.0:double");
  assert.throws(() => agg("sum", LongT, [9223372036854775807n, 1n]), /ARITHMETIC_OVERFLOW/);
  assert.equal(agg("try_sum", LongT, [9223372036854775807n, 1n]), "NULL:bigint");
  const big = 99999999999999999999999999999999999999n;
  assert.throws(() => agg("sum", decimalType(38, 0), [big, 1n]), /Overflow in sum of decimals/);
});

test("min, max, first, last, collect", () => {
  assert.equal(agg("min", IntegerT, I), "1:int");
  assert.equal(agg("max", StringT, S), "z:string");
  assert.equal(agg("max", DEC52, M), "3.30:decimal(5,2)");
  assert.equal(agg("max", DoubleT, [1.0, Number.NaN, -1.0]), "NaN:double");
  assert.equal(agg("min", DoubleT, [1.0, Number.NaN, -1.0]), "-1.0:double");
  assert.equal(agg("first", IntegerT, I), "1:int");
  assert.equal(agg("last", IntegerT, I), "NULL:int");
  assert.equal(agg("last", IntegerT, I, [true]), "3:int");
  assert.equal(agg("first", StringT, [null, "z"]), "NULL:string");
  assert.equal(agg("collect_list", StringT, S), '["x","y","x","z"]:array<string>');
  assert.equal(agg("collect_set", IntegerT, I), "[1,2,3]:array<int>");
  assert.equal(agg("collect_list", IntegerT, []), "[]:array<int>");
  assert.equal(agg("bool_and", BooleanT, [true, false, null]), "false:boolean");
  assert.equal(agg("bool_or", BooleanT, [true, false, null]), "true:boolean");
  assert.equal(agg("every", BooleanT, [true, null]), "true:boolean");
  void K;
});

test("variance family", () => {
  assert.equal(agg("stddev", DoubleT, [1, 2, 3]), "1.0:double");
  assert.equal(agg("stddev_pop", DoubleT, [1, 2, 3]), "0.816496580927726:double");
  assert.equal(agg("var_pop", DoubleT, [1, 2, 3]), "0.6666666666666666:double");
  assert.equal(agg("variance", DoubleT, [5]), "NULL:double");
  assert.equal(agg("var_pop", DoubleT, [5]), "0.0:double");
});

test("partial buffers merge to the same result", () => {
  for (const [name, t, col] of [
    ["sum", IntegerT, I],
    ["avg", DEC52, M],
    ["stddev_samp", DoubleT, [1, 2, 3, 4, 10]],
    ["collect_set", StringT, S],
    ["first", IntegerT, [null, 4, 5]],
    ["last", IntegerT, [4, 5, null]],
    ["max", IntegerT, I],
  ] as const) {
    const fn = bind(name, t);
    const impl = aggregateImpl(fn);
    const a = impl.init();
    const b = impl.init();
    col.forEach((v, i) => {
      impl.update(i < 2 ? a : b, [v]);
    });
    impl.merge(a, b);
    const whole = aggregateRows(
      fn,
      col.map((v) => [v]),
    );
    assert.deepEqual(impl.evaluate(a), whole, name);
  }
});

test("statistics, percentiles and bitwise aggregates", () => {
  const A = [1.0, 2.0, 4.0, 7.5];
  const B = [2.0, 4.5, 7.0, 8.0];
  const C = [3, 5, 5, 6];
  const two = (name: string): string => {
    const def = builtinRegistry().lookup(name);
    if (def?.kind !== "aggregate") throw new Error(name);
    const fn = def.bind([boundReference(0, DoubleT), boundReference(1, DoubleT)], {
      ansi: true,
      sessionTimeZone: "UTC",
    });
    if (isTypeCheckFailure(fn) || fn.kind !== "AggregateFunction") throw new Error(name);
    return toHiveString(
      aggregateRows(
        fn,
        A.map((a, i) => [a, B[i]]),
      ),
      fn.dataType,
    );
  };
  assert.equal(two("corr"), "0.910262424865281");
  assert.equal(two("covar_pop"), "5.265625");
  assert.equal(two("covar_samp"), "7.020833333333333");
  const def = builtinRegistry().lookup("percentile");
  if (def?.kind !== "aggregate") throw new Error("percentile");
  const p = def.bind([boundReference(0, DoubleT), literal(0.3, DoubleT)], {
    ansi: true,
    sessionTimeZone: "UTC",
  });
  if (isTypeCheckFailure(p) || p.kind !== "AggregateFunction") throw new Error("bind");
  assert.equal(
    aggregateRows(
      p,
      A.map((a) => [a]),
    ),
    1.9,
  );
  assert.equal(agg("median", DoubleT, A), "3.0:double");
  assert.equal(agg("bit_and", IntegerT, C), "0:int");
  assert.equal(agg("bit_or", IntegerT, C), "7:int");
  assert.equal(agg("bit_xor", IntegerT, C), "5:int");
  assert.equal(agg("approx_count_distinct", IntegerT, C), "3:bigint");
});

test("approx_percentile picks the value at rank ceil(p * n)", () => {
  const def = builtinRegistry().lookup("approx_percentile");
  if (def?.kind !== "aggregate") throw new Error("approx_percentile");
  const bindWith = (p: ReturnType<typeof literal>): AggregateFunction => {
    const fn = def.bind([boundReference(0, IntegerT), p], { ansi: true, sessionTimeZone: "UTC" });
    if (isTypeCheckFailure(fn) || fn.kind !== "AggregateFunction") throw new Error("bind");
    return fn;
  };
  const rows = [1, 2, 3, 4, 10].map((v) => [v]);
  assert.equal(aggregateRows(bindWith(literal(0.5, DoubleT)), rows), 3);
  assert.equal(aggregateRows(bindWith(literal(0.75, DoubleT)), rows), 4);
  assert.equal(aggregateRows(bindWith(literal(0, DoubleT)), rows), 1);
  const arr = bindWith(literal([0.1, 0.25, 0.9], arrayType(DoubleT)));
  assert.equal(simpleString(arr.dataType), "array<int>");
  assert.deepEqual(aggregateRows(arr, rows), [1, 2, 10]);
  assert.equal(
    aggregateRows(
      bindWith(literal(0.5, DoubleT)),
      [1, 2, 3, 4].map((v) => [v]),
    ),
    2,
  );
});

test("avg sums longs with overflow checks and divides decimals as Spark (pyspark 4)", () => {
  assert.throws(() => agg("avg", LongT, [9223372036854775807n, 1n]), /ARITHMETIC_OVERFLOW/);
  assert.equal(
    agg("avg", decimalType(38, 10), [10000000000n, 20000000000n, 20000000000n]),
    "1.66666666666667:decimal(38,14)",
  );
  assert.equal(agg("avg", DEC52, [100n, 200n, 200n]), "1.666667:decimal(9,6)");
  assert.equal(
    agg("avg", FloatT, [Math.fround(0.1), Math.fround(0.2)]),
    "0.15000000223517418:double",
  );
  assert.equal(agg("sum", DoubleT, [1, Number.NaN, 2]), "NaN:double");
  assert.equal(
    agg("collect_set", DoubleT, [0, -0, Number.NaN, Number.NaN]),
    "[0.0,NaN]:array<double>",
  );
});

test("every aggregate's reference buffer has the layout of its bufferTypes", () => {
  for (const d of builtinRegistry()
    .names()
    .map((n) => builtinRegistry().lookup(n))) {
    if (d?.kind !== "aggregate") continue;
    const args = Array.from({ length: d.minArgs }, (_, i) =>
      i === 0
        ? boundReference(
            0,
            d.name.startsWith("bool") ||
              d.name === "every" ||
              d.name === "some" ||
              d.name === "any" ||
              d.name === "count_if"
              ? BooleanT
              : IntegerT,
          )
        : literal(0.5, DoubleT),
    );
    const fn = d.bind(args, { ansi: true, sessionTimeZone: "UTC" });
    if (isTypeCheckFailure(fn) || fn.kind !== "AggregateFunction") continue;
    const impl = aggregateImpl(fn);
    assert.equal(impl.init().length, d.bufferTypes(fn).length, d.name);
  }
});
