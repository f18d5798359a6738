/**
 * Array, map and struct functions: constructors (array, map, named_struct, struct),
 * accessors (size, element_at, array_contains, ...), transformations (sort_array,
 * array_distinct, slice, flatten, sequence, ...) and higher-order functions over
 * lambdas (transform, filter, exists, forall, aggregate, zip_with, map_filter, ...).
 */
import { FlintError } from "../../errors/index.ts";
import { findWiderCommonType } from "../../types/coercion.ts";
import {
  arrayType,
  BooleanT,
  type DataType,
  IntegerT,
  LongT,
  type MapValue,
  mapType,
  NullT,
  StringT,
  structField,
  structType,
} from "../../types/data-types.ts";
import { toSqlExpr } from "../analysis/pretty-sql.ts";
import type { ScalarFunctionDef, TypeCheckFailure } from "../catalog/function-registry.ts";
import { invalidArrayIndex } from "../expressions/eval/errors.ts";
import {
  applyLambda,
  isLambdaValue,
  type LambdaValue,
  typeOf,
} from "../expressions/eval/evaluate.ts";
import type { Expression, ScalarFunction } from "../expressions/expression.ts";
import { literal } from "../expressions/factories.ts";
import { castToString } from "../expressions/format.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import { compareValues, valuesEqual } from "../expressions/values/compare.ts";
import {
  call,
  castTo,
  coerceArgs,
  coerceToCommonType,
  failure,
  info,
  ordinalWord,
  quotedType,
  scalar,
} from "./helpers.ts";

const G = "collection_funcs";
const AG = "array_funcs";
const MG = "map_funcs";
const int = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));
type Arr = readonly unknown[];

function elementTypeOf(c: ScalarFunction, i = 0): DataType {
  const t = typeOf(c.args[i] as Expression);
  return t.kind === "array" ? t.elementType : NullT;
}

function requireArray(args: readonly Expression[], i: number): TypeCheckFailure | undefined {
  const a = args[i] as Expression;
  const t = dataTypeOf(a);
  if (t.kind === "array" || t.kind === "null") return undefined;
  return failure("UNEXPECTED_INPUT_TYPE", {
    paramIndex: ordinalWord(i),
    requiredType: '"ARRAY"',
    inputSql: toSqlExpr(a),
    inputType: quotedType(t),
  });
}

const arrayDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "array",
  info: info(
    AG,
    "array(expr, ...) - Returns an array with the given elements.",
    "\n    > SELECT array(1, 2, 3);\n     [1,2,3]\n  ",
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args, ctx) => {
    const c = coerceToCommonType("array", args, ctx, findWiderCommonType);
    if ("failure" in c) return c;
    return call("array", c.args, arrayType(c.type, c.args.some(nullableOf)), false);
  },
  eval: (args) => [...args],
};

const mapDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "map",
  info: info(
    MG,
    "map(key0, value0, key1, value1, ...) - Creates a map with the given key/value pairs.",
    "\n    > SELECT map(1.0, '2', 3.0, '4');\n     {1.0:\"2\",3.0:\"4\"}\n  ",
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args, ctx) => {
    if (args.length % 2 !== 0) {
      return failure("WRONG_NUM_ARGS", {
        functionName: "`map`",
        expectedNum: "2n (n > 0)",
        actualNum: String(args.length),
      });
    }
    const keys = args.filter((_, i) => i % 2 === 0);
    const values = args.filter((_, i) => i % 2 === 1);
    const k = coerceToCommonType("map", keys, ctx, findWiderCommonType);
    if ("failure" in k) return k;
    const v = coerceToCommonType("map", values, ctx, findWiderCommonType);
    if ("failure" in v) return v;
    const out: Expression[] = [];
    k.args.forEach((x, i) => {
      out.push(x, v.args[i] as Expression);
    });
    return call("map", out, mapType(k.type, v.type, v.args.some(nullableOf)), false);
  },
  eval: (args, c) => {
    const kt = c.dataType.kind === "map" ? c.dataType.keyType : NullT;
    return buildMap(
      args.filter((_, i) => i % 2 === 0),
      args.filter((_, i) => i % 2 === 1),
      kt,
    );
  },
};

/** A map from parallel key/value lists; null keys and duplicates raise (EXCEPTION policy). */
export function buildMap(keys: Arr, values: Arr, keyType: DataType): MapValue {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null || k === undefined) throw new FlintError("NULL_MAP_KEY", {});
    for (let j = 0; j < i; j++) {
      if (valuesEqual(keys[j], k, keyType)) {
        throw new FlintError("DUPLICATED_MAP_KEY", {
          key: castToString(k, keyType),
          mapKeyDedupPolicy: '"spark.sql.mapKeyDedupPolicy"',
        });
      }
    }
  }
  return { keys: [...keys], values: values.map((v) => (v === undefined ? null : v)) };
}

