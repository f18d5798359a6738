/**
 * `functions` (imported as `F`): column functions named as in PySpark. Arguments that
 * are strings name columns; use `lit` for string values. Each call builds an unresolved
 * function that the analyzer binds against the function registry, so a function is
 * available here exactly when the registry has it; `call_function` reaches any of them.
 */
import type { Expression } from "../catalyst/expressions/expression.ts";
import { literalOf, unresolvedFunction } from "../catalyst/expressions/factories.ts";
import { Column, type ColumnOrValue, colExpr, valueExpr } from "./column.ts";

type ColumnLike = Column | string;

const f = Object.freeze;

function call(name: string, ...args: Expression[]): Column {
  return new Column(unresolvedFunction(name, args));
}

const unary =
  (name: string) =>
  (c: ColumnLike): Column =>
    call(name, colExpr(c));

const variadic =
  (name: string) =>
  (...cols: ColumnLike[]): Column =>
    call(name, ...cols.map(colExpr));

export function col(name: string): Column {
  return new Column(colExpr(name));
}
export const column = col;

export function lit(value: ColumnOrValue): Column {
  return value instanceof Column ? value : new Column(valueExpr(value));
}

/** Any registered function by name: `call_function("upper", col("a"))`. */
export function call_function(name: string, ...cols: ColumnLike[]): Column {
  return call(name, ...cols.map(colExpr));
}

export function when(condition: Column, value: ColumnOrValue): Column {
  return new Column(
    f({
      kind: "CaseWhen",
      branches: f([f([condition.expr, valueExpr(value)] as const)]),
      elseValue: null,
    }),
  );
}

// --- aggregates
export const sum = unary("sum");
export const avg = unary("avg");
export const mean = unary("avg");
export const min = unary("min");
export const max = unary("max");
export const collect_list = unary("collect_list");
export const collect_set = unary("collect_set");
export const stddev = unary("stddev");
export const stddev_samp = unary("stddev_samp");
export const stddev_pop = unary("stddev_pop");
export const variance = unary("variance");
export const var_samp = unary("var_samp");
export const var_pop = unary("var_pop");
export const count_if = unary("count_if");
export const any_value = unary("any_value");
export const median = unary("median");
export const mode = unary("mode");
export const bool_and = unary("bool_and");
export const bool_or = unary("bool_or");

export function count(c: ColumnLike): Column {
  return call("count", c === "*" ? literalOf(1) : colExpr(c));
}

export function countDistinct(...cols: ColumnLike[]): Column {
  return new Column(unresolvedFunction("count", cols.map(colExpr), true));
}
export const count_distinct = countDistinct;

export function sumDistinct(c: ColumnLike): Column {
  return new Column(unresolvedFunction("sum", [colExpr(c)], true));
}
export const sum_distinct = sumDistinct;

export function first(c: ColumnLike, ignorenulls = false): Column {
  return call("first", colExpr(c), literalOf(ignorenulls));
}

export function last(c: ColumnLike, ignorenulls = false): Column {
  return call("last", colExpr(c), literalOf(ignorenulls));
}

export function approx_count_distinct(c: ColumnLike, rsd?: number): Column {
  return rsd === undefined
    ? call("approx_count_distinct", colExpr(c))
    : call("approx_count_distinct", colExpr(c), literalOf(rsd));
}

export function max_by(c: ColumnLike, ord: ColumnLike): Column {
  return call("max_by", colExpr(c), colExpr(ord));
}

export function min_by(c: ColumnLike, ord: ColumnLike): Column {
  return call("min_by", colExpr(c), colExpr(ord));
}

// --- window functions
export const row_number = (): Column => call("row_number");
export const rank = (): Column => call("rank");
export const dense_rank = (): Column => call("dense_rank");
export const percent_rank = (): Column => call("percent_rank");
export const cume_dist = (): Column => call("cume_dist");
export const ntile = (n: number): Column => call("ntile", literalOf(n));

export function lag(c: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return call("lag", colExpr(c), literalOf(offset), valueExpr(defaultValue));
}

export function lead(c: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return call("lead", colExpr(c), literalOf(offset), valueExpr(defaultValue));
}

export function nth_value(c: ColumnLike, offset: number, ignoreNulls = false): Column {
  return call("nth_value", colExpr(c), literalOf(offset), literalOf(ignoreNulls));
}

// --- null handling and conditionals
export const coalesce = variadic("coalesce");
export const greatest = variadic("greatest");
export const least = variadic("least");
export const isnull = unary("isnull");
export const isnotnull = unary("isnotnull");
export const isnan = unary("isnan");
export const nvl = (a: ColumnLike, b: ColumnLike): Column => call("nvl", colExpr(a), colExpr(b));
export const nullif = (a: ColumnLike, b: ColumnLike): Column =>
  call("nullif", colExpr(a), colExpr(b));
export const ifnull = (a: ColumnLike, b: ColumnLike): Column =>
  call("ifnull", colExpr(a), colExpr(b));

// --- math
export const abs = unary("abs");
export const sqrt = unary("sqrt");
export const exp = unary("exp");
export const ln = unary("ln");
export const log10 = unary("log10");
export const log2 = unary("log2");
export const ceil = unary("ceil");
export const floor = unary("floor");
export const signum = unary("signum");
export const sin = unary("sin");
export const cos = unary("cos");
export const tan = unary("tan");
export const negative = unary("negative");

