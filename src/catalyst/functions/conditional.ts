/** Null handling and conditional functions: coalesce, if, nvl, nullif, greatest, ... */

import {
  findWiderCommonType,
  findWiderTypeForTwo,
  findWiderTypeWithoutStringPromotion,
} from "../../types/coercion.ts";
import {
  BinaryT,
  BooleanT,
  type DataType,
  DoubleT,
  StringT,
  simpleString,
} from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import { implicitCast } from "../analysis/type-coercion/common-type.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { castValue } from "../expressions/eval/cast.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import type { Expression, ScalarFunction } from "../expressions/expression.ts";
import { coalesce, ifExpr, isNotNull, isNull, scalarFunction } from "../expressions/factories.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { compareValues, valuesEqual } from "../expressions/values/compare.ts";
import { decodeCharset } from "./charsets.ts";
import {
  call,
  castTo,
  coerceToCommonType,
  failure,
  info,
  ordinalWord,
  quotedType,
  scalar,
} from "./helpers.ts";

const G = "conditional_funcs";

function widerOfAll(ts: readonly DataType[]): DataType | undefined {
  return findWiderCommonType(ts);
}

function withoutStringPromotion(ts: readonly DataType[]): DataType | undefined {
  let acc: DataType | undefined = { kind: "null" };
  for (const t of ts) {
    if (!acc) return undefined;
    acc = findWiderTypeWithoutStringPromotion(acc, t);
  }
  return acc;
}

const coalesceDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "coalesce",
  info: info(
    G,
    "coalesce(expr1, expr2, ...) - Returns the first non-null argument if exists. Otherwise, null.",
    "\n    > SELECT coalesce(NULL, 1, NULL);\n     1\n  ",
  ),
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args, ctx) => {
    const c = coerceToCommonType("coalesce", args, ctx, widerOfAll);
    if ("failure" in c) return c;
    return coalesce(c.args);
  },
  eval: () => null,
};

function nvlLike(name: string, usage: string, example: string): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(G, usage, example, "2.0.0"),
    minArgs: 2,
    maxArgs: 2,
    nullSafe: true,
    bind: (args, ctx) => {
      const c = coerceToCommonType(name, args, ctx, widerOfAll);
      if ("failure" in c) return c;
      return call(name, c.args, c.type, c.args.every(nullableOf));
    },
    eval: ([a, b]) => (a !== null ? a : b),
  };
}

const ifDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "if",
  info: info(
    G,
    "if(expr1, expr2, expr3) - If `expr1` evaluates to true, then returns `expr2`; otherwise returns `expr3`.",
    "\n    > SELECT if(1 < 2, 'a', 'b');\n     a\n  ",
  ),
  minArgs: 3,
  maxArgs: 3,
  bind: (args, ctx) => {
    const [p, a, b] = args as [Expression, Expression, Expression];
    const pt = dataTypeOf(p);
    if (pt.kind !== "boolean" && pt.kind !== "null") {
      return failure("UNEXPECTED_INPUT_TYPE", {
        paramIndex: ordinalWord(0),
        requiredType: '"BOOLEAN"',
        inputSql: toSqlExpr(p),
        inputType: quotedType(pt),
      });
    }
    const c = coerceToCommonType("if", [a, b], ctx, widerOfAll);
    if ("failure" in c) return c;
    return ifExpr(castTo(p, BooleanT, ctx), c.args[0] as Expression, c.args[1] as Expression);
  },
  eval: () => null,
};

const nvl2: ScalarFunctionDef = {
  kind: "scalar",
  name: "nvl2",
  info: info(
    G,
    "nvl2(expr1, expr2, expr3) - Returns `expr2` if `expr1` is not null, or `expr3` otherwise.",
    "\n    > SELECT nvl2(NULL, 2, 1);\n     1\n  ",
    "2.0.0",
  ),
  minArgs: 3,
  maxArgs: 3,
  nullSafe: true,
  bind: (args, ctx) => {
    const c = coerceToCommonType("nvl2", args.slice(1), ctx, widerOfAll);
    if ("failure" in c) return c;
    return call("nvl2", [args[0] as Expression, ...c.args], c.type, c.args.some(nullableOf));
  },
  eval: ([a, b, c]) => (a !== null ? b : c),
};

const compareTypes = new WeakMap<ScalarFunction, DataType>();

function commonTypeOf(c: ScalarFunction): DataType {
  let t = compareTypes.get(c);
  if (!t) {
    const a = typeOf(c.args[0] as Expression);
    const b = typeOf(c.args[1] as Expression);
    t = findWiderTypeForTwo(a, b) ?? a;
    compareTypes.set(c, t);
  }
  return t;
}

