/**
 * More string, map, array and datetime functions: split_part, format_number, overlay,
 * soundex, map_concat, str_to_map, arrays_zip, array_size, array_insert,
 * from_utc_timestamp, to_utc_timestamp, make_timestamp, dayname, monthname,
 * timestampadd, timestampdiff, date_diff.
 */
import { FlintError } from "../../errors/index.ts";
import { findWiderCommonType } from "../../types/coercion.ts";
import {
  arrayType,
  type DataType,
  DateT,
  decimalType,
  IntegerT,
  LongT,
  type MapValue,
  mapType,
  NullT,
  StringT,
  structField,
  structType,
  TimestampT,
} from "../../types/data-types.ts";
import type { ScalarFunctionDef } from "../catalog/function-registry.ts";
import { typeOf } from "../expressions/eval/evaluate.ts";
import type { Expression } from "../expressions/expression.ts";
import { dataTypeOf, nullableOf } from "../expressions/typing.ts";
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  floorDivBig,
  isoDayOfWeek,
  localToUtc,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  utcToLocal,
} from "../expressions/values/datetime.ts";
import { divHalfEven, pow10 } from "../expressions/values/numbers.ts";
import { buildMap } from "./collection.ts";
import { addMonths, DATETIME_FUNCTIONS } from "./datetime.ts";
import { alias, call, castTo, coerceToCommonType, failure, info, scalar } from "./helpers.ts";
import { cpLength, cpSlice } from "./strings-util.ts";

const SG = "string_funcs";
const DG = "datetime_funcs";
const int = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

const splitPart = scalar({
  name: "split_part",
  info: info(
    SG,
    "split_part(str, delimiter, partNum) - Splits `str` by delimiter and return requested part of the split (1-based).",
    "\n    > SELECT split_part('11.12.13', '.', 3);\n     13\n  ",
    "3.3.0",
  ),
  args: [StringT, StringT, IntegerT],
  result: StringT,
  eval: ([s, d, n]) => {
    const k = int(n);
    if (k === 0) {
      throw new FlintError("INVALID_INDEX_OF_ZERO", {});
    }
    const parts = (d as string) === "" ? [s as string] : (s as string).split(d as string);
    const i = k > 0 ? k - 1 : parts.length + k;
    return parts[i] ?? "";
  },
});