export function round(c: ColumnLike, scale = 0): Column {
  return call("round", colExpr(c), literalOf(scale));
}

export function bround(c: ColumnLike, scale = 0): Column {
  return call("bround", colExpr(c), literalOf(scale));
}

export function pow(a: ColumnLike, b: ColumnOrValue): Column {
  return call("pow", colExpr(a), typeof b === "string" ? colExpr(b) : valueExpr(b));
}

export function pmod(a: ColumnLike, b: ColumnOrValue): Column {
  return call("pmod", colExpr(a), typeof b === "string" ? colExpr(b) : valueExpr(b));
}

export function rand(seed?: number): Column {
  return seed === undefined ? call("rand") : call("rand", literalOf(seed));
}

export function randn(seed?: number): Column {
  return seed === undefined ? call("randn") : call("randn", literalOf(seed));
}

// --- strings
export const upper = unary("upper");
export const lower = unary("lower");
export const length = unary("length");
export const trim = unary("trim");
export const ltrim = unary("ltrim");
export const rtrim = unary("rtrim");
export const reverse = unary("reverse");
export const initcap = unary("initcap");
export const ascii = unary("ascii");
export const concat = variadic("concat");

export function concat_ws(sep: string, ...cols: ColumnLike[]): Column {
  return call("concat_ws", literalOf(sep), ...cols.map(colExpr));
}

export function substring(c: ColumnLike, pos: number, len: number): Column {
  return call("substring", colExpr(c), literalOf(pos), literalOf(len));
}

export function lpad(c: ColumnLike, len: number, pad: string): Column {
  return call("lpad", colExpr(c), literalOf(len), literalOf(pad));
}

export function rpad(c: ColumnLike, len: number, pad: string): Column {
  return call("rpad", colExpr(c), literalOf(len), literalOf(pad));
}

export function repeat(c: ColumnLike, n: number): Column {
  return call("repeat", colExpr(c), literalOf(n));
}

export function split(c: ColumnLike, pattern: string, limit = -1): Column {
  return call("split", colExpr(c), literalOf(pattern), literalOf(limit));
}

export function regexp_replace(c: ColumnLike, pattern: string, replacement: string): Column {
  return call("regexp_replace", colExpr(c), literalOf(pattern), literalOf(replacement));
}

export function regexp_extract(c: ColumnLike, pattern: string, idx: number): Column {
  return call("regexp_extract", colExpr(c), literalOf(pattern), literalOf(idx));
}

export function instr(c: ColumnLike, substr: string): Column {
  return call("instr", colExpr(c), literalOf(substr));
}

export function translate(c: ColumnLike, matching: string, replace: string): Column {
  return call("translate", colExpr(c), literalOf(matching), literalOf(replace));
}

export function format_string(format: string, ...cols: ColumnLike[]): Column {
  return call("format_string", literalOf(format), ...cols.map(colExpr));
}

// --- dates and times
export const current_date = (): Column => call("current_date");
export const current_timestamp = (): Column => call("current_timestamp");
export const year = unary("year");
export const month = unary("month");
export const dayofmonth = unary("dayofmonth");
export const dayofweek = unary("dayofweek");
export const hour = unary("hour");
export const minute = unary("minute");
export const second = unary("second");
export const to_date = unary("to_date");
export const to_timestamp = unary("to_timestamp");

export function date_add(c: ColumnLike, days: number): Column {
  return call("date_add", colExpr(c), literalOf(days));
}

export function date_sub(c: ColumnLike, days: number): Column {
  return call("date_sub", colExpr(c), literalOf(days));
}

export function datediff(end: ColumnLike, start: ColumnLike): Column {
  return call("datediff", colExpr(end), colExpr(start));
}

export function date_format(c: ColumnLike, format: string): Column {
  return call("date_format", colExpr(c), literalOf(format));
}

export function date_trunc(format: string, c: ColumnLike): Column {
  return call("date_trunc", literalOf(format), colExpr(c));
}

// --- collections and structs
export const array = variadic("array");
export const struct = variadic("struct");
export const explode = unary("explode");
export const explode_outer = unary("explode_outer");
export const posexplode = unary("posexplode");
export const size = unary("size");
export const sort_array = unary("sort_array");
export const array_distinct = unary("array_distinct");
export const map_keys = unary("map_keys");
export const map_values = unary("map_values");
export const create_map = variadic("map");

export function array_contains(c: ColumnLike, value: ColumnOrValue): Column {
  return call("array_contains", colExpr(c), valueExpr(value));
}

export function element_at(c: ColumnLike, key: ColumnOrValue): Column {
  return call("element_at", colExpr(c), valueExpr(key));
}

// --- hashes
export const hash = variadic("hash");
export const xxhash64 = variadic("xxhash64");
export const md5 = unary("md5");
export const sha1 = unary("sha1");
export const crc32 = unary("crc32");

export function sha2(c: ColumnLike, numBits: number): Column {
  return call("sha2", colExpr(c), literalOf(numBits));
}

// --- misc
export const monotonically_increasing_id = (): Column => call("monotonically_increasing_id");
export const spark_partition_id = (): Column => call("spark_partition_id");

/** Marks a DataFrame for broadcast in joins (`F.broadcast(df)`), as in PySpark. */
export { broadcast } from "./hints.ts";