const nullif: ScalarFunctionDef = {
  kind: "scalar",
  name: "nullif",
  info: info(
    G,
    "nullif(expr1, expr2) - Returns null if `expr1` equals to `expr2`, or `expr1` otherwise.",
    "\n    > SELECT nullif(2, 2);\n     NULL\n  ",
    "2.0.0",
  ),
  minArgs: 2,
  maxArgs: 2,
  nullSafe: true,
  bind: (args) => {
    const [a, b] = args as [Expression, Expression];
    const ta = dataTypeOf(a);
    const tb = dataTypeOf(b);
    if (findWiderTypeForTwo(ta, tb) === undefined) {
      return failure("BINARY_OP_DIFF_TYPES", { left: quotedType(ta), right: quotedType(tb) });
    }
    return call("nullif", args, ta, true);
  },
  eval: ([a, b], c) => {
    if (a === null) return null;
    if (b === null) return a;
    const t = commonTypeOf(c);
    const ta = typeOf(c.args[0] as Expression);
    const tb = typeOf(c.args[1] as Expression);
    const x = castValue(a, ta, t, "ANSI", "UTC");
    const y = castValue(b, tb, t, "ANSI", "UTC");
    return x !== null && y !== null && valuesEqual(x, y, t) ? null : a;
  },
};

function greatestLeast(name: "greatest" | "least"): ScalarFunctionDef {
  const sign = name === "greatest" ? 1 : -1;
  return {
    kind: "scalar",
    name,
    info: info(
      "comparison_funcs",
      `${name}(expr, ...) - Returns the ${name} value of all parameters, skipping null values.`,
      `\n    > SELECT ${name}(10, 9, 2, 4, 3);\n     ${name === "greatest" ? 10 : 2}\n  `,
    ),
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    nullSafe: true,
    bind: (args, ctx) => {
      const c = coerceToCommonType(name, args, ctx, withoutStringPromotion);
      if ("failure" in c) return c;
      return call(name, c.args, c.type, c.args.every(nullableOf));
    },
    eval: (args, c) => {
      let best: unknown = null;
      for (const v of args) {
        if (v === null) continue;
        if (best === null || sign * compareValues(v, best, c.dataType) > 0) best = v;
      }
      return best;
    },
  };
}

const isnullDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "isnull",
  info: info(
    "predicate_funcs",
    "isnull(expr) - Returns true if `expr` is null, or false otherwise.",
    "\n    > SELECT isnull(1);\n     false\n  ",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => isNull(args[0] as Expression),
  eval: () => null,
};

const isnotnullDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "isnotnull",
  info: info(
    "predicate_funcs",
    "isnotnull(expr) - Returns true if `expr` is not null, or false otherwise.",
    "\n    > SELECT isnotnull(1);\n     true\n  ",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => isNotNull(args[0] as Expression),
  eval: () => null,
};

const isnan = scalar({
  name: "isnan",
  info: info(
    "predicate_funcs",
    "isnan(expr) - Returns true if `expr` is NaN, or false otherwise.",
    "\n    > SELECT isnan(cast('NaN' as double));\n     true\n  ",
  ),
  args: [DoubleT],
  result: BooleanT,
  nullable: false,
  nullSafe: true,
  eval: ([v]) => v !== null && Number.isNaN(v as number),
});

const nanvl = scalar({
  name: "nanvl",
  info: info(
    G,
    "nanvl(expr1, expr2) - Returns `expr1` if it's not NaN, or `expr2` otherwise.",
    "\n    > SELECT nanvl(cast('NaN' as double), 123);\n     123.0\n  ",
  ),
  args: [DoubleT, DoubleT],
  result: DoubleT,
  nullSafe: true,
  eval: ([a, b]) => (a === null ? null : Number.isNaN(a as number) ? b : a),
});

const zeroifnull: ScalarFunctionDef = {
  kind: "scalar",
  name: "zeroifnull",
  info: info(
    G,
    "zeroifnull(expr) - Returns zero if `expr` is equal to null, or `expr` otherwise.",
    "\n    > SELECT zeroifnull(NULL);\n     0\n  ",
    "4.0.0",
  ),
  minArgs: 1,
  maxArgs: 1,
  nullSafe: true,
  bind: (args, ctx) => {
    const a = args[0] as Expression;
    const t = dataTypeOf(a);
    const rt = t.kind === "null" ? ({ kind: "integer" } as DataType) : t;
    return call("zeroifnull", [castTo(a, rt, ctx)], rt, false);
  },
  eval: ([v], c) => (v !== null ? v : zeroOf(c.dataType)),
};

