/** Predicates that are functions: between, like any/all, and the type-named casts. */
import { canCast, castFailure, findWiderCommonType } from "../../types/coercion.ts";
import {
  BinaryT,
  BooleanT,
  ByteT,
  type DataType,
  DateT,
  DoubleT,
  FloatT,
  IntegerT,
  LongT,
  ShortT,
  StringT,
  TimestampNTZT,
  TimestampT,
  USER_DEFAULT_DECIMAL,
} from "../../types/data-types.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import { likeRegex } from "../expressions/eval/regex.ts";
import type { Expression } from "../expressions/expression.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { compareValues } from "../expressions/values/compare.ts";

import { call, coerceArgs, coerceToCommonType, failure, info, quotedType } from "./helpers.ts";

const between: ScalarFunctionDef = {
  kind: "scalar",
  name: "between",
  info: info(
    "predicate_funcs",
    "input [NOT] between lower AND upper - evaluate if `input` is [not] in between `lower` and `upper`",
    "\n    > SELECT 0.5 between 0.1 AND 1.0;\n     true\n  ",
    "1.0.0",
  ),
  minArgs: 3,
  maxArgs: 3,
  nullSafe: true,
  bind: (args, ctx) => {
    const c = coerceToCommonType("between", args, ctx, findWiderCommonType);
    if ("failure" in c) return c;
    return call("between", c.args, BooleanT, c.args.some(nullableOf));
  },
  eval: ([v, lo, hi], c) => {
    const t = typeOf(c.args[0] as Expression);
    const ge = v === null || lo === null ? null : compareValues(v, lo, t) >= 0;
    if (ge === false) return false;
    const le = v === null || hi === null ? null : compareValues(v, hi, t) <= 0;
    if (le === false) return false;
    return ge === null || le === null ? null : true;
  },
};

function likeMulti(name: string, any: boolean, negate: boolean): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      "predicate_funcs",
      `str ${negate ? "NOT " : ""}LIKE ${any ? "ANY" : "ALL"} (pattern, ...) - Returns true if str ${negate ? "does not match" : "matches"} ${any ? "any" : "all"} of the patterns.`,
      "",
      "3.1.0",
    ),
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    nullSafe: true,
    bind: (args, ctx) => {
      const c = coerceArgs(args, [StringT], ctx);
      if (!Array.isArray(c)) return c;
      return call(name, c, BooleanT, true);
    },
    eval: (args) => {
      const s = args[0];
      if (s === null) return null;
      let sawNull = false;
      for (let i = 1; i < args.length; i++) {
        const p = args[i];
        if (p === null) {
          sawNull = true;
          continue;
        }
        const m = likeRegex(p as string, "\\", false).test(s as string) !== negate;
        if (any && m) return true;
        if (!any && !m) return false;
      }
      if (sawNull) return null;
      return !any;
    },
  };
}

function typedCast(name: string, to: DataType): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      "conversion_funcs",
      `${name}(expr) - Casts the value \`expr\` to the target data type \`${name}\`.`,
      "",
      "2.0.1",
    ),
    minArgs: 1,
    maxArgs: 1,
    bind: (args, ctx) => {
      const a = args[0] as Expression;
      const from = dataTypeOf(a);
      if (!canCast(from, to, ctx.ansi)) {
        const f = castFailure(from, to, ctx.ansi);
        return failure(f.subClass, {
          srcType: quotedType(from),
          targetType: quotedType(to),
          ...f.params,
        });
      }
      return Object.freeze({
        kind: "Cast",
        child: a,
        dataType: to,
        evalMode: ctx.ansi ? "ANSI" : "LEGACY",
        timeZoneId: ctx.sessionTimeZone,
        implicit: true,
      });
    },
    eval: () => null,
  };
}

export const PREDICATE_FUNCTIONS: readonly ScalarFunctionDef[] = [
  between,
  likeMulti("likeany", true, false),
  likeMulti("likeall", false, false),
  likeMulti("notlikeany", true, true),
  likeMulti("notlikeall", false, true),
  typedCast("boolean", BooleanT),
  typedCast("tinyint", ByteT),
  typedCast("smallint", ShortT),
  typedCast("int", IntegerT),
  typedCast("bigint", LongT),
  typedCast("float", FloatT),
  typedCast("double", DoubleT),
  typedCast("decimal", USER_DEFAULT_DECIMAL),
  typedCast("string", StringT),
  typedCast("binary", BinaryT),
  typedCast("date", DateT),
  typedCast("timestamp", TimestampT),
  typedCast("timestamp_ntz", TimestampNTZT),
];