/** Exact decimal expansion of a double (its binary value), as [unscaled, scale]. */
function exactDouble(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  let unscaled: bigint;
  let scale: number;
  if (e >= 0) {
    unscaled = mant << BigInt(e);
    scale = 0;
  } else {
    unscaled = mant * 5n ** BigInt(-e);
    scale = -e;
  }
  return [neg ? -unscaled : unscaled, scale];
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatNumber(v: unknown, t: DataType, decimals: number, grouping = true): string {
  let unscaled: bigint;
  let scale: number;
  if (t.kind === "decimal") {
    unscaled = v as bigint;
    scale = t.scale;
  } else if (typeof v === "bigint") {
    unscaled = v;
    scale = 0;
  } else if (Number.isInteger(v) && t.kind !== "double" && t.kind !== "float") {
    unscaled = BigInt(v as number);
    scale = 0;
  } else {
    [unscaled, scale] = exactDouble(v as number);
  }
  const r =
    scale > decimals
      ? divHalfEven(unscaled, pow10(scale - decimals))
      : unscaled * pow10(decimals - scale);
  const neg = r < 0n;
  const abs = (neg ? -r : r).toString().padStart(decimals + 1, "0");
  const intPart = abs.slice(0, abs.length - decimals);
  const frac = abs.slice(abs.length - decimals);
  const body = `${grouping ? groupThousands(intPart) : intPart}${decimals > 0 ? `.${frac}` : ""}`;
  return neg ? `-${body}` : body;
}

const formatNumberDef = scalar({
  name: "format_number",
  info: info(
    SG,
    "format_number(expr1, expr2) - Formats the number `expr1` like '#,###,###.##', rounded to `expr2` decimal places. If `expr2` is 0, the result has no decimal point or fractional part. `expr2` also accept a user specified format.",
    "\n    > SELECT format_number(12332.123456, 4);\n     12,332.1235\n  ",
    "1.5.0",
  ),
  args: ["numeric", { oneOf: [IntegerT, StringT] }],
  result: StringT,
  nullable: true,
  eval: ([v, d], c) => {
    const t = typeOf(c.args[0] as Expression);
    if (typeof d === "string") {
      const dot = d.indexOf(".");
      const decimals = dot < 0 ? 0 : d.length - dot - 1;
      return formatNumber(v, t, decimals, d.includes(","));
    }
    const n = int(d);
    return n < 0 ? null : formatNumber(v, t, n);
  },
});

const overlay = scalar({
  name: "overlay",
  info: info(
    SG,
    "overlay(input, replace, pos[, len]) - Replace `input` with `replace` that starts at `pos` and is of length `len`.",
    "\n    > SELECT overlay('Spark SQL' PLACING '_' FROM 6);\n     Spark_SQL\n  ",
    "3.0.0",
  ),
  args: [StringT, StringT, IntegerT, IntegerT],
  minArgs: 3,
  maxArgs: 4,
  result: StringT,
  eval: (args) => {
    const s = args[0] as string;
    const r = args[1] as string;
    const pos = int(args[2]);
    const len = args.length > 3 ? int(args[3]) : cpLength(r);
    const n = cpLength(s);
    const start = Math.max(pos - 1, 0);
    return cpSlice(s, 0, start) + r + cpSlice(s, Math.min(start + Math.max(len, 0), n), n);
  },
});

const SOUNDEX = "01230120022455012623010202";

const soundex = scalar({
  name: "soundex",
  info: info(
    SG,
    "soundex(str) - Returns Soundex code of the string.",
    "\n    > SELECT soundex('Miller');\n     M460\n  ",
    "1.5.0",
  ),
  args: [StringT],
  result: StringT,
  eval: ([v]) => {
    const s = v as string;
    const first = s[0]?.toUpperCase() ?? "";
    if (!/[A-Z]/.test(first)) return s;
    let out = first;
    let last = SOUNDEX[first.charCodeAt(0) - 65];
    for (let i = 1; i < s.length && out.length < 4; i++) {
      const ch = (s[i] as string).toUpperCase();
      const code = ch >= "A" && ch <= "Z" ? SOUNDEX[ch.charCodeAt(0) - 65] : undefined;
      if (code === undefined) continue;
      if (code !== "0" && code !== last) out += code;
      if (ch !== "H" && ch !== "W") last = code;
    }
    return out.padEnd(4, "0");
  },
});

const mapConcat: ScalarFunctionDef = {
  kind: "scalar",
  name: "map_concat",
  info: info(
    "map_funcs",
    "map_concat(map, ...) - Returns the union of all the given maps",
    "\n    > SELECT map_concat(map(1, 'a', 2, 'b'), map(3, 'c'));\n     {1:\"a\",2:\"b\",3:\"c\"}\n  ",
    "2.4.0",
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args, ctx) => {
    if (args.length === 0) return call("map_concat", [], mapType(StringT, StringT), false);
    const c = coerceToCommonType("map_concat", args, ctx, findWiderCommonType);
    if ("failure" in c) return c;
    return call("map_concat", c.args, c.type, c.args.some(nullableOf));
  },
  eval: (args, c) => {
    const keys: unknown[] = [];
    const values: unknown[] = [];
    for (const m of args as MapValue[]) {
      keys.push(...m.keys);
      values.push(...m.values);
    }
    return buildMap(keys, values, c.dataType.kind === "map" ? c.dataType.keyType : NullT);
  },
};

const strToMap = scalar({
  name: "str_to_map",
  info: info(
    "map_funcs",
    "str_to_map(text[, pairDelim[, keyValueDelim]]) - Creates a map after splitting the text into key/value pairs using delimiters. Default delimiters are ',' for `pairDelim` and ':' for `keyValueDelim`.",
    '\n    > SELECT str_to_map(\'a:1,b:2,c:3\', \',\', \':\');\n     {"a":"1","b":"2","c":"3"}\n  ',
    "2.0.1",
  ),
  args: [StringT, StringT, StringT],
  minArgs: 1,
  maxArgs: 3,
  result: mapType(StringT, StringT, true),
  eval: (args) => {
    const pair = args.length > 1 ? (args[1] as string) : ",";
    const kv = args.length > 2 ? (args[2] as string) : ":";
    const keys: string[] = [];
    const values: (string | null)[] = [];
    for (const p of (args[0] as string).split(new RegExp(pair))) {
      const i = p.search(new RegExp(kv));
      keys.push(i < 0 ? p : p.slice(0, i));
      values.push(i < 0 ? null : p.slice(i + (new RegExp(kv).exec(p.slice(i))?.[0].length ?? 1)));
    }
    return buildMap(keys, values, StringT);
  },
});

const arraysZip: ScalarFunctionDef = {
  kind: "scalar",
  name: "arrays_zip",
  info: info(
    "array_funcs",
    "arrays_zip(a1, a2, ...) - Returns a merged array of structs in which the N-th struct contains all N-th values of input arrays.",
    '\n    > SELECT arrays_zip(array(1, 2, 3), array(2, 3, 4));\n     [{"0":1,"1":2},{"0":2,"1":3},{"0":3,"1":4}]\n  ',
    "2.4.0",
  ),
  minArgs: 0,
  maxArgs: Number.POSITIVE_INFINITY,
  bind: (args) => {
    const fields = args.map((a, i) => {
      const t = dataTypeOf(a);
      const name = a.kind === "AttributeReference" ? a.name : String(i);
      return structField(name, t.kind === "array" ? t.elementType : NullT, true);
    });
    return call("arrays_zip", args, arrayType(structType(fields), false), args.some(nullableOf));
  },
  eval: (args) => {
    const arrays = args as (readonly unknown[])[];
    const n = Math.max(0, ...arrays.map((a) => a.length));
    const out: unknown[][] = [];
    for (let i = 0; i < n; i++) out.push(arrays.map((a) => a[i] ?? null));
    return out;
  },
};

const arraySize = scalar({
  name: "array_size",
  info: info(
    "array_funcs",
    "array_size(expr) - Returns the size of an array. The function returns null for null input.",
    "\n    > SELECT array_size(array('b', 'd', 'c', 'a'));\n     4\n  ",
    "3.3.0",
  ),
  args: ["array"],
  result: IntegerT,
  eval: ([a]) => (a as readonly unknown[]).length,
});

const arrayInsert: ScalarFunctionDef = {
  kind: "scalar",
  name: "array_insert",
  info: info(
    "array_funcs",
    "array_insert(x, pos, val) - Places val into index pos of array x. Array indices start at 1. The maximum negative index is -1 for which the function inserts new element after the current last element.",
    "\n    > SELECT array_insert(array(1, 2, 3, 4), 5, 5);\n     [1,2,3,4,5]\n  ",
    "3.4.0",
  ),
  minArgs: 3,
  maxArgs: 3,
  nullSafe: true,
  bind: (args, ctx) => {
    const [a, p, v] = args as [Expression, Expression, Expression];
    const at = dataTypeOf(a);
    const et = at.kind === "array" ? at.elementType : NullT;
    const common = findWiderCommonType([et, dataTypeOf(v)]) ?? et;
    return call(
      "array_insert",
      [castTo(a, arrayType(common, true), ctx), castTo(p, IntegerT, ctx), castTo(v, common, ctx)],
      arrayType(common, true),
      nullableOf(a) || nullableOf(p),
    );
  },
  eval: ([a, p, v]) => {
    if (a === null || p === null) return null;
    const arr = [...(a as readonly unknown[])];
    const pos = int(p);
    if (pos === 0) throw new FlintError("INVALID_INDEX_OF_ZERO", {});
    if (pos > 0) {
      while (arr.length < pos - 1) arr.push(null);
      arr.splice(pos - 1, 0, v);
      return arr;
    }
    const idx = arr.length + pos + 1;
    if (idx < 0) {
      const pad = new Array<unknown>(-idx).fill(null);
      return [v, ...pad, ...arr];
    }
    arr.splice(idx, 0, v);
    return arr;
  },
};

function zoneShift(name: string, toUtc: boolean): ScalarFunctionDef {
  return scalar({
    name,
    info: info(
      DG,
      `${name}(timestamp, timezone) - Given a timestamp like '2017-07-14 02:40:00.0', interprets it as a time in ${toUtc ? "the given time zone, and renders that time as a timestamp in UTC" : "UTC, and renders that time as a timestamp in the given time zone"}.`,
      `\n    > SELECT ${name}('2016-08-31', 'Asia/Seoul');\n     ${toUtc ? "2016-08-30 15:00:00" : "2016-08-31 09:00:00"}\n  `,
      "1.5.0",
    ),
    args: [TimestampT, StringT],
    result: TimestampT,
    // Spark's convertTz: the wall clock of one zone read in the other.
    eval: ([t, z]) =>
      toUtc ? localToUtc(t as bigint, z as string) : utcToLocal(t as bigint, z as string),
  });
}

const makeTimestamp = scalar({
  name: "make_timestamp",
  info: info(
    DG,
    "make_timestamp(year, month, day, hour, min, sec[, timezone]) - Create timestamp from year, month, day, hour, min, sec and timezone fields.",
    "\n    > SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887);\n     2014-12-28 06:30:45.887\n  ",
    "3.0.0",
  ),
  args: [IntegerT, IntegerT, IntegerT, IntegerT, IntegerT, decimalType(16, 6), StringT],
  minArgs: 6,
  maxArgs: 7,
  result: TimestampT,
  nullable: true,
  options: (ctx) => ({ timeZone: ctx.sessionTimeZone, ansi: ctx.ansi }),
  eval: (args, c) => {
    const [y, mo, d, h, mi] = args.slice(0, 5).map(int) as [number, number, number, number, number];
    const secMicros = args[5] as bigint;
    const zone = args.length > 6 ? (args[6] as string) : String(c.options.timeZone ?? "UTC");
    const bad =
      mo < 1 ||
      mo > 12 ||
      d < 1 ||
      d > daysInMonth(y, mo) ||
      h < 0 ||
      h > 23 ||
      mi < 0 ||
      mi > 59 ||
      secMicros < 0n ||
      secMicros > 60_000_000n;
    if (bad) {
      if (c.options.ansi) {
        throw new FlintError("DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", {
          rangeMessage: "Invalid date or time field",
        });
      }
      return null;
    }
    const local =
      BigInt(daysFromCivil(y, mo, d)) * MICROS_PER_DAY +
      BigInt(h * 3600 + mi * 60) * MICROS_PER_SECOND +
      secMicros;
    return localToUtc(local, zone);
  },
});

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

const dayname = scalar({
  name: "dayname",
  info: info(
    DG,
    "dayname(date) - Returns the three-letter abbreviated day name from the given date.",
    "\n    > SELECT dayname(DATE('2008-02-20'));\n     Wed\n  ",
    "4.0.0",
  ),
  args: [DateT],
  result: StringT,
  eval: ([d]) => DAY_NAMES[isoDayOfWeek(d as number) - 1],
});

const monthname = scalar({
  name: "monthname",
  info: info(
    DG,
    "monthname(date) - Returns the three-letter abbreviated month name from the given date.",
    "\n    > SELECT monthname('2008-02-20');\n     Feb\n  ",
    "4.0.0",
  ),
  args: [DateT],
  result: StringT,
  eval: ([d]) => MONTH_NAMES[civilFromDays(d as number)[1] - 1],
});

const UNIT_MICROS: Readonly<Record<string, bigint>> = {
  MICROSECOND: 1n,
  MILLISECOND: 1000n,
  SECOND: MICROS_PER_SECOND,
  MINUTE: 60n * MICROS_PER_SECOND,
  HOUR: 3600n * MICROS_PER_SECOND,
  DAY: MICROS_PER_DAY,
  WEEK: 7n * MICROS_PER_DAY,
};
const UNIT_MONTHS: Readonly<Record<string, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

function unitOf(e: Expression | undefined): string | undefined {
  if (e?.kind !== "Literal" || typeof e.value !== "string") return undefined;
  const u = e.value.toUpperCase().replace(/S$/, "");
  return u in UNIT_MICROS || u in UNIT_MONTHS ? u : undefined;
}

const timestampAdd: ScalarFunctionDef = {
  kind: "scalar",
  name: "timestampadd",
  info: info(
    DG,
    "timestampadd(unit, quantity, timestamp) - Adds the specified number of units to the given timestamp.",
    "\n    > SELECT timestampadd(HOUR, 8, timestamp_ntz'2022-02-11 20:30:00');\n     2022-02-12 04:30:00\n  ",
    "3.3.0",
  ),
  minArgs: 3,
  maxArgs: 3,
  bind: (args, ctx) => {
    const unit = unitOf(args[0]);
    if (!unit)
      return failure("INVALID_PARAMETER_VALUE", {
        parameter: "`unit`",
        functionName: "`timestampadd`",
      });
    const [, q, t] = args as [Expression, Expression, Expression];
    return call(
      "timestampadd",
      [args[0] as Expression, castTo(q, LongT, ctx), castTo(t, TimestampT, ctx)],
      TimestampT,
      nullableOf(q) || nullableOf(t),
      true,
      { unit, timeZone: ctx.sessionTimeZone },
    );
  },
  eval: ([, q, t], c) => {
    const unit = String(c.options.unit);
    const zone = String(c.options.timeZone ?? "UTC");
    const months = UNIT_MONTHS[unit];
    if (months !== undefined) {
      const local = utcToLocal(t as bigint, zone);
      const days = floorDivBig(local, MICROS_PER_DAY);
      const inDay = local - days * MICROS_PER_DAY;
      const nd = addMonths(Number(days), Number(q as bigint) * months);
      return localToUtc(BigInt(nd) * MICROS_PER_DAY + inDay, zone);
    }
    const size = UNIT_MICROS[unit] ?? 1n;
    if (unit === "DAY" || unit === "WEEK") {
      const local = utcToLocal(t as bigint, zone);
      return localToUtc(local + (q as bigint) * size, zone);
    }
    return (t as bigint) + (q as bigint) * size;
  },
};

const timestampDiff: ScalarFunctionDef = {
  kind: "scalar",
  name: "timestampdiff",
  info: info(
    DG,
    "timestampdiff(unit, startTimestamp, endTimestamp) - Gets the difference between the timestamps in the specified units by truncating the fraction part.",
    "\n    > SELECT timestampdiff(HOUR, timestamp_ntz'2022-02-11 20:30:00', timestamp_ntz'2022-02-12 04:30:00');\n     8\n  ",
    "3.3.0",
  ),
  minArgs: 3,
  maxArgs: 3,
  bind: (args, ctx) => {
    const unit = unitOf(args[0]);
    if (!unit)
      return failure("INVALID_PARAMETER_VALUE", {
        parameter: "`unit`",
        functionName: "`timestampdiff`",
      });
    const [, a, b] = args as [Expression, Expression, Expression];
    return call(
      "timestampdiff",
      [args[0] as Expression, castTo(a, TimestampT, ctx), castTo(b, TimestampT, ctx)],
      LongT,
      nullableOf(a) || nullableOf(b),
      true,
      { unit, timeZone: ctx.sessionTimeZone },
    );
  },
  eval: ([, a, b], c) => {
    const unit = String(c.options.unit);
    const zone = String(c.options.timeZone ?? "UTC");
    const months = UNIT_MONTHS[unit];
    if (months !== undefined) {
      const la = utcToLocal(a as bigint, zone);
      const lb = utcToLocal(b as bigint, zone);
      const da = Number(floorDivBig(la, MICROS_PER_DAY));
      const db = Number(floorDivBig(lb, MICROS_PER_DAY));
      const [y1, m1] = civilFromDays(da);
      const [y2, m2] = civilFromDays(db);
      let diff = (y2 - y1) * 12 + (m2 - m1);
      // Whole months only: step back when the end is earlier in its month than the start.
      const ta = la - BigInt(daysFromCivil(y1, m1, 1)) * MICROS_PER_DAY;
      const tb = lb - BigInt(daysFromCivil(y2, m2, 1)) * MICROS_PER_DAY;
      if (diff > 0 && tb < ta) diff--;
      if (diff < 0 && tb > ta) diff++;
      return BigInt(Math.trunc(diff / months));
    }
    // Spark measures between local date-times, so a DST day still has 24 hours.
    const la = utcToLocal(a as bigint, zone);
    const lb = utcToLocal(b as bigint, zone);
    return (lb - la) / (UNIT_MICROS[unit] ?? 1n);
  },
};

const dateDiff = DATETIME_FUNCTIONS.find((d) => d.name === "datediff");

export const EXTRA_FUNCTIONS: readonly ScalarFunctionDef[] = [
  ...(dateDiff ? [alias(dateDiff, "date_diff")] : []),
  splitPart,
  formatNumberDef,
  overlay,
  soundex,
  mapConcat,
  strToMap,
  arraysZip,
  arraySize,
  arrayInsert,
  zoneShift("from_utc_timestamp", false),
  zoneShift("to_utc_timestamp", true),
  makeTimestamp,
  dayname,
  monthname,
  timestampAdd,
  timestampDiff,
];