function zeroOf(t: DataType): unknown {
  switch (t.kind) {
    case "long":
    case "decimal":
      return 0n;
    default:
      return 0;
  }
}

const nullifzero: ScalarFunctionDef = {
  kind: "scalar",
  name: "nullifzero",
  info: info(
    G,
    "nullifzero(expr) - Returns null if `expr` is equal to zero, or `expr` otherwise.",
    "\n    > SELECT nullifzero(0);\n     NULL\n  ",
    "4.0.0",
  ),
  minArgs: 1,
  maxArgs: 1,
  bind: (args) => call("nullifzero", args, dataTypeOf(args[0] as Expression), true),
  eval: ([v]) => (v === 0 || v === 0n ? null : v),
};

const decode: ScalarFunctionDef = {
  kind: "scalar",
  name: "decode",
  info: info(
    G,
    "decode(expr, search, result [, search, result ] ... [, default]) - Compares expr to each search value in order. If expr is equal to a search value, decode returns the corresponding result. If no match is found, then it returns default. If default is omitted, it returns null.",
    "\n    > SELECT decode(2, 1, 'Southlake', 2, 'San Francisco', 3, 'New Jersey', 4, 'Seattle', 'Non domestic');\n     San Francisco\n  ",
    "3.2.0",
  ),
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args, ctx) => {
    // Two arguments: Spark's decode(bin, charset), the inverse of encode.
    if (args.length === 2) {
      const [bin, charset] = args as [Expression, Expression];
      const b = dataTypeOf(bin).kind === "binary" ? bin : implicitCast(bin, BinaryT);
      return scalarFunction("decode", [b, charset], StringT, true, true, { charset: true });
    }
    const [e, ...rest] = args as [Expression, ...Expression[]];
    const searches: Expression[] = [e];
    const results: Expression[] = [];
    for (let i = 0; i + 1 < rest.length; i += 2) {
      searches.push(rest[i] as Expression);
      results.push(rest[i + 1] as Expression);
    }
    const hasDefault = rest.length % 2 === 1;
    if (hasDefault) results.push(rest[rest.length - 1] as Expression);
    const s = coerceToCommonType("decode", searches, ctx, widerOfAll);
    if ("failure" in s) return s;
    const r = coerceToCommonType("decode", results, ctx, widerOfAll);
    if ("failure" in r) return r;
    const out: Expression[] = [s.args[0] as Expression];
    for (let i = 1; i < s.args.length; i++) {
      out.push(s.args[i] as Expression, r.args[i - 1] as Expression);
    }
    if (hasDefault) out.push(r.args[r.args.length - 1] as Expression);
    return call("decode", out, r.type, true);
  },
  eval: (args, c) => {
    if (c.options.charset === true) {
      const [bytes, charset] = args;
      return bytes === null || charset === null
        ? null
        : decodeCharset(bytes as Uint8Array, charset as string);
    }
    const v = args[0];
    const t = typeOf(c.args[0] as Expression);
    let i = 1;
    for (; i + 1 < args.length; i += 2) {
      const s = args[i];
      if ((v === null && s === null) || (v !== null && s !== null && valuesEqual(v, s, t))) {
        return args[i + 1];
      }
    }
    return i < args.length ? args[i] : null;
  },
};

const typeofDef = scalar({
  name: "typeof",
  info: info(
    "misc_funcs",
    "typeof(expr) - Return DDL-formatted type string for the data type of the input.",
    "\n    > SELECT typeof(1);\n     int\n  ",
    "3.0.0",
  ),
  args: ["any"],
  result: StringT,
  nullable: false,
  nullSafe: true,
  eval: (_args, c) => simpleString(typeOf(c.args[0] as Expression)),
});

export const CONDITIONAL_FUNCTIONS: readonly ScalarFunctionDef[] = [
  coalesceDef,
  nvlLike(
    "nvl",
    "nvl(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise.",
    "\n    > SELECT nvl(NULL, array('2'));\n     [\"2\"]\n  ",
  ),
  nvlLike(
    "ifnull",
    "ifnull(expr1, expr2) - Returns `expr2` if `expr1` is null, or `expr1` otherwise.",
    "\n    > SELECT ifnull(NULL, array('2'));\n     [\"2\"]\n  ",
  ),
  ifDef,
  { ...ifDef, name: "iff" },
  nvl2,
  nullif,
  greatestLeast("greatest"),
  greatestLeast("least"),
  isnullDef,
  isnotnullDef,
  isnan,
  nanvl,
  zeroifnull,
  nullifzero,
  decode,
  typeofDef,
];