const namedStruct: ScalarFunctionDef = {
  kind: "scalar",
  name: "named_struct",
  info: info(
    G,
    "named_struct(name1, val1, name2, val2, ...) - Creates a struct with the given field names and values.",
    '\n    > SELECT named_struct("a", 1, "b", 2, "c", 3);\n     {"a":1,"b":2,"c":3}\n  ',
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args) => {
    const fields = [];
    const values: Expression[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      const n = args[i] as Expression;
      if (n.kind !== "Literal" || typeof n.value !== "string") {
        return failure("CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", {
          inputExprs: `[${toSqlExpr(n)}]`,
        });
      }
      const v = args[i + 1] as Expression;
      fields.push(structField(n.value, dataTypeOf(v), nullableOf(v)));
      values.push(n, v);
    }
    return call("named_struct", values, structType(fields), false);
  },
  eval: (args) => args.filter((_, i) => i % 2 === 1),
};

const structDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "struct",
  info: info(
    G,
    "struct(col1, col2, col3, ...) - Creates a struct with the given field values.",
    '\n    > SELECT struct(1, 2, 3);\n     {"col1":1,"col2":2,"col3":3}\n  ',
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  nullSafe: true,
  bind: (args) => {
    const fields = args.map((a, i) => {
      const name =
        a.kind === "AttributeReference" || a.kind === "Alias"
          ? a.name
          : a.kind === "GetStructField"
            ? a.name
            : `col${i + 1}`;
      return structField(name, dataTypeOf(a), nullableOf(a));
    });
    return call("struct", args, structType(fields), false);
  },
  eval: (args) => [...args],
};

function sizeDef(name: string): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}(expr) - Returns the size of an array or a map. Returns null for null input.`,
      `\n    > SELECT ${name}(array('b', 'd', 'c', 'a'));\n     4\n  `,
    ),
    minArgs: 1,
    maxArgs: 1,
    bind: (args) => {
      const a = args[0] as Expression;
      const t = dataTypeOf(a);
      if (t.kind !== "array" && t.kind !== "map" && t.kind !== "null") {
        return failure("UNEXPECTED_INPUT_TYPE", {
          paramIndex: ordinalWord(0),
          requiredType: '("ARRAY" or "MAP")',
          inputSql: toSqlExpr(a),
          inputType: quotedType(t),
        });
      }
      return call(name, args, IntegerT, nullableOf(a));
    },
    eval: ([v]) => (Array.isArray(v) ? v.length : (v as MapValue).keys.length),
  };
}

const arrayContains: ScalarFunctionDef = {
  kind: "scalar",
  name: "array_contains",
  info: info(
    AG,
    "array_contains(array, value) - Returns true if the array contains the value.",
    "\n    > SELECT array_contains(array(1, 2, 3), 2);\n     true\n  ",
  ),
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => {
    const bad = requireArray(args, 0);
    if (bad) return bad;
    const [a, v] = args as [Expression, Expression];
    const at = dataTypeOf(a);
    const et = at.kind === "array" ? at.elementType : NullT;
    const common = findWiderCommonType([et, dataTypeOf(v)]);
    if (!common) {
      return failure("ARRAY_FUNCTION_DIFF_TYPES", {
        functionName: "`array_contains`",
        dataType: '"ARRAY"',
        leftType: quotedType(at),
        rightType: quotedType(dataTypeOf(v)),
      });
    }
    return call(
      "array_contains",
      [castTo(a, arrayType(common), ctx), castTo(v, common, ctx)],
      BooleanT,
      true,
    );
  },
  eval: ([a, v], c) => {
    const t = elementTypeOf(c);
    let sawNull = false;
    for (const x of a as Arr) {
      if (x === null) sawNull = true;
      else if (valuesEqual(x, v, t)) return true;
    }
    return sawNull ? null : false;
  },
};

function elementAt(name: string, tryMode: boolean): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(
      G,
      `${name}(array, index) - Returns element of array at given (1-based) index. If Index is 0, Spark will throw an error. If index < 0, accesses elements from the last to the first.\n\n    ${name}(map, key) - Returns value for given key.`,
      `\n    > SELECT ${name}(array(1, 2, 3), 2);\n     2\n  `,
      "2.4.0",
    ),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const [a, k] = args as [Expression, Expression];
      const t = dataTypeOf(a);
      if (t.kind === "map") {
        const c = coerceArgs([k], [t.keyType], ctx);
        if (!Array.isArray(c)) return c;
        return call(name, [a, c[0] as Expression], t.valueType, true, true, {
          ansi: ctx.ansi,
          try: tryMode,
        });
      }
      if (t.kind !== "array") return requireArray(args, 0) ?? failure("UNEXPECTED_INPUT_TYPE", {});
      const c = coerceArgs([k], [IntegerT], ctx);
      if (!Array.isArray(c)) return c;
      return call(name, [a, c[0] as Expression], t.elementType, true, true, {
        ansi: ctx.ansi,
        try: tryMode,
      });
    },
    eval: ([a, k], c) => {
      if (!Array.isArray(a)) {
        const m = a as MapValue;
        const kt = typeOf(c.args[1] as Expression);
        for (let i = 0; i < m.keys.length; i++)
          if (valuesEqual(m.keys[i], k, kt)) return m.values[i] ?? null;
        return null;
      }
      const i = int(k);
      if (i === 0) {
        if (c.options.try) return null;
        throw new FlintError("INVALID_INDEX_OF_ZERO", {});
      }
      const idx = i > 0 ? i - 1 : a.length + i;
      if (idx < 0 || idx >= a.length) {
        if (c.options.ansi && !c.options.try) throw invalidArrayIndex(i, a.length, true);
        return null;
      }
      return a[idx] ?? null;
    },
  };
}

const getDef: ScalarFunctionDef = {
  kind: "scalar",
  name: "get",
  info: info(
    AG,
    "get(array, index) - Returns element of array at given (0-based) index. If the index points outside of the array boundaries, then this function returns NULL.",
    "\n    > SELECT get(array(1, 2, 3), 0);\n     1\n  ",
    "3.4.0",
  ),
  minArgs: 2,
  maxArgs: 2,
  bind: (args, ctx) => {
    const bad = requireArray(args, 0);
    if (bad) return bad;
    const c = coerceArgs(args, ["any", IntegerT], ctx);
    if (!Array.isArray(c)) return c;
    const t = dataTypeOf(c[0] as Expression);
    return call("get", c, t.kind === "array" ? t.elementType : NullT, true);
  },
  eval: ([a, i]) => (a as Arr)[int(i)] ?? null,
};

function sortArray(arr: Arr, t: DataType, asc: boolean): unknown[] {
  const out = [...arr];
  out.sort((x, y) => {
    if (x === null) return y === null ? 0 : asc ? -1 : 1;
    if (y === null) return asc ? 1 : -1;
    const c = compareValues(x, y, t);
    return asc ? c : -c;
  });
  return out;
}

const sortArrayDef = scalar({
  name: "sort_array",
  info: info(
    AG,
    "sort_array(array[, ascendingOrder]) - Sorts the input array in ascending or descending order according to the natural ordering of the array elements. NaN is greater than any non-NaN elements for double/float type. Null elements will be placed at the beginning of the returned array in ascending order or at the end of the returned array in descending order.",
    "\n    > SELECT sort_array(array('b', 'd', null, 'c', 'a'), true);\n     [null,\"a\",\"b\",\"c\",\"d\"]\n  ",
  ),
  args: ["array", BooleanT],
  minArgs: 1,
  defaults: [literal(true, BooleanT)],
  result: (ts) => ts[0] ?? arrayType(NullT),
  eval: ([a, asc], c) => sortArray(a as Arr, elementTypeOf(c), asc === true),
});

const arraySort = scalar({
  name: "array_sort",
  info: info(
    AG,
    "array_sort(expr) - Sorts the input array in ascending order. Null elements will be placed at the end of the returned array.",
    "\n    > SELECT array_sort(array('b', 'd', null, 'c', 'a'));\n     [\"a\",\"b\",\"c\",\"d\",null]\n  ",
    "2.4.0",
  ),
  args: ["array"],
  result: (ts) => ts[0] ?? arrayType(NullT),
  eval: ([a], c) => {
    const t = elementTypeOf(c);
    const nonNull = (a as Arr).filter((x) => x !== null);
    const nulls = (a as Arr).length - nonNull.length;
    return [...sortArray(nonNull, t, true), ...new Array(nulls).fill(null)];
  },
});

function distinct(arr: Arr, t: DataType): unknown[] {
  const out: unknown[] = [];
  let sawNull = false;
  for (const x of arr) {
    if (x === null) {
      if (!sawNull) out.push(null);
      sawNull = true;
    } else if (!out.some((y) => y !== null && valuesEqual(x, y, t))) out.push(x);
  }
  return out;
}

function arrayPair(
  name: string,
  usage: string,
  example: string,
  f: (a: Arr, b: Arr, t: DataType) => unknown[],
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(AG, usage, example, "2.4.0"),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const bad = requireArray(args, 0) ?? requireArray(args, 1);
      if (bad) return bad;
      const c = coerceToCommonType(name, args, ctx, findWiderCommonType);
      if ("failure" in c) return c;
      return call(name, c.args, c.type, c.args.some(nullableOf));
    },
    eval: ([a, b], c) => f(a as Arr, b as Arr, elementTypeOf(c)),
  };
}

const contains = (arr: Arr, x: unknown, t: DataType): boolean =>
  arr.some((y) => (x === null ? y === null : y !== null && valuesEqual(x, y, t)));

const arrayJoin = scalar({
  name: "array_join",
  info: info(
    AG,
    "array_join(array, delimiter[, nullReplacement]) - Concatenates the elements of the given array using the delimiter and an optional string to replace nulls. If no value is set for nullReplacement, any null value is filtered.",
    "\n    > SELECT array_join(array('hello', 'world'), ' ');\n     hello world\n  ",
    "2.4.0",
  ),
  args: [{ arrayOf: StringT }, StringT, StringT],
  minArgs: 2,
  maxArgs: 3,
  result: StringT,
  nullSafe: true,
  nullable: true,
  eval: (args) => {
    const [a, sep] = args;
    if (a === null || sep === null) return null;
    const repl = args.length > 2 ? args[2] : undefined;
    if (repl === null) return null;
    const parts: string[] = [];
    for (const x of a as Arr) {
      if (x !== null) parts.push(x as string);
      else if (repl !== undefined) parts.push(repl as string);
    }
    return parts.join(sep as string);
  },
});

function elementArg(
  name: string,
  result: (t: DataType) => DataType,
  f: (a: Arr, v: unknown, t: DataType) => unknown,
  usage: string,
  example: string,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(AG, usage, example, "2.4.0"),
    minArgs: 2,
    maxArgs: 2,
    bind: (args, ctx) => {
      const bad = requireArray(args, 0);
      if (bad) return bad;
      const [a, v] = args as [Expression, Expression];
      const at = dataTypeOf(a);
      const et = at.kind === "array" ? at.elementType : NullT;
      const common = findWiderCommonType([et, dataTypeOf(v)]) ?? et;
      const arr = castTo(a, arrayType(common, at.kind === "array" ? at.containsNull : true), ctx);
      return call(
        name,
        [arr, castTo(v, common, ctx)],
        result(dataTypeOf(arr)),
        args.some(nullableOf),
      );
    },
    eval: ([a, v], c) => f(a as Arr, v, elementTypeOf(c)),
  };
}

function minMaxArray(name: string, sign: number): ScalarFunctionDef {
  return scalar({
    name,
    info: info(
      AG,
      `${name}(array) - Returns the ${sign > 0 ? "maximum" : "minimum"} value in the array. NaN is greater than any non-NaN elements for double/float type. NULL elements are skipped.`,
      `\n    > SELECT ${name}(array(1, 20, null, 3));\n     ${sign > 0 ? 20 : 1}\n  `,
      "2.4.0",
    ),
    args: ["array"],
    result: (ts) => (ts[0]?.kind === "array" ? ts[0].elementType : NullT),
    nullable: true,
    eval: ([a], c) => {
      const t = elementTypeOf(c);
      let best: unknown = null;
      for (const x of a as Arr) {
        if (x !== null && (best === null || sign * compareValues(x, best, t) > 0)) best = x;
      }
      return best;
    },
  });
}

const slice = scalar({
  name: "slice",
  info: info(
    AG,
    "slice(x, start, length) - Subsets array x starting from index start (array indices start at 1, or starting from the end if start is negative) with the specified length.",
    "\n    > SELECT slice(array(1, 2, 3, 4), 2, 2);\n     [2,3]\n  ",
    "2.4.0",
  ),
  args: ["array", IntegerT, IntegerT],
  result: (ts) => ts[0] ?? arrayType(NullT),
  eval: ([a, s, l]) => {
    const arr = a as Arr;
    const start = int(s);
    const len = int(l);
    if (start === 0) {
      throw new FlintError("INVALID_PARAMETER_VALUE.START", {
        parameter: "`start`",
        functionName: "`slice`",
      });
    }
    if (len < 0) {
      throw new FlintError("INVALID_PARAMETER_VALUE.LENGTH", {
        parameter: "`length`",
        functionName: "`slice`",
        length: String(len),
      });
    }
    const from = start > 0 ? start - 1 : arr.length + start;
    if (from < 0 || from >= arr.length) return [];
    return arr.slice(from, from + len);
  },
});

const flatten = scalar({
  name: "flatten",
  info: info(
    AG,
    "flatten(arrayOfArrays) - Transforms an array of arrays into a single array.",
    "\n    > SELECT flatten(array(array(1, 2), array(3, 4)));\n     [1,2,3,4]\n  ",
    "2.4.0",
  ),
  args: ["array"],
  result: (ts) => {
    const t = ts[0];
    return t?.kind === "array" && t.elementType.kind === "array" ? t.elementType : arrayType(NullT);
  },
  nullable: true,
  eval: ([a]) => {
    const out: unknown[] = [];
    for (const x of a as Arr) {
      if (x === null) return null;
      out.push(...(x as Arr));
    }
    return out;
  },
});

const sequence: ScalarFunctionDef = {
  kind: "scalar",
  name: "sequence",
  info: info(
    AG,
    "sequence(start, stop, step) - Generates an array of elements from start to stop (inclusive), incrementing by step.",
    "\n    > SELECT sequence(1, 5);\n     [1,2,3,4,5]\n  ",
    "2.4.0",
  ),
  minArgs: 2,
  maxArgs: 3,
  bind: (args, ctx) => {
    const c = coerceToCommonType("sequence", args, ctx, findWiderCommonType);
    if ("failure" in c) return c;
    return call("sequence", c.args, arrayType(c.type, false), c.args.some(nullableOf));
  },
  eval: (args) => {
    const big = typeof args[0] === "bigint";
    const start = BigInt(args[0] as number | bigint);
    const stop = BigInt(args[1] as number | bigint);
    const step = args.length > 2 ? BigInt(args[2] as number | bigint) : start <= stop ? 1n : -1n;
    if (step === 0n || (step > 0n && start > stop) || (step < 0n && start < stop)) {
      if (start === stop) return [big ? start : Number(start)];
      throw new FlintError("INVALID_PARAMETER_VALUE", {
        parameter: "`step`",
        functionName: "`sequence`",
      });
    }
    const out: unknown[] = [];
    for (let x = start; step > 0n ? x <= stop : x >= stop; x += step) out.push(big ? x : Number(x));
    return out;
  },
};

const arrayRepeat = scalar({
  name: "array_repeat",
  info: info(
    AG,
    "array_repeat(element, count) - Returns the array containing element count times.",
    '\n    > SELECT array_repeat(\'123\', 2);\n     ["123","123"]\n  ',
    "2.4.0",
  ),
  args: ["any", IntegerT],
  result: (ts) => arrayType(ts[0] ?? NullT, true),
  nullSafe: true,
  nullable: true,
  eval: ([v, n]) => (n === null ? null : new Array(Math.max(0, int(n))).fill(v)),
});

function mapPart(
  name: string,
  which: "keys" | "values",
  usage: string,
  example: string,
): ScalarFunctionDef {
  return scalar({
    name,
    info: info(MG, usage, example, "2.0.0"),
    args: ["map"],
    result: (ts) => {
      const t = ts[0];
      if (t?.kind !== "map") return arrayType(NullT);
      return which === "keys"
        ? arrayType(t.keyType, false)
        : arrayType(t.valueType, t.valueContainsNull);
    },
    eval: ([m]) => [...(m as MapValue)[which]],
  });
}

const mapEntries = scalar({
  name: "map_entries",
  info: info(
    MG,
    "map_entries(map) - Returns an unordered array of all entries in the given map.",
    '\n    > SELECT map_entries(map(1, \'a\', 2, \'b\'));\n     [{"key":1,"value":"a"},{"key":2,"value":"b"}]\n  ',
    "3.0.0",
  ),
  args: ["map"],
  result: (ts) => {
    const t = ts[0];
    if (t?.kind !== "map") return arrayType(NullT);
    return arrayType(
      structType([
        structField("key", t.keyType, false),
        structField("value", t.valueType, t.valueContainsNull),
      ]),
      false,
    );
  },
  eval: ([m]) => (m as MapValue).keys.map((k, i) => [k, (m as MapValue).values[i] ?? null]),
});

const mapFromArrays: ScalarFunctionDef = {
  kind: "scalar",
  name: "map_from_arrays",
  info: info(
    MG,
    "map_from_arrays(keys, values) - Creates a map with a pair of the given key/value arrays. All elements in keys should not be null",
    "\n    > SELECT map_from_arrays(array(1.0, 3.0), array('2', '4'));\n     {1.0:\"2\",3.0:\"4\"}\n  ",
    "2.4.0",
  ),
  minArgs: 2,
  maxArgs: 2,
  bind: (args) => {
    const bad = requireArray(args, 0) ?? requireArray(args, 1);
    if (bad) return bad;
    const [k, v] = args.map(dataTypeOf) as [DataType, DataType];
    const kt = k.kind === "array" ? k.elementType : NullT;
    const vt = v.kind === "array" ? v.elementType : NullT;
    return call(
      "map_from_arrays",
      args,
      mapType(kt, vt, v.kind === "array" ? v.containsNull : true),
      args.some(nullableOf),
    );
  },
  eval: ([k, v], c) => {
    const keys = k as Arr;
    const values = v as Arr;
    if (keys.length !== values.length) {
      throw new FlintError("INVALID_PARAMETER_VALUE", {
        parameter: "`keys`, `values`",
        functionName: "`map_from_arrays`",
      });
    }
    return buildMap(keys, values, c.dataType.kind === "map" ? c.dataType.keyType : NullT);
  },
};

const mapContainsKey = scalar({
  name: "map_contains_key",
  info: info(
    MG,
    "map_contains_key(map, key) - Returns true if the map contains the key.",
    "\n    > SELECT map_contains_key(map(1, 'a', 2, 'b'), 1);\n     true\n  ",
    "3.3.0",
  ),
  args: ["map", "any"],
  result: BooleanT,
  eval: ([m, k], c) => {
    const t = typeOf(c.args[0] as Expression);
    const kt = t.kind === "map" ? t.keyType : NullT;
    return (m as MapValue).keys.some((x) => valuesEqual(x, k, kt));
  },
});

// ---------------------------------------------------------------------------------------
// Higher-order functions

function lambdaArg(args: readonly Expression[], i: number): TypeCheckFailure | undefined {
  const a = args[i];
  if (a?.kind === "LambdaFunction") return undefined;
  return failure("UNEXPECTED_INPUT_TYPE", {
    paramIndex: ordinalWord(i),
    requiredType: '"LAMBDA FUNCTION"',
    inputSql: a ? toSqlExpr(a) : "",
    inputType: a ? quotedType(dataTypeOf(a)) : '"VOID"',
  });
}

function lambdaBodyType(e: Expression | undefined): DataType {
  return e?.kind === "LambdaFunction" ? dataTypeOf(e.body) : NullT;
}

function hof(
  name: string,
  group: string,
  usage: string,
  example: string,
  result: (args: readonly Expression[]) => DataType,
  f: (args: readonly unknown[], c: ScalarFunction) => unknown,
  lambdaIndex = 1,
  minArgs = 2,
  maxArgs = 2,
): ScalarFunctionDef {
  return {
    kind: "scalar",
    name,
    info: info(group, usage, example, "2.4.0"),
    minArgs,
    maxArgs,
    bind: (args) => {
      const first = args[0] as Expression;
      const ft = dataTypeOf(first);
      const wantsMap = group === MG;
      if (ft.kind !== (wantsMap ? "map" : "array") && ft.kind !== "null") {
        return failure("UNEXPECTED_INPUT_TYPE", {
          paramIndex: ordinalWord(0),
          requiredType: wantsMap ? '"MAP"' : '"ARRAY"',
          inputSql: toSqlExpr(first),
          inputType: quotedType(ft),
        });
      }
      const bad = lambdaArg(args, lambdaIndex);
      if (bad) return bad;
      return call(name, args, result(args), true);
    },
    eval: f,
  };
}

const lam = (v: unknown): LambdaValue => {
  if (!isLambdaValue(v)) throw new Error("expected a lambda");
  return v;
};
const arity = (lv: LambdaValue): number => lv.fn.params.length;

const HOFS: readonly ScalarFunctionDef[] = [
  hof(
    "transform",
    AG,
    "transform(expr, func) - Transforms elements in an array using the function.",
    "\n    > SELECT transform(array(1, 2, 3), x -> x + 1);\n     [2,3,4]\n  ",
    (args) => arrayType(lambdaBodyType(args[1]), true),
    ([a, f]) => {
      const lv = lam(f);
      return (a as Arr).map((x, i) => (arity(lv) > 1 ? applyLambda(lv, x, i) : applyLambda(lv, x)));
    },
  ),
  hof(
    "filter",
    AG,
    "filter(expr, func) - Filters the input array using the given predicate.",
    "\n    > SELECT filter(array(1, 2, 3), x -> x % 2 == 1);\n     [1,3]\n  ",
    (args) => dataTypeOf(args[0] as Expression),
    ([a, f]) => {
      const lv = lam(f);
      return (a as Arr).filter(
        (x, i) => (arity(lv) > 1 ? applyLambda(lv, x, i) : applyLambda(lv, x)) === true,
      );
    },
  ),
  hof(
    "exists",
    AG,
    "exists(expr, pred) - Tests whether a predicate holds for one or more elements in the array.",
    "\n    > SELECT exists(array(1, 2, 3), x -> x % 2 == 0);\n     true\n  ",
    () => BooleanT,
    ([a, f]) => {
      const lv = lam(f);
      let sawNull = false;
      for (const x of a as Arr) {
        const r = applyLambda(lv, x);
        if (r === true) return true;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : false;
    },
  ),
  hof(
    "forall",
    AG,
    "forall(expr, pred) - Tests whether a predicate holds for all elements in the array.",
    "\n    > SELECT forall(array(1, 2, 3), x -> x % 2 == 0);\n     false\n  ",
    () => BooleanT,
    ([a, f]) => {
      const lv = lam(f);
      let sawNull = false;
      for (const x of a as Arr) {
        const r = applyLambda(lv, x);
        if (r === false) return false;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : true;
    },
  ),
  hof(
    "aggregate",
    AG,
    "aggregate(expr, start, merge, finish) - Applies a binary operator to an initial state and all elements in the array, and reduces this to a single state. The final state is converted into the final result by applying a finish function.",
    "\n    > SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x);\n     6\n  ",
    (args) => (args[3] ? lambdaBodyType(args[3]) : dataTypeOf(args[1] as Expression)),
    (args) => {
      const merge = lam(args[2]);
      let acc = args[1];
      for (const x of args[0] as Arr) acc = applyLambda(merge, acc, x);
      return args.length > 3 ? applyLambda(lam(args[3]), acc) : acc;
    },
    2,
    3,
    4,
  ),
  hof(
    "zip_with",
    AG,
    "zip_with(left, right, func) - Merges the two given arrays, element-wise, into a single array using function.",
    "\n    > SELECT zip_with(array(1, 2), array(3, 4), (x, y) -> x + y);\n     [4,6]\n  ",
    (args) => arrayType(lambdaBodyType(args[2]), true),
    ([a, b, f]) => {
      const lv = lam(f);
      const x = a as Arr;
      const y = b as Arr;
      const n = Math.max(x.length, y.length);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(applyLambda(lv, x[i] ?? null, y[i] ?? null));
      return out;
    },
    2,
    3,
    3,
  ),
  hof(
    "map_filter",
    MG,
    "map_filter(expr, func) - Filters entries in a map using the function.",
    "\n    > SELECT map_filter(map(1, 0, 2, 2, 3, -1), (k, v) -> k > v);\n     {1:0,3:-1}\n  ",
    (args) => dataTypeOf(args[0] as Expression),
    ([m, f]) => {
      const lv = lam(f);
      const mv = m as MapValue;
      const keys: unknown[] = [];
      const values: unknown[] = [];
      mv.keys.forEach((k, i) => {
        if (applyLambda(lv, k, mv.values[i] ?? null) === true) {
          keys.push(k);
          values.push(mv.values[i] ?? null);
        }
      });
      return { keys, values };
    },
  ),
  hof(
    "transform_values",
    MG,
    "transform_values(expr, func) - Transforms values in the map using the function.",
    "\n    > SELECT transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> v + 1);\n     {1:2,2:3,3:4}\n  ",
    (args) => {
      const t = dataTypeOf(args[0] as Expression);
      return mapType(t.kind === "map" ? t.keyType : NullT, lambdaBodyType(args[1]), true);
    },
    ([m, f]) => {
      const lv = lam(f);
      const mv = m as MapValue;
      return {
        keys: [...mv.keys],
        values: mv.keys.map((k, i) => applyLambda(lv, k, mv.values[i] ?? null)),
      };
    },
  ),
  hof(
    "transform_keys",
    MG,
    "transform_keys(expr, func) - Transforms elements in a map using the function.",
    "\n    > SELECT transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), (k, v) -> k + 1);\n     {2:1,3:2,4:3}\n  ",
    (args) => {
      const t = dataTypeOf(args[0] as Expression);
      return mapType(lambdaBodyType(args[1]), t.kind === "map" ? t.valueType : NullT, true);
    },
    ([m, f], c) => {
      const lv = lam(f);
      const mv = m as MapValue;
      const kt = c.dataType.kind === "map" ? c.dataType.keyType : NullT;
      return buildMap(
        mv.keys.map((k, i) => applyLambda(lv, k, mv.values[i] ?? null)),
        mv.values,
        kt,
      );
    },
  ),
];

export const COLLECTION_FUNCTIONS: readonly ScalarFunctionDef[] = [
  arrayDef,
  mapDef,
  namedStruct,
  structDef,
  sizeDef("size"),
  sizeDef("cardinality"),
  arrayContains,
  elementAt("element_at", false),
  elementAt("try_element_at", true),
  getDef,
  sortArrayDef,
  arraySort,
  scalar({
    name: "array_distinct",
    info: info(
      AG,
      "array_distinct(array) - Removes duplicate values from the array.",
      "\n    > SELECT array_distinct(array(1, 2, 3, null, 3));\n     [1,2,3,null]\n  ",
      "2.4.0",
    ),
    args: ["array"],
    result: (ts) => ts[0] ?? arrayType(NullT),
    eval: ([a], c) => distinct(a as Arr, elementTypeOf(c)),
  }),
  arrayPair(
    "array_union",
    "array_union(array1, array2) - Returns an array of the elements in the union of array1 and array2, without duplicates.",
    "\n    > SELECT array_union(array(1, 2, 3), array(1, 3, 5));\n     [1,2,3,5]\n  ",
    (a, b, t) => distinct([...a, ...b], t),
  ),
  arrayPair(
    "array_intersect",
    "array_intersect(array1, array2) - Returns an array of the elements in the intersection of array1 and array2, without duplicates.",
    "\n    > SELECT array_intersect(array(1, 2, 3), array(1, 3, 5));\n     [1,3]\n  ",
    (a, b, t) =>
      distinct(
        a.filter((x) => contains(b, x, t)),
        t,
      ),
  ),
  arrayPair(
    "array_except",
    "array_except(array1, array2) - Returns an array of the elements in array1 but not in array2, without duplicates.",
    "\n    > SELECT array_except(array(1, 2, 3), array(1, 3, 5));\n     [2]\n  ",
    (a, b, t) =>
      distinct(
        a.filter((x) => !contains(b, x, t)),
        t,
      ),
  ),
  {
    ...arrayPair(
      "arrays_overlap",
      "arrays_overlap(a1, a2) - Returns true if a1 contains at least a non-null element present also in a2. If the arrays have no common element and they are both non-empty and either of them contains a null element null is returned, false otherwise.",
      "\n    > SELECT arrays_overlap(array(1, 2, 3), array(3, 4, 5));\n     true\n  ",
      () => [],
    ),
    bind: (args, ctx) => {
      const c = coerceToCommonType("arrays_overlap", args, ctx, findWiderCommonType);
      if ("failure" in c) return c;
      return call("arrays_overlap", c.args, BooleanT, true);
    },
    eval: ([a, b], c) => {
      const t = elementTypeOf(c);
      const x = a as Arr;
      const y = b as Arr;
      if (x.some((v) => v !== null && contains(y, v, t))) return true;
      if (x.length > 0 && y.length > 0 && (x.includes(null) || y.includes(null))) return null;
      return false;
    },
  },
  arrayJoin,
  elementArg(
    "array_position",
    () => LongT,
    (a, v, t) => {
      const i = a.findIndex((x) => x !== null && valuesEqual(x, v, t));
      return BigInt(i + 1);
    },
    "array_position(array, element) - Returns the (1-based) index of the first matching element of the array as long, or 0 if no match is found.",
    "\n    > SELECT array_position(array(312, 773, 708, 708), 708);\n     3\n  ",
  ),
  elementArg(
    "array_remove",
    (t) => t,
    (a, v, t) => a.filter((x) => x === null || !valuesEqual(x, v, t)),
    "array_remove(array, element) - Remove all elements that equal to element from array.",
    "\n    > SELECT array_remove(array(1, 2, 3, null, 3), 3);\n     [1,2,null]\n  ",
  ),
  elementArg(
    "array_append",
    (t) => (t.kind === "array" ? arrayType(t.elementType, true) : t),
    (a, v) => [...a, v],
    "array_append(array, element) - Add the element at the end of the array passed as first argument.",
    "\n    > SELECT array_append(array('b', 'd', 'c', 'a'), 'd');\n     [\"b\",\"d\",\"c\",\"a\",\"d\"]\n  ",
  ),
  elementArg(
    "array_prepend",
    (t) => (t.kind === "array" ? arrayType(t.elementType, true) : t),
    (a, v) => [v, ...a],
    "array_prepend(array, element) - Add the element at the beginning of the array passed as first argument.",
    "\n    > SELECT array_prepend(array('b', 'd', 'c', 'a'), 'd');\n     [\"d\",\"b\",\"d\",\"c\",\"a\"]\n  ",
  ),
  scalar({
    name: "array_compact",
    info: info(
      AG,
      "array_compact(array) - Removes null values from the array.",
      "\n    > SELECT array_compact(array(1, 2, 3, null));\n     [1,2,3]\n  ",
      "3.4.0",
    ),
    args: ["array"],
    result: (ts) =>
      ts[0]?.kind === "array" ? arrayType(ts[0].elementType, false) : arrayType(NullT),
    eval: ([a]) => (a as Arr).filter((x) => x !== null),
  }),
  minMaxArray("array_max", 1),
  minMaxArray("array_min", -1),
  slice,
  flatten,
  sequence,
  arrayRepeat,
  mapPart(
    "map_keys",
    "keys",
    "map_keys(map) - Returns an unordered array containing the keys of the map.",
    "\n    > SELECT map_keys(map(1, 'a', 2, 'b'));\n     [1,2]\n  ",
  ),
  mapPart(
    "map_values",
    "values",
    "map_values(map) - Returns an unordered array containing the values of the map.",
    "\n    > SELECT map_values(map(1, 'a', 2, 'b'));\n     [\"a\",\"b\"]\n  ",
  ),
  mapEntries,
  mapFromArrays,
  mapContainsKey,
  ...HOFS,
];
